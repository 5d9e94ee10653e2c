#include "sqlite_connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

#include "retort/dialects/sqlite/driver.hpp"
#include "retort/errors.hpp"

namespace retort::sqlite {

using Clock = std::chrono::steady_clock;

namespace {

std::string code_name(int code) {
    switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
            return "SQLITE_CONSTRAINT_UNIQUE";
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return "SQLITE_CONSTRAINT_PRIMARYKEY";
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return "SQLITE_CONSTRAINT_FOREIGNKEY";
        case SQLITE_CONSTRAINT_NOTNULL:
            return "SQLITE_CONSTRAINT_NOTNULL";
        case SQLITE_CONSTRAINT_CHECK:
            return "SQLITE_CONSTRAINT_CHECK";
        case SQLITE_CONSTRAINT_DATATYPE:
            return "SQLITE_CONSTRAINT_DATATYPE";
        default:
            break;
    }
    switch (code & 0xff) {
        case SQLITE_ERROR:
            return "SQLITE_ERROR";
        case SQLITE_BUSY:
            return "SQLITE_BUSY";
        case SQLITE_LOCKED:
            return "SQLITE_LOCKED";
        case SQLITE_READONLY:
            return "SQLITE_READONLY";
        case SQLITE_INTERRUPT:
            return "SQLITE_INTERRUPT";
        case SQLITE_IOERR:
            return "SQLITE_IOERR";
        case SQLITE_CORRUPT:
            return "SQLITE_CORRUPT";
        case SQLITE_FULL:
            return "SQLITE_FULL";
        case SQLITE_CANTOPEN:
            return "SQLITE_CANTOPEN";
        case SQLITE_TOOBIG:
            return "SQLITE_TOOBIG";
        case SQLITE_CONSTRAINT:
            return "SQLITE_CONSTRAINT";
        case SQLITE_MISMATCH:
            return "SQLITE_MISMATCH";
        case SQLITE_MISUSE:
            return "SQLITE_MISUSE";
        case SQLITE_RANGE:
            return "SQLITE_RANGE";
        case SQLITE_NOTADB:
            return "SQLITE_NOTADB";
        default:
            return fmt::format("SQLITE_{}", code);
    }
}

// The exception class for an SQLite result code.
[[noreturn]] void throw_for_code(int code, const std::string& message, const std::string& sql) {
    std::string name = code_name(code);
    switch (code & 0xff) {
        case SQLITE_CONSTRAINT:
            throw IntegrityError(message, name, sql);
        case SQLITE_TOOBIG:
        case SQLITE_MISMATCH:
            throw DataError(message, name, sql);
        case SQLITE_ERROR:
        case SQLITE_RANGE:
            throw ProgrammingError(message, name, sql);
        case SQLITE_MISUSE:
            throw InterfaceError(message, name, sql);
        default:
            throw OperationalError(message, name, sql);
    }
}

// A value inside an SQLite "file:" URI: anything that could end it or start another parameter
// is escaped.
std::string uri_escape(std::string_view value) {
    std::string out;
    for (char c : value) {
        bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                     c == '.' || c == '~' || c == '/';
        out += plain ? std::string(1, c) : fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
    return out;
}

std::string percent_encode_path(std::string_view path) {
    std::string out;
    for (char c : path) {
        if (c == '?' || c == '#' || c == '%') {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    return out;
}

// What a URL's options and connect_args ask of a connection.
struct SqliteSettings {
    std::string uri_query;  // SQLite's own URI parameters, "?mode=ro&..."
    bool is_uri = false;
    int busy_ms = 5000;
    std::string journal_mode;  // empty: the database's own
    std::string begin_sql = "BEGIN";
};

SqliteSettings read_settings(const Url& url, const EngineOptions& options) {
    // URL options and connect_args: SQLite's own URI parameters, plus `timeout` (busy wait,
    // seconds, as in Python's sqlite3), `uri=true` (the database part is itself a "file:" URI),
    // `begin` (deferred, immediate or exclusive: how a transaction starts) and `journal_mode`.
    static constexpr std::string_view uri_keys[] = {"mode", "cache", "immutable", "nolock",
                                                    "psow", "vfs",   "modeof"};
    SqliteSettings out;
    std::vector<std::pair<std::string, std::string>> given = url.query;
    given.insert(given.end(), options.connect_args.begin(), options.connect_args.end());
    for (const auto& [key, value] : given) {
        if (key == "timeout") {
            double seconds = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
            if (ec != std::errc{} || end != value.data() + value.size() || seconds < 0)
                throw ArgumentError(
                    fmt::format("SQLite option timeout must be seconds, not '{}'", value));
            out.busy_ms = static_cast<int>(seconds * 1000);
        } else if (key == "uri") {
            out.is_uri = value == "true" || value == "1";
        } else if (key == "begin") {
            if (value != "deferred" && value != "immediate" && value != "exclusive")
                throw ArgumentError(fmt::format(
                    "SQLite option begin must be deferred, immediate or exclusive, not '{}'",
                    value));
            out.begin_sql = value == "deferred"    ? "BEGIN"
                            : value == "immediate" ? "BEGIN IMMEDIATE"
                                                   : "BEGIN EXCLUSIVE";
        } else if (key == "journal_mode") {
            static constexpr std::string_view modes[] = {"delete", "truncate", "persist",
                                                         "memory", "wal",      "off"};
            if (std::find(std::begin(modes), std::end(modes), value) == std::end(modes))
                throw ArgumentError(fmt::format(
                    "SQLite option journal_mode must be delete, truncate, persist, memory, wal "
                    "or off, not '{}'",
                    value));
            out.journal_mode = value;
        } else if (std::find(std::begin(uri_keys), std::end(uri_keys), key) != std::end(uri_keys)) {
            out.uri_query += (out.uri_query.empty() ? "?" : "&") + key + "=" + uri_escape(value);
        } else {
            throw ArgumentError(fmt::format(
                "unknown SQLite URL option '{}' (known: mode, cache, immutable, nolock, psow, vfs, "
                "modeof, timeout, uri, begin, journal_mode)",
                key));
        }
    }
    return out;
}

}  // namespace

SqliteConnection::SqliteConnection(const Url& url, const EngineOptions& options)
    : cache_capacity_(options.prepared_statement_cache_size) {
    if (options.deadline_grace)
        throw ArgumentError(
            "deadline_grace applies to PostgreSQL only: SQLite interrupts a statement at its "
            "deadline itself");
    const SqliteSettings settings = read_settings(url, options);
    const std::string& uri_query = settings.uri_query;
    const bool is_uri = settings.is_uri;
    begin_sql_ = settings.begin_sql;
    bool memory = url.database.empty() || url.database == ":memory:";
    // An in-memory database has no WAL: SQLite would keep its own mode and say nothing.
    if (settings.journal_mode == "wal" && (memory || url.option("mode") == "memory"))
        throw ArgumentError("SQLite option journal_mode=wal needs a database file, not memory");
    std::string filename;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (is_uri) {
        filename = url.database;
        flags |= SQLITE_OPEN_URI;
    } else if (!uri_query.empty()) {
        filename =
            "file:" + (memory ? std::string(":memory:") : percent_encode_path(url.database)) +
            uri_query;
        flags |= SQLITE_OPEN_URI;
    } else {
        filename = memory ? ":memory:" : url.database;
    }

    int rc = sqlite3_open_v2(filename.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw OperationalError(
            fmt::format("could not open SQLite database '{}': {}", url.database, message),
            code_name(rc));
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, settings.busy_ms);
    // Foreign keys are declared to be enforced; SQLite only does so when asked.
    std::string setup = "PRAGMA foreign_keys = ON";
    if (!settings.journal_mode.empty()) setup += "; PRAGMA journal_mode = " + settings.journal_mode;
    if (options.isolation_level == IsolationLevel::read_uncommitted) {
        setup += "; PRAGMA read_uncommitted = 1";
        default_read_uncommitted_ = read_uncommitted_ = true;
    }
    if (options.isolation_level && *options.isolation_level != IsolationLevel::read_uncommitted &&
        *options.isolation_level != IsolationLevel::serializable &&
        *options.isolation_level != IsolationLevel::autocommit) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw ArgumentError(
            "SQLite supports the isolation levels SERIALIZABLE, READ UNCOMMITTED and AUTOCOMMIT "
            "only");
    }
    try {
        execute_script(setup);
    } catch (...) {
        sqlite3_close_v2(db_);  // the destructor does not run for a failed constructor
        db_ = nullptr;
        throw;
    }
}

SqliteConnection::~SqliteConnection() {
    detach_cursors();
    for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.statement);
    if (db_) sqlite3_close_v2(db_);
}

void SqliteConnection::raise(int code, std::string_view sql) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    if ((code & 0xff) == SQLITE_INTERRUPT && timed_out_) message += " (statement_timeout expired)";
    throw_for_code(
        code, fmt::format("({}) {}\n[SQL: {}]", code_name(code), message, statement_excerpt(sql)),
        std::string(sql));
}

