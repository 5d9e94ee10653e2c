#pragma once

#include <signal.h>

namespace retort::postgresql {

/// While alive, a SIGPIPE raised on this thread neither ends the process nor reaches the
/// application's handler: it is blocked, and one raised meanwhile is discarded on the way
/// out. libpq guards its own connection's writes this way (or with MSG_NOSIGNAL), but
/// PQcancel() writes its request with a plain send(): to a peer that has already reset the
/// cancel connection (a proxy, a server going down), that raises SIGPIPE, whose default
/// action ends the process.
class SigpipeGuard {
  public:
    SigpipeGuard() noexcept;
    ~SigpipeGuard();
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

  private:
    sigset_t previous_mask_;
    bool was_pending_ = false;  // someone else's SIGPIPE, already waiting: left alone
};

}  // namespace retort::postgresql
