// Typed SQL constructs and functions: the C++ type of the result follows from the arguments',
// so a select of them stays typed and its rows need no hand-written types. Plain C++ values
// are accepted wherever an expression is (they are bound parameters).
//
//   cast<T>(e), func::coalesce(a, b, ...), case_(when(c, v), ...).else_(v), func::nullif,
//   func::greatest / least, scalar_subquery(typed select), string / numeric / date helpers,
//   tuple_(a, b) row values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/sql/type_mapping.hpp"
#include "retort/sql/typed.hpp"

namespace retort {

namespace sql {
/// A function that databases spell apart, by its portable name (left, right, trim, greatest,
/// least, string_agg, random, char_length, round, extract_integer): each dialect writes it
/// (Dialect::portable_function). ArgumentError for a name not in that list.
Expression portable_call(std::string name, std::vector<Expression> arguments);
/// A row value: `(a, b, ...)`.
Expression row(const std::vector<Expression>& items);
/// `row IN ((v1, v2), ...)` (NOT IN when `negated`), every value bound; an empty list is false
/// (true for NOT IN).
Expression in_rows(const Expression& row, const std::vector<std::vector<Value>>& rows,
                   bool negated);
}  // namespace sql

namespace typing {
/// True for what stands for SQL NULL: std::nullopt, retort::null.
template <class R>
inline constexpr bool is_null_operand = std::is_same_v<std::remove_cvref_t<R>, std::nullopt_t> ||
                                        std::is_same_v<std::remove_cvref_t<R>, Null>;
/// The value type an operand brings to a common type: void when it cannot tell (NULL, an
/// untyped expression).
template <class R>
struct known_value {
    using type = void;
};
template <class R>
requires(!is_untyped<R> && !is_null_operand<R>) struct known_value<R> {
    using type = operand_t<R>;
};
template <class A, class B>
auto merged_value() {
    if constexpr (std::is_void_v<A>)
        return std::type_identity<B>{};
    else if constexpr (std::is_void_v<B> || std::is_same_v<A, B>)
        return std::type_identity<A>{};
    else if constexpr (is_numeric<A> && is_numeric<B>)
        return std::type_identity<arithmetic_t<A, B>>{};  // int and double give double
    else
        return std::type_identity<A>{};
}
/// The common value type of several operands (without std::optional): numbers widen to the
/// widest (Decimal, then double, then int64); otherwise the first typed operand's type. void
/// when no operand's type is known.
template <class... Rs>
struct common_value {
    using type = void;
};
template <class R, class... Rs>
struct common_value<R, Rs...> {
    using type = typename decltype(merged_value<typename known_value<R>::type,
                                                typename common_value<Rs...>::type>())::type;
};
template <class... Rs>
using common_t = typename common_value<Rs...>::type;
/// Every operand is of the kind of `V` (or of unknown kind, or NULL).
template <class V, class... Rs>
inline constexpr bool all_comparable = (comparable<V, Rs> && ...);
/// The operands have a common kind, known from at least one of them.
template <class... Rs>
constexpr bool one_kind() {
    if constexpr (std::is_void_v<common_t<Rs...>>)
        return false;
    else
        return all_comparable<common_t<Rs...>, Rs...>;
}
/// T, or std::optional<T> when `may_be_null`.
template <class T, bool may_be_null>
using nullable_t = std::conditional_t<may_be_null, optional_t<T>, T>;
/// The type of a function of `T` and other arguments: std::optional when any may be NULL.
template <class T, class... Rs>
using function_result_t = nullable_t<base_t<T>, (is_optional<T> || ... || may_be_null<Rs>)>;
/// The type of greatest() / least(): std::optional when any argument may be NULL.
template <class... Rs>
using extremum_t = Expr<nullable_t<common_t<Rs...>, (may_be_null<Rs> || ...)>>;
/// The value type an operand holds, std::optional kept (what when() records of its value).
template <class R>
using held_t = typename operand_value<std::remove_cvref_t<R>>::type;
}  // namespace typing

namespace misuse {
struct the_when_values_of_a_case_must_be_of_one_kind : refused {};
struct else_must_be_of_the_kind_of_the_when_values : refused {};
struct the_arguments_of_coalesce_must_be_of_one_kind : refused {};
struct the_arguments_of_greatest_and_least_must_be_of_one_kind : refused {};
struct a_row_value_compares_with_a_row_of_as_many_values_of_its_kinds : refused {};
struct this_function_needs_a_string : refused {};
struct this_function_needs_a_number : refused {};
struct ceil_floor_and_round_need_a_double_or_a_decimal : refused {};
struct date_trunc_needs_a_timestamp : refused {};
struct extract_needs_a_date_or_a_timestamp : refused {};
}  // namespace misuse

/// `CAST(e AS <T's SQL type>)`, typed as T (std::optional<T> when `e` may be NULL):
/// `cast<double>(users.age)`. The second form gives the SQL type: cast<std::string>(x,
/// type::String(20)).
template <class T, class E>
requires std::is_base_of_v<Expression, E> Expr<typing::nullable_t<T, typing::may_be_null<E>>> cast(
    const E& expression, const SqlType& type = typing::default_sql_type<T>()) {
    return Expr<typing::nullable_t<T, typing::may_be_null<E>>>(
        retort::cast(static_cast<const Expression&>(expression), type));
}

/// A scalar subquery of a typed one-column select: `(SELECT ...)` as a value, std::optional
/// since no row gives NULL.
template <class T>
Expr<typing::optional_t<T>> scalar_subquery(const TypedSelect<T>& select) {
    return Expr<typing::optional_t<T>>(scalar_subquery(static_cast<const Select&>(select)));
}

/// One branch of a typed CASE: `when(users.age < 18, "minor")`.
template <class R>
struct When {
    using operand = R;
    Expression condition;
    Expression value;
};
template <class C, class R>
When<std::remove_cvref_t<R>> when(const Expr<C>& condition, const R& value) {
    static_assert(typing::is_boolean<C>, "retort: when() needs a boolean condition");
    return {condition, as_expression(value)};
}

/// A searched CASE typed by its branches: the common type of their values, std::optional
/// until else_() gives a value that is not NULL.
template <class T, bool Nullable>
class Case : public Expr<std::optional<T>> {
  public:
    explicit Case(std::vector<std::pair<Expression, Expression>> whens)
        : Expr<std::optional<T>>(case_(whens)), whens_(std::move(whens)) {}
    /// ELSE `otherwise`: a value of the branches' kind.
    template <class R>
    requires typing::comparable<T, R>
        Expr<typing::nullable_t<T, Nullable || typing::may_be_null<R>>> else_(const R& otherwise)
    const {
        return Expr<typing::nullable_t<T, Nullable || typing::may_be_null<R>>>(
            case_(whens_, as_expression(otherwise)));
    }
    template <class R>
    requires(!typing::comparable<T, R>) misuse::else_must_be_of_the_kind_of_the_when_values
        else_(const R& otherwise)
    const RETORT_MISUSE("else_() must be of the kind of the when() values");