int SqliteConnection::on_progress(void* self) {
    auto* connection = static_cast<SqliteConnection*>(self);
    if (connection->deadline_ && Clock::now() > *connection->deadline_) {
        connection->timed_out_ = true;
        return 1;  // interrupts the statement with SQLITE_INTERRUPT
    }
    return 0;
}

int SqliteConnection::step(sqlite3_stmt* statement, std::string_view sql) {
    if (timeout_) {
        deadline_ = Clock::now() + *timeout_;
        timed_out_ = false;
        sqlite3_progress_handler(db_, 1000, &SqliteConnection::on_progress, this);
    }
    int rc = sqlite3_step(statement);
    if (timeout_) {
        sqlite3_progress_handler(db_, 0, nullptr, nullptr);
        deadline_.reset();
    }
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc;
    sqlite3_reset(statement);
    raise(rc, sql);
}

void SqliteConnection::detach_cursors() noexcept {
    // Each detach() forgets itself, shrinking the list.
    while (!cursors_.empty()) {
        SqliteResult* cursor = cursors_.back();
        cursor->detach();
        if (!cursors_.empty() && cursors_.back() == cursor) cursors_.pop_back();
    }
}

void SqliteConnection::forget(SqliteResult* result) noexcept {
    auto it = std::find(cursors_.begin(), cursors_.end(), result);
    if (it == cursors_.end()) return;
    *it = cursors_.back();
    cursors_.pop_back();
}

