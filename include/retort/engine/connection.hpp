// Connection and Transaction: executing statements on one pooled connection.
// A Connection belongs to one thread at a time, as in SQLAlchemy.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine/copy.hpp"
#include "retort/engine/driver.hpp"

#include "retort/engine/pool.hpp"
#include "retort/engine/result.hpp"
#include "retort/schema/metadata.hpp"
#include "retort/sql/params.hpp"
#include "retort/sql/statements.hpp"
#include "retort/sql/text.hpp"
#include "retort/sql/typed.hpp"

namespace retort {

namespace detail {
struct EngineState;
}
class Connection;

/// A transaction or a savepoint. Commit it explicitly; when it goes out of scope uncommitted
/// (an exception, an early return) it is rolled back. Move-only.
class Transaction {
  public:
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();

    /// COMMIT, or RELEASE SAVEPOINT for a nested transaction.
    void commit();
    /// ROLLBACK, or ROLLBACK TO SAVEPOINT for a nested transaction.
    void rollback();
    /// False once committed or rolled back (also when an enclosing transaction ended).
    bool is_active() const noexcept;
    bool is_nested() const noexcept { return !savepoint_.empty(); }

  private:
    friend class Connection;
    Transaction(Connection* connection, std::uint64_t root_id, std::string savepoint,
                std::size_t depth);
    Connection* connection_;  // kept current by the Connection when it moves; null once closed
    std::uint64_t root_id_;
    std::string savepoint_;  // empty for the outermost transaction
    std::size_t depth_;      // position in the connection's savepoint stack
};

/// A connection checked out of an Engine's pool. Statements run in a transaction that begins
/// by itself at the first statement ("autobegin", SQLAlchemy 2.0); commit() or rollback() end
/// it, and returning the connection (destruction, close()) rolls back whatever is uncommitted.
/// With isolation_level = autocommit nothing begins by itself.
class Connection : public SchemaExecutor {
  public:
    Connection(std::shared_ptr<detail::EngineState> engine, PooledConnection pooled);
    Connection(Connection&&) noexcept;
    Connection& operator=(Connection&&) noexcept;
    ~Connection() override;

    /// Runs a statement with named parameters: execute(text("... :id"), {{"id", 5}}).
    /// A parameter missing from `params`, or one the statement does not use, is an ArgumentError.
    Result execute(const TextClause& statement, const Params& params = {},
                   const ExecuteOptions& options = {});
    /// Runs a statement of the expression language (select(), insert(), ...); `params` give the
    /// values of its bindparam()s and of :name markers in its text() fragments.
    Result execute(const Executable& statement, const Params& params = {},
                   const ExecuteOptions& options = {});
    std::int64_t execute_many(const Executable& statement, const std::vector<Params>& param_sets);
    /// A typed select: rows come back as std::tuple of the selected columns' C++ types.
    template <class... Ts>
    TypedResult<Ts...> execute(const TypedSelect<Ts...>& statement, const Params& params = {},
                               const ExecuteOptions& options = {}) {
        return TypedResult<Ts...>(
            execute(static_cast<const Executable&>(statement), params, options));
    }
    /// Runs the statement once per parameter set in one batch (a pipeline on PostgreSQL).
    /// Returns the rows affected in total.
    std::int64_t execute_many(const TextClause& statement, const std::vector<Params>& param_sets);
    /// Runs already compiled statements (the driver's placeholder style), each once per
    /// parameter set, as one batch: on PostgreSQL a single pipeline, one round trip for all.
    /// `reader` sees each execution's outcome in order (RETURNING rows, rows affected). This
    /// is the layer the ORM's unit of work flushes through.
    void execute_batch(std::span<const BatchStatement> statements, const BatchReader& reader);
    /// The raw escape hatch: SQL in the driver's own placeholder style ($1 on PostgreSQL, ?1 on
    /// SQLite) with positional values, passed through untouched.
    Result exec_driver_sql(std::string_view sql, const std::vector<Value>& params = {},
                           const ExecuteOptions& options = {});

    /// LISTEN / NOTIFY (PostgreSQL). listen() subscribes this connection to a channel (its name
    /// is quoted as an identifier); notifications are delivered outside transactions, so a
    /// listener usually runs on an autocommit engine or commits after listen().
    void listen(std::string_view channel);
    void unlisten(std::string_view channel);
    /// NOTIFY through pg_notify(): channel and payload are bound parameters.
    void notify(std::string_view channel, std::string_view payload = {});
    /// The next notification, waiting up to `timeout`; nullopt on timeout.
    std::optional<Notify> wait_notification(std::chrono::milliseconds timeout);

