// The blog API server (the seed's Activity 1). Configured from the environment:
//   DATABASE_URL  sqlite:///blog.db (default) or postgresql://user:password@host/db
//   HOST, PORT    127.0.0.1, 8000 (PORT=0: any free port, printed at start)
//   POOL_SIZE, THREADS, MAX_BODY_BYTES, LOG_REQUESTS=0|1
// SIGINT or SIGTERM stops it gracefully: no new connections, requests in progress finish.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <exception>
#include <thread>

#include "server.hpp"

int main() {
    // The signals are waited for by this thread (sigwait), so every thread blocks them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    try {
        blog_api::BlogServer server(blog_api::ServerConfig::from_environment());
        const int port = server.bind();
        std::printf("blog API listening on port %d\n", port);
        std::fflush(stdout);
        std::thread serving([&] { server.serve(); });
        int signal = 0;
        sigwait(&stop_signals, &signal);
        std::fprintf(stderr, "blog API: signal %d, finishing the requests in progress\n", signal);
        server.stop();
        serving.join();
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "blog API: %s\n", error.what());
        return 1;
    }
}
