// Statements: SELECT, INSERT, UPDATE, DELETE. Each is an immutable value; every builder method
// returns a new statement (as SQLAlchemy's generative methods do).
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/sql/expression.hpp"
#include "retort/sql/selectable.hpp"

namespace retort {

namespace sql {
struct StatementNode;
struct SelectNode;
struct InsertNode;
struct UpdateNode;
struct DeleteNode;
}  // namespace sql

/// Anything Connection::execute runs.
class Executable {
  public:
    virtual ~Executable() = default;
    virtual std::shared_ptr<const sql::StatementNode> statement_node() const = 0;
    /// Why only an ORM Session may run this statement (it carries loader options), or null:
    /// Core execution raises ArgumentError with it rather than ignore what it carries.
    virtual const char* session_only() const noexcept { return nullptr; }
    /// The statement as SQL (generic dialect) with its parameters listed after it, for debugging.
    std::string to_string() const;
};

/// FOR UPDATE options (PostgreSQL; SQLite has no row locks and leaves the clause out).
struct ForUpdate {
    bool nowait = false;
    bool skip_locked = false;
    bool key_share = false;  ///< FOR SHARE instead of FOR UPDATE when true
    std::vector<FromClause> of{};
};

/// What a join path answers: the table it starts from, what it joins (for a many-to-many, the
/// association table joined to the related table), and the condition.
struct JoinPathParts {
    FromClause owner;
    FromClause target;
    Expression on;
};
/// Something a select joins along without an ON clause: an ORM relationship (users.posts).
/// A select with no FROM yet joins it from its owner, as SQLAlchemy does
/// (select(posts.title, users.name).join(users.posts) is FROM users JOIN posts). The SQL
/// layer only asks; it knows nothing of the ORM.
template <class P>
concept JoinPath = requires(const P& path) {
    { path.join_path() } -> std::convertible_to<JoinPathParts>;
};

class Select : public Executable {
  public:
    explicit Select(std::vector<Expression> columns);
    Select(const Select&) = default;
    Select(Select&&) noexcept = default;
    Select& operator=(const Select&) = default;
    Select& operator=(Select&&) noexcept = default;
    std::shared_ptr<const sql::StatementNode> statement_node() const override;
    const std::shared_ptr<const sql::SelectNode>& node() const noexcept { return node_; }

    Select where(const Expression& condition) const&;  ///< ANDed with earlier conditions
    Select where(const Expression& condition) &&;
    Select select_from(const FromClause& from) const&;
    Select select_from(const FromClause& from) &&;
    /// Joins `right` onto the FROM (the last explicit one, or the table of the first column).
    Select join(const FromClause& right, std::optional<Expression> on = std::nullopt) const&;
    Select join(const FromClause& right, std::optional<Expression> on = std::nullopt) &&;
    Select outerjoin(const FromClause& right, std::optional<Expression> on = std::nullopt) const&;
    Select outerjoin(const FromClause& right, std::optional<Expression> on = std::nullopt) &&;
    Select full_join(const FromClause& right, std::optional<Expression> on = std::nullopt) const&;
    Select full_join(const FromClause& right, std::optional<Expression> on = std::nullopt) &&;
    /// Joins along a relationship: select(users.username, posts.title).join(users.posts).
    template <JoinPath P>
    Select join(const P& path) const& {
        return with(join_change(path.join_path(), 0));
    }
    template <JoinPath P>
    Select join(const P& path) && {
        return std::move(*this).with(join_change(path.join_path(), 0));
    }
    template <JoinPath P>
    Select outerjoin(const P& path) const& {
        return with(join_change(path.join_path(), 1));
    }
    template <JoinPath P>
    Select outerjoin(const P& path) && {
        return std::move(*this).with(join_change(path.join_path(), 1));
    }
    Select group_by(std::vector<Expression> expressions) const&;
    Select group_by(std::vector<Expression> expressions) &&;
    Select having(const Expression& condition) const&;
    Select having(const Expression& condition) &&;
    Select order_by(std::vector<Expression> expressions) const&;
    Select order_by(std::vector<Expression> expressions) &&;
    Select limit(std::int64_t count) const&;
    Select limit(std::int64_t count) &&;
    Select offset(std::int64_t count) const&;
    Select offset(std::int64_t count) &&;
    Select distinct() const&;
    Select distinct() &&;
    /// DISTINCT ON (expressions): the first row of each group, by ORDER BY (PostgreSQL).
    Select distinct_on(std::vector<Expression> expressions) const&;
    Select distinct_on(std::vector<Expression> expressions) &&;
    Select for_update(ForUpdate options = {}) const&;
    Select for_update(ForUpdate options = {}) &&;
    /// This SELECT as a named FROM item: select(...).subquery("s").c("x").
    FromClause subquery(std::string name) const;
    /// This SELECT as a common table expression: WITH name AS (...) in the statement using it.
    class Cte cte(std::string name, bool recursive = false) const;
    /// UNION / UNION ALL / INTERSECT / EXCEPT with another SELECT of the same shape.
    Select union_(const Select& other) const;
    Select union_all(const Select& other) const;
    Select intersect(const Select& other) const;
    Select except_(const Select& other) const;