namespace {
std::shared_ptr<const ColumnNames> names_of(sqlite3_stmt* statement) {
    const int n = sqlite3_column_count(statement);
    auto columns = std::make_shared<ColumnNames>();
    columns->names.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) columns->names.emplace_back(sqlite3_column_name(statement, i));
    return columns;
}
}  // namespace

SqliteConnection::Lease SqliteConnection::acquire(std::string_view sql, bool script) {
    if (db_ == nullptr) throw InterfaceError("the connection is closed");
    // The statement run last, again (a loop executing one statement): compared, not hashed.
    if (last_ != nullptr && !last_->in_use && last_->sql.size() == sql.size() &&
        std::memcmp(last_->sql.data(), sql.data(), sql.size()) == 0) {
        last_->in_use = true;
        return Lease{last_->statement, last_};
    }
    if (auto it = cache_.find(sql); it != cache_.end() && !it->second.in_use) {
        it->second.in_use = true;
        last_ = &it->second;
        return Lease{it->second.statement, &it->second};
    }
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &statement, &tail);
    if (rc != SQLITE_OK) raise(rc, sql);
    if (statement == nullptr)
        throw ProgrammingError(
            fmt::format("the SQL contains no statement\n[SQL: {}]", statement_excerpt(sql)));
    std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (holds_statement(rest)) {
        sqlite3_finalize(statement);
        if (script) return acquire(run_leading_statements(sql), false);
        throw ProgrammingError(
            fmt::format("{}\n[SQL: {}]", several_statements_refused, statement_excerpt(sql)));
    }
    if (cache_.find(sql) == cache_.end() && cache_.size() < cache_capacity_) {
        auto [it, added] = cache_.emplace(std::string(sql), CacheEntry{statement, true, {}, {}});
        it->second.sql = it->first;
        last_ = &it->second;
        return Lease{statement, &it->second};
    }
    return Lease{statement, nullptr};
}

