// Dialect: what differs between databases when SQL is written, and the compiler that writes it.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/sql/row_writes.hpp"
#include "retort/sql/statements.hpp"
#include "retort/sql/text.hpp"
#include "retort/types/sql_type.hpp"
#include "retort/types/value.hpp"

namespace retort::sql {

/// A statement turned into SQL text for one dialect, with the values of its placeholders in
/// order. The values point into the statement's nodes, which `statement` keeps alive.
struct Compiled {
    struct Bind {
        const Value* value = nullptr;  ///< a bound literal
        std::string name;              ///< else the name of a bindparam() given at execution
    };
    std::string sql;
    std::vector<Bind> binds;
    std::shared_ptr<const void> statement{};
    /// Values made for this compilation (client-side defaults), which some binds point to.
    std::shared_ptr<const void> made{};
};

/// A compiled statement from the dialect's cache: the SQL is shared by every execution of the
/// same statement shape; the binds are this statement's values.
struct CachedCompiled {
    std::shared_ptr<const std::string> sql;
    /// Shared with the statement's memo: a statement executed again copies nothing.
    std::shared_ptr<const std::vector<Compiled::Bind>> binds;
    std::shared_ptr<const void> statement{};  ///< keeps the bound values alive
    std::shared_ptr<const void> made{};       ///< values made for this execution (defaults)
};

/// How one database spells SQL. The dialects in dialects/ implement it; `generic_dialect()`
/// serves printing.
class Dialect {
  public:
    Dialect();
    virtual ~Dialect();
    Dialect(const Dialect&) = delete;
    Dialect& operator=(const Dialect&) = delete;
    virtual std::string_view name() const noexcept = 0;
    virtual ParamStyle param_style() const noexcept = 0;
    /// The DDL spelling of a column type (standard SQL as PostgreSQL writes it by default).
    virtual std::string type_sql(const SqlType& type) const;
    /// How CAST(x AS type) is written around its operand: {"CAST(", " AS <type>)"} by
    /// default. SQLite's type names give affinities, and a NUMERIC one would turn '2024-03-15'
    /// into 2024: its dates, times and documents are cast to TEXT (a date by date()).
    virtual std::pair<std::string, std::string> cast_frame(const SqlType& type) const;
    virtual bool has_ilike() const noexcept { return true; }
    virtual bool has_row_locks() const noexcept { return true; }
    virtual bool has_is_distinct_from() const noexcept { return true; }
    /// SQLite cannot write OFFSET without LIMIT.
    virtual bool offset_needs_limit() const noexcept { return false; }
    /// now(), date_trunc() and extract() have no common spelling: `arguments` are compiled SQL.
    virtual std::string portable_function(std::string_view name,
                                          const std::vector<std::string>& arguments) const;
    /// DDL: the column definition of a database-numbered integer primary key (after the name).
    virtual std::string identity_column_sql(const SqlType& type) const;
    /// DDL: must a foreign key's target table exist when the constraint is created?
    virtual bool foreign_keys_need_target() const noexcept { return true; }
    /// DDL: named enum types (CREATE TYPE ... AS ENUM); without them an enum column is a VARCHAR
    /// with a CHECK constraint on its labels.
    virtual bool has_native_enums() const noexcept { return true; }
    virtual bool has_delete_using() const noexcept { return true; }
    /// Many rows are cheaper written as one multi-row statement (INSERT ... VALUES (..), (..),
    /// PostgreSQL's UPDATE ... FROM (VALUES ...)) than as one execution each: true where every
    /// execution costs the server a round of parse, plan and executor start-up (PostgreSQL),
    /// false where a prepared statement steps in place (SQLite). A dialect that says true
    /// spells every row write (below) for many rows.
    virtual bool prefers_multirow_dml() const noexcept { return false; }
    /// A many-row keyed UPDATE may bind one array per column (KeyedUpdate::column_arrays,
    /// PostgreSQL's unnest): the statement's text and plan then do not depend on the row count.
    virtual bool has_array_parameters() const noexcept { return false; }
    /// Keys reserved ahead of a COPY, so that a flush knows every new row's key without
    /// RETURNING. key_sequence_sql() takes the table (as table_name_sql() writes it, $1) and
    /// the key column ($2) and gives the sequence that numbers it, or no row / NULL where given
    /// keys would be refused (GENERATED ALWAYS); reserve_keys_sql() takes that sequence ($1)
    /// and a count ($2) and gives that many new keys as one row of one integer array (one
    /// value to send and decode, not a row per key). Empty where the database has neither.
    virtual std::string key_sequence_sql() const { return {}; }
    virtual std::string reserve_keys_sql() const { return {}; }
    /// The driver reports the key an INSERT gave its row (DriverResult::last_insert_id), so a
    /// database-numbered key needs no RETURNING (which costs SQLite a temporary table).
    virtual bool reports_inserted_key() const noexcept { return false; }
    /// COPY ... FROM STDIN / TO STDOUT (Connection::copy_from, the ORM's bulk_insert).
    virtual bool has_copy() const noexcept { return false; }
    /// DDL: sequences (CREATE SEQUENCE).
    virtual bool has_sequences() const noexcept { return true; }
    /// DDL: COMMENT ON, CREATE INDEX ... USING method / operator classes.
    virtual bool has_comments() const noexcept { return true; }
    virtual bool has_index_methods() const noexcept { return true; }
    /// DDL: ALTER TABLE ... ALTER COLUMN and ADD / DROP CONSTRAINT. Without them (SQLite) a
    /// table can only gain, lose or rename columns in place.
    virtual bool has_alter_table() const noexcept { return true; }
    /// Migrations: a statement taking a lock that two migrating processes share until the
    /// transaction ends ($1: the lock's key), or empty (SQLite: its write lock serialises).
    virtual std::string migration_lock_sql() const { return {}; }
    /// Migrations: CREATE INDEX CONCURRENTLY, which builds without blocking writes.
    virtual bool has_concurrent_index_builds() const noexcept { return true; }
    /// Migrations' lint: the planner's estimate of a table's rows ($1: the table's name as
    /// table_name_sql() writes it), or empty where there is none.
    virtual std::string estimated_rows_sql() const { return {}; }
    /// Migrations' batch mode (a table rebuilt by move and copy): the statements turning
    /// foreign-key enforcement off and on again outside a transaction, the check run before
    /// COMMIT (rows: violations), and the query for a table's triggers' SQL ($1: its name).
    /// Empty where a rebuild is never needed.
    virtual std::string foreign_keys_sql(bool on) const;
    virtual std::string foreign_key_check_sql() const { return {}; }
    virtual std::string table_triggers_sql() const { return {}; }
    /// Migrations: a statement making a lock wait longer than `timeout` fail, for the rest of
    /// the transaction (zero: wait forever), or empty where there is no such setting.
    virtual std::string lock_timeout_sql(std::chrono::milliseconds timeout) const;
    /// A query with parameters (name, schema) returning a row when the table exists.
    virtual std::string has_table_sql() const;
    /// Words that must be quoted to serve as identifiers.
    virtual bool is_reserved(std::string_view lower_case_word) const;

