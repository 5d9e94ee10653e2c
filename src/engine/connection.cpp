#include "retort/engine/connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <span>

#include "engine_state.hpp"
#include "retort/engine/reflection.hpp"

namespace retort {

using Clock = std::chrono::steady_clock;

namespace {

std::string describe_params(std::span<const ParamView> params) {
    std::string text = "[";
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (i) text += ", ";
        text += params[i].secret ? "***" : describe_value(*params[i].value);
    }
    return text + "]";
}

double millis(std::chrono::nanoseconds elapsed) {
    return static_cast<double>(elapsed.count()) / 1e6;
}

// The parameters are needed by the echo log and the hooks, and to mask secret ones in errors.
bool views_wanted(const detail::EngineState& engine, const Params& params) {
    return engine.options.echo || !engine.events.before_execute.empty() ||
           !engine.events.after_execute.empty() ||
           std::any_of(params.begin(), params.end(), [](const Param& p) { return p.secret; });
}

// `message` with the text of every secret parameter replaced by ***: a server quotes a value
// it could not read back in its error ('invalid input syntax for type integer: "..."').
// Secrets shorter than 3 characters are left alone: masking them would mask the message.
std::string masked(std::string message, std::span<const ParamView> views) {
    for (const ParamView& view : views) {
        if (!view.secret) continue;
        std::optional<std::string> text = text_form(*view.value);
        if (const auto* integer = std::get_if<std::int64_t>(view.value))
            text = std::to_string(*integer);
        if (!text || text->size() < 3) continue;
        for (std::size_t at = message.find(*text); at != std::string::npos;
             at = message.find(*text, at + 3))
            message.replace(at, text->size(), "***");
    }
    return message;
}

// Throws an error of the same class as `error`, with `message` instead of its own.
[[noreturn]] void rethrow_with(const Error& error, const std::string& message) {
    const auto* database = dynamic_cast<const DatabaseError*>(&error);
    if (database == nullptr) throw Error(message);
    const std::string& sqlstate = database->sqlstate();
    const std::string& sql = database->statement();
    const std::string& constraint = database->constraint_name();
#define RETORT_RETHROW_AS(Class) \
    if (dynamic_cast<const Class*>(&error)) throw Class(message, sqlstate, sql, constraint);
    if (auto* lost = dynamic_cast<const CommitOutcomeUnknown*>(&error))
        throw CommitOutcomeUnknown(message, sqlstate, sql, lost->transaction_id(),
                                   lost->backend_pid());
    RETORT_RETHROW_AS(IntegrityError)
    RETORT_RETHROW_AS(OperationalError)
    RETORT_RETHROW_AS(ProgrammingError)
    RETORT_RETHROW_AS(InternalError)
    RETORT_RETHROW_AS(NotSupportedError)
    RETORT_RETHROW_AS(DataError)
    RETORT_RETHROW_AS(InterfaceError)
#undef RETORT_RETHROW_AS
    throw DatabaseError(message, sqlstate, sql, constraint);
}

}  // namespace

// Positional references for a TextClause's parameters, in placeholder order.
struct Connection::Bound {
    std::vector<const Value*> refs;
    std::vector<ParamView> views;

    Bound(const TextClause& statement, const Params& params, bool want_views) {
        const auto& names = statement.param_names();
        refs.reserve(names.size());
        for (const auto& name : names) {
            auto it = std::find_if(params.begin(), params.end(),
                                   [&](const Param& p) { return p.name == name; });
            if (it == params.end())
                throw ArgumentError(fmt::format("no value for parameter '{}' of statement: {}",
                                                name, statement.sql()));
            refs.push_back(&it->value);
            if (want_views) views.push_back(ParamView{&it->value, it->secret});
        }
        for (const auto& param : params) {
            if (std::find(names.begin(), names.end(), param.name) == names.end())
                throw ArgumentError(fmt::format("parameter '{}' is not used by statement: {}",
                                                param.name, statement.sql()));
        }
    }
};

