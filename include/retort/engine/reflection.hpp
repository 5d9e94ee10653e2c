// Reflection: reading a database's schema back as TableDefinitions (SQLAlchemy's Inspector).
// The migration tool diffs on this, so each backend reports what it really has.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retort/schema/table.hpp"

namespace retort {

class Connection;

/// A native enum type (PostgreSQL).
struct ReflectedEnum {
    std::string name;
    std::optional<std::string> schema;
    std::vector<std::string> labels;
};

/// What each backend implements to describe its schema; reached through Inspector.
class DialectReflector {
  public:
    virtual ~DialectReflector() = default;
    virtual std::vector<std::string> table_names(
        Connection& connection, const std::optional<std::string>& schema) const = 0;
    /// Columns (type, nullability, server default, identity), primary key, foreign keys,
    /// unique and check constraints, and the indexes that are not behind a constraint.
    virtual TableDefinition table(Connection& connection, const std::string& name,
                                  const std::optional<std::string>& schema) const = 0;
    virtual std::vector<ReflectedEnum> enums(Connection&, const std::optional<std::string>&) const {
        return {};
    }
    virtual std::vector<Sequence> sequences(Connection&, const std::optional<std::string>&) const {
        return {};
    }
};

/// Reads the schema through one connection.
class Inspector {
  public:
    explicit Inspector(Connection& connection);
    std::vector<std::string> table_names(
        const std::optional<std::string>& schema = std::nullopt) const;
    bool has_table(const std::string& name,
                   const std::optional<std::string>& schema = std::nullopt) const;
    TableDefinition table(const std::string& name,
                          const std::optional<std::string>& schema = std::nullopt) const;
    std::vector<Column> columns(const std::string& name,
                                const std::optional<std::string>& schema = std::nullopt) const {
        return table(name, schema).columns;
    }
    PrimaryKeyConstraint primary_key(
        const std::string& name, const std::optional<std::string>& schema = std::nullopt) const {
        return table(name, schema).primary_key;
    }
    std::vector<ForeignKeyInfo> foreign_keys(
        const std::string& name, const std::optional<std::string>& schema = std::nullopt) const {
        return table(name, schema).foreign_keys;
    }
    std::vector<Index> indexes(const std::string& name,
                               const std::optional<std::string>& schema = std::nullopt) const {
        return table(name, schema).indexes;
    }
    std::vector<UniqueConstraint> unique_constraints(
        const std::string& name, const std::optional<std::string>& schema = std::nullopt) const {
        return table(name, schema).uniques;
    }
    std::vector<CheckConstraint> check_constraints(
        const std::string& name, const std::optional<std::string>& schema = std::nullopt) const {
        return table(name, schema).checks;
    }
    std::vector<ReflectedEnum> enums(const std::optional<std::string>& schema = std::nullopt) const;
    /// The sequences of a schema that no column owns (PostgreSQL; a serial or identity
    /// column's own sequence belongs to its table and is not listed).
    std::vector<Sequence> sequences(const std::optional<std::string>& schema = std::nullopt) const;

  private:
    Connection* connection_;
    const DialectReflector* reflector_;
};

}  // namespace retort
