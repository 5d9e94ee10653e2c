// The blog's HTTP JSON API on cpp-httplib: routes, one Session per request (committed when the
// handler returns, rolled back when it throws), consistent JSON errors, request ids, request
// logging with timing, a body size limit, /health and Prometheus /metrics.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace blog_api {

struct ServerConfig {
    std::string database_url = "sqlite:///blog.db";
    std::string host = "127.0.0.1";
    int port = 8000;    ///< 0: any free port (bind() says which)
    int pool_size = 8;  ///< database connections
    int threads = 8;    ///< requests served at once
    std::size_t max_body_bytes = 64 * 1024;
    bool log_requests = true;          ///< one line per request on stderr
    bool raise_on_n_plus_one = false;  ///< tests: a repeated lazy load is an error (a 500)
    std::chrono::seconds token_lifetime = std::chrono::hours(24);  ///< how long a login lasts

    /// From the environment: DATABASE_URL, HOST, PORT, POOL_SIZE, THREADS, MAX_BODY_BYTES,
    /// LOG_REQUESTS (0/1), TOKEN_LIFETIME (seconds). Throws std::invalid_argument naming a
    /// malformed one.
    static ServerConfig from_environment();
};

class BlogServer {
  public:
    /// Connects, brings the schema to head (the app's migrations) and checks it against the
    /// models before serving anything.
    explicit BlogServer(ServerConfig config);
    ~BlogServer();
    BlogServer(const BlogServer&) = delete;
    BlogServer& operator=(const BlogServer&) = delete;

    /// Binds the listening socket; returns the port (the chosen one when config.port is 0).
    int bind();
    /// Serves until stop(); returns false when the socket could not be served.
    bool serve();
    /// Stops accepting, lets requests in progress finish, and makes serve() return.
    void stop();

  private:
    int bind_listener();
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace blog_api