Connection::Connection(std::shared_ptr<detail::EngineState> engine, PooledConnection pooled)
    : engine_(std::move(engine)), pooled_(std::move(pooled)) {}

Connection::Connection(Connection&& other) noexcept {
    take(std::move(other));
}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        take(std::move(other));
    }
    return *this;
}

void Connection::take(Connection&& other) noexcept {
    engine_ = std::move(other.engine_);
    pooled_ = std::move(other.pooled_);
    root_active_ = std::exchange(other.root_active_, false);
    needs_rollback_ = std::exchange(other.needs_rollback_, false);
    replacing_ = std::exchange(other.replacing_, false);
    root_id_ = other.root_id_;
    savepoints_ = std::move(other.savepoints_);
    savepoint_counter_ = other.savepoint_counter_;
    transactions_ = std::move(other.transactions_);
    other.transactions_.clear();
    for (Transaction* transaction : transactions_) transaction->connection_ = this;
}

Connection::~Connection() {
    close();
}

std::string_view Connection::dialect_name() const noexcept {
    return engine_->driver->name();
}

const sql::Dialect& Connection::dialect() const {
    return engine_->driver->dialect();
}

const DialectReflector& Connection::driver_reflector() const noexcept {
    return engine_->driver->reflector();
}

void Connection::execute_ddl(const std::string& sql) {
    exec_driver_sql(sql);
}

std::vector<std::string> Connection::table_names(const std::optional<std::string>& schema) {
    return engine_->driver->reflector().table_names(*this, schema);
}

TableDefinition Connection::reflect_table(const std::string& name,
                                          const std::optional<std::string>& schema) {
    return engine_->driver->reflector().table(*this, name, schema);
}

bool Connection::has_table(const std::string& name, const std::optional<std::string>& schema) {
    Value schema_value = schema ? Value{*schema} : Value{null};
    return exec_driver_sql(dialect().has_table_sql(), {Value{name}, schema_value})
        .first()
        .has_value();
}

void Connection::close() noexcept {
    for (Transaction* transaction : transactions_) transaction->connection_ = nullptr;
    transactions_.clear();
    root_active_ = false;
    needs_rollback_ = false;
    savepoints_.clear();
    replacing_ = false;
    pooled_.release();  // the pool resets (rolls back) the connection
}

void Connection::invalidate() noexcept {
    pooled_.invalidate();
    if (root_active_) needs_rollback_ = true;
    root_active_ = false;
    savepoints_.clear();
}

DriverConnection& Connection::usable_driver() {
    if (needs_rollback_)
        throw InvalidRequestError(
            "the connection was invalidated while a transaction was in progress; call rollback() "
            "before using it again");
    if (pooled_.invalidated() || replacing_) {
        // Released first, so that a pool of one can hand out the replacement. A checkout that
        // fails (the server is down) leaves the replacement due: the next call tries again.
        pooled_.release();
        replacing_ = true;
        pooled_ = engine_->pool->checkout();
        replacing_ = false;
    }
    return pooled_.driver();
}

// Runs a driver action; when the driver reports its connection dead, the transaction state is
// dropped and the connection is marked for disposal instead of reuse.
template <class F>
decltype(auto) Connection::guarded(F&& action) {
    DriverConnection& driver = usable_driver();
    try {
        return action(driver);
    } catch (const Error&) {
        if (driver.is_broken()) invalidate();
        throw;
    }
}

namespace {
// Transactions of all connections draw their ids from one counter, so that a Transaction of a
// connection that was closed and replaced can never match a new transaction.
std::atomic<std::uint64_t> transaction_ids{0};
}  // namespace

void Connection::begin_root(std::optional<IsolationLevel> isolation, bool implicit) {
    guarded([&](DriverConnection& driver) { driver.begin(isolation); });
    root_active_ = true;
    root_id_ = ++transaction_ids;
    if (engine_->options.echo)
        emit_log(engine_->options.log_sink, LogLevel::info, "retort.engine",
                 implicit ? std::string("BEGIN (implicit)")
                 : isolation
                     ? fmt::format("BEGIN ISOLATION LEVEL {}", isolation_level_sql(*isolation))
                     : std::string("BEGIN"));
}

