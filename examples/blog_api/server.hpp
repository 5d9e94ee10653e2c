// The blog's HTTP JSON API on cpp-httplib: routes, one Session per request (committed when the
// handler returns, rolled back when it throws), consistent JSON errors, request ids, request
// logging with timing, a body size limit, /health and Prometheus /metrics.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <web_service/config.hpp>

namespace web_service {
class Service;
}

namespace blog_api {

/// The blog's settings: the shared service's (host, port, threads, body limit, request log,
/// slow statements), and the blog's own.
struct ServerConfig : web_service::ServiceConfig {
    std::string database_url = "sqlite:///blog.db";
    int pool_size = 8;                 ///< database connections
    bool raise_on_n_plus_one = false;  ///< tests: a repeated lazy load is an error (a 500)
    std::chrono::seconds token_lifetime = std::chrono::hours(24);  ///< how long a login lasts

    /// From the environment: DATABASE_URL, POOL_SIZE, TOKEN_LIFETIME (seconds), and the
    /// service's (ServiceConfig::read_environment). Throws std::invalid_argument naming a
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
    /// The HTTP service, for serve_until_signal().
    web_service::Service& service();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace blog_api
