// A TCP proxy on 127.0.0.1 between a client and a server, for failure tests. It forwards bytes
// both ways until told otherwise:
// - stall: forward nothing while every socket stays open (a silent peer whose kernel still
//   acknowledges packets, like a hung proxy or pooler), for all connections or for those open now;
// - drop replies: the server hears the client, the client hears nothing back;
// - cut: close connections (FIN), reset them (RST), cut them after N more bytes, or cut the one
//   that sends a given text, with or without delivering it first;
// - refuse: new connections are reset at once; delay: every chunk waits a while.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
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
    /// Forwards nothing on the connections open now (until resume()); new ones work.
    void stall_existing();
    /// Ends every stall early, and stops dropping replies.
    void resume();
    /// On the connections open now, what the server sends is dropped: it hears the client, the
    /// client hears nothing (until resume()).
    void drop_replies_on_existing();
    /// Closes every connection it carries (new ones are still accepted).
    void cut();
    /// Resets every connection it carries (RST: the peers see ECONNRESET).
    void reset();
    /// The next chunk a client sends that contains `text` ends its connection: delivered to the
    /// server first when `deliver`, dropped otherwise. One-shot.
    void cut_when_client_sends(std::string text, bool deliver);
    /// The connections open now are cut once `bytes` more have been forwarded (either way).
    void cut_after_bytes(long bytes);
    /// While set, new connections are reset as soon as they are accepted.
    void refuse(bool refusing);
    /// Each chunk forwarded waits `delay` first.
    void delay(std::chrono::milliseconds delay);
    /// Connections ended by cut_when_client_sends since the proxy started.
    int triggered() const noexcept { return triggered_; }

  private:
    struct Link {
        int client = -1;
        int server = -1;
        std::atomic<bool> stalled{false};
        std::atomic<bool> dropping_replies{false};
        std::atomic<long> bytes_left{-1};  // cut after this many more; -1: no limit
    };
    /// Forwards `data`, or what the link's byte budget allows of it; false when it is to end.
    bool forward(Link& link, int to, const char* data, long size);
    void accept_loop();
    void pump(const std::shared_ptr<Link>& link);
    bool stalled() const;
    bool forward_from_client(Link& link, const char* data, long size);
    template <class F>
    void for_each_link(F&& f);

    std::string target_host_;
    int target_port_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> refusing_{false};
    std::atomic<std::int64_t> stalled_until_{0};  // steady_clock ticks
    std::atomic<std::int64_t> delay_ms_{0};
    std::atomic<int> triggered_{0};
    std::mutex mutex_;
    std::string cut_text_;  // armed by cut_when_client_sends, empty otherwise
    bool deliver_cut_text_ = false;
    std::vector<std::shared_ptr<Link>> links_;
    std::vector<std::thread> pumps_;
    std::thread acceptor_;
};

}  // namespace retort::testing