void Connection::autobegin() {
    if (root_active_ || engine_->options.isolation_level == IsolationLevel::autocommit) return;
    begin_root(std::nullopt, true);
}

// After every statement: its statistics, its echo line ("SQL\n" + what `describe` says, built
// only when echo is on) and the after_execute hooks.
template <class Describe>
void Connection::after_statement(const ExecuteInfo& info, Clock::duration elapsed,
                                 Describe&& describe) {
    auto& engine = *engine_;
    if (engine.options.track_statistics) engine.record(info.sql, elapsed);
    if (engine.options.echo)
        emit_log(engine.options.log_sink, LogLevel::info, "retort.engine",
                 fmt::format("{}\n{}", info.sql, describe()));
    for (auto& hook : engine.events.after_execute) hook(info, elapsed);
}

void Connection::before_statement(const ExecuteInfo& info) {
    for (auto& hook : engine_->events.before_execute) hook(info);
}

Result Connection::run(std::string_view sql, ParamRefs refs, std::span<const ParamView> views,
                       const ExecuteOptions& options) {
    auto& engine = *engine_;
    if (!options.outside_transaction)
        autobegin();
    else if (root_active_)
        throw ArgumentError(
            "a statement to run outside a transaction was given while one is in progress: "
            "commit or roll back first");
    ExecuteInfo info{sql, views, 1};
    before_statement(info);
    const bool timed = engine.options.track_statistics || engine.options.echo ||
                       !engine.events.after_execute.empty();
    const auto start = timed ? Clock::now() : Clock::time_point{};
    std::unique_ptr<DriverResult> cursor;
    try {
        cursor =
            guarded([&](DriverConnection& driver) { return driver.execute(sql, refs, options); });
    } catch (const Error& error) {
        const std::string message = masked(error.what(), views);
        if (engine.options.echo)
            emit_log(engine.options.log_sink, LogLevel::info, "retort.engine",
                     fmt::format("{}\n{} failed: {}", sql, describe_params(views), message));
        if (message != error.what()) rethrow_with(error, message);
        throw;
    }
    if (timed) {
        auto elapsed = Clock::now() - start;
        info.rows_affected = cursor->rows_affected();
        after_statement(info, elapsed, [&] {
            return fmt::format("{} ({:.3f} ms)", describe_params(views), millis(elapsed));
        });
    }
    return Result(std::move(cursor));
}

Result Connection::execute(const TextClause& statement, const Params& params,
                           const ExecuteOptions& options) {
    Bound bound(statement, params, views_wanted(*engine_, params));
    ExecuteOptions as_script = options;
    as_script.script = true;
    return run(statement.compiled(engine_->driver->dialect().param_style()), bound.refs,
               bound.views, as_script);
}

namespace {
// Positional values for a compiled statement: its bound literals, and the named parameters
// looked up in `params`. A missing or unused name is an ArgumentError.
std::vector<const Value*> bind_compiled(const std::vector<sql::Compiled::Bind>& binds,
                                        const Params& params, std::vector<ParamView>* views,
                                        const std::string& sql) {
    std::vector<const Value*> refs;
    refs.reserve(binds.size());
    std::size_t named = 0;
    for (const auto& bind : binds) {
        if (bind.value != nullptr) {
            refs.push_back(bind.value);
            if (views) views->push_back(ParamView{bind.value, false});
            continue;
        }
        ++named;
        auto it = std::find_if(params.begin(), params.end(),
                               [&](const Param& p) { return p.name == bind.name; });
        if (it == params.end())
            throw ArgumentError(
                fmt::format("no value for parameter '{}' of statement: {}", bind.name, sql));
        refs.push_back(&it->value);
        if (views) views->push_back(ParamView{&it->value, it->secret});
    }
    if (params.size() > named) {
        for (const auto& param : params) {
            bool used = std::any_of(binds.begin(), binds.end(), [&](const sql::Compiled::Bind& b) {
                return !b.value && b.name == param.name;
            });
            if (!used)
                throw ArgumentError(
                    fmt::format("parameter '{}' is not used by statement: {}", param.name, sql));
        }
    }
    return refs;
}
}  // namespace