void SqliteConnection::release(Lease lease) noexcept {
    if (lease.statement == nullptr) return;
    sqlite3_reset(lease.statement);
    sqlite3_clear_bindings(lease.statement);
    if (lease.cached == nullptr)
        sqlite3_finalize(lease.statement);
    else
        lease.cached->in_use = false;
}

namespace {
// Binds one Value at position `at` (from 1); SQLite's result code. Inline: the hot path of
// every execution.
inline int bind_value(sqlite3_stmt* statement, int at, const Value& value,
                      sqlite3_destructor_type lifetime) {
    auto bind_text = [&](const std::string& text, sqlite3_destructor_type how) {
        return sqlite3_bind_text64(statement, at, text.data(), text.size(), how, SQLITE_UTF8);
    };
    return std::visit(
        [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null>)
                return sqlite3_bind_null(statement, at);
            else if constexpr (std::is_same_v<T, bool>)
                return sqlite3_bind_int(statement, at, v ? 1 : 0);
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return sqlite3_bind_int64(statement, at, v);
            else if constexpr (std::is_same_v<T, double>)
                return sqlite3_bind_double(statement, at, v);
            else if constexpr (std::is_same_v<T, std::string>)
                return bind_text(v, lifetime);
            else if constexpr (std::is_same_v<T, Bytes>)  // a null pointer would bind NULL, not ''
                return v.empty() ? sqlite3_bind_zeroblob(statement, at, 0)
                                 : sqlite3_bind_blob64(statement, at, v.data(), v.size(), lifetime);
            else  // Decimal, dates and times, Interval, Uuid, Json: their text form
                return bind_text(*text_form(value), SQLITE_TRANSIENT);
        },
        value);
}
}  // namespace

void SqliteConnection::refuse_parameter_count(sqlite3_stmt* statement, std::size_t given,
                                              std::string_view sql) {
    throw ProgrammingError(
        fmt::format("the statement takes {} parameters but {} were given\n[SQL: {}]",
                    sqlite3_bind_parameter_count(statement), given, statement_excerpt(sql)));
}

void SqliteConnection::bind(sqlite3_stmt* statement, ParamRefs params, std::string_view sql,
                            bool values_outlive_step) {
    // Text and blobs are copied by SQLite unless the caller keeps them alive until the step.
    const auto lifetime = values_outlive_step ? SQLITE_STATIC : SQLITE_TRANSIENT;
    if (sqlite3_bind_parameter_count(statement) != static_cast<int>(params.size()))
        refuse_parameter_count(statement, params.size(), sql);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int rc = bind_value(statement, static_cast<int>(i) + 1, *params[i], lifetime);
        if (rc != SQLITE_OK) raise(rc, sql);
    }
}

