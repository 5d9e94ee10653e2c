// Engine: the starting point. Owns the pool; shared by all threads.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "retort/engine/connection.hpp"
#include "retort/engine/events.hpp"
#include "retort/engine/options.hpp"
#include "retort/engine/pool.hpp"
#include "retort/engine/retry.hpp"
#include "retort/engine/url.hpp"

namespace retort {

/// A database and a pool of connections to it. Copies share one engine. Thread-safe, except
/// that hooks in events() should be registered before the engine is used from several threads.
class Engine : public SchemaExecutor {
  public:
    /// A connection from the pool (PoolTimeout when none frees up within pool_timeout).
    Connection connect() const;
    /// Runs `body(connection)` in a transaction committed on return, rolled back on exception.
    template <class Body>
    decltype(auto) transaction(Body&& body) const {
        Connection connection = connect();
        return connection.transaction(std::forward<Body>(body));
    }
    /// Runs `body(connection)` in a transaction of its own, committed on return, and runs it
    /// again (on a fresh connection, after a backoff) when it failed with a serialization
    /// failure, a deadlock, SQLite busy, or a connection lost before COMMIT was sent or with a
    /// COMMIT the server confirms rolled back. When the reply to COMMIT was lost and the outcome
    /// is still unknown, it asks the server again (resolve_commit) instead of running `body`
    /// again: a transaction is never applied twice. `body` must be safe to run again: it does
    /// all its work through the connection. Returns what `body` returns.
    template <class Body>
    auto run_transaction(Body&& body, RetryOptions options = {}) const {
        using Returned = std::invoke_result_t<Body&, Connection&>;
        auto attempt = [&](auto&& keep) {
            Connection connection = connect();
            Transaction transaction = connection.begin(options.isolation);
            keep(connection);
            transaction.commit();
        };
        auto resolver = [this](const CommitOutcomeUnknown& lost) { return resolve_commit(lost); };
        if constexpr (std::is_void_v<Returned>) {
            detail::retry_transaction([&] { attempt([&](Connection& c) { body(c); }); }, options,
                                      resolver);
        } else {
            std::optional<Returned> result;
            detail::retry_transaction(
                [&] { attempt([&](Connection& c) { result.emplace(body(c)); }); }, options,
                resolver);
            return std::move(*result);
        }
    }
    /// Asks the server what became of the transaction whose COMMIT reply was lost: committed,
    /// rolled_back, or unknown (its id was never learned, or it is still in progress after
    /// deadline_grace). A transaction still in progress is ended first: its server process
    /// belongs to the connection that was given up. Raises OperationalError when the server
    /// cannot be reached.
    CommitOutcome resolve_commit(const CommitOutcomeUnknown& lost) const;

    const Url& url() const noexcept;
    /// "postgresql" or "sqlite".
    std::string_view dialect_name() const noexcept;
    const EngineOptions& options() const noexcept;
    EngineEvents& events() const noexcept;
    PoolStatus pool_status() const;
    /// Closes all idle pooled connections; checked-out ones close when returned.
    void dispose() const;

    /// Per-statement count, total and maximum time since creation or the last reset.
    std::vector<StatementStats> statistics() const;
    void reset_statistics() const;

    // SchemaExecutor: metadata.create_all(engine) runs in a transaction of its own, committed.
    const sql::Dialect& dialect() const override;
    void run_in_transaction(const std::function<void(SchemaExecutor&)>& body) override;
    void execute_ddl(const std::string& sql) override;
    bool has_table(const std::string& name, const std::optional<std::string>& schema) override;
    std::vector<std::string> table_names(const std::optional<std::string>& schema) override;
    TableDefinition reflect_table(const std::string& name,
                                  const std::optional<std::string>& schema) override;

  private:
    friend Engine create_engine(std::string_view url, EngineOptions options);
    explicit Engine(std::shared_ptr<detail::EngineState> state) : state_(std::move(state)) {}
    std::shared_ptr<detail::EngineState> state_;
};

/// Makes an Engine for a URL ("postgresql://...", "sqlite:///file.db", "sqlite://"). No
/// connection is opened until the first connect().
Engine create_engine(std::string_view url, EngineOptions options = {});

}  // namespace retort