Result Connection::execute(const Executable& statement, const Params& params,
                           const ExecuteOptions& options) {
    if (const char* why = statement.session_only()) throw ArgumentError(why);
    sql::CachedCompiled cached = engine_->driver->dialect().compile_cached(statement);
    std::vector<ParamView> views;
    std::vector<const Value*> refs = bind_compiled(
        *cached.binds, params, views_wanted(*engine_, params) ? &views : nullptr, *cached.sql);
    return run(*cached.sql, refs, views, options);
}

std::int64_t Connection::execute_many(const Executable& statement,
                                      const std::vector<Params>& param_sets) {
    if (const char* why = statement.session_only()) throw ArgumentError(why);
    const sql::Dialect& dialect = engine_->driver->dialect();
    sql::CachedCompiled first = dialect.compile_cached(statement);
    // A statement with client-side defaults makes fresh values for every parameter set.
    std::vector<sql::CachedCompiled> compilations;
    compilations.reserve(param_sets.size());
    for (std::size_t i = 0; i < param_sets.size(); ++i)
        compilations.push_back(i == 0 || !first.made ? first : dialect.compile_cached(statement));
    std::vector<std::vector<const Value*>> sets;
    sets.reserve(param_sets.size());
    for (std::size_t i = 0; i < param_sets.size(); ++i)
        sets.push_back(bind_compiled(*compilations[i].binds, param_sets[i], nullptr, *first.sql));
    return run_many(*first.sql, sets);
}

Result Connection::exec_driver_sql(std::string_view sql, const std::vector<Value>& params,
                                   const ExecuteOptions& options) {
    std::vector<const Value*> refs;
    std::vector<ParamView> views;
    for (const auto& value : params) {
        refs.push_back(&value);
        views.push_back(ParamView{&value, false});
    }
    ExecuteOptions as_script = options;
    as_script.script = true;
    return run(sql, refs, views, as_script);
}

std::int64_t Connection::execute_many(const TextClause& statement,
                                      const std::vector<Params>& param_sets) {
    std::vector<std::vector<const Value*>> sets;
    sets.reserve(param_sets.size());
    for (const auto& params : param_sets) sets.push_back(Bound(statement, params, false).refs);
    return run_many(statement.compiled(engine_->driver->dialect().param_style()), sets);
}

std::int64_t Connection::run_many(std::string_view sql,
                                  std::span<const std::vector<const Value*>> sets) {
    autobegin();
    ExecuteInfo info{sql, {}, sets.size()};
    before_statement(info);
    const auto start = Clock::now();
    std::int64_t affected =
        guarded([&](DriverConnection& driver) { return driver.execute_many(sql, sets); });
    auto elapsed = Clock::now() - start;
    info.rows_affected = affected;
    after_statement(info, elapsed, [&] {
        return fmt::format("[{} parameter sets] ({:.3f} ms)", sets.size(), millis(elapsed));
    });
    return affected;
}

namespace {
Value value_of(const RowParam& param) {
    if (param.value != nullptr) return *param.value;
    const Field& field = param.field;
    switch (field.kind) {
        case FieldKind::integer:
            return field.integer;
        case FieldKind::real:
            return field.real;
        case FieldKind::text:
            return std::string(field.bytes);
        case FieldKind::blob:
            return to_bytes(field.bytes);
        case FieldKind::null:
            break;
    }
    return null;
}

// BatchStatement::rows filled into sets of Values, for a driver that reads only sets.
struct FilledSets {
    std::vector<std::vector<Value>> values;
    std::vector<std::vector<const Value*>> sets;
    explicit FilledSets(const ParamRows& rows) : values(rows.count), sets(rows.count) {
        std::vector<RowParam> params;
        for (std::size_t k = 0; k < rows.count; ++k) {
            params.clear();
            rows.fill(k, params);
            for (const RowParam& param : params) values[k].push_back(value_of(param));
            for (const Value& value : values[k]) sets[k].push_back(&value);
        }
    }
};
}  // namespace

