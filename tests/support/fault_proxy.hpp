// A TCP proxy on 127.0.0.1 between a client and a server, for failure tests: it forwards bytes
// both ways until told to stall (forward nothing while every socket stays open: a silent peer
// whose kernel still acknowledges packets, like a hung proxy or pooler) or to cut (close every
// connection it carries).
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace retort::testing {

class FaultProxy {
  public:
    FaultProxy(std::string target_host, int target_port);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    /// The port it listens on, on 127.0.0.1.
    int port() const noexcept { return port_; }
    /// Forwards nothing for `duration` (bounded, so that a test of a hang cannot hang).
    void stall_for(std::chrono::milliseconds duration);
    /// Ends a stall early.
    void resume();
    /// Closes every connection it carries (new ones are still accepted).
    void cut();

  private:
    void accept_loop();
    void pump(int client, int server);
    bool stalled() const;

    std::string target_host_;
    int target_port_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<std::int64_t> stalled_until_{0};  // steady_clock ticks
    std::mutex mutex_;
    std::vector<int> sockets_;
    std::vector<std::thread> pumps_;
    std::thread acceptor_;
};

}  // namespace retort::testing
