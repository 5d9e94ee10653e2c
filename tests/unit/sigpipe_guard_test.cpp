// A write to a connection its peer has reset raises SIGPIPE, which ends the process unless
// something stops it. The PostgreSQL driver's cancel requests are written that way (libpq's
// PQcancel uses a plain send()); the guard around them must keep the process alive.
#include "dialects/postgresql/sigpipe_guard.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

namespace retort::postgresql {
namespace {

bool sigpipe_pending() {
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    return sigismember(&pending, SIGPIPE) == 1;
}

bool sigpipe_blocked() {
    sigset_t mask;
    pthread_sigmask(SIG_SETMASK, nullptr, &mask);
    return sigismember(&mask, SIGPIPE) == 1;
}

// A connected socket whose peer accepted it and reset it at once, as a proxy refusing a
// cancel request does.
int socket_reset_by_its_peer() {
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), length), 0);
    EXPECT_EQ(::listen(listener, 1), 0);
    EXPECT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
    const int client = ::socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&address), length), 0);
    const int accepted = ::accept(listener, nullptr, nullptr);
    linger abort_on_close{1, 0};
    ::setsockopt(accepted, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
    ::close(accepted);
    ::close(listener);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the reset arrives
    return client;
}

TEST(SigpipeGuard, a_write_to_a_reset_connection_fails_without_ending_the_process) {
    const int client = socket_reset_by_its_peer();
    ASSERT_FALSE(sigpipe_blocked());
    {
        SigpipeGuard guard;
        const char request[16] = {};
        // The first write reports the reset; the second finds the connection gone: SIGPIPE.
        for (int attempt = 0; attempt < 2; ++attempt) {
            errno = 0;
            EXPECT_EQ(::send(client, request, sizeof request, 0), -1);
            EXPECT_TRUE(errno == EPIPE || errno == ECONNRESET) << errno;
        }
        EXPECT_TRUE(sigpipe_pending());  // raised, and held back
    }
    EXPECT_FALSE(sigpipe_pending());  // discarded, not delivered on the way out
    EXPECT_FALSE(sigpipe_blocked());  // the thread's mask is as it was
    ::close(client);
}

TEST(SigpipeGuard, leaves_a_sigpipe_that_was_already_waiting_and_a_mask_that_blocked_it) {
    sigset_t sigpipe;
    sigemptyset(&sigpipe);
    sigaddset(&sigpipe, SIGPIPE);
    sigset_t before;
    pthread_sigmask(SIG_BLOCK, &sigpipe, &before);
    pthread_kill(pthread_self(), SIGPIPE);  // the application's own, pending while blocked
    { SigpipeGuard guard; }
    EXPECT_TRUE(sigpipe_pending());
    EXPECT_TRUE(sigpipe_blocked());
    const timespec no_wait{};
    EXPECT_EQ(sigtimedwait(&sigpipe, nullptr, &no_wait), SIGPIPE);
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

}  // namespace
}  // namespace retort::postgresql
