// The interface a database backend implements: how the engine talks to libpq or sqlite3.
// Dialects register a Driver under their URL scheme; the engine never includes a dialect.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine/options.hpp"
#include "retort/engine/url.hpp"
#include "retort/errors.hpp"
#include "retort/sql/dialect.hpp"
#include "retort/sql/text.hpp"
#include "retort/types/field.hpp"
#include "retort/types/value.hpp"

namespace retort {

class DialectReflector;
struct ColumnNames;

/// Positional parameter values of one execution (pointers into the caller's parameters).
using ParamRefs = std::span<const Value* const>;

/// A cursor over the rows of one statement. Rows are read forward only.
class DriverResult {
  public:
    virtual ~DriverResult() = default;
    virtual std::size_t column_count() const = 0;
    virtual std::string_view column_name(std::size_t column) const = 0;
    /// The column names, when the driver keeps them for the statement (shared by every
    /// execution of it); null: Result reads them one by one through column_name().
    virtual std::shared_ptr<const ColumnNames> column_names() const { return nullptr; }
    /// Moves to the next row; false when there is none.
    virtual bool next() = 0;
    /// A field of the current row, valid until the next call to next().
    virtual Field field(std::size_t column) = 0;
    /// The number of rows when the driver already holds them all (a buffered PostgreSQL
    /// result), else 0; used to size containers.
    virtual std::size_t size_hint() const { return 0; }
    /// Rows changed by INSERT/UPDATE/DELETE; -1 for a query.
    virtual std::int64_t rows_affected() const = 0;
    /// The key the database gave the row an INSERT just added, where the driver reports it
    /// (SQLite's rowid); see Dialect::reports_inserted_key.
    virtual std::optional<std::int64_t> last_insert_id() const { return std::nullopt; }
    /// Discards unread rows and frees the connection for the next statement.
    virtual void close() = 0;
};

/// One parameter of a set that ParamRows fills: a field read in place (text, integer, real,
/// blob or NULL), or, where `value` is set, that Value.
struct RowParam {
    Field field;
    const Value* value = nullptr;
};
/// Parameter sets filled one at a time as a batch runs, for a writer of many rows that reads
/// each value where it lies (a flush reading its objects): fill(k, params) writes set k into
/// `params` (cleared first), whose views stay valid until the next call.
struct ParamRows {
    std::size_t count = 0;
    std::function<void(std::size_t set, std::vector<RowParam>& params)> fill;
};

/// One statement of a batch, run once per parameter set.
struct BatchStatement {
    std::string_view sql;
    std::span<const std::vector<const Value*>> sets;
    /// The sets filled as the batch runs, instead of `sets` (see
    /// DriverConnection::reads_param_rows).
    const ParamRows* rows = nullptr;
    std::size_t set_count() const noexcept { return rows != nullptr ? rows->count : sets.size(); }
};
/// Receives the outcome of each execution of a batch, in order: the statement's index in the
/// batch, the parameter set's index, and its rows (RETURNING) and rows_affected(). The cursor
/// is valid only during the call.
using BatchReader =
    std::function<void(std::size_t statement, std::size_t set, DriverResult& outcome)>;

/// A message sent with NOTIFY (PostgreSQL's LISTEN / NOTIFY).
struct Notify {
    std::string channel;
    std::string payload;
    int sender_pid = 0;
};

/// Where a COPY ... FROM STDIN sends its data (see DriverConnection::copy_in).
class CopySink {
  public:
    virtual void send(std::string_view data) = 0;

  protected:
    ~CopySink() = default;
};

struct ExecuteOptions {
    /// Read rows as they arrive instead of buffering the whole result (flat memory).
    bool stream = false;
    /// The SQL is text the user wrote (text(), exec_driver_sql()) and may be a script of
    /// several statements separated by ';'. Without parameters every statement runs, in order
    /// (PostgreSQL's simple query protocol, as psycopg2 does), and the result is the last one's.
    /// Set by Connection; a script with parameters is refused with a message saying why.
    bool script = false;
    /// Run with no transaction around it (Connection: no autobegin; ArgumentError when one is
    /// in progress): statements a transaction makes no-ops or refuses (SQLite's PRAGMA
    /// foreign_keys, VACUUM).
    bool outside_transaction = false;
};

/// One open connection of a backend. Used by one thread at a time.
class DriverConnection {
  public:
    virtual ~DriverConnection() = default;