void Connection::execute_batch(std::span<const BatchStatement> statements,
                               const BatchReader& reader) {
    if (statements.empty()) return;
    if (!usable_driver().reads_param_rows() &&
        std::any_of(statements.begin(), statements.end(),
                    [](const BatchStatement& statement) { return statement.rows != nullptr; })) {
        std::vector<FilledSets> filled;
        filled.reserve(statements.size());
        std::vector<BatchStatement> with_sets(statements.begin(), statements.end());
        for (BatchStatement& statement : with_sets) {
            if (statement.rows == nullptr) continue;
            statement.sets = filled.emplace_back(*statement.rows).sets;
            statement.rows = nullptr;
        }
        return execute_batch(with_sets, reader);
    }
    autobegin();
    for (const auto& statement : statements)
        before_statement(ExecuteInfo{statement.sql, {}, statement.set_count()});
    // Each statement's rows affected, summed over its parameter sets, for after_execute.
    std::vector<std::int64_t> affected(statements.size(), -1);
    auto counting = [&](std::size_t statement, std::size_t set, DriverResult& outcome) {
        const std::int64_t rows = outcome.rows_affected();
        if (rows >= 0) affected[statement] = std::max<std::int64_t>(affected[statement], 0) + rows;
        if (reader) reader(statement, set, outcome);
    };
    const auto start = Clock::now();
    guarded([&](DriverConnection& driver) { driver.execute_batch(statements, counting); });
    auto elapsed = Clock::now() - start;
    // The batch ran as one: its time is shared out evenly among its statements.
    auto share = elapsed / static_cast<std::int64_t>(statements.size());
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const auto& statement = statements[i];
        ExecuteInfo info{statement.sql, {}, statement.set_count(), affected[i]};
        after_statement(info, share, [&] {
            return fmt::format("[{} parameter sets, batched] ({:.3f} ms for the batch)",
                               statement.set_count(), millis(elapsed));
        });
    }
}

namespace {
/// The columns a COPY names: those given, else every stored column of the table.
std::vector<std::string> copy_columns(const FromClause& table, std::vector<std::string> columns) {
    if (columns.empty()) columns = table.stored_column_names();
    if (columns.empty())
        throw ArgumentError("COPY needs the columns: this table does not list its own");
    return columns;
}
}  // namespace

template <class Run>
std::int64_t Connection::timed_copy(const std::string& sql, Run&& run) {
    autobegin();
    ExecuteInfo info{sql, {}, 0};
    before_statement(info);
    const auto start = Clock::now();
    std::int64_t rows = guarded(run);
    auto elapsed = Clock::now() - start;
    info.rows_affected = rows;
    after_statement(info, elapsed,
                    [&] { return fmt::format("[{} rows] ({:.3f} ms)", rows, millis(elapsed)); });
    return rows;
}

std::int64_t Connection::copy_from(const FromClause& table, std::vector<std::string> columns,
                                   const std::function<void(CopyWriter&)>& write_rows) {
    columns = copy_columns(table, std::move(columns));
    return copy_from_sql(dialect().copy_in_sql(table, columns), columns.size(), write_rows);
}

std::int64_t Connection::copy_from_sql(const std::string& copy_sql, std::size_t columns,
                                       const std::function<void(CopyWriter&)>& write_rows) {
    return timed_copy(copy_sql, [&](DriverConnection& driver) {
        return driver.copy_in(copy_sql, [&](CopySink& sink) {
            CopyWriter writer(sink, columns);
            write_rows(writer);
            writer.flush();
        });
    });
}