    /// COPY table (columns) FROM STDIN (PostgreSQL's fastest way in): `write_rows` writes the
    /// rows, one CopyWriter::row() each with a value per column, and they stream to the server
    /// in chunks. Returns the rows copied. Empty `columns`: every column of the table, in its
    /// order. When `write_rows` throws, the COPY is aborted and nothing is copied.
    std::int64_t copy_from(const FromClause& table, std::vector<std::string> columns,
                           const std::function<void(CopyWriter&)>& write_rows);
    /// The same with the COPY statement written by the caller ("COPY t (a, b) FROM STDIN"),
    /// for options copy_from() does not spell; `columns` is the width of each row.
    std::int64_t copy_from_sql(const std::string& copy_sql, std::size_t columns,
                               const std::function<void(CopyWriter&)>& write_rows);
    /// COPY table (columns) TO STDOUT: each row, as a line of COPY text (parse_copy_row reads
    /// it), to `read_row`. Returns the rows copied.
    std::int64_t copy_to(const FromClause& table, std::vector<std::string> columns,
                         const std::function<void(std::string_view line)>& read_row);
    /// COPY (query) TO STDOUT. COPY takes no parameters, so a query with bound values is
    /// refused (ArgumentError); filter with a view or a temporary table instead.
    std::int64_t copy_to(const Select& query,
                         const std::function<void(std::string_view line)>& read_row);

    /// Begins the outermost transaction; InvalidRequestError if one is already in progress.
    [[nodiscard]] Transaction begin(std::optional<IsolationLevel> isolation = std::nullopt);
    /// Begins a SAVEPOINT (beginning the outer transaction first if needed); any depth.
    [[nodiscard]] Transaction begin_nested();
    /// Commits / rolls back the transaction in progress, if any (with its savepoints).
    void commit();
    void rollback();
    bool in_transaction() const noexcept { return root_active_; }
    /// Runs `body(connection)` in a transaction: committed when it returns, rolled back when
    /// it throws (SQLAlchemy's `with engine.begin() as conn:`).
    template <class Body>
    decltype(auto) transaction(Body&& body) {
        Transaction tx = begin();
        if constexpr (std::is_void_v<decltype(body(*this))>) {
            body(*this);
            tx.commit();
        } else {
            decltype(auto) value = body(*this);
            tx.commit();
            return value;
        }
    }

    /// Returns the connection to the pool (rolling back). Further use raises InterfaceError.
    void close() noexcept;
    bool closed() const noexcept { return !pooled_ && !replacing_; }
    /// Marks the underlying connection unusable; it is discarded instead of pooled. This also
    /// happens by itself when the driver finds the connection dead. As in SQLAlchemy, a
    /// transaction that was in progress must then be acknowledged with rollback() (until then
    /// statements raise InvalidRequestError); the next statement runs on a fresh connection.
    void invalidate() noexcept;
    /// The driver connection; its native_handle() is the PGconn* or sqlite3*. On PostgreSQL a
    /// transaction's BEGIN goes out with its first statement: until one has run through
    /// Retort, the server has no transaction open for the raw handle to work in.
    DriverConnection& driver_connection() const { return pooled_.driver(); }
    /// "postgresql" or "sqlite".
    std::string_view dialect_name() const noexcept;
    /// The backend's schema reader (see Inspector).
    const DialectReflector& driver_reflector() const noexcept;

    // SchemaExecutor: metadata.create_all(connection) runs in this connection's transaction.
    const sql::Dialect& dialect() const override;
    void run_in_transaction(const std::function<void(SchemaExecutor&)>& body) override {
        body(*this);
    }
    void execute_ddl(const std::string& sql) override;
    bool has_table(const std::string& name, const std::optional<std::string>& schema) override;
    std::vector<std::string> table_names(const std::optional<std::string>& schema) override;
    TableDefinition reflect_table(const std::string& name,
                                  const std::optional<std::string>& schema) override;

  private:
    friend class Transaction;
    struct Bound;
    Result run(std::string_view sql, ParamRefs refs, std::span<const ParamView> views,
               const ExecuteOptions& options);
    std::int64_t run_many(std::string_view sql, std::span<const std::vector<const Value*>> sets);
    // What every statement shares: hooks before it; statistics, echo and hooks after it.
    void before_statement(const ExecuteInfo& info);
    template <class Describe>
    void after_statement(const ExecuteInfo& info, std::chrono::steady_clock::duration elapsed,
                         Describe&& describe);
    void autobegin();
    template <class Run>
    std::int64_t timed_copy(const std::string& sql, Run&& run);
    void begin_root(std::optional<IsolationLevel> isolation, bool implicit);
    void take(Connection&& other) noexcept;
    DriverConnection& usable_driver();       // reconnects after invalidation, see invalidate()
    void run_control(std::string_view sql);  // BEGIN / COMMIT / SAVEPOINT ..., echoed and timed
    void end_root(bool commit);
    /// After a lost COMMIT reply: asks the server, on a new connection, what became of the
    /// transaction. Returns when it committed; raises when it rolled back or stays unknown.
    void resolve_lost_commit(const CommitOutcomeUnknown& lost);
    void end_savepoint(std::size_t depth, bool commit);
    template <class F>
    decltype(auto) guarded(F&& action);

    std::shared_ptr<detail::EngineState> engine_;
    PooledConnection pooled_;
    bool root_active_ = false;
    bool needs_rollback_ = false;  // invalidated inside a transaction, not yet acknowledged
    bool replacing_ = false;       // the dead connection is released; its replacement is due
    std::uint64_t root_id_ = 0;
    std::vector<std::string> savepoints_;
    std::uint64_t savepoint_counter_ = 0;
    std::vector<Transaction*> transactions_;  // live Transaction objects pointing here
};

}  // namespace retort
