// FROM items: tables (as the SQL layer sees them), aliases, joins and subqueries.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/sql/expression.hpp"

namespace retort {

namespace sql {
struct FromNode;
struct TableNode;
using FromPtr = std::shared_ptr<const FromNode>;
}  // namespace sql

/// Something that can stand in FROM: a table, an alias of one, a join, a named subquery.
class FromClause {
  public:
    explicit FromClause(sql::FromPtr node) : node_(std::move(node)) {}
    const sql::FromPtr& from_node() const noexcept { return node_; }

    /// A column of this FROM item; ArgumentError naming the known columns when there is none.
    Expression c(std::string_view name) const;
    /// The column names this item is known to have (empty when they are not known).
    std::vector<std::string> column_names() const;
    /// The columns a row of it stores: column_names() less generated (computed()) columns,
    /// which the database fills itself. COPY with no column list reads and writes these.
    std::vector<std::string> stored_column_names() const;
    /// The same item under another name (SELECT ... FROM users AS u2).
    FromClause alias(std::string name) const;
    /// Joins; without `on`, the condition comes from the one foreign key between the two sides
    /// (ArgumentError when there is none, or more than one).
    FromClause join(const FromClause& right, std::optional<Expression> on = std::nullopt) const;
    FromClause outerjoin(const FromClause& right,
                         std::optional<Expression> on = std::nullopt) const;
    FromClause full_join(const FromClause& right,
                         std::optional<Expression> on = std::nullopt) const;

  private:
    sql::FromPtr node_;
};

/// A foreign key as the SQL layer needs it for joins: local columns referencing columns of the
/// table named `referred_table` (qualified with its schema when it has one).
struct ForeignKeyReference {
    std::vector<std::string> columns;
    std::string referred_table;
    std::vector<std::string> referred_columns;
};

namespace sql {
/// The ORDER BY item `item` (a column, maybe with desc() / nulls_last()) with a sort key that is
/// a column of `from` read from `to` instead (an alias of the same table); other items are
/// kept. NotSupportedError for a computed sort key that names `from`.
Expression rebase_sort_item(const Expression& item, const FromClause& from, const FromClause& to);
}  // namespace sql

/// A table as the SQL layer knows it: a name and column names. schema::Table builds one with
/// types and constraints; `table("name", {"a", "b"})` makes a lightweight one for ad-hoc SQL.
FromClause table(std::string name, std::vector<std::string> columns,
                 std::optional<std::string> schema = {});

}  // namespace retort
