#include "retort/engine/engine.hpp"

#include "engine_state.hpp"

namespace retort {

namespace detail {
void EngineState::record(std::string_view sql, std::chrono::nanoseconds elapsed) {
    std::lock_guard lock(stats_mutex);
    auto it = stats.find(sql);
    if (it == stats.end()) {
        it = stats.emplace(std::string(sql), StatementStats{}).first;
        it->second.sql = it->first;
    }
    ++it->second.count;
    it->second.total += elapsed;
    if (elapsed > it->second.max) it->second.max = elapsed;
}
}  // namespace detail

std::string_view isolation_level_sql(IsolationLevel level) noexcept {
    switch (level) {
        case IsolationLevel::read_uncommitted:
            return "READ UNCOMMITTED";
        case IsolationLevel::read_committed:
            return "READ COMMITTED";
        case IsolationLevel::repeatable_read:
            return "REPEATABLE READ";
        case IsolationLevel::serializable:
            return "SERIALIZABLE";
        case IsolationLevel::autocommit:
            return "AUTOCOMMIT";
    }
    return "";
}

Engine create_engine(std::string_view url_text, EngineOptions options) {
    auto state = std::make_shared<detail::EngineState>();
    state->url = Url::parse(url_text);
    state->driver = find_driver(state->url.backend());
    state->options = std::move(options);
    PoolClass kind = state->options.poolclass == PoolClass::automatic
                         ? state->driver->default_pool(state->url)
                         : state->options.poolclass;
    // The pool lives inside the state, and every checked-out connection keeps the state alive,
    // so the raw pointer cannot dangle.
    detail::EngineState* raw = state.get();
    state->pool = std::make_shared<Pool>(
        PoolPolicy::from_options(state->options, kind),
        [raw] {
            auto connection = raw->driver->connect(raw->url, raw->options);
            connection->set_statement_timeout(raw->options.statement_timeout);
            for (auto& hook : raw->events.on_connect) hook(*connection);
            return connection;
        },
        state->options.log_sink);
    state->pool->on_checkout = [raw](DriverConnection& connection) {
        for (auto& hook : raw->events.on_checkout) hook(connection);
    };
    return Engine(std::move(state));
}

Connection Engine::connect() const {
    return Connection(state_, state_->pool->checkout());
}

CommitOutcome Engine::resolve_commit(const CommitOutcomeUnknown& lost) const {
    if (lost.transaction_id().empty()) return CommitOutcome::unknown;
    Connection connection = connect();
    const auto wait = state_->options.deadline_grace.value_or(std::chrono::seconds(5));
    return connection.driver_connection().resolve_commit(lost, wait);
}

const Url& Engine::url() const noexcept {
    return state_->url;
}
std::string_view Engine::dialect_name() const noexcept {
    return state_->driver->name();
}
const EngineOptions& Engine::options() const noexcept {
    return state_->options;
}
EngineEvents& Engine::events() const noexcept {
    return state_->events;
}
PoolStatus Engine::pool_status() const {
    return state_->pool->status();
}
void Engine::dispose() const {
    state_->pool->dispose();
}

std::vector<StatementStats> Engine::statistics() const {
    std::lock_guard lock(state_->stats_mutex);
    std::vector<StatementStats> out;
    out.reserve(state_->stats.size());
    for (const auto& [sql, stats] : state_->stats) out.push_back(stats);
    return out;
}

const sql::Dialect& Engine::dialect() const {
    return state_->driver->dialect();
}

void Engine::run_in_transaction(const std::function<void(SchemaExecutor&)>& body) {
    transaction([&](Connection& connection) { body(connection); });
}

void Engine::execute_ddl(const std::string& sql) {
    transaction([&](Connection& connection) { connection.execute_ddl(sql); });
}

std::vector<std::string> Engine::table_names(const std::optional<std::string>& schema) {
    return connect().table_names(schema);
}

TableDefinition Engine::reflect_table(const std::string& name,
                                      const std::optional<std::string>& schema) {
    return connect().reflect_table(name, schema);
}

bool Engine::has_table(const std::string& name, const std::optional<std::string>& schema) {
    return connect().has_table(name, schema);
}

void Engine::reset_statistics() const {
    std::lock_guard lock(state_->stats_mutex);
    state_->stats.clear();
}

}  // namespace retort
