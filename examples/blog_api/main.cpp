// The blog API server (the seed's Activity 1). Configured from the environment:
//   DATABASE_URL  sqlite:///blog.db (default) or postgresql://user:password@host/db
//   HOST, PORT    127.0.0.1, 8000 (PORT=0: any free port, printed at start)
//   POOL_SIZE, THREADS, MAX_BODY_BYTES, LOG_REQUESTS=0|1, SLOW_STATEMENT_MS (log their plans)
// SIGINT or SIGTERM stops it gracefully: no new connections, requests in progress finish.
#include <cstdio>
#include <exception>
#include <web_service/service.hpp>

#include "server.hpp"

int main() {
    web_service::block_stop_signals();
    try {
        blog_api::BlogServer server(blog_api::ServerConfig::from_environment());
        return web_service::serve_until_signal(server.service(), "blog API");
    } catch (const std::exception& error) {
        std::fprintf(stderr, "blog API: %s\n", error.what());
        return 1;
    }
}