  private:
    std::vector<std::pair<Expression, Expression>> whens_;
};
/// CASE WHEN c1 THEN v1 WHEN c2 THEN v2 ... END, typed: `case_(when(n > 10, "Prolific"),
/// when(n > 0, "Beginner")).else_("Inactive")` is an Expr<std::string>.
template <class... Rs>
requires(sizeof...(Rs) > 0 && typing::one_kind<Rs...>()) Case < typing::common_t<Rs...>,
    (typing::may_be_null<Rs> || ...)
> case_(const When<Rs>&... whens) {
    return Case<typing::common_t<Rs...>, (typing::may_be_null<Rs> || ...)>(
        {{whens.condition, whens.value}...});
}
template <class... Rs>
requires(sizeof...(Rs) > 0 &&
         !typing::one_kind<Rs...>()) misuse::the_when_values_of_a_case_must_be_of_one_kind
    case_(const When<Rs>&... whens)
RETORT_MISUSE("the when() values of a case_() must be of one kind, known from one of them");

/// A row value, for composite keys: `tuple_(a.x, a.y).in_({{1, 2}, {2, 2}})`,
/// `tuple_(a, b) == tuple_(c, d)`, `tuple_(a, b) == std::tuple{1, 2}`.
template <class... Ts>
class RowValue : public Expression {
  public:
    using row_type = std::tuple<typing::base_t<Ts>...>;
    explicit RowValue(Expression row) : Expression(std::move(row)) {}
    /// IN a list of rows, each a std::tuple of the columns' kinds (checked at compile time).
    Expr<bool> in_(const std::vector<row_type>& rows) const { return in_rows(rows, false); }
    Expr<bool> not_in(const std::vector<row_type>& rows) const { return in_rows(rows, true); }
    /// IN (SELECT x, y ...).
    Expr<bool> in_(const Select& subquery) const { return Expr<bool>(Expression::in_(subquery)); }
    Expr<bool> not_in(const Select& subquery) const {
        return Expr<bool>(Expression::not_in(subquery));
    }
    template <class... Us>
    static Expression bound(const std::tuple<Us...>& values) {
        return std::apply([](const auto&... v) { return sql::row({as_expression(v)...}); }, values);
    }

