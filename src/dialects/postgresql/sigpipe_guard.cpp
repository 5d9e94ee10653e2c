#include "sigpipe_guard.hpp"

#include <pthread.h>

#include <ctime>

namespace retort::postgresql {

namespace {

sigset_t only_sigpipe() noexcept {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    return set;
}

bool sigpipe_pending() noexcept {
    sigset_t pending;
    sigemptyset(&pending);
    return sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
}

}  // namespace

SigpipeGuard::SigpipeGuard() noexcept : was_pending_(sigpipe_pending()) {
    const sigset_t sigpipe = only_sigpipe();
    pthread_sigmask(SIG_BLOCK, &sigpipe, &previous_mask_);
}

SigpipeGuard::~SigpipeGuard() {
    if (!was_pending_ && sigpipe_pending()) {
        // Ours: take it off the thread before unblocking, or it would be delivered now.
        const sigset_t sigpipe = only_sigpipe();
        const timespec no_wait{};
        sigtimedwait(&sigpipe, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

}  // namespace retort::postgresql
