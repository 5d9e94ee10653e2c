// The sqlite3 connection behind an SQLite engine: a statement cache and lazily stepped cursors.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/engine/row.hpp"

namespace retort::sqlite {

class SqliteResult;

class SqliteConnection final : public DriverConnection {
  public:
    SqliteConnection(const Url& url, const EngineOptions& options);
    ~SqliteConnection() override;

    std::unique_ptr<DriverResult> execute(std::string_view sql, ParamRefs params,
                                          const ExecuteOptions& options) override;
    std::int64_t execute_many(std::string_view sql,
                              std::span<const std::vector<const Value*>> sets) override;
    bool reads_param_rows() const noexcept override { return true; }
    void execute_batch(std::span<const BatchStatement> statements,
                       const BatchReader& reader) override;
    void execute_script(std::string_view sql) override;
    void begin(std::optional<IsolationLevel> isolation) override;
    void commit() override;
    void rollback() override;
    bool in_transaction() const override;
    bool ping() override { return db_ != nullptr; }
    bool is_broken() const override { return db_ == nullptr; }
    void reset() override;
    void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) override {
        timeout_ = timeout;
    }
    void* native_handle() noexcept override { return db_; }

    /// A prepared statement kept for reuse, with its column names (shared with its results).
    struct CacheEntry {
        sqlite3_stmt* statement;
        bool in_use;
        std::string_view sql;  // the cache's key
        std::shared_ptr<const ColumnNames> columns;
        int prepared_as = -1;  // SQLite's count of re-preparations when `columns` were read
    };
    /// A statement taken from the cache (or prepared anew when the cached one is being read).
    struct Lease {
        sqlite3_stmt* statement = nullptr;
        CacheEntry* cached = nullptr;  // null: prepared for this execution alone
    };
    /// The prepared statement for `sql`. SQL with several statements is refused, unless it is
    /// a `script`: then every statement but the last runs here, and the last is returned.
    Lease acquire(std::string_view sql, bool script = false);
    /// Runs every statement of a script but the last; returns the last one's text.
    std::string_view run_leading_statements(std::string_view script);
    /// False for text that holds no statement (whitespace, ';', comments).
    bool holds_statement(std::string_view sql);
    void release(Lease lease) noexcept;
    /// Steps a statement under the statement timeout; raises on error.
    int step(sqlite3_stmt* statement, std::string_view sql);
    void forget(SqliteResult* result) noexcept;
    [[noreturn]] void raise(int code, std::string_view sql);

  private:
    // Looked up by the caller's string_view: no key is built per execution.
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const noexcept {
            return std::hash<std::string_view>()(sql);
        }
    };
    void detach_cursors() noexcept;
    /// Binds one set of ParamRows (fields read in place: they outlive the step).
    void bind(sqlite3_stmt* statement, std::span<const RowParam> params, std::string_view sql);
    [[noreturn]] void refuse_parameter_count(sqlite3_stmt* statement, std::size_t given,
                                             std::string_view sql);
    void bind(sqlite3_stmt* statement, ParamRefs params, std::string_view sql,
              bool values_outlive_step = false);
    static int on_progress(void* self);

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, CacheEntry, SqlHash, std::equal_to<>> cache_;
    CacheEntry* last_ = nullptr;  // the entry acquired last (entries are never erased)
    std::size_t cache_capacity_;
    std::vector<SqliteResult*> cursors_;  // results still reading from this connection (few)
    std::optional<std::chrono::milliseconds> timeout_;
    std::optional<std::chrono::steady_clock::time_point> deadline_;
    bool timed_out_ = false;
    bool default_read_uncommitted_ = false;  // the engine's isolation
    bool read_uncommitted_ = false;          // the pragma's current value
    // "BEGIN", or "BEGIN IMMEDIATE" / "BEGIN EXCLUSIVE" (URL option begin=): a transaction
    // that takes the write lock at its start waits its turn there, instead of failing with
    // SQLITE_BUSY when it first writes after reading beside another writer.
    std::string begin_sql_ = "BEGIN";
};

class SqliteResult final : public DriverResult {
  public:
    /// `sql`: the cache's key for a cached statement, else the text, copied here.
    SqliteResult(SqliteConnection* owner, SqliteConnection::Lease lease, std::string_view sql);
    ~SqliteResult() override;

    std::size_t column_count() const override { return columns_->names.size(); }
    std::string_view column_name(std::size_t column) const override {
        return columns_->names[column];
    }
    std::shared_ptr<const ColumnNames> column_names() const override { return columns_; }
    /// Runs the statement to its first row (DML completes here); the columns are known after.
    void start();
    bool next() override;
    Field field(std::size_t column) override;
    std::int64_t rows_affected() const override { return rows_affected_; }
    void close() override;
    /// The connection is closing or being reset: stop reading; reading further raises.
    void detach() noexcept;

  private:
    void read_columns();
    void finish() noexcept;

    SqliteConnection* owner_;
    SqliteConnection::Lease lease_;
    std::string owned_sql_;  // the text of a statement prepared for this execution alone
    std::string_view sql_;
    std::shared_ptr<const ColumnNames> columns_;
    std::int64_t rows_affected_ = -1;
    bool pending_row_ = false;
    bool done_ = false;
    bool abandoned_ = false;
};

}  // namespace retort::sqlite