std::int64_t Connection::copy_to(const FromClause& table, std::vector<std::string> columns,
                                 const std::function<void(std::string_view)>& read_row) {
    const std::string sql = dialect().copy_out_sql(table, copy_columns(table, std::move(columns)));
    return timed_copy(sql,
                      [&](DriverConnection& driver) { return driver.copy_out(sql, read_row); });
}

std::int64_t Connection::copy_to(const Select& query,
                                 const std::function<void(std::string_view)>& read_row) {
    sql::Compiled compiled = dialect().compile(query);
    if (!compiled.binds.empty())
        throw ArgumentError(
            "a COPY of a query cannot take bound values, and Retort never writes a value "
            "into SQL text: select from a view or a temporary table instead");
    const std::string sql = dialect().copy_query_out_sql(compiled.sql);
    return timed_copy(sql,
                      [&](DriverConnection& driver) { return driver.copy_out(sql, read_row); });
}

void Connection::listen(std::string_view channel) {
    exec_driver_sql(dialect().listen_sql(channel));
}

void Connection::unlisten(std::string_view channel) {
    exec_driver_sql(dialect().unlisten_sql(channel));
}

void Connection::notify(std::string_view channel, std::string_view payload) {
    exec_driver_sql(dialect().notify_sql(),
                    {Value{std::string(channel)}, Value{std::string(payload)}});
}

std::optional<Notify> Connection::wait_notification(std::chrono::milliseconds timeout) {
    return guarded([&](DriverConnection& driver) { return driver.wait_notification(timeout); });
}

void Connection::run_control(std::string_view sql) {
    if (engine_->options.echo)
        emit_log(engine_->options.log_sink, LogLevel::info, "retort.engine", sql);
    guarded([&](DriverConnection& driver) { driver.execute_script(sql); });
}

Transaction Connection::begin(std::optional<IsolationLevel> isolation) {
    if (root_active_)
        throw InvalidRequestError(
            "a transaction is already in progress on this connection; commit or roll it back "
            "first, or use begin_nested() for a savepoint");
    if (isolation == IsolationLevel::autocommit)
        throw ArgumentError(
            "autocommit is not the isolation of a transaction; set it on the engine");
    begin_root(isolation, false);
    return Transaction(this, root_id_, {}, 0);
}

Transaction Connection::begin_nested() {
    // A savepoint needs an enclosing transaction, even on an autocommit engine.
    if (!root_active_) begin_root(std::nullopt, true);
    std::string name = fmt::format("retort_sp_{}", ++savepoint_counter_);
    run_control(dialect().savepoint_sql(name));
    savepoints_.push_back(name);
    return Transaction(this, root_id_, name, savepoints_.size() - 1);
}

void Connection::commit() {
    end_root(true);
}
void Connection::rollback() {
    end_root(false);
}

void Connection::end_root(bool commit) {
    if (needs_rollback_) {
        needs_rollback_ = false;
        if (commit)
            throw InvalidRequestError(
                "cannot commit: the connection was lost during the transaction, which is gone; "
                "nothing was committed");
        return;
    }
    if (!root_active_) return;
    if (engine_->options.echo)
        emit_log(engine_->options.log_sink, LogLevel::info, "retort.engine",
                 commit ? "COMMIT" : "ROLLBACK");
    DriverConnection& driver = pooled_.driver();
    auto forget_transaction = [&] {
        root_active_ = false;
        savepoints_.clear();
    };
    try {
        if (commit) {
            driver.commit();
        } else {
            driver.rollback();
        }
    } catch (const CommitOutcomeUnknown& lost) {
        forget_transaction();
        pooled_.invalidate();
        resolve_lost_commit(lost);
        return;
    } catch (const OperationalError& error) {
        if (!driver.is_broken()) {
            if (!driver.in_transaction()) forget_transaction();
            throw;
        }
        forget_transaction();  // gone with the connection: nothing left to roll back
        pooled_.invalidate();
        if (commit)
            throw CommitOutcomeUnknown(
                fmt::format("the connection was lost during COMMIT; the transaction may or may not "
                            "have been committed: {}",
                            error.what()),
                error.sqlstate(), "COMMIT");
        throw;
    } catch (...) {
        // Only what the server says ends the transaction: if it is still open, so is ours.
        if (!driver.in_transaction()) forget_transaction();
        throw;
    }
    forget_transaction();
    if (driver.is_broken()) pooled_.invalidate();  // a lost reply that lost nothing
}

