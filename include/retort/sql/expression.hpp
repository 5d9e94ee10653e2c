// The dynamic SQL expression language: Expression wraps a node of the runtime syntax tree.
// Operators build nodes; nothing here knows a dialect. The typed layer (typed.hpp) checks C++
// types at compile time and produces these same nodes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/sql/params.hpp"
#include "retort/sql/text.hpp"
#include "retort/types/sql_type.hpp"
#include "retort/types/traits.hpp"

namespace retort {

namespace sql {
struct Node;
using NodePtr = std::shared_ptr<const Node>;
}  // namespace sql

class Select;
struct Operand;

/// A SQL expression: a column, a bound value, an operation on expressions, a function call.
/// Cheap to copy (it shares its immutable node).
class Expression {
  public:
    explicit Expression(sql::NodePtr node) : node_(std::move(node)) {}
    const sql::NodePtr& node() const noexcept { return node_; }

    /// LIKE / ILIKE / NOT LIKE with an optional escape character. ILIKE on SQLite compares
    /// lower() of both sides.
    Expression like(const Operand& pattern, std::optional<char> escape = {}) const;
    Expression ilike(const Operand& pattern, std::optional<char> escape = {}) const;
    Expression not_like(const Operand& pattern, std::optional<char> escape = {}) const;
    /// LIKE with the value's %, _ and the escape character escaped: matches the text literally.
    Expression startswith(std::string_view prefix) const;
    Expression endswith(std::string_view suffix) const;
    Expression contains(std::string_view part) const;

    Expression is_null() const;
    Expression is_not_null() const;
    Expression is_distinct_from(const Operand& other) const;
    Expression is_not_distinct_from(const Operand& other) const;
    /// IN (a list of bound values, possibly empty: an empty IN is false, an empty NOT IN true).
    Expression in_(const std::vector<Value>& values) const;
    Expression not_in(const std::vector<Value>& values) const;
    Expression in_(const Select& subquery) const;
    Expression not_in(const Select& subquery) const;
    Expression between(const Operand& low, const Operand& high) const;

    Expression asc() const;
    Expression desc() const;
    Expression nulls_first() const;
    Expression nulls_last() const;
    /// For an ORDER BY item (x, x.desc(), x.desc().nulls_last()): the expression it sorts by.
    Expression sort_key() const;
    /// This ORDER BY item with `key` sorted in its place, direction and NULLS placement kept:
    /// how a statement that wraps another sorts by a label of the inner one's sort key.
    Expression with_sort_key(const Expression& key) const;
    /// `expr AS name`.
    Expression label(std::string name) const;
    Expression cast(const SqlType& type) const;
    /// A window function call: func::row_number().over({.partition_by = {...}, .order_by = {...}}).
    Expression over(const struct Window& window) const;
    /// The value when this expression is a bound value (literal(5), or the 5 of `col == 5`);
    /// null otherwise. For checks of values against the column they go into.
    const Value* bound_value() const noexcept;