void SqliteConnection::bind(sqlite3_stmt* statement, std::span<const RowParam> params,
                            std::string_view sql) {
    if (sqlite3_bind_parameter_count(statement) != static_cast<int>(params.size()))
        refuse_parameter_count(statement, params.size(), sql);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int at = static_cast<int>(i) + 1;
        const RowParam& param = params[i];
        const Field& field = param.field;
        int rc = SQLITE_OK;
        if (param.value != nullptr)
            rc = bind_value(statement, at, *param.value, SQLITE_STATIC);
        else if (field.kind == FieldKind::integer)
            rc = sqlite3_bind_int64(statement, at, field.integer);
        else if (field.kind == FieldKind::text)
            rc = sqlite3_bind_text64(statement, at, field.bytes.data(), field.bytes.size(),
                                     SQLITE_STATIC, SQLITE_UTF8);
        else if (field.kind == FieldKind::real)
            rc = sqlite3_bind_double(statement, at, field.real);
        else if (field.kind == FieldKind::blob)
            rc = field.bytes.empty() ? sqlite3_bind_zeroblob(statement, at, 0)
                                     : sqlite3_bind_blob64(statement, at, field.bytes.data(),
                                                           field.bytes.size(), SQLITE_STATIC);
        else
            rc = sqlite3_bind_null(statement, at);
        if (rc != SQLITE_OK) raise(rc, sql);
    }
}

bool SqliteConnection::holds_statement(std::string_view sql) {
    if (sql.find_first_not_of(" \t\r\n;") == std::string_view::npos) return false;
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    sqlite3_finalize(statement);
    return rc != SQLITE_OK || statement != nullptr;  // comments alone are no statement
}

std::string_view SqliteConnection::run_leading_statements(std::string_view script) {
    std::string_view rest = script;
    while (true) {
        sqlite3_stmt* statement = nullptr;
        const char* tail = nullptr;
        int rc =
            sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &statement, &tail);
        if (rc != SQLITE_OK) raise(rc, script);
        std::string_view after(tail, static_cast<std::size_t>(rest.data() + rest.size() - tail));
        if (statement == nullptr || !holds_statement(after)) {
            sqlite3_finalize(statement);
            return rest;
        }
        try {
            while (step(statement, script) == SQLITE_ROW) {
            }
        } catch (...) {
            sqlite3_finalize(statement);
            throw;
        }
        sqlite3_finalize(statement);
        rest = after;
    }
}

std::unique_ptr<DriverResult> SqliteConnection::execute(std::string_view sql, ParamRefs params,
                                                        const ExecuteOptions& options) {
    // SQLite steps lazily whether or not the caller asked to stream: memory stays flat either way.
    Lease lease = acquire(sql, options.script && params.empty());
    try {
        bind(lease.statement, params, sql);
    } catch (...) {
        release(lease);
        throw;
    }
    auto result = std::make_unique<SqliteResult>(this, lease, sql);
    cursors_.push_back(result.get());
    result->start();  // runs the statement up to its first row: DML is done after this
    return result;
}

namespace {
// A column of the current row of a stepped statement.
Field column_field(sqlite3_stmt* s, int c) {
    switch (sqlite3_column_type(s, c)) {
        case SQLITE_INTEGER:
            return Field::of_integer(sqlite3_column_int64(s, c));
        case SQLITE_FLOAT:
            return Field::of_real(sqlite3_column_double(s, c));
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
            return Field::of_text({text, static_cast<std::size_t>(sqlite3_column_bytes(s, c))});
        }
        case SQLITE_BLOB: {
            const auto* blob = static_cast<const char*>(sqlite3_column_blob(s, c));
            return Field::of_blob({blob, static_cast<std::size_t>(sqlite3_column_bytes(s, c))});
        }
        default:
            return Field{};
    }
}

