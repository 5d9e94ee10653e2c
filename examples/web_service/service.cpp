#include "service.hpp"

#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace web_service {

std::string env_string(const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

int env_positive_int(const char* name, int fallback) {
    const std::string text = env_string(name, std::to_string(fallback));
    const auto value = positive_integer(text);
    if (!value || *value > 1'000'000'000)
        throw std::invalid_argument(std::string(name) + " must be a positive integer, not '" +
                                    text + "'");
    return static_cast<int>(*value);
}

std::optional<std::int64_t> positive_integer(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

void ServiceConfig::read_environment() {
    host = env_string("HOST", host);
    port = env_string("PORT", "") == "0" ? 0 : env_positive_int("PORT", port);
    threads = env_positive_int("THREADS", threads);
    max_body_bytes = static_cast<std::size_t>(
        env_positive_int("MAX_BODY_BYTES", static_cast<int>(max_body_bytes)));
    log_requests = env_string("LOG_REQUESTS", log_requests ? "1" : "0") != "0";
    if (std::getenv("SLOW_STATEMENT_MS") != nullptr)
        slow_statement = std::chrono::milliseconds(env_positive_int("SLOW_STATEMENT_MS", 1));
}

std::string server_engine_url(const std::string& url) {
    retort::Url parsed = retort::Url::parse(url);
    if (parsed.backend() != "sqlite") return url;
    if (!parsed.option("begin")) parsed.query.emplace_back("begin", "immediate");
    const bool memory = parsed.database.empty() || parsed.database == ":memory:";
    if (!memory && !parsed.option("journal_mode")) parsed.query.emplace_back("journal_mode", "wal");
    return parsed.render_with_password();
}

std::string error_body(const std::string& code, const std::string& message,
                       const std::map<std::string, std::string>& fields,
                       const std::string& request_id) {
    nlohmann::json error{{"code", code}, {"message", message}};
    if (!fields.empty()) error["fields"] = fields;
    return json_text(nlohmann::json{{"error", std::move(error)}, {"request_id", request_id}});
}

std::string json_text(const nlohmann::json& document) {
    return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
                   hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

// Well-formed UTF-8 without NUL (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_text(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0) return false;
        if (byte < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
        if (length == 0 || byte > 0xF4 || i + length > text.size()) return false;
        std::uint32_t code = byte & (0x3F >> (length - 1));
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        if ((length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
            (length == 4 && (code < 0x10000 || code > 0x10FFFF)))
            return false;
        i += length;
    }
    return true;
}

std::multimap<std::string, std::string> query_parameters(const httplib::Request& request) {
    std::multimap<std::string, std::string> parameters;
    const std::string& target = request.target;
    const auto question = target.find('?');
    if (question == std::string::npos) return parameters;
    std::string_view query(target);
    query.remove_prefix(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
        if (pair.empty()) continue;
        const auto equals = pair.find('=');
        std::string name = percent_decoded(pair.substr(0, equals));
        std::string value = equals == std::string_view::npos
                                ? std::string()
                                : percent_decoded(pair.substr(equals + 1));
        if (!is_text(name) || !is_text(value))
            throw ApiError(400, "malformed_query",
                           "the query string holds a parameter that is not UTF-8 text");
        parameters.emplace(std::move(name), std::move(value));
    }
    return parameters;
}

nlohmann::json json_body(const httplib::Request& request) {
    try {
        return nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::parse_error&) {
        throw ApiError(400, "malformed_json", "the body is not JSON");
    }
}

nlohmann::json timing_json() {
    const RequestTiming* timing = RequestTiming::current();
    if (timing == nullptr) return nullptr;
    auto ms = [](double seconds) { return std::round(seconds * 1e6) / 1e3; };
    return {{"total_ms", ms(timing->elapsed_seconds())},
            {"db_ms", ms(timing->database_seconds())},
            {"statements", timing->statements()}};
}

Service::Service(std::string metrics_prefix, retort::Engine engine, ServiceConfig config,
                 retort::orm::SessionOptions session_options)
    : config_(std::move(config)),
      engine_(std::move(engine)),
      session_options_(session_options),
      metrics_(std::make_shared<Metrics>(std::move(metrics_prefix))),
      slow_log_(engine_, config_.slow_statement_sink, config_.slow_statement.has_value()) {
    observe_statements(engine_, metrics_, config_.slow_statement);
}

std::string Service::next_request_id() {
    char id[17];
    std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(++requests_));
    return id;
}

void Service::fail(const std::exception& error, const std::string& request_id,
                   const httplib::Request& request, httplib::Response& response) {
    if (const auto* api_error = dynamic_cast<const ApiError*>(&error)) {
        response.status = api_error->status();
        if (api_error->status() == 401) response.set_header("WWW-Authenticate", "Bearer");
        set_error_body(response, api_error->code(), api_error->what(), api_error->fields(),
                       request_id);
        return;
    }
    // The details are for the log; the client learns only that it failed, and the id.
    std::fprintf(stderr, "[%s] %s %s failed: %s\n", request_id.c_str(), request.method.c_str(),
                 request.path.c_str(), error.what());
    response.status = 500;
    set_error_body(response, "internal_error", "the server failed; quote the request id", {},
                   request_id);
}

void Service::set_error_body(httplib::Response& response, const std::string& code,
                             const std::string& message,
                             const std::map<std::string, std::string>& fields,
                             const std::string& request_id) {
    response.set_content(error_body(code, message, fields, request_id), "application/json");
}

void Service::finish(const char* route, const std::string& request_id,
                     const httplib::Request& request, httplib::Response& response,
                     RequestTiming& timing) {
    const double seconds = timing.elapsed_seconds();
    response.set_header("Server-Timing", timing.server_timing());
    metrics_->record(route, response.status, seconds);
    if (config_.log_requests)
        std::fprintf(stderr, "[%s] %s %s %d %.1f ms (db %.1f ms, statements: %d)\n",
                     request_id.c_str(), request.method.c_str(), request.path.c_str(),
                     response.status, seconds * 1000, timing.database_seconds() * 1000,
                     timing.statements());
    // Their plans are found on the log's own thread: this request does not wait for them.
    slow_log_.add(request_id, std::move(timing.slow_statements()));
}

void Service::add_operations_routes() {
    using Request = httplib::Request;
    using Response = httplib::Response;
    http_.Get("/health", route("GET /health", [](retort::orm::Session& session, const Request&) {
                  session.connection().execute(retort::text("SELECT 1"));
                  return Reply{200, {{"status", "ok"}}};
              }));
    http_.Get("/metrics", [this](const Request&, Response& response) {
        response.set_content(metrics_->exposition(engine_), "text/plain; version=0.0.4");
    });
    // Anything else: a JSON 404 (or 413 for a body over the limit), like every other error.
    http_.set_error_handler([this](const Request& request, Response& response) {
        if (!response.body.empty()) return;  // a route's own error, already counted
        metrics_->record_unrouted(response.status);
        const std::string code = response.status == 413   ? "body_too_large"
                                 : response.status == 404 ? "not_found"
                                                          : "http_error";
        const std::string message = response.status == 404
                                        ? "no route " + request.method + " " + request.path
                                        : "the request was refused";
        response.set_content(error_body(code, message, {}, ""), "application/json");
    });
}

int Service::bind() {
    http_.set_payload_max_length(config_.max_body_bytes);
    // cpp-httplib closes a kept-alive connection after 5 requests by default; a client that
    // keeps its connection should not have to reconnect that often.
    http_.set_keep_alive_max_count(1000);
    // A response goes out in two writes (headers, body): without TCP_NODELAY the second waits
    // for the client's delayed ACK of the first, 40 ms on Linux, on every request.
    http_.set_tcp_nodelay(true);
    // cpp-httplib listens with a backlog of 5 (fixed when Debian built it): a burst of clients
    // connecting at once overflows it, and their connections stall or fail. The listening
    // socket is remembered here (these are the library's own options, SO_REUSEADDR) and
    // listened on again with the system's maximum once bound.
    http_.set_socket_options([this](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listener_ = sock;
    });
    const int port = bind_listener();
    if (listener_ >= 0) ::listen(listener_, SOMAXCONN);
    return port;
}

int Service::bind_listener() {
    const int threads = config_.threads;
    http_.new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    if (config_.port == 0) {
        const int port = http_.bind_to_any_port(config_.host);
        if (port < 0) throw std::runtime_error("cannot listen on " + config_.host);
        return port;
    }
    if (!http_.bind_to_port(config_.host, config_.port))
        throw std::runtime_error("cannot listen on " + config_.host + ":" +
                                 std::to_string(config_.port));
    return config_.port;
}

bool Service::serve() {
    return http_.listen_after_bind();
}

void Service::stop() {
    http_.stop();
}

namespace {

sigset_t stop_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    return signals;
}

}  // namespace

void block_stop_signals() {
    const sigset_t signals = stop_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int serve_until_signal(Service& service, const char* name) {
    const int port = service.bind();
    std::printf("%s listening on port %d\n", name, port);
    std::fflush(stdout);
    std::thread serving([&] { service.serve(); });
    const sigset_t signals = stop_signals();
    int signal = 0;
    sigwait(&signals, &signal);
    std::fprintf(stderr, "%s: signal %d, finishing the requests in progress\n", name, signal);
    service.stop();
    serving.join();
    return 0;
}

}  // namespace web_service