void Connection::resolve_lost_commit(const CommitOutcomeUnknown& lost) {
    if (lost.transaction_id().empty()) throw lost;
    const auto wait = engine_->options.deadline_grace.value_or(std::chrono::seconds(5));
    CommitOutcome outcome = CommitOutcome::unknown;
    std::string failure = "the server could not tell yet";
    try {
        outcome = usable_driver().resolve_commit(lost, wait);
    } catch (const Error& error) {
        failure = fmt::format("asking the server failed: {}", error.what());
    }
    if (outcome == CommitOutcome::committed) {
        emit_log(engine_->options.log_sink, LogLevel::warning, "retort.engine",
                 fmt::format("the reply to COMMIT was lost; the server confirms that transaction "
                             "{} committed",
                             lost.transaction_id()));
        return;
    }
    if (outcome == CommitOutcome::rolled_back)
        throw OperationalError(
            fmt::format("the connection was lost during COMMIT, and the server confirms that "
                        "transaction {} was rolled back: nothing was committed",
                        lost.transaction_id()),
            "08006", "COMMIT");
    throw CommitOutcomeUnknown(
        fmt::format("{}\n(resolving it: {}; Engine::resolve_commit(error) asks again)", lost.what(),
                    failure),
        lost.sqlstate(), "COMMIT", lost.transaction_id(), lost.backend_pid());
}

void Connection::end_savepoint(std::size_t depth, bool commit) {
    if (!root_active_ || savepoints_.size() <= depth) return;
    std::string name = savepoints_[depth];
    savepoints_.resize(depth);  // savepoints inside this one end with it
    run_control(commit ? dialect().release_savepoint_sql(name)
                       : dialect().rollback_to_savepoint_sql(name));
}

Transaction::Transaction(Connection* connection, std::uint64_t root_id, std::string savepoint,
                         std::size_t depth)
    : connection_(connection), root_id_(root_id), savepoint_(std::move(savepoint)), depth_(depth) {
    connection_->transactions_.push_back(this);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      root_id_(other.root_id_),
      savepoint_(std::move(other.savepoint_)),
      depth_(other.depth_) {
    if (connection_ == nullptr) return;
    auto& list = connection_->transactions_;
    std::replace(list.begin(), list.end(), &other, this);
}

Transaction::~Transaction() {
    if (is_active()) {
        try {
            rollback();
        } catch (const std::exception& error) {
            // A destructor must not throw; the pool's reset rolls back whatever is left.
            emit_log(connection_->engine_->options.log_sink, LogLevel::warning, "retort.engine",
                     fmt::format("rollback on scope exit failed: {}", error.what()));
        }
    }
    if (connection_ != nullptr) std::erase(connection_->transactions_, this);
}

bool Transaction::is_active() const noexcept {
    if (connection_ == nullptr || connection_->closed() || !connection_->root_active_ ||
        connection_->root_id_ != root_id_)
        return false;
    if (savepoint_.empty()) return true;
    return connection_->savepoints_.size() > depth_ &&
           connection_->savepoints_[depth_] == savepoint_;
}

void Transaction::commit() {
    if (!is_active()) throw InvalidRequestError("this transaction is no longer active");
    if (savepoint_.empty()) {
        connection_->end_root(true);
    } else {
        connection_->end_savepoint(depth_, true);
    }
}

void Transaction::rollback() {
    if (!is_active()) return;  // rolling back twice is harmless, as in SQLAlchemy
    if (savepoint_.empty()) {
        connection_->end_root(false);
    } else {
        connection_->end_savepoint(depth_, false);
    }
}

}  // namespace retort