  private:
    sql::NodePtr node_;
};

/// A bound value (SQLAlchemy's literal()): always a parameter, never spliced into the SQL.
/// literal() of a plain C++ value is typed (retort/sql/typed.hpp): literal(1) is an
/// Expr<std::int64_t>, literal("x") an Expr<std::string>.
Expression literal(const Value& value);
namespace typing {
/// The plain values whose literal() is typed: those with a codec, and strings.
template <class T>
inline constexpr bool literal_typed =
    !std::is_same_v<T, Value> && !std::is_base_of_v<Expression, T> &&
    (SqlValue<T> || std::is_convertible_v<const T&, std::string_view>);
}  // namespace typing
template <class T>
requires(!std::is_same_v<T, Value> && !std::is_base_of_v<Expression, T> &&
         !typing::literal_typed<T>) Expression literal(const T& value) {
    return literal(to_value(value));
}
/// A named parameter whose value is given at execution: bindparam("id") with {{"id", 5}}.
Expression bindparam(std::string name);
/// SQL NULL as an expression.
Expression null_expr();
/// A fragment of SQL text with its own :name parameters, usable inside any expression.
Expression text_expr(const TextClause& fragment);
/// An unqualified column name (for ORDER BY a label, for example).
Expression column(std::string name);

/// Anything an operator accepts on its right: an Expression, or a C++ value to bind.
template <class T>
Expression as_expression(const T& operand) {
    if constexpr (std::is_base_of_v<Expression, T>) {
        return operand;
    } else if constexpr (std::is_same_v<T, std::nullopt_t> || std::is_same_v<T, Null>) {
        return null_expr();
    } else {
        return literal(to_value(operand));
    }
}

/// A method argument: an Expression, or a C++ value that becomes a bound parameter.
struct Operand {
    template <class T>
    Operand(const T& operand) : expression(as_expression(operand)) {}  // NOLINT: converts by design
    Expression expression;
};

namespace sql {
/// Operators on arrays, ranges, JSON documents and text search, which databases spell apart
/// or lack (PostgreSQL's @>, ->, ?| ...). The typed API builds them (named here by its
/// methods); each dialect spells them (Dialect::extended_operator_sql) or refuses them.
enum class ExtendedOperator {
    contains,           ///< contains(): array, JSON or range containment
    contained_by,       ///< contained_by()
    overlap,            ///< overlap(): arrays or ranges sharing an element
    adjacent_to,        ///< adjacent_to(): ranges that touch
    strictly_left_of,   ///< strictly_left_of(): ranges
    strictly_right_of,  ///< strictly_right_of(): ranges
    json_get,           ///< operator[] on a JSON document
    json_get_text,      ///< operator[] then astext()
    json_path,          ///< path()
    json_path_text,     ///< path_text(), astext() of a whole document
    json_has_key,       ///< has_key()
    json_has_any,       ///< has_any()
    json_has_all,       ///< has_all()
    json_remove_key,    ///< remove_key()
    json_remove_path,   ///< remove_path()
    text_match,         ///< match(): full-text search
};
/// The typed API's name of an operator ("contains()"), for messages.
std::string_view api_name(ExtendedOperator op) noexcept;
Expression binary(const Expression& left, ExtendedOperator op, const Expression& right);
Expression binary(const Expression& left, std::string_view op, const Expression& right);
/// `left + right` as the operands' types say: concatenation (`||`) when one is a string, else
/// arithmetic. ArgumentError when neither type is known, or a string meets a number.
Expression add(const Expression& left, const Expression& right);
Expression comparison(const Expression& left, std::string_view op, const Expression& right);
Expression prefix(std::string_view op, const Expression& operand);
/// operand[index] and operand[lower:upper] (PostgreSQL arrays count from 1).
Expression subscript(const Expression& operand, const Expression& index);
Expression slice(const Expression& operand, const Expression& lower, const Expression& upper);
/// A JSON element read as text: json_get becomes json_get_text, json_path json_path_text; a
/// whole document is read at the empty path.
Expression json_astext(const Expression& element);
}  // namespace sql

/// ANY (array) / ALL (array) for a comparison with a value: `any_(tags) == "sale"` is
/// `'sale' = ANY (tags)` (SQLAlchemy's any_ / all_; PostgreSQL arrays).
Expression any_(const Expression& array);
Expression all_(const Expression& array);

// Comparison. `expr == null` (or std::nullopt) becomes IS NULL, as in SQLAlchemy. Two
// expressions get their own overload: C++20 also tries `r == l` for `l == r`, and one template
// for both cases would make `a.id == b.user_id` ambiguous.
template <class R>
requires(!std::is_base_of_v<Expression, R>) Expression operator==(const Expression& l, const R& r) {
    return sql::comparison(l, "=", as_expression(r));
}
template <class R>
requires(!std::is_base_of_v<Expression, R>) Expression operator!=(const Expression& l, const R& r) {
    return sql::comparison(l, "<>", as_expression(r));
}
inline Expression operator==(const Expression& l, const Expression& r) {
    return sql::comparison(l, "=", r);
}
inline Expression operator!=(const Expression& l, const Expression& r) {
    return sql::comparison(l, "<>", r);
}
template <class R>
Expression operator<(const Expression& l, const R& r) {
    return sql::binary(l, "<", as_expression(r));
}
template <class R>
Expression operator<=(const Expression& l, const R& r) {
    return sql::binary(l, "<=", as_expression(r));
}
template <class R>
Expression operator>(const Expression& l, const R& r) {
    return sql::binary(l, ">", as_expression(r));
}
template <class R>
Expression operator>=(const Expression& l, const R& r) {
    return sql::binary(l, ">=", as_expression(r));
}
// Arithmetic.
/// On strings (by the columns' declared types, or a string value) `+` concatenates, as in
/// SQLAlchemy; when neither side's type is known it is refused (see sql::add).
template <class R>
Expression operator+(const Expression& l, const R& r) {
    return sql::add(l, as_expression(r));
}
template <class R>
Expression operator-(const Expression& l, const R& r) {
    return sql::binary(l, "-", as_expression(r));
}
template <class R>
Expression operator*(const Expression& l, const R& r) {
    return sql::binary(l, "*", as_expression(r));
}
template <class R>
Expression operator/(const Expression& l, const R& r) {
    return sql::binary(l, "/", as_expression(r));
}
template <class R>
Expression operator%(const Expression& l, const R& r) {
    return sql::binary(l, "%", as_expression(r));
}
// A value on the left: 3 - col, 5 < col.
template <class L>
concept NotExpression = !std::is_base_of_v<Expression, L>;
template <NotExpression L>
Expression operator+(const L& l, const Expression& r) {
    return sql::add(as_expression(l), r);
}
template <NotExpression L>
Expression operator-(const L& l, const Expression& r) {
    return sql::binary(as_expression(l), "-", r);
}
template <NotExpression L>
Expression operator*(const L& l, const Expression& r) {
    return sql::binary(as_expression(l), "*", r);
}
template <NotExpression L>
Expression operator/(const L& l, const Expression& r) {
    return sql::binary(as_expression(l), "/", r);
}
template <NotExpression L>
Expression operator<(const L& l, const Expression& r) {
    return r > l;
}
template <NotExpression L>
Expression operator<=(const L& l, const Expression& r) {
    return r >= l;
}
template <NotExpression L>
Expression operator>(const L& l, const Expression& r) {
    return r < l;
}
template <NotExpression L>
Expression operator>=(const L& l, const Expression& r) {
    return r <= l;
}
Expression operator-(const Expression& operand);
// Boolean logic.
Expression operator&&(const Expression& l, const Expression& r);
Expression operator||(const Expression& l, const Expression& r);
Expression operator!(const Expression& operand);
/// AND / OR of any number of conditions; and_() of nothing is true, or_() of nothing false.
Expression and_(const std::vector<Expression>& conditions);
Expression or_(const std::vector<Expression>& conditions);
Expression not_(const Expression& condition);

/// CASE WHEN c1 THEN v1 ... ELSE e END.
Expression case_(const std::vector<std::pair<Expression, Expression>>& whens,
                 std::optional<Expression> else_ = std::nullopt);
/// CASE value WHEN w1 THEN v1 ... ELSE e END.
Expression case_(const Expression& value,
                 const std::vector<std::pair<Expression, Expression>>& whens,
                 std::optional<Expression> else_ = std::nullopt);
Expression cast(const Expression& expression, const SqlType& type);
/// A scalar subquery: (SELECT ...) used as a value.
Expression scalar_subquery(const Select& select);
/// EXISTS (SELECT ...).
Expression exists(const Select& select);

/// A window frame bound: nullopt is UNBOUNDED, 0 the CURRENT ROW, -n n PRECEDING, +n n FOLLOWING.
struct FrameBound {
    std::optional<std::int64_t> offset;
};
/// ROWS or RANGE BETWEEN start AND end.
struct Frame {
    bool rows = true;
    FrameBound start{};
    FrameBound end{std::int64_t{0}};
};
/// OVER (PARTITION BY ... ORDER BY ... frame).
struct Window {
    std::vector<Expression> partition_by{};
    std::vector<Expression> order_by{};
    std::optional<Frame> frame{};
};

/// `excluded.column` inside INSERT ... ON CONFLICT DO UPDATE: the row that was refused.
Expression excluded(std::string column);

/// SQL functions. `func::call` calls any function by name; the common ones have their own.
namespace func {
Expression call(std::string name, std::vector<Expression> arguments);
Expression count(const Expression& expression);
Expression count_distinct(const Expression& expression);
Expression sum(const Expression& expression);
Expression avg(const Expression& expression);
Expression min(const Expression& expression);
Expression max(const Expression& expression);
Expression lower(const Expression& expression);
Expression upper(const Expression& expression);
Expression length(const Expression& expression);
Expression coalesce(std::vector<Expression> expressions);
/// Concatenation of strings ('||' in both dialects).
Expression concat(std::vector<Expression> expressions);
/// The current timestamp (now() on PostgreSQL, CURRENT_TIMESTAMP on SQLite).
Expression now();
/// nextval('name'): the next value of a sequence (PostgreSQL).
Expression next_value(std::string sequence_name);
/// date_trunc('day', ts) on PostgreSQL; on SQLite the day, month and year units via strftime.
Expression date_trunc(std::string unit, const Expression& timestamp);
/// EXTRACT(field FROM ts) on PostgreSQL; strftime on SQLite (year, month, day, hour, minute,
/// second, dow, doy, epoch).
Expression extract(std::string field, const Expression& timestamp);
}  // namespace func

}  // namespace retort
