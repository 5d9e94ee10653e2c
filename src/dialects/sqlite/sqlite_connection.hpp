// The sqlite3 connection behind an SQLite engine: a statement cache and lazily stepped cursors.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "retort/engine/driver.hpp"

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

    /// A statement taken from the cache (or prepared anew when the cached one is being read).
    struct Lease {
        sqlite3_stmt* statement = nullptr;
        bool cached = false;
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
    void forget(SqliteResult* result) noexcept { cursors_.erase(result); }
    [[noreturn]] void raise(int code, std::string_view sql);

  private:
    struct CacheEntry {
        sqlite3_stmt* statement;
        bool in_use;
    };
    void bind(sqlite3_stmt* statement, ParamRefs params, std::string_view sql,
              bool values_outlive_step = false);
    static int on_progress(void* self);

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, CacheEntry> cache_;
    std::size_t cache_capacity_;
    std::set<SqliteResult*> cursors_;  // results still reading from this connection
    std::optional<std::chrono::milliseconds> timeout_;
    std::optional<std::chrono::steady_clock::time_point> deadline_;
    bool timed_out_ = false;
    bool default_read_uncommitted_ = false;  // the engine's isolation
    bool read_uncommitted_ = false;          // the pragma's current value
};

class SqliteResult final : public DriverResult {
  public:
    SqliteResult(SqliteConnection* owner, SqliteConnection::Lease lease, std::string sql);
    ~SqliteResult() override;

    std::size_t column_count() const override { return names_.size(); }
    std::string_view column_name(std::size_t column) const override { return names_[column]; }
    /// Runs the statement to its first row (DML completes here).
    void start();
    bool next() override;
    Field field(std::size_t column) override;
    std::int64_t rows_affected() const override { return rows_affected_; }
    void close() override;
    /// The connection is closing or being reset: stop reading; reading further raises.
    void detach() noexcept;

  private:
    void finish() noexcept;

    SqliteConnection* owner_;
    SqliteConnection::Lease lease_;
    std::string sql_;
    std::vector<std::string> names_;
    std::int64_t rows_affected_ = -1;
    bool pending_row_ = false;
    bool done_ = false;
    bool abandoned_ = false;
};

}  // namespace retort::sqlite
