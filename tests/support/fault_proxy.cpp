#include "support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace retort::testing {

namespace {
using Clock = std::chrono::steady_clock;

int connect_to(const std::string& host, int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (fd < 0 || ::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (fd >= 0) ::close(fd);
        return -1;
    }
    return fd;
}

// Writes all of `data`; false when the peer is gone.
bool write_all(int fd, const char* data, ssize_t size) {
    while (size > 0) {
        ssize_t written = ::send(fd, data, static_cast<std::size_t>(size), MSG_NOSIGNAL);
        if (written <= 0) return false;
        data += written;
        size -= written;
    }
    return true;
}

// A close that sends RST instead of FIN.
void reset_socket(int fd) {
    linger abort_close{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_close, sizeof abort_close);
    ::shutdown(fd, SHUT_RDWR);
}
}  // namespace

FaultProxy::FaultProxy(std::string target_host, int target_port)
    : target_host_(std::move(target_host)), target_port_(target_port) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 64) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("FaultProxy: cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    acceptor_.join();
    cut();
    for (auto& pump : pumps_) pump.join();
}

template <class F>
void FaultProxy::for_each_link(F&& f) {
    std::lock_guard lock(mutex_);
    for (const auto& link : links_) f(*link);
}

void FaultProxy::stall_for(std::chrono::milliseconds duration) {
    stalled_until_ = (Clock::now() + duration).time_since_epoch().count();
}

void FaultProxy::stall_existing() {
    for_each_link([](Link& link) { link.stalled = true; });
}

void FaultProxy::resume() {
    stalled_until_ = 0;
    for_each_link([](Link& link) {
        link.stalled = false;
        link.dropping_replies = false;
    });
}

void FaultProxy::drop_replies_on_existing() {
    for_each_link([](Link& link) { link.dropping_replies = true; });
}

bool FaultProxy::stalled() const {
    return Clock::now().time_since_epoch().count() < stalled_until_.load();
}

void FaultProxy::cut() {
    for_each_link([](Link& link) {
        ::shutdown(link.client, SHUT_RDWR);
        ::shutdown(link.server, SHUT_RDWR);
    });
}

void FaultProxy::reset() {
    for_each_link([](Link& link) {
        reset_socket(link.client);
        reset_socket(link.server);
    });
}

void FaultProxy::cut_when_client_sends(std::string text, bool deliver) {
    std::lock_guard lock(mutex_);
    cut_text_ = std::move(text);
    deliver_cut_text_ = deliver;
}

void FaultProxy::cut_after_bytes(long bytes) {
    for_each_link([bytes](Link& link) { link.bytes_left = bytes; });
}

bool FaultProxy::forward(Link& link, int to, const char* data, long size) {
    long budget = link.bytes_left;
    if (budget < 0) return write_all(to, data, size);
    const long sent = std::min(budget, size);
    link.bytes_left = budget - sent;
    if (sent > 0 && !write_all(to, data, sent)) return false;
    return sent == size && budget - sent > 0;
}

void FaultProxy::refuse(bool refusing) {
    refusing_ = refusing;
}

void FaultProxy::delay(std::chrono::milliseconds delay) {
    delay_ms_ = delay.count();
}

void FaultProxy::accept_loop() {
    while (!stopping_) {
        int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) continue;
        if (stopping_ || refusing_) {
            reset_socket(client);
            ::close(client);
            if (stopping_) break;
            continue;
        }
        int server = connect_to(target_host_, target_port_);
        if (server < 0) {
            reset_socket(client);
            ::close(client);
            continue;
        }
        auto link = std::make_shared<Link>();
        link->client = client;
        link->server = server;
        std::lock_guard lock(mutex_);
        links_.push_back(link);
        pumps_.emplace_back([this, link] { pump(link); });
    }
}

// Forwards a chunk the client sent; false when the connection is to end.
bool FaultProxy::forward_from_client(Link& link, const char* data, long size) {
    {
        std::lock_guard lock(mutex_);
        if (!cut_text_.empty() &&
            std::search(data, data + size, cut_text_.begin(), cut_text_.end()) != data + size) {
            cut_text_.clear();
            if (deliver_cut_text_) write_all(link.server, data, size);
            ++triggered_;
            return false;
        }
    }
    return forward(link, link.server, data, size);
}

void FaultProxy::pump(const std::shared_ptr<Link>& link) {
    pollfd fds[2] = {{link->client, POLLIN, 0}, {link->server, POLLIN, 0}};
    char buffer[16384];
    bool open = true;
    while (open && !stopping_) {
        if (stalled() || link->stalled) {  // read nothing, so that nothing is forwarded either way
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        if (::poll(fds, 2, 50) <= 0) continue;
        if (stalled() || link->stalled) continue;  // stalled while polling: forward nothing
        for (int i = 0; i < 2 && open; ++i) {
            if (fds[i].revents == 0) continue;
            ssize_t size = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
            if (size <= 0) {
                open = false;
                break;
            }
            if (std::int64_t ms = delay_ms_; ms > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(ms));
            if (i == 0) {
                open = forward_from_client(*link, buffer, size);
            } else if (!link->dropping_replies) {
                open = forward(*link, link->client, buffer, size);
            }
        }
    }
    std::lock_guard lock(mutex_);
    ::shutdown(link->client, SHUT_RDWR);
    ::shutdown(link->server, SHUT_RDWR);
    ::close(link->client);
    ::close(link->server);
    std::erase(links_, link);
}

}  // namespace retort::testing
