// MetaData: the collection of tables, their creation and removal in dependency order.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/schema/table.hpp"
#include "retort/sql/dialect.hpp"

namespace retort {

/// Where DDL goes. The schema layer sits below the engine, so it reaches the database through
/// this interface; Connection and Engine implement it.
class SchemaExecutor {
  public:
    virtual ~SchemaExecutor() = default;
    virtual const sql::Dialect& dialect() const = 0;
    /// Runs `body` with an executor whose statements commit together.
    virtual void run_in_transaction(const std::function<void(SchemaExecutor&)>& body) = 0;
    virtual void execute_ddl(const std::string& sql) = 0;
    virtual bool has_table(const std::string& name, const std::optional<std::string>& schema) = 0;
    /// Reflection: the tables of a schema and their definitions as the database has them.
    virtual std::vector<std::string> table_names(const std::optional<std::string>& schema) = 0;
    virtual TableDefinition reflect_table(const std::string& name,
                                          const std::optional<std::string>& schema) = 0;
};

/// Names for constraints and indexes that were not given one, so that migrations can address
/// them. Tokens: %(table_name)s, %(column_0_name)s, %(referred_table_name)s, %(constraint_name)s.
/// Names longer than 63 characters (PostgreSQL's limit) are cut and given a hash suffix.
struct NamingConvention {
    std::string index = "ix_%(table_name)s_%(column_0_name)s";
    std::string unique = "uq_%(table_name)s_%(column_0_name)s";
    std::string check = "ck_%(table_name)s_%(constraint_name)s";
    std::string foreign_key = "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s";
    std::string primary_key = "pk_%(table_name)s";
};

class MetaData {
  public:
    MetaData();
    explicit MetaData(NamingConvention convention);
    ~MetaData();
    MetaData(const MetaData&) = delete;
    MetaData& operator=(const MetaData&) = delete;

    const NamingConvention& naming_convention() const noexcept { return naming_convention_; }
    /// The definition of a table; ArgumentError when there is none of that (qualified) name.
    const TableDefinition& table(std::string_view qualified_name) const;
    bool contains(std::string_view qualified_name) const;
    /// Tables in foreign-key dependency order (referred tables first), ties by name.
    std::vector<const TableDefinition*> sorted_tables() const;

    /// CREATE TABLE (and its indexes) for every table, referred tables first; with `checkfirst`
    /// existing tables are left alone. On PostgreSQL a foreign-key cycle is closed afterwards
    /// with ALTER TABLE ... ADD CONSTRAINT.
    void create_all(SchemaExecutor& executor, bool checkfirst = true) const;
    /// DROP TABLE for every table, dependent tables first.
    void drop_all(SchemaExecutor& executor, bool checkfirst = true) const;
    /// Reads the tables of `schema` (all, or those named in `only`) from the database and adds
    /// them as dynamic Tables, which are returned. Tables already defined here are skipped.
    std::vector<Table> reflect(SchemaExecutor& executor,
                               const std::optional<std::string>& schema = std::nullopt,
                               const std::vector<std::string>& only = {});

    /// A sequence not tied to a column (func::next_value uses it).
    void add_sequence(Sequence sequence);
    /// The sequences add_sequence() gave (a column's own sequence is on the column).
    const std::vector<Sequence>& sequences() const noexcept { return sequences_; }
    /// Used by Table's constructor.
    void add(std::shared_ptr<const TableDefinition> table);
    /// Used by typed descriptors, whose definition is complete only after construction.
    void add_pending(std::string qualified_name,
                     std::function<std::shared_ptr<const TableDefinition>()> definition);

  private:
    void resolve_pending() const;
    NamingConvention naming_convention_;
    mutable std::map<std::string, std::shared_ptr<const TableDefinition>, std::less<>> tables_;
    mutable std::map<std::string, std::function<std::shared_ptr<const TableDefinition>()>,
                     std::less<>>
        pending_;
    std::vector<Sequence> sequences_;
};

/// The DDL of one table for a dialect (CREATE TABLE, then CREATE INDEX statements).
std::vector<std::string> create_table_ddl(
    const TableDefinition& table, const sql::Dialect& dialect,
    const std::vector<std::string>& deferred_foreign_keys = {});
/// The CHECK that stands for an enum column where the dialect has no enum types (SQLite).
std::string enum_check_name(const std::string& table, const std::string& column);

}  // namespace retort