  private:
    explicit Select(std::shared_ptr<const sql::SelectNode> node) : node_(std::move(node)) {}
    // Builders copy the node, except on a temporary Select that is its node's only owner (the
    // usual select(...).join(...).where(...) chain), which is changed in place.
    Select with(const std::function<void(sql::SelectNode&)>& change) const&;
    Select with(const std::function<void(sql::SelectNode&)>& change) &&;
    std::function<void(sql::SelectNode&)> join_change(const FromClause& right,
                                                      std::optional<Expression> on, int kind) const;
    std::function<void(sql::SelectNode&)> join_change(const JoinPathParts& path, int kind) const;
    Select compound(const char* op, const Select& other) const;
    std::shared_ptr<const sql::SelectNode> node_;
};

template <class T>
class Expr;
namespace typing {
template <class T>
std::true_type derives_from_expr(const Expr<T>*);
std::false_type derives_from_expr(const void*);
/// True for Expr<T> and the typed columns derived from it.
template <class E>
inline constexpr bool is_typed = decltype(derives_from_expr(static_cast<const E*>(nullptr)))::value;
}  // namespace typing

/// select() of expressions; when every one is typed, the typed overload in typed.hpp applies.
template <class... E>
requires((std::is_convertible_v<const E&, Expression> && ...) &&
         (!(typing::is_typed<E> && ...) || sizeof...(E) == 0)) Select select(const E&... columns) {
    return Select(std::vector<Expression>{Expression(columns)...});
}

/// A common table expression. For a recursive one, union_all() adds the recursive part, which
/// refers to the CTE by its columns: anchor.union_all(select(...).where(... anchor.c("id") ...)).
class Cte : public FromClause {
  public:
    explicit Cte(sql::FromPtr node) : FromClause(std::move(node)) {}
    Cte union_all(const Select& recursive_part) const;
    Cte union_(const Select& recursive_part) const;
};

/// `column = value` in INSERT and UPDATE; the value is bound unless it is an Expression.
struct Assignment {
    template <class T>
    Assignment(std::string_view column, const T& value)
        : column(column), value(as_expression(value)) {}
    std::string column;
    Expression value;
};

class Insert : public Executable {
  public:
    explicit Insert(const FromClause& table);
    std::shared_ptr<const sql::StatementNode> statement_node() const override;
    Insert values(std::vector<Assignment> row) const;
    /// Several rows in one statement; every row names the same columns.
    Insert values_many(const std::vector<std::vector<Assignment>>& rows) const;
    Insert from_select(std::vector<std::string> columns, const Select& select) const;
    Insert returning(std::vector<Expression> columns) const;
    /// INSERT ... ON CONFLICT (target columns) DO NOTHING, on PostgreSQL and SQLite.
    Insert on_conflict_do_nothing(std::vector<std::string> target = {}) const;
    /// INSERT ... ON CONFLICT (target) DO UPDATE SET ... [WHERE ...]; use excluded("col") for
    /// the refused row's values.
    Insert on_conflict_do_update(std::vector<std::string> target, std::vector<Assignment> set,
                                 std::optional<Expression> where = std::nullopt) const;
    /// ON CONFLICT ON CONSTRAINT name (PostgreSQL).
    Insert on_conflict_constraint_do_update(std::string constraint, std::vector<Assignment> set,
                                            std::optional<Expression> where = std::nullopt) const;

  private:
    /// This statement with another node (copy-on-write: the builders change a copy).
    Insert with_node(std::shared_ptr<const sql::InsertNode> node) const {
        Insert result(*this);
        result.node_ = std::move(node);
        return result;
    }
    std::shared_ptr<const sql::InsertNode> node_;
};

class Update : public Executable {
  public:
    explicit Update(const FromClause& table);
    std::shared_ptr<const sql::StatementNode> statement_node() const override;
    Update values(std::vector<Assignment> assignments) const;
    Update where(const Expression& condition) const;
    Update returning(std::vector<Expression> columns) const;
    /// UPDATE ... FROM other tables (PostgreSQL, SQLite 3.33+); join them in where().
    Update from(const FromClause& other) const;

  private:
    /// This statement with another node (copy-on-write: the builders change a copy).
    Update with_node(std::shared_ptr<const sql::UpdateNode> node) const {
        Update result(*this);
        result.node_ = std::move(node);
        return result;
    }
    std::shared_ptr<const sql::UpdateNode> node_;
};

class Delete : public Executable {
  public:
    explicit Delete(const FromClause& table);
    std::shared_ptr<const sql::StatementNode> statement_node() const override;
    Delete where(const Expression& condition) const;
    Delete returning(std::vector<Expression> columns) const;
    /// DELETE ... USING other tables (PostgreSQL; NotSupportedError elsewhere).
    Delete using_(const FromClause& other) const;

  private:
    /// This statement with another node (copy-on-write: the builders change a copy).
    Delete with_node(std::shared_ptr<const sql::DeleteNode> node) const {
        Delete result(*this);
        result.node_ = std::move(node);
        return result;
    }
    std::shared_ptr<const sql::DeleteNode> node_;
};

inline Insert insert(const FromClause& table) {
    return Insert(table);
}
inline Update update(const FromClause& table) {
    return Update(table);
}
inline Delete delete_(const FromClause& table) {
    return Delete(table);
}

}  // namespace retort