    virtual std::unique_ptr<DriverResult> execute(std::string_view sql, ParamRefs params,
                                                  const ExecuteOptions& options) = 0;
    /// Runs `sql` once per parameter set, as one batch where the backend can (a libpq pipeline:
    /// one round trip). Returns the total of rows affected.
    virtual std::int64_t execute_many(std::string_view sql,
                                      std::span<const std::vector<const Value*>> sets) = 0;
    /// True when execute_batch() reads BatchStatement::rows itself; otherwise Connection turns
    /// them into `sets` first.
    virtual bool reads_param_rows() const noexcept { return false; }
    /// Runs several statements, each once per parameter set, as one batch where the backend
    /// can (one libpq pipeline: one round trip for all). Statements run in order; the first
    /// failure stops the batch and is raised after the outcomes before it were read.
    virtual void execute_batch(std::span<const BatchStatement> statements,
                               const BatchReader& reader) = 0;
    /// Runs SQL without parameters; several statements separated by ';' are allowed.
    virtual void execute_script(std::string_view sql) = 0;
    /// The next notification for a channel this connection LISTENs to, waiting up to `timeout`
    /// for one; nullopt when none came. NotSupportedError where the backend has none.
    virtual std::optional<Notify> wait_notification(std::chrono::milliseconds timeout);
    /// Runs `sql`, a COPY ... FROM STDIN, with the data `body` sends through the sink; returns
    /// the rows copied. When `body` throws, the COPY is aborted (no row is copied) and the
    /// exception goes on. NotSupportedError where the backend has no COPY.
    virtual std::int64_t copy_in(std::string_view sql, const std::function<void(CopySink&)>& body);
    /// Runs `sql`, a COPY ... TO STDOUT, handing each piece of data (a row, in text format) to
    /// `consume`; returns the rows copied.
    virtual std::int64_t copy_out(std::string_view sql,
                                  const std::function<void(std::string_view)>& consume);

    /// Starts a transaction with the given isolation (the connection default when empty).
    virtual void begin(std::optional<IsolationLevel> isolation) = 0;
    /// Ends the transaction. commit() raises InvalidRequestError when the server rolled back
    /// instead (PostgreSQL answers COMMIT in a failed transaction with ROLLBACK), and
    /// CommitOutcomeUnknown when COMMIT was sent and its reply lost; it returns normally when
    /// the reply was lost but the transaction is known to have written nothing.
    virtual void commit() = 0;
    /// Asks the server, on this (new) connection, what became of the transaction of `lost`,
    /// waiting up to `wait` for one still in progress. unknown where the backend cannot tell.
    virtual CommitOutcome resolve_commit(const CommitOutcomeUnknown& lost,
                                         std::chrono::milliseconds wait);
    virtual void rollback() = 0;
    /// True while the server has a transaction open on this connection.
    virtual bool in_transaction() const = 0;
    /// A cheap round trip; false when the connection turned out dead.
    virtual bool ping() = 0;
    /// True once the driver has seen the connection fail; it must not be reused.
    virtual bool is_broken() const = 0;
    /// Returns the connection to a clean state for the pool: closes open results, rolls back.
    virtual void reset() = 0;
    /// Sets the client-side deadline of each statement (none when empty).
    virtual void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) = 0;

    /// The native handle (PGconn* or sqlite3*), for what Retort does not wrap.
    virtual void* native_handle() noexcept = 0;
};

/// A backend: makes connections for URLs of its scheme.
class Driver {
  public:
    virtual ~Driver() = default;
    /// The dialect name: "postgresql", "sqlite".
    virtual std::string_view name() const noexcept = 0;

    /// How statements are written for this backend.
    virtual const sql::Dialect& dialect() const noexcept = 0;
    /// How this backend's schema is read back.
    virtual const DialectReflector& reflector() const noexcept = 0;
    virtual std::unique_ptr<DriverConnection> connect(const Url& url,
                                                      const EngineOptions& options) = 0;
    /// The pool that fits `url` when the user did not choose one.
    virtual PoolClass default_pool(const Url& url) const = 0;
};

/// Why a driver refused SQL of several statements (in a driver's error message).
inline constexpr std::string_view several_statements_refused =
    "the SQL holds several statements: only text without parameters, not streamed, runs as a "
    "script; execute each statement on its own, or run the script without parameters";

/// The SQL of a statement as error messages quote it: cut after 1000 characters.
std::string statement_excerpt(std::string_view sql);

/// Makes `driver` serve URLs whose backend() is `scheme`.
void register_driver(std::string scheme, std::shared_ptr<Driver> driver);
/// The driver for a scheme; ArgumentError listing the known schemes when there is none.
std::shared_ptr<Driver> find_driver(std::string_view scheme);

}  // namespace retort
