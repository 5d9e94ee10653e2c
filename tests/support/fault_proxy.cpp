#include "support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

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

void FaultProxy::stall_for(std::chrono::milliseconds duration) {
    stalled_until_ = (Clock::now() + duration).time_since_epoch().count();
}

void FaultProxy::resume() {
    stalled_until_ = 0;
}

bool FaultProxy::stalled() const {
    return Clock::now().time_since_epoch().count() < stalled_until_.load();
}

void FaultProxy::cut() {
    std::lock_guard lock(mutex_);
    for (int fd : sockets_) ::shutdown(fd, SHUT_RDWR);
}

void FaultProxy::accept_loop() {
    while (!stopping_) {
        int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) continue;
        if (stopping_) {
            ::close(client);
            break;
        }
        int server = connect_to(target_host_, target_port_);
        if (server < 0) {
            ::close(client);
            continue;
        }
        std::lock_guard lock(mutex_);
        sockets_.push_back(client);
        sockets_.push_back(server);
        pumps_.emplace_back([this, client, server] { pump(client, server); });
    }
}

void FaultProxy::pump(int client, int server) {
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    char buffer[16384];
    bool open = true;
    while (open && !stopping_) {
        if (stalled()) {  // read nothing, so that nothing is forwarded either way
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        if (::poll(fds, 2, 50) <= 0) continue;
        for (int i = 0; i < 2 && open; ++i) {
            if (fds[i].revents == 0) continue;
            ssize_t size = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
            open = size > 0 && write_all(fds[1 - i].fd, buffer, size);
        }
    }
    std::lock_guard lock(mutex_);
    ::shutdown(client, SHUT_RDWR);
    ::shutdown(server, SHUT_RDWR);
    ::close(client);
    ::close(server);
    std::erase(sockets_, client);
    std::erase(sockets_, server);
}

}  // namespace retort::testing
