#include "server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <retort/migrate/compare.hpp>
#include <retort/migrate/operations.hpp>
#include <retort/migrate/runner.hpp>

#include "api_error.hpp"
#include "security.hpp"
#include "server_state.hpp"
#include "services.hpp"
#include "validation.hpp"

namespace blog_api {

using namespace retort;
using namespace retort::orm;
using Clock = std::chrono::steady_clock;

namespace {

// The list's index, newest first with the id breaking ties: revision 2 replaced the index on
// created_at alone, which made every page sort its rows again.
const retort::Index created_at_alone{"ix_posts_created_at", {"created_at"}};
const retort::Index created_at_and_id{"ix_posts_created_at_id", {"created_at", "id"}};

// The tables as revision 1 created them. A revision is history: it must keep producing the SQL
// a database already ran (the runner refuses an edited one), so the models' later changes are
// taken back out here.
std::vector<migrate::Operation> first_tables() {
    std::vector<migrate::Operation> create;
    for (const TableDefinition* table : metadata().sorted_tables()) {
        TableDefinition as_first = *table;
        if (as_first.name == "posts") {
            std::erase_if(as_first.indexes, [](const retort::Index& index) {
                return index.name == created_at_and_id.name;
            });
            as_first.indexes.push_back(created_at_alone);
        }
        create.push_back(migrate::CreateTable{std::move(as_first)});
    }
    return create;
}

// The schema's history, written as operations so that it serves both backends.
migrate::Migrations history(const sql::Dialect& dialect) {
    migrate::Migrations migrations;
    migrations.add(migrate::revision_of("b10a00000001", {}, "users, posts, comments, tags, tokens",
                                        first_tables(), dialect));
    migrations.add(migrate::revision_of("b10a00000002", {"b10a00000001"},
                                        "list posts in index order",
                                        {migrate::DropIndex{{"posts"}, created_at_alone},
                                         migrate::CreateIndex{{"posts"}, created_at_and_id}},
                                        dialect));
    return migrations;
}

std::string env(const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

int env_int(const char* name, int fallback) {
    const std::string text = env(name, std::to_string(fallback));
    const auto value = positive_integer(text);
    if (!value || *value > 1'000'000'000)
        throw std::invalid_argument(std::string(name) + " must be a positive integer, not '" +
                                    text + "'");
    return static_cast<int>(*value);
}

}  // namespace

ServerConfig ServerConfig::from_environment() {
    ServerConfig config;
    config.database_url = env("DATABASE_URL", config.database_url);
    config.host = env("HOST", config.host);
    config.port = std::getenv("PORT") && std::string(std::getenv("PORT")) == "0"
                      ? 0
                      : env_int("PORT", config.port);
    config.pool_size = env_int("POOL_SIZE", config.pool_size);
    config.threads = env_int("THREADS", config.threads);
    config.max_body_bytes = static_cast<std::size_t>(
        env_int("MAX_BODY_BYTES", static_cast<int>(config.max_body_bytes)));
    config.log_requests = env("LOG_REQUESTS", "1") != "0";
    config.token_lifetime = std::chrono::seconds(
        env_int("TOKEN_LIFETIME", static_cast<int>(config.token_lifetime.count())));
    return config;
}

Ptr<User> BlogServer::State::caller(Session& session, const httplib::Request& request,
                                    bool required) {
    if (!request.has_header("Authorization")) {
        if (required) throw unauthorized("this needs an Authorization: Bearer <token> header");
        return {};
    }
    return UserService(session).authenticate(request.get_header_value("Authorization"));
}

std::string BlogServer::State::with_sqlite_defaults(const std::string& url) {
    Url parsed = Url::parse(url);
    if (parsed.backend() != "sqlite") return url;
    if (!parsed.option("begin")) parsed.query.emplace_back("begin", "immediate");
    const bool memory = parsed.database.empty() || parsed.database == ":memory:";
    if (!memory && !parsed.option("journal_mode")) parsed.query.emplace_back("journal_mode", "wal");
    return parsed.render_with_password();
}

BlogServer::BlogServer(ServerConfig config) : state_(std::make_unique<State>(std::move(config))) {
    init_security();
    migrate::upgrade(state_->engine, history(state_->engine.dialect()));
    migrate::verify(metadata(), state_->engine);
    state_->add_routes();
}

BlogServer::~BlogServer() = default;

int BlogServer::bind() {
    auto& s = *state_;
    s.http.set_payload_max_length(s.config.max_body_bytes);
    // cpp-httplib closes a kept-alive connection after 5 requests by default; a client that
    // keeps its connection should not have to reconnect that often.
    s.http.set_keep_alive_max_count(1000);
    // A response goes out in two writes (headers, body): without TCP_NODELAY the second waits
    // for the client's delayed ACK of the first, 40 ms on Linux, on every request.
    s.http.set_tcp_nodelay(true);
    // cpp-httplib listens with a backlog of 5 (fixed when Debian built it): a burst of clients
    // connecting at once overflows it, and their connections stall or fail. The listening
    // socket is remembered here (these are the library's own options, SO_REUSEADDR) and
    // listened on again with the system's maximum once bound.
    s.http.set_socket_options([&s](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        s.listener = sock;
    });
    const int port = bind_listener();
    if (s.listener >= 0) ::listen(s.listener, SOMAXCONN);
    return port;
}

int BlogServer::bind_listener() {
    auto& s = *state_;
    const int threads = s.config.threads;
    s.http.new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    if (s.config.port == 0) return s.http.bind_to_any_port(s.config.host);
    if (!s.http.bind_to_port(s.config.host, s.config.port))
        throw std::runtime_error("cannot listen on " + s.config.host + ":" +
                                 std::to_string(s.config.port));
    return s.config.port;
}

bool BlogServer::serve() {
    return state_->http.listen_after_bind();
}

void BlogServer::stop() {
    state_->http.stop();
}

}  // namespace blog_api