  private:
    Expr<bool> in_rows(const std::vector<row_type>& rows, bool negated) const {
        std::vector<std::vector<Value>> values;
        values.reserve(rows.size());
        for (const auto& row : rows)
            values.push_back(std::apply(
                [](const auto&... v) { return std::vector<Value>{to_value(v)...}; }, row));
        return Expr<bool>(sql::in_rows(*this, values, negated));
    }
};
/// A row value of typed columns (or expressions).
template <class... Cs>
requires(sizeof...(Cs) > 1 &&
         (typing::is_typed<Cs> &&
          ...)) RowValue<typename Cs::value_type...> tuple_(const Cs&... columns) {
    return RowValue<typename Cs::value_type...>(sql::row({Expression(columns)...}));
}

namespace typing {
template <class Row, class Other>
inline constexpr bool rows_comparable = false;
template <class... Ts, class... Us>
requires(sizeof...(Ts) ==
         sizeof...(Us)) inline constexpr bool rows_comparable<RowValue<Ts...>, RowValue<Us...>> =
    (comparable<Ts, Expr<Us>> && ...);
template <class... Ts, class... Us>
requires(sizeof...(Ts) ==
         sizeof...(Us)) inline constexpr bool rows_comparable<RowValue<Ts...>, std::tuple<Us...>> =
    (comparable<Ts, Us> && ...);
}  // namespace typing
#define RETORT_ROW_COMPARISON(op, sql_op)                                             \
    template <class... Ts, class R>                                                   \
    requires typing::rows_comparable<RowValue<Ts...>, R> Expr<bool>                   \
    operator op(const RowValue<Ts...>& l, const R& r) {                               \
        if constexpr (std::is_base_of_v<Expression, R>)                               \
            return Expr<bool>(sql::comparison(l, sql_op, r));                         \
        else                                                                          \
            return Expr<bool>(sql::comparison(l, sql_op, RowValue<Ts...>::bound(r))); \
    }                                                                                 \
    template <class... Ts, class R>                                                   \
    requires(!typing::rows_comparable<RowValue<Ts...>, R>)                            \
        misuse::a_row_value_compares_with_a_row_of_as_many_values_of_its_kinds        \
        operator op(const RowValue<Ts...>& l, const R& r)                             \
            RETORT_MISUSE("a row value compares with a row of as many values, of its kinds");
RETORT_ROW_COMPARISON(==, "=")
RETORT_ROW_COMPARISON(!=, "<>")
#undef RETORT_ROW_COMPARISON

namespace func {

/// Any SQL function by name, its arguments expressions or plain values (bound):
/// `func::call("width_bucket", products.price, 0, 100, 10)`; typed when T is given:
/// `func::call<std::int64_t>("width_bucket", ...)`. (The form with a braced list of
/// Expressions is the dynamic one in expression.hpp.)
template <class T = void, class... Args>
requires(sizeof...(Args) > 0 &&
         !(std::is_same_v<std::remove_cvref_t<Args>, std::vector<Expression>> ||
           ...)) auto call(std::string name, const Args&... arguments) {
    Expression called = call(std::move(name), std::vector<Expression>{as_expression(arguments)...});
    if constexpr (std::is_void_v<T>)
        return called;
    else
        return Expr<T>(std::move(called));
}

/// coalesce(a, b, ...): the first argument that is not NULL. Typed by the arguments' common
/// kind; not std::optional when one of them cannot be NULL: coalesce(avg(x), 0.0) is a double.
template <class A, class B, class... Rs>
requires(typing::one_kind<A, B, Rs...>()) Expr < typing::nullable_t < typing::common_t<A, B, Rs...>,
    (typing::may_be_null<A> && typing::may_be_null<B> && (typing::may_be_null<Rs> && ...))
>> coalesce(const A& first, const B& second, const Rs&... rest) {
    using Result = typing::nullable_t<typing::common_t<A, B, Rs...>,
                                      (typing::may_be_null<A> && typing::may_be_null<B> &&
                                       (typing::may_be_null<Rs> && ...))>;
    return Expr<Result>(coalesce(std::vector<Expression>{
        as_expression(first), as_expression(second), as_expression(rest)...}));
}
template <class A, class B, class... Rs>
requires(!typing::one_kind<A, B, Rs...>()) misuse::the_arguments_of_coalesce_must_be_of_one_kind
    coalesce(const A& first, const B& second, const Rs&... rest)
RETORT_MISUSE("the arguments of coalesce() must be of one kind, known from one of them");

/// NULLIF(a, b): NULL when a equals b, else a.
template <class T, class R>
Expr<typing::optional_t<T>> nullif(const Expr<T>& value, const R& other) {
    static_assert(typing::comparable<T, R>, "retort: nullif() compares values of one kind");
    return Expr<typing::optional_t<T>>(call("nullif", {value, as_expression(other)}));
}

/// The greatest / least of the arguments: greatest() and least() on PostgreSQL, which skip
/// NULLs; the scalar max() and min() on SQLite, which return NULL when any argument is NULL.
/// std::optional when any argument may be NULL.
template <class A, class B, class... Rs>
requires(typing::one_kind<A, B, Rs...>()) typing::extremum_t<A, B, Rs...> greatest(
    const A& first, const B& second, const Rs&... rest) {
    return typing::extremum_t<A, B, Rs...>(sql::portable_call(
        "greatest", {as_expression(first), as_expression(second), as_expression(rest)...}));
}
template <class A, class B, class... Rs>
requires(!typing::one_kind<A, B, Rs...>())
    misuse::the_arguments_of_greatest_and_least_must_be_of_one_kind
    greatest(const A& first, const B& second, const Rs&... rest)
RETORT_MISUSE("the arguments of greatest() and least() must be of one kind");
template <class A, class B, class... Rs>
requires(typing::one_kind<A, B, Rs...>()) typing::extremum_t<A, B, Rs...> least(const A& first,
                                                                                const B& second,
                                                                                const Rs&... rest) {
    return typing::extremum_t<A, B, Rs...>(sql::portable_call(
        "least", {as_expression(first), as_expression(second), as_expression(rest)...}));
}
template <class A, class B, class... Rs>
requires(!typing::one_kind<A, B, Rs...>())
    misuse::the_arguments_of_greatest_and_least_must_be_of_one_kind
    least(const A& first, const B& second, const Rs&... rest)
RETORT_MISUSE("the arguments of greatest() and least() must be of one kind");

// --- strings ---------------------------------------------------------------------------------
/// substr(s, start[, length]), counted from 1.
template <class T, class S>
requires(typing::is_string<T>) Expr<typing::function_result_t<T, S>> substr(const Expr<T>& string,
                                                                            const S& start) {
    return Expr<typing::function_result_t<T, S>>(call("substr", {string, as_expression(start)}));
}
template <class T, class S>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    substr(const Expr<T>& string, const S& start)
RETORT_MISUSE("substr() needs a string");
template <class T, class S, class L>
requires(typing::is_string<T>) Expr<typing::function_result_t<T, S, L>> substr(
    const Expr<T>& string, const S& start, const L& length) {
    return Expr<typing::function_result_t<T, S, L>>(
        call("substr", {string, as_expression(start), as_expression(length)}));
}
template <class T, class S, class L>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    substr(const Expr<T>& string, const S& start, const L& length)
RETORT_MISUSE("substr() needs a string");
/// replace(s, from, to): every occurrence of `from` replaced.
template <class T, class F, class R>
requires(typing::is_string<T>) Expr<typing::function_result_t<T, F, R>> replace(
    const Expr<T>& string, const F& from, const R& to) {
    return Expr<typing::function_result_t<T, F, R>>(
        call("replace", {string, as_expression(from), as_expression(to)}));
}
template <class T, class F, class R>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    replace(const Expr<T>& string, const F& from, const R& to)
RETORT_MISUSE("replace() needs a string");
/// The first / last `n` characters (n ≥ 0).
template <class T, class N>
requires(typing::is_string<T>) Expr<typing::function_result_t<T, N>> left(const Expr<T>& string,
                                                                          const N& n) {
    return Expr<typing::function_result_t<T, N>>(
        sql::portable_call("left", {string, as_expression(n)}));
}
template <class T, class N>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    left(const Expr<T>& string, const N& n)
RETORT_MISUSE("left() needs a string");
template <class T, class N>
requires(typing::is_string<T>) Expr<typing::function_result_t<T, N>> right(const Expr<T>& string,
                                                                           const N& n) {
    return Expr<typing::function_result_t<T, N>>(
        sql::portable_call("right", {string, as_expression(n)}));
}
template <class T, class N>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    right(const Expr<T>& string, const N& n)
RETORT_MISUSE("right() needs a string");
/// Spaces (or the given characters) removed from both ends / the start / the end.
template <class T>
requires(typing::is_string<T>) Expr<T> trim(const Expr<T>& string) {
    return Expr<T>(sql::portable_call("trim", {string}));
}
template <class T>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string trim(const Expr<T>& string)
RETORT_MISUSE("trim() needs a string");
template <class T>
requires(typing::is_string<T>) Expr<T> trim(const Expr<T>& string, const std::string& characters) {
    return Expr<T>(sql::portable_call("trim", {string, literal(characters)}));
}
template <class T>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    trim(const Expr<T>& string, const std::string& characters)
RETORT_MISUSE("trim() needs a string");
template <class T>
requires(typing::is_string<T>) Expr<T> ltrim(const Expr<T>& string) {
    return Expr<T>(call("ltrim", {string}));
}
template <class T>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string ltrim(const Expr<T>& string)
RETORT_MISUSE("ltrim() needs a string");
template <class T>
requires(typing::is_string<T>) Expr<T> ltrim(const Expr<T>& string, const std::string& characters) {
    return Expr<T>(call("ltrim", {string, literal(characters)}));
}
template <class T>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    ltrim(const Expr<T>& string, const std::string& characters)
RETORT_MISUSE("ltrim() needs a string");
template <class T>
requires(typing::is_string<T>) Expr<T> rtrim(const Expr<T>& string) {
    return Expr<T>(call("rtrim", {string}));
}
template <class T>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string rtrim(const Expr<T>& string)
RETORT_MISUSE("rtrim() needs a string");
template <class T>
requires(typing::is_string<T>) Expr<T> rtrim(const Expr<T>& string, const std::string& characters) {
    return Expr<T>(call("rtrim", {string, literal(characters)}));
}
template <class T>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    rtrim(const Expr<T>& string, const std::string& characters)
RETORT_MISUSE("rtrim() needs a string");
/// The number of characters (char_length on PostgreSQL, length on SQLite).
template <class T>
requires(typing::is_string<T>)
    Expr<typing::nullable_t<std::int64_t, typing::is_optional<T>>> char_length(
        const Expr<T>& string) {
    return Expr<typing::nullable_t<std::int64_t, typing::is_optional<T>>>(
        sql::portable_call("char_length", {string}));
}
template <class T>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    char_length(const Expr<T>& string)
RETORT_MISUSE("char_length() needs a string");
/// The strings of a group joined with `separator` (string_agg on PostgreSQL, group_concat on
/// SQLite); NULL for a group with no value.
template <class T>
requires(typing::is_string<T>) Expr<std::optional<std::string>> string_agg(
    const Expr<T>& string, const std::string& separator) {
    return Expr<std::optional<std::string>>(
        sql::portable_call("string_agg", {string, literal(separator)}));
}
template <class T>
requires(!(typing::is_string<T>)) misuse::this_function_needs_a_string
    string_agg(const Expr<T>& string, const std::string& separator)
RETORT_MISUSE("string_agg() needs a string");

// --- numbers ---------------------------------------------------------------------------------
template <class T>
requires(typing::is_numeric<T>) Expr<T> abs(const Expr<T>& number) {
    return Expr<T>(call("abs", {number}));
}
template <class T>
requires(!(typing::is_numeric<T>)) misuse::this_function_needs_a_number abs(const Expr<T>& number)
RETORT_MISUSE("abs() needs a number");
/// ceil / floor / round of a double or a Decimal, of its type (an integer is its own).
template <class T>
requires(typing::is_numeric<T> &&
         !std::is_integral_v<typing::base_t<T>>) Expr<T> ceil(const Expr<T>& number) {
    return Expr<T>(call("ceil", {number}));
}
template <class T>
requires(!(typing::is_numeric<T> && !std::is_integral_v<typing::base_t<T>>))
    misuse::ceil_floor_and_round_need_a_double_or_a_decimal ceil(const Expr<T>& number)
RETORT_MISUSE("ceil() needs a double or a Decimal");
template <class T>
requires(typing::is_numeric<T> &&
         !std::is_integral_v<typing::base_t<T>>) Expr<T> floor(const Expr<T>& number) {
    return Expr<T>(call("floor", {number}));
}
template <class T>
requires(!(typing::is_numeric<T> && !std::is_integral_v<typing::base_t<T>>))
    misuse::ceil_floor_and_round_need_a_double_or_a_decimal floor(const Expr<T>& number)
RETORT_MISUSE("floor() needs a double or a Decimal");
/// Rounded to `digits` decimal places (0: to an integral value), halves away from zero.
template <class T>
requires(typing::is_numeric<T> &&
         !std::is_integral_v<typing::base_t<T>>) Expr<T> round(const Expr<T>& number,
                                                               int digits = 0) {
    return Expr<T>(sql::portable_call("round", {number, literal(digits)}));
}
template <class T>
requires(!(typing::is_numeric<T> && !std::is_integral_v<typing::base_t<T>>))
    misuse::ceil_floor_and_round_need_a_double_or_a_decimal
    round(const Expr<T>& number, int digits = 0)
RETORT_MISUSE("round() needs a double or a Decimal");
/// A random double in [0, 1).
Expr<double> random();

// --- dates and times -------------------------------------------------------------------------
/// The timestamp truncated to a unit ("day", "month", ...), of its type.
template <class T>
requires(std::is_same_v<typing::base_t<T>, DateTime> ||
         std::is_same_v<typing::base_t<T>, DateTimeTz>)
    Expr<T> date_trunc(std::string unit, const Expr<T>& timestamp) {
    return Expr<T>(date_trunc(std::move(unit), static_cast<const Expression&>(timestamp)));
}
template <class T>
requires(!(std::is_same_v<typing::base_t<T>, DateTime> ||
           std::is_same_v<typing::base_t<T>, DateTimeTz>)) misuse::date_trunc_needs_a_timestamp
    date_trunc(std::string unit, const Expr<T>& timestamp)
RETORT_MISUSE("date_trunc() needs a timestamp (DateTime or DateTimeTz)");
/// A field of a date or timestamp as an integer ("year", "month", "day", "hour", "minute",
/// "second" (whole seconds), "dow", "doy", "epoch" (whole seconds)).
template <class T>
requires(typing::is_temporal<T>)
    Expr<typing::nullable_t<std::int64_t, typing::is_optional<T>>> extract(
        std::string field, const Expr<T>& timestamp) {
    return Expr<typing::nullable_t<std::int64_t, typing::is_optional<T>>>(sql::portable_call(
        "extract_integer", {extract(std::move(field), static_cast<const Expression&>(timestamp))}));
}
template <class T>
requires(!(typing::is_temporal<T>)) misuse::extract_needs_a_date_or_a_timestamp
    extract(std::string field, const Expr<T>& timestamp)
RETORT_MISUSE("extract() needs a date or a timestamp");

}  // namespace func

}  // namespace retort
