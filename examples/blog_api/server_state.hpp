// The server's state and the request wrapper every route goes through (server.cpp, routes.cpp).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <retort/retort.hpp>
#include <string>
#include <utility>

#include "api_error.hpp"
#include "metrics.hpp"
#include "server.hpp"
#include "services.hpp"

namespace blog_api {

using retort::orm::Ptr;
using retort::orm::Session;

/// What a handler answers: a status and a JSON body (null: no body).
using Reply = std::pair<int, nlohmann::json>;

inline std::string error_body(const std::string& code, const std::string& message,
                              const std::map<std::string, std::string>& fields,
                              const std::string& request_id) {
    nlohmann::json error{{"code", code}, {"message", message}};
    if (!fields.empty()) error["fields"] = fields;
    return nlohmann::json{{"error", std::move(error)}, {"request_id", request_id}}.dump();
}

struct BlogServer::State {
    ServerConfig config;
    retort::Engine engine;
    httplib::Server http;
    Metrics metrics;
    std::atomic<std::uint64_t> requests{0};
    int listener = -1;  ///< the listening socket, once bound

    explicit State(ServerConfig c)
        : config(std::move(c)),
          engine(retort::create_engine(with_sqlite_defaults(config.database_url),
                                       {.pool_size = config.pool_size})) {}
    // On SQLite, unless the URL says otherwise: transactions take the write lock when they
    // begin (a request that reads, then writes, beside another writer would otherwise fail
    // with SQLITE_BUSY instead of waiting), and WAL, so that readers never wait for a writer.
    static std::string with_sqlite_defaults(const std::string& url);

    // Serves one request: a Session of its own, committed when `handler` returns (with the
    // status it chose), rolled back when it throws; errors become JSON bodies.
    template <class Handler>
    void serve(const char* route, const httplib::Request& request, httplib::Response& response,
               Handler&& handler);
    // A cpp-httplib handler that serves through serve() under the route's name; `handler`
    // takes the request's Session and the request, and returns its Reply.
    template <class Handler>
    auto route(const char* name, Handler handler) {
        return [this, name, handler](const httplib::Request& request, httplib::Response& response) {
            serve(name, request, response,
                  [&](Session& session) -> Reply { return handler(session, request); });
        };
    }
    Ptr<User> caller(Session& session, const httplib::Request& request, bool required);
    void add_routes();  // operations and users; then:
    void add_post_routes();
};

template <class Handler>
void BlogServer::State::serve(const char* route, const httplib::Request& request,
                              httplib::Response& response, Handler&& handler) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    char id[17];
    std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(++requests));
    const std::string request_id = id;
    response.set_header("X-Request-Id", request_id);
    try {
        Session session(engine, {.raise_on_repeated_lazy_loads = config.raise_on_n_plus_one});
        auto [status, body] = handler(session);
        session.commit();
        response.status = status;
        if (!body.is_null()) response.set_content(body.dump(), "application/json");
    } catch (const ApiError& error) {
        response.status = error.status();
        if (error.status() == 401) response.set_header("WWW-Authenticate", "Bearer");
        response.set_content(error_body(error.code(), error.what(), error.fields(), request_id),
                             "application/json");
    } catch (const std::exception& error) {
        // The details are for the log; the client learns only that it failed, and the id.
        std::fprintf(stderr, "[%s] %s %s failed: %s\n", request_id.c_str(), request.method.c_str(),
                     request.path.c_str(), error.what());
        response.status = 500;
        response.set_content(
            error_body("internal_error", "the server failed; quote the request id", {}, request_id),
            "application/json");
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    metrics.record(route, response.status, seconds);
    if (config.log_requests)
        std::fprintf(stderr, "[%s] %s %s %d %.1f ms\n", request_id.c_str(), request.method.c_str(),
                     request.path.c_str(), response.status, seconds * 1000);
}

}  // namespace blog_api
