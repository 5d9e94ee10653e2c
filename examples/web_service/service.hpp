// What the example applications' HTTP JSON APIs share (the blog, the catalog): a cpp-httplib
// server tuned for many kept-alive clients; one Session per request, committed when the handler
// returns and rolled back when it throws; consistent JSON errors with request ids; request
// logging; the time of each request and of its statements (Server-Timing header, /metrics
// histograms) and the plans of slow statements in the log; /health; graceful stop on a signal.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <retort/retort.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "api_error.hpp"
#include "config.hpp"
#include "metrics.hpp"
#include "statement_timing.hpp"

namespace web_service {

/// What a handler answers: a status and a JSON body (null: no body).
using Reply = std::pair<int, nlohmann::json>;

/// The JSON body of every error: {"error": {"code", "message", "fields"?}, "request_id"}.
std::string error_body(const std::string& code, const std::string& message,
                       const std::map<std::string, std::string>& fields,
                       const std::string& request_id);

/// The request's body as JSON; 400 malformed_json otherwise.
nlohmann::json json_body(const httplib::Request& request);

/// `document` as JSON text; invalid UTF-8 in a string (which a client may have sent) becomes
/// U+FFFD instead of an exception.
std::string json_text(const nlohmann::json& document);

/// The query string's parameters, each split at its first '=' and percent-decoded (so that
/// `attr=color=red` is attr: "color=red"). 400 when a name or value is not UTF-8 or holds a
/// NUL, which no database text can.
std::multimap<std::string, std::string> query_parameters(const httplib::Request& request);

/// A request's query parameters as query_parameters() reads them, looked up by name.
class QueryString {
  public:
    explicit QueryString(const httplib::Request& request)
        : parameters_(query_parameters(request)) {}
    bool has(const std::string& name) const { return parameters_.contains(name); }
    /// The first value given for `name`; empty when there is none.
    std::string value(const std::string& name) const {
        const auto found = parameters_.find(name);
        return found == parameters_.end() ? std::string() : found->second;
    }

  private:
    std::multimap<std::string, std::string> parameters_;
};

/// The request's timing so far, for a response body: {"total_ms", "db_ms", "statements"}.
nlohmann::json timing_json();

class Service {
  public:
    /// `metrics_prefix` names the request metrics ("blog": blog_requests_total). Statements
    /// the engine runs are timed from here on.
    Service(std::string metrics_prefix, retort::Engine engine, ServiceConfig config,
            retort::orm::SessionOptions session_options = {});
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    httplib::Server& http() noexcept { return http_; }
    const retort::Engine& engine() const noexcept { return engine_; }
    const ServiceConfig& config() const noexcept { return config_; }
    Metrics& metrics() noexcept { return *metrics_; }

    /// A cpp-httplib handler serving `handler(Session&, const Request&) -> Reply` under the
    /// route's name ("GET /posts/{id}", for the metrics and the log).
    template <class Handler>
    auto route(const char* name, Handler handler) {
        return [this, name, handler](const httplib::Request& request, httplib::Response& response) {
            serve(name, request, response, [&](retort::orm::Session& session) -> Reply {
                return handler(session, request);
            });
        };
    }
    /// GET /health (a SELECT 1), GET /metrics, and JSON bodies for unrouted requests.
    void add_operations_routes();

    /// Binds the listening socket; returns the port (the chosen one when config.port is 0).
    int bind();
    /// Serves until stop(); returns false when the socket could not be served.
    bool serve();
    /// Stops accepting, lets requests in progress finish, and makes serve() return.
    void stop();

  private:
    template <class Handler>
    void serve(const char* route, const httplib::Request& request, httplib::Response& response,
               Handler&& handler);
    std::string next_request_id();
    void fail(const std::exception& error, const std::string& request_id,
              const httplib::Request& request, httplib::Response& response);
    void finish(const char* route, const std::string& request_id, const httplib::Request& request,
                httplib::Response& response, RequestTiming& timing);
    void set_error_body(httplib::Response& response, const std::string& code,
                        const std::string& message,
                        const std::map<std::string, std::string>& fields,
                        const std::string& request_id);
    int bind_listener();

    ServiceConfig config_;
    retort::Engine engine_;
    retort::orm::SessionOptions session_options_;
    // Shared with the engine's hook, which may outlive this service in a copy of the engine.
    std::shared_ptr<Metrics> metrics_;
    SlowStatementLog slow_log_;
    httplib::Server http_;
    std::atomic<std::uint64_t> requests_{0};
    int listener_ = -1;  ///< the listening socket, once bound
};

template <class Handler>
void Service::serve(const char* route, const httplib::Request& request, httplib::Response& response,
                    Handler&& handler) {
    RequestTiming timing;
    const std::string request_id = next_request_id();
    response.set_header("X-Request-Id", request_id);
    try {
        retort::orm::Session session(engine_, session_options_);
        auto [status, body] = handler(session);
        session.commit();
        response.status = status;
        if (!body.is_null()) response.set_content(json_text(body), "application/json");
    } catch (const std::exception& error) {
        fail(error, request_id, request, response);
    }
    finish(route, request_id, request, response, timing);
}

/// Blocks SIGINT and SIGTERM in this thread and those it starts: call first in main().
void block_stop_signals();
/// Binds `service`, prints "<name> listening on port N" on stdout, serves until SIGINT or
/// SIGTERM, then lets requests in progress finish. Returns main()'s exit code.
int serve_until_signal(Service& service, const char* name);

}  // namespace web_service