// One execution of a batch statement, read in place: the statement has been stepped once.
class BatchOutcome final : public DriverResult {
  public:
    BatchOutcome(SqliteConnection& owner, sqlite3_stmt* statement, std::string_view sql, int rc)
        : owner_(owner), statement_(statement), sql_(sql), has_row_(rc == SQLITE_ROW) {}
    std::size_t column_count() const override {
        return static_cast<std::size_t>(sqlite3_column_count(statement_));
    }
    std::string_view column_name(std::size_t column) const override {
        return sqlite3_column_name(statement_, static_cast<int>(column));
    }
    bool next() override {
        if (first_) {
            first_ = false;
            return has_row_;
        }
        if (!has_row_) return false;
        has_row_ = owner_.step(statement_, sql_) == SQLITE_ROW;
        return has_row_;
    }
    Field field(std::size_t column) override {
        return column_field(statement_, static_cast<int>(column));
    }
    std::int64_t rows_affected() const override {
        return sqlite3_changes64(static_cast<sqlite3*>(owner_.native_handle()));
    }
    std::optional<std::int64_t> last_insert_id() const override {
        return sqlite3_last_insert_rowid(static_cast<sqlite3*>(owner_.native_handle()));
    }
    void close() override {
        while (next()) {
        }
    }

  private:
    SqliteConnection& owner_;
    sqlite3_stmt* statement_;
    std::string_view sql_;
    bool has_row_;
    bool first_ = true;
};
}  // namespace

std::int64_t SqliteConnection::execute_many(std::string_view sql,
                                            std::span<const std::vector<const Value*>> sets) {
    std::int64_t affected = 0;
    BatchStatement statement{sql, sets};
    execute_batch({&statement, 1}, [&](std::size_t, std::size_t, DriverResult& outcome) {
        outcome.close();
        affected += outcome.rows_affected();
    });
    return affected;
}

void SqliteConnection::execute_batch(std::span<const BatchStatement> statements,
                                     const BatchReader& reader) {
    // No round trips to save: each execution steps in place on a cached statement.
    for (std::size_t s = 0; s < statements.size(); ++s) {
        const BatchStatement& statement = statements[s];
        Lease lease = acquire(statement.sql);
        try {
            std::vector<RowParam> params;
            for (std::size_t k = 0; k < statement.set_count(); ++k) {
                if (statement.rows != nullptr) {
                    params.clear();
                    statement.rows->fill(k, params);
                    bind(lease.statement, params, statement.sql);
                } else {
                    bind(lease.statement, statement.sets[k], statement.sql, true);
                }
                BatchOutcome outcome(*this, lease.statement, statement.sql,
                                     step(lease.statement, statement.sql));
                reader(s, k, outcome);
                outcome.close();
                sqlite3_reset(lease.statement);
            }
        } catch (...) {
            sqlite3_reset(lease.statement);
            release(lease);
            throw;
        }
        release(lease);
    }
}

void SqliteConnection::execute_script(std::string_view sql) {
    if (db_ == nullptr) throw InterfaceError("the connection is closed");
    std::string text(sql);
    char* error = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) raise(sqlite3_extended_errcode(db_), sql);
}

void SqliteConnection::begin(std::optional<IsolationLevel> isolation) {
    if (isolation == IsolationLevel::read_uncommitted) {
        execute_script("PRAGMA read_uncommitted = 1; " + begin_sql_);
        read_uncommitted_ = true;
    } else if (isolation == IsolationLevel::serializable) {
        execute_script("PRAGMA read_uncommitted = 0; " + begin_sql_);
        read_uncommitted_ = false;
    } else if (!isolation) {
        execute_script(begin_sql_);
    } else {
        throw ArgumentError(
            fmt::format("SQLite has no {} isolation; it offers SERIALIZABLE and READ UNCOMMITTED",
                        isolation_level_sql(*isolation)));
    }
}

void SqliteConnection::commit() {
    execute_script("COMMIT");
}
void SqliteConnection::rollback() {
    execute_script("ROLLBACK");
}

bool SqliteConnection::in_transaction() const {
    return db_ != nullptr && sqlite3_get_autocommit(db_) == 0;
}