    /// The longest identifier the database keeps whole, in bytes (0: no limit). PostgreSQL
    /// cuts longer names to 63 bytes silently, so that a long table name would be created under
    /// another name than the one asked for: quote() refuses them instead.
    virtual std::size_t max_identifier_length() const noexcept { return 0; }
    /// An identifier, quoted when it must be: reserved, not all lower case, or not a plain name.
    /// ArgumentError for one longer than max_identifier_length().
    std::string quote(std::string_view identifier) const;
    /// The row writes of a unit of work (sql/row_writes.hpp). The base spells standard SQL:
    /// one row per statement, multi-row INSERT ... VALUES and DELETE ... IN; a request it
    /// cannot spell (many rows of a keyed UPDATE, rows numbered in order) is NotSupportedError.
    virtual std::string row_insert_sql(const RowInsert& insert) const;
    virtual std::string keyed_update_sql(const KeyedUpdate& update) const;
    virtual std::string keyed_delete_sql(const KeyedDelete& remove) const;
    /// The spelling of an operator on arrays, ranges, JSON or text search; NotSupportedError,
    /// naming the typed API's method, where the database has none.
    virtual std::string_view extended_operator_sql(ExtendedOperator op) const;
    /// Transaction control inside a transaction (standard SQL).
    virtual std::string savepoint_sql(std::string_view name) const;
    virtual std::string release_savepoint_sql(std::string_view name) const;
    virtual std::string rollback_to_savepoint_sql(std::string_view name) const;
    /// Bulk copy where has_copy(): rows of `columns` of `table` in from the client, or out to
    /// it; or the rows of a compiled query (no parameters) out. NotSupportedError elsewhere.
    virtual std::string copy_in_sql(const FromClause& table,
                                    const std::vector<std::string>& columns) const;
    virtual std::string copy_out_sql(const FromClause& table,
                                     const std::vector<std::string>& columns) const;
    virtual std::string copy_query_out_sql(std::string_view query_sql) const;
    /// Notifications (PostgreSQL's LISTEN / NOTIFY); notify_sql() takes the channel and the
    /// payload as its two parameters. NotSupportedError where the database has none.
    virtual std::string listen_sql(std::string_view channel) const;
    virtual std::string unlisten_sql(std::string_view channel) const;
    virtual std::string notify_sql() const;
    /// The placeholder of the 1-based parameter `position` in this dialect's style.
    std::string placeholder(std::size_t position) const;

    Compiled compile(const Executable& statement) const;
    /// compile() through a cache keyed by the statement's structure (its SQL without values):
    /// a statement shape seen before costs one walk of its tree, not a compilation, and the
    /// same statement object executed again costs neither (its node remembers what it
    /// compiled to). Thread-safe.
    CachedCompiled compile_cached(const Executable& statement) const;
    std::size_t cached_statements() const;
    /// An expression alone (DDL defaults, CHECK constraints): values are inlined as SQL
    /// literals only here, since DDL cannot take parameters; strings are quoted safely.
    std::string compile_ddl_expression(const Expression& expression) const;
    /// A table's name as SQL, schema-qualified and quoted where needed (for COPY and other
    /// statements that name a table alone); ArgumentError when `table` is not a table.
    std::string table_name_sql(const FromClause& table) const;

  protected:
    /// Pieces of the row writes' spellings, for dialects that override them.
    std::string write_table_sql(const WriteTable& table) const;
    std::string column_list_sql(const std::vector<WriteColumn>& columns) const;
    std::string returning_sql(const std::vector<std::string_view>& columns) const;
    /// `key = $n AND ... [AND version = $m]`, numbering placeholders after `*next`.
    std::string key_match_sql(const std::vector<WriteColumn>& key,
                              const std::optional<WriteColumn>& version, std::size_t* next) const;

  private:
    CachedCompiled compile_by_fingerprint(const std::shared_ptr<const StatementNode>& node) const;
    struct StatementCache;
    std::unique_ptr<StatementCache> cache_;
};

/// The dialect statements print with (Executable::to_string): PostgreSQL's, chosen by the
/// registry of built-in dialects (src/dialects/builtin.cpp).
const Dialect& generic_dialect();

}  // namespace retort::sql