void SqliteConnection::reset() {
    detach_cursors();
    if (in_transaction()) rollback();
    if (read_uncommitted_ != default_read_uncommitted_) {  // a begin(isolation) changed it
        execute_script(default_read_uncommitted_ ? "PRAGMA read_uncommitted = 1"
                                                 : "PRAGMA read_uncommitted = 0");
        read_uncommitted_ = default_read_uncommitted_;
    }
}

SqliteResult::SqliteResult(SqliteConnection* owner, SqliteConnection::Lease lease,
                           std::string_view sql)
    : owner_(owner), lease_(lease) {
    if (lease_.cached != nullptr) {
        sql_ = lease_.cached->sql;
    } else {
        owned_sql_ = std::string(sql);
        sql_ = owned_sql_;
    }
}

void SqliteResult::read_columns() {
    if (lease_.cached == nullptr) {
        columns_ = names_of(lease_.statement);
        return;
    }
    // Read once per statement, and again after SQLite prepared it anew: a schema change can
    // change its columns (SELECT *), and SQLite prepares again within the first step.
    const int prepared_as = sqlite3_stmt_status(lease_.statement, SQLITE_STMTSTATUS_REPREPARE, 0);
    if (lease_.cached->columns == nullptr || lease_.cached->prepared_as != prepared_as) {
        lease_.cached->columns = names_of(lease_.statement);
        lease_.cached->prepared_as = prepared_as;
    }
    columns_ = lease_.cached->columns;
}

SqliteResult::~SqliteResult() {
    finish();
}

bool SqliteResult::next() {
    if (abandoned_)
        throw InterfaceError(
            "the connection of this result was returned to the pool before it was read");
    if (done_) return false;
    // The constructor's caller steps once to run the statement; that first row is kept pending.
    if (pending_row_) {
        pending_row_ = false;
        return true;
    }
    int rc;
    try {
        rc = owner_->step(lease_.statement, sql_);
    } catch (...) {
        finish();
        throw;
    }
    if (columns_ == nullptr) read_columns();  // the first step: the statement is as it runs
    if (rc == SQLITE_ROW) {
        if (rows_affected_ == -1 && columns_->names.empty()) rows_affected_ = 0;
        return true;
    }
    if (columns_->names.empty())
        rows_affected_ = sqlite3_changes64(static_cast<sqlite3*>(owner_->native_handle()));
    finish();
    return false;
}

Field SqliteResult::field(std::size_t column) {
    return column_field(lease_.statement, static_cast<int>(column));
}

void SqliteResult::start() {
    pending_row_ = next();
}

void SqliteResult::close() {
    finish();
}

void SqliteResult::detach() noexcept {
    abandoned_ = !done_;
    finish();
    owner_ = nullptr;
}

void SqliteResult::finish() noexcept {
    if (done_) return;
    done_ = true;
    pending_row_ = false;
    if (owner_) {
        owner_->release(lease_);
        owner_->forget(this);
    }
    lease_.statement = nullptr;
}

}  // namespace retort::sqlite

namespace retort::sqlite {

namespace {
class SqliteDriver final : public Driver {
  public:
    std::string_view name() const noexcept override { return "sqlite"; }

    const sql::Dialect& dialect() const noexcept override { return sqlite::dialect(); }
    const DialectReflector& reflector() const noexcept override { return sqlite::reflector(); }
    std::unique_ptr<DriverConnection> connect(const Url& url,
                                              const EngineOptions& options) override {
        return std::make_unique<SqliteConnection>(url, options);
    }
    // A memory database exists only inside its connection, so every user must share that one.
    PoolClass default_pool(const Url& url) const override {
        bool memory =
            url.database.empty() || url.database == ":memory:" || url.option("mode") == "memory";
        return memory ? PoolClass::static_ : PoolClass::queue;
    }
};
}  // namespace

std::shared_ptr<Driver> make_driver() {
    return std::make_shared<SqliteDriver>();
}

}  // namespace retort::sqlite
