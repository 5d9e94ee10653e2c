// The typed expression layer: Expr<T> is an Expression whose C++ value type T is known, so that
// misuse fails to compile with one sentence at the user's line, and typed selects yield tuples.
// It only checks and builds nodes; SQL generation is the dynamic layer's.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "retort/sql/expression.hpp"
#include "retort/sql/statements.hpp"
#include "retort/types/array.hpp"
#include "retort/types/enum.hpp"

#include "retort/types/range.hpp"

#include "retort/types/text_search.hpp"

namespace retort {

template <class T>
class Expr;

namespace typing {

/// The value type without std::optional.
template <class T>
using base_t = typename detail::strip_optional_element<std::remove_cvref_t<T>>::type;

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;
/// T as a result that may be NULL: std::optional<T> (T itself when it is one already).
template <class T>
using optional_t = std::conditional_t<is_optional<T>, T, std::optional<T>>;

/// The entity a typed column belongs to (a model's Column<&E::member>), void for other
/// expressions; and lists of entities, for the sides of joins.
template <class C>
struct owner_of {
    using type = void;
};
template <class C>
requires requires {
    typename C::entity_type;
}
struct owner_of<C> {
    using type = typename C::entity_type;
};
template <class... Es>
struct entity_list {};
template <class E, class List>
inline constexpr bool listed = false;
template <class E, class... Es>
inline constexpr bool listed<E, entity_list<Es...>> = (std::is_same_v<E, Es> || ...);
/// A column of `Owner` selected over a join whose optional side holds the entities `Nullable`.
template <class T, class Owner, class Nullable>
using joined_t =
    std::conditional_t<!std::is_void_v<Owner> && listed<Owner, Nullable>, optional_t<T>, T>;

template <class T>
inline constexpr bool is_expr = false;
template <class T>
inline constexpr bool is_expr<Expr<T>> = true;

/// The C++ value type an operand stands for: T for Expr<T>, std::string for string literals.
template <class R>
struct operand_value {
    using type =
        std::conditional_t<std::is_convertible_v<const R&, std::string_view> && !SqlValue<R>,
                           std::string, R>;
};
/// Typed expressions, and what derives from them (a model's columns): their value type.
template <class R>
requires(std::is_base_of_v<Expression, R>&& requires {
    typename R::value_type;
}) struct operand_value<R> {
    using type = typename R::value_type;
};
template <class R>
using operand_t = base_t<typename operand_value<std::remove_cvref_t<R>>::type>;

template <class T>
inline constexpr bool is_boolean = std::is_same_v<base_t<T>, bool>;
template <class T>
inline constexpr bool is_numeric = (std::is_arithmetic_v<base_t<T>> && !is_boolean<T> &&
                                    !std::is_same_v<base_t<T>, char>) ||
                                   std::is_same_v<base_t<T>, Decimal>;
template <class T>
inline constexpr bool is_string = std::is_same_v<base_t<T>, std::string>;
template <class T>
inline constexpr bool is_temporal =
    std::is_same_v<base_t<T>, Date> || std::is_same_v<base_t<T>, DateTime> ||
    std::is_same_v<base_t<T>, DateTimeTz> || std::is_same_v<base_t<T>, Time>;

template <class>
inline constexpr bool dependent_false = false;

/// std::vector<U>: a SQL ARRAY.
template <class T>
inline constexpr bool is_array = detail::is_sql_array<base_t<T>>;
/// The element type of an array (without std::optional).
template <class T>
using element_t = base_t<typename base_t<T>::value_type>;
/// A C++ type holding a JSON document. Specialise as true for your own (retort/types/
/// nlohmann_json.hpp does for nlohmann::json) to get the JSON operators on its columns.
template <class T>
inline constexpr bool is_json_document = std::is_same_v<T, Json>;
template <class T>
inline constexpr bool is_json = is_json_document<base_t<T>>;
template <class T>
inline constexpr bool is_tsvector = std::is_same_v<base_t<T>, TsVector>;
template <class T>
inline constexpr bool is_tsquery = std::is_same_v<base_t<T>, TsQuery>;
/// Range<U>: a PostgreSQL range type.
template <class T>
inline constexpr bool is_range = detail::is_range<base_t<T>>;
template <class T>
using range_element_t = std::remove_cvref_t<decltype(*std::declval<base_t<T>>().lower)>;
/// The range type PostgreSQL has for a C++ bound type, and that bound type's SQL type.
template <class U>
SqlType range_sql_type(bool range) {
    auto pick = [&](const char* range_name, SqlType element) {
        return range ? type::CustomType(range_name) : element;
    };
    if constexpr (std::is_same_v<U, std::int32_t>)
        return pick("INT4RANGE", type::Integer());
    else if constexpr (std::is_same_v<U, std::int64_t>)
        return pick("INT8RANGE", type::BigInteger());
    else if constexpr (std::is_same_v<U, Decimal>)
        return pick("NUMRANGE", type::Numeric());
    else if constexpr (std::is_same_v<U, Date>)
        return pick("DATERANGE", type::Date());
    else if constexpr (std::is_same_v<U, DateTime>)
        return pick("TSRANGE", type::DateTime());
    else if constexpr (std::is_same_v<U, DateTimeTz>)
        return pick("TSTZRANGE", type::DateTime(true));
    else
        static_assert(dependent_false<U>,
                      "retort: PostgreSQL has ranges of int32, int64, Decimal, Date, DateTime and "
                      "DateTimeTz only");
}

/// Two operands may be compared when they are the same kind of value (numbers with numbers,
/// text with text, ...). NULL (std::nullopt, null) compares with anything, and so does an
/// untyped Expression (excluded("col"), column("x"), text_expr(...)): its type is unknown here.
template <class R>
inline constexpr bool is_untyped =
    std::is_base_of_v<Expression, std::remove_cvref_t<R>> && !requires {
    typename std::remove_cvref_t<R>::value_type;
};
template <class L, class R>
inline constexpr bool comparable =
    is_untyped<R> || std::is_same_v<std::remove_cvref_t<R>, std::nullopt_t> ||
    std::is_same_v<std::remove_cvref_t<R>, Null> || (is_numeric<L> && is_numeric<operand_t<R>>) ||
    (is_string<L> && is_string<operand_t<R>>) || std::is_same_v<base_t<L>, operand_t<R>>;
/// What contains() takes: a string in a string, an array of its kind in an array, anything in
/// a JSON document, a range or an element in a range.
template <class T, class R>
concept contains_operand = is_string<T> || is_json<T> ||(is_array<T>&& comparable<T, R>) ||
                           (is_range<T> && (comparable<T, R> || comparable<range_element_t<T>, R>));
/// An array whose elements compare with V (checked only for arrays).
template <class T, class V>
concept array_of = is_array<T> && requires {
    typename base_t<T>::value_type;
} && comparable<base_t<typename base_t<T>::value_type>, V>;

/// The result type of arithmetic between L and R.
template <class L, class R>
using arithmetic_t =
    std::conditional_t<std::is_same_v<base_t<L>, Decimal> || std::is_same_v<operand_t<R>, Decimal>,
                       Decimal,
                       std::conditional_t<std::is_floating_point_v<base_t<L>> ||
                                              std::is_floating_point_v<operand_t<R>>,
                                          double, std::int64_t>>;

}  // namespace typing

/// What the typed operators refuse, refused at the user's expression: the compiler's first
/// error is the user's line, saying what is wrong — clang: "'operator==' is unavailable:
/// retort: cannot compare values of different kinds ..."; g++: "use of deleted function
/// 'retort::misuse::cannot_compare_values_of_different_kinds_convert_one_side_or_cast_it
/// retort::operator==(...)'" (g++ has no message on a deleted function; the return type says
/// it). Not static_assert, whose first error line is inside this header.
#if defined(__clang__)
#define RETORT_MISUSE(message) __attribute__((unavailable("retort: " message)))
#else
#define RETORT_MISUSE(message) = delete
#endif
namespace misuse {
/// Converts to anything, so that the rest of the user's expression compiles and the one error
/// reported is the refusal (clang reports `unavailable` only for an expression otherwise valid).
struct refused {
    template <class U>
    operator U() const;  // never defined: a refused call never compiles
};
struct cannot_compare_values_of_different_kinds_convert_one_side_or_cast_it : refused {};
struct a_boolean_is_not_a_number_arithmetic_on_a_boolean_column_is_refused : refused {};
struct arithmetic_needs_numeric_operands : refused {};
struct plus_on_a_string_concatenates_strings_only_convert_the_other_side_or_cast_it : refused {};
struct a_string_can_only_be_joined_to_a_string : refused {};
struct and_needs_boolean_conditions : refused {};
struct or_needs_boolean_conditions : refused {};
struct not_needs_a_boolean_condition : refused {};
struct contains_applies_to_string_array_json_and_range_columns_only : refused {};
struct contains_on_an_array_takes_an_array_of_its_element_kind : refused {};
struct contains_on_a_range_takes_a_value_or_a_range_of_its_kind : refused {};
struct all_applies_to_array_columns_only : refused {};
struct all_takes_a_value_of_the_array_s_element_kind : refused {};
struct any_applies_to_array_columns_only : refused {};
struct any_takes_a_value_of_the_array_s_element_kind : refused {};
struct session_query_takes_models_and_typed_expressions_columns_functions_labels : refused {};
struct select_of_a_model_takes_relationship_loader_options_use_session_query_for_load_only
    : refused {};
struct astext_applies_to_json_values_only : refused {};
struct avg_needs_a_numeric_column : refused {};
struct between_bounds_must_be_of_the_column_s_kind : refused {};
struct concat_applies_to_jsonb_columns_only : refused {};
struct contained_by_applies_to_array_json_and_range_columns_only : refused {};
struct contained_by_on_an_array_takes_an_array_of_its_element_kind : refused {};
struct endswith_applies_to_string_columns_only : refused {};
struct has_all_applies_to_jsonb_columns_only : refused {};
struct has_any_applies_to_jsonb_columns_only : refused {};
struct has_key_applies_to_jsonb_columns_only : refused {};
struct ilike_applies_to_string_columns_only : refused {};
struct in_values_must_be_of_the_column_s_kind : refused {};
struct length_needs_a_string_column : refused {};
struct like_applies_to_string_columns_only : refused {};
struct lower_needs_a_string_column : refused {};
struct not_in_values_must_be_of_the_column_s_kind : refused {};
struct not_like_applies_to_string_columns_only : refused {};
struct overlap_applies_to_array_and_range_columns_only : refused {};
struct overlap_takes_an_array_or_range_of_the_column_s_kind : refused {};
struct path_applies_to_json_values_only : refused {};
struct path_text_applies_to_json_values_only : refused {};
struct remove_key_applies_to_jsonb_columns_only : refused {};
struct remove_path_applies_to_jsonb_columns_only : refused {};
struct slice_applies_to_array_columns_only : refused {};
struct startswith_applies_to_string_columns_only : refused {};
struct sum_needs_a_numeric_column : refused {};
struct upper_needs_a_string_column : refused {};
}  // namespace misuse

/// An Expression that holds values of C++ type T (std::optional<U> where it may be NULL).
template <class T>
class Expr : public Expression {
  public:
    using value_type = T;
    explicit Expr(Expression expression) : Expression(std::move(expression)) {}

    template <class P>
    Expr<bool> like(const P& pattern, std::optional<char> escape = {}) const
        requires((typing::is_string<T>)) {
        return Expr<bool>(Expression::like(pattern, escape));
    }
    template <class P>
    misuse::like_applies_to_string_columns_only like(const P& pattern,
                                                     std::optional<char> escape = {}) const
        requires(!(typing::is_string<T>)) RETORT_MISUSE("like() applies to string columns only");
    template <class P>
    Expr<bool> ilike(const P& pattern, std::optional<char> escape = {}) const
        requires((typing::is_string<T>)) {
        return Expr<bool>(Expression::ilike(pattern, escape));
    }
    template <class P>
    misuse::ilike_applies_to_string_columns_only ilike(const P& pattern,
                                                       std::optional<char> escape = {}) const
        requires(!(typing::is_string<T>)) RETORT_MISUSE("ilike() applies to string columns only");
    template <class P>
    Expr<bool> not_like(const P& pattern, std::optional<char> escape = {}) const
        requires((typing::is_string<T>)) {
        return Expr<bool>(Expression::not_like(pattern, escape));
    }
    template <class P>
    misuse::not_like_applies_to_string_columns_only not_like(const P& pattern,
                                                             std::optional<char> escape = {}) const
        requires(!(typing::is_string<T>))
            RETORT_MISUSE("not_like() applies to string columns only");
    Expr<bool> startswith(std::string_view prefix) const requires((typing::is_string<T>)) {
        return Expr<bool>(Expression::startswith(prefix));
    }
    misuse::startswith_applies_to_string_columns_only startswith(std::string_view prefix) const
        requires(!(typing::is_string<T>))
            RETORT_MISUSE("startswith() applies to string columns only");
    Expr<bool> endswith(std::string_view suffix) const requires((typing::is_string<T>)) {
        return Expr<bool>(Expression::endswith(suffix));
    }
    misuse::endswith_applies_to_string_columns_only endswith(std::string_view suffix) const
        requires(!(typing::is_string<T>))
            RETORT_MISUSE("endswith() applies to string columns only");
    /// On a string: LIKE '%part%' (the part matched literally). On an array or a JSON
    /// document: `@>`, contains every element / the given structure (PostgreSQL). On a range:
    /// contains the value or the range.
    template <class R>
    Expr<bool> contains(const R& other) const requires(typing::contains_operand<T, R>) {
        if constexpr (typing::is_string<T>) {
            return Expr<bool>(Expression::contains(std::string_view(other)));
        } else if constexpr (typing::is_range<T> && !typing::comparable<T, R>) {
            // An element: cast, since a bound BIGINT would not match an int4range's element.
            using Element = typing::range_element_t<T>;
            return Expr<bool>(sql::binary(
                *this, sql::ExtendedOperator::contains,
                retort::cast(as_expression(other), typing::range_sql_type<Element>(false))));
        } else {
            return Expr<bool>(
                sql::binary(*this, sql::ExtendedOperator::contains, as_expression(other)));
        }
    }
    template <class R>
    misuse::contains_applies_to_string_array_json_and_range_columns_only contains(
        const R& other) const requires(!typing::is_string<T> && !typing::is_array<T> &&
                                       !typing::is_json<T> && !typing::is_range<T>)
        RETORT_MISUSE("contains() applies to string, array, JSON and range columns only");
    template <class R>
    misuse::contains_on_an_array_takes_an_array_of_its_element_kind contains(const R& other) const
        requires(typing::is_array<T> && !typing::comparable<T, R>)
            RETORT_MISUSE("contains() on an array takes an array of its element kind");
    template <class R>
    misuse::contains_on_a_range_takes_a_value_or_a_range_of_its_kind contains(const R& other) const
        requires(typing::is_range<T> && !typing::contains_operand<T, R>)
            RETORT_MISUSE("contains() on a range takes a value or a range of its kind");
    /// `<@`: every element (the whole structure) is in `other` (arrays, JSON; PostgreSQL).
    template <class R>
    Expr<bool> contained_by(const R& other) const
        requires((typing::is_array<T> || typing::is_json<T> ||
                  typing::is_range<T>)&&(typing::is_json<T> || typing::comparable<T, R>)) {
        return Expr<bool>(
            sql::binary(*this, sql::ExtendedOperator::contained_by, as_expression(other)));
    }
    template <class R>
    misuse::contained_by_applies_to_array_json_and_range_columns_only contained_by(const R& other)
        const requires(!(typing::is_array<T> || typing::is_json<T> || typing::is_range<T>))
            RETORT_MISUSE("contained_by() applies to array, JSON and range columns only");
    template <class R>
    misuse::contained_by_on_an_array_takes_an_array_of_its_element_kind contained_by(const R& other)
        const requires((typing::is_array<T> || typing::is_json<T> ||
                        typing::is_range<T>)&&!(typing::is_json<T> || typing::comparable<T, R>))
            RETORT_MISUSE("contained_by() on an array takes an array of its element kind");

    // --- ARRAY (PostgreSQL) ---------------------------------------------------------------
    /// `&&`: the arrays share an element.
    template <class R>
    Expr<bool> overlap(const R& other) const
        requires((typing::is_array<T> || typing::is_range<T>)&&(typing::comparable<T, R>)) {
        return Expr<bool>(sql::binary(*this, sql::ExtendedOperator::overlap, as_expression(other)));
    }
    template <class R>
    misuse::overlap_applies_to_array_and_range_columns_only overlap(const R& other) const
        requires(!(typing::is_array<T> || typing::is_range<T>))
            RETORT_MISUSE("overlap() applies to array and range columns only");
    template <class R>
    misuse::overlap_takes_an_array_or_range_of_the_column_s_kind overlap(const R& other) const
        requires((typing::is_array<T> || typing::is_range<T>)&&!(typing::comparable<T, R>))
            RETORT_MISUSE("overlap() takes an array or range of the column's kind");
    /// Ranges: `-|-` (they touch without overlapping), `<<` (wholly before), `>>` (after).
    template <class R>
    Expr<bool> adjacent_to(const R& other) const {
        return range_operator(sql::ExtendedOperator::adjacent_to, other);
    }
    template <class R>
    Expr<bool> strictly_left_of(const R& other) const {
        return range_operator(sql::ExtendedOperator::strictly_left_of, other);
    }
    template <class R>
    Expr<bool> strictly_right_of(const R& other) const {
        return range_operator(sql::ExtendedOperator::strictly_right_of, other);
    }
    /// `value = ANY (array)`: some element equals `value` (SQLAlchemy's ARRAY.any).
    template <class V>
    Expr<bool> any(const V& value) const requires(typing::array_of<T, V>) {
        return Expr<bool>(sql::binary(as_expression(value), "=", any_(*this)));
    }
    template <class V>
    misuse::any_applies_to_array_columns_only any(const V& value) const
        requires(!(typing::is_array<T>)) RETORT_MISUSE("any() applies to array columns only");
    template <class V>
    misuse::any_takes_a_value_of_the_array_s_element_kind any(const V& value) const
        requires(typing::is_array<T> && !typing::array_of<T, V>)
            RETORT_MISUSE("any() takes a value of the array's element kind");
    /// `value = ALL (array)`: every element equals `value`.
    template <class V>
    Expr<bool> all(const V& value) const requires(typing::array_of<T, V>) {
        return Expr<bool>(sql::binary(as_expression(value), "=", all_(*this)));
    }
    template <class V>
    misuse::all_applies_to_array_columns_only all(const V& value) const
        requires(!(typing::is_array<T>)) RETORT_MISUSE("all() applies to array columns only");
    template <class V>
    misuse::all_takes_a_value_of_the_array_s_element_kind all(const V& value) const
        requires(typing::is_array<T> && !typing::array_of<T, V>)
            RETORT_MISUSE("all() takes a value of the array's element kind");
    /// array[lower:upper], both bounds included, counted from 1 as PostgreSQL does.
    template <class L, class U>
    Expr<T> slice(const L& lower, const U& upper) const requires((typing::is_array<T>)) {
        return Expr<T>(sql::slice(*this, as_expression(lower), as_expression(upper)));
    }
    template <class L, class U>
    misuse::slice_applies_to_array_columns_only slice(const L& lower, const U& upper) const
        requires(!(typing::is_array<T>)) RETORT_MISUSE("slice() applies to array columns only");
    /// An array's element (array[i], from 1), or a JSON document's member (doc -> 'key') or
    /// element (doc -> 0). NULL when absent.
    template <class K>
    auto operator[](const K& key) const {
        if constexpr (typing::is_array<T>) {
            static_assert(std::is_integral_v<K> || std::is_integral_v<typing::operand_t<K>>,
                          "retort: an array is indexed by an integer, from 1");
            return Expr<std::optional<typing::element_t<T>>>(
                sql::subscript(*this, as_expression(key)));
        } else {
            static_assert(typing::is_json<T>, "retort: [] applies to array and JSON columns only");
            using Element = Expr<std::optional<typing::base_t<T>>>;
            if constexpr (std::is_integral_v<K>) {
                // Cast: a bound BIGINT matches neither jsonb -> int nor jsonb -> text.
                return Element(
                    sql::binary(*this, sql::ExtendedOperator::json_get,
                                retort::cast(literal(to_value(static_cast<std::int64_t>(key))),
                                             type::Integer())));
            } else {
                static_assert(typing::is_string<typing::operand_t<K>>,
                              "retort: a JSON document is indexed by a key or an integer");
                return Element(
                    sql::binary(*this, sql::ExtendedOperator::json_get, as_expression(key)));
            }
        }
    }

    // --- JSON and JSONB --------------------------------------------------------------------
    /// The value as text (`->>`, or `#>> '{}'` on a whole document): SQLAlchemy's astext.
    Expr<std::optional<std::string>> astext() const requires((typing::is_json<T>)) {
        return Expr<std::optional<std::string>>(sql::json_astext(*this));
    }
    misuse::astext_applies_to_json_values_only astext() const requires(!(typing::is_json<T>))
        RETORT_MISUSE("astext() applies to JSON values only");
    Expr<std::optional<std::string>> as_string() const { return astext(); }
    Expr<std::optional<std::int64_t>> as_integer() const {
        return Expr<std::optional<std::int64_t>>(retort::cast(astext(), type::BigInteger()));
    }
    Expr<std::optional<double>> as_float() const {
        return Expr<std::optional<double>>(retort::cast(astext(), type::Double()));
    }
    Expr<std::optional<bool>> as_boolean() const {
        return Expr<std::optional<bool>>(retort::cast(astext(), type::Boolean()));
    }
    /// `#>`: the element at a path of keys (array positions as their digits, from 0).
    Expr<std::optional<typing::base_t<T>>> path(const std::vector<std::string>& keys) const
        requires((typing::is_json<T>)) {
        return Expr<std::optional<typing::base_t<T>>>(
            sql::binary(*this, sql::ExtendedOperator::json_path, literal(to_value(keys))));
    }
    misuse::path_applies_to_json_values_only path(const std::vector<std::string>& keys) const
        requires(!(typing::is_json<T>)) RETORT_MISUSE("path() applies to JSON values only");
    /// `#>>`: the element at a path, as text.
    Expr<std::optional<std::string>> path_text(const std::vector<std::string>& keys) const
        requires((typing::is_json<T>)) {
        return Expr<std::optional<std::string>>(
            sql::binary(*this, sql::ExtendedOperator::json_path_text, literal(to_value(keys))));
    }
    misuse::path_text_applies_to_json_values_only path_text(
        const std::vector<std::string>& keys) const requires(!(typing::is_json<T>))
        RETORT_MISUSE("path_text() applies to JSON values only");
    /// `?`: the document has this top-level key (JSONB).
    Expr<bool> has_key(const std::string& key) const requires((typing::is_json<T>)) {
        return Expr<bool>(
            sql::binary(*this, sql::ExtendedOperator::json_has_key, literal(to_value(key))));
    }
    misuse::has_key_applies_to_jsonb_columns_only has_key(const std::string& key) const
        requires(!(typing::is_json<T>)) RETORT_MISUSE("has_key() applies to JSONB columns only");
    /// `?|`: the document has any of these keys; `?&`: all of them (JSONB).
    Expr<bool> has_any(const std::vector<std::string>& keys) const requires((typing::is_json<T>)) {
        return Expr<bool>(
            sql::binary(*this, sql::ExtendedOperator::json_has_any, literal(to_value(keys))));
    }
    misuse::has_any_applies_to_jsonb_columns_only has_any(
        const std::vector<std::string>& keys) const requires(!(typing::is_json<T>))
        RETORT_MISUSE("has_any() applies to JSONB columns only");
    Expr<bool> has_all(const std::vector<std::string>& keys) const requires((typing::is_json<T>)) {
        return Expr<bool>(
            sql::binary(*this, sql::ExtendedOperator::json_has_all, literal(to_value(keys))));
    }
    misuse::has_all_applies_to_jsonb_columns_only has_all(
        const std::vector<std::string>& keys) const requires(!(typing::is_json<T>))
        RETORT_MISUSE("has_all() applies to JSONB columns only");
    /// `||`: the documents merged, the right one's keys winning (JSONB).
    template <class R>
    Expr<T> concat(const R& other) const requires((typing::is_json<T>)) {
        return Expr<T>(sql::binary(*this, "||", as_expression(other)));
    }
    template <class R>
    misuse::concat_applies_to_jsonb_columns_only concat(const R& other) const
        requires(!(typing::is_json<T>)) RETORT_MISUSE("concat() applies to JSONB columns only");
    /// `-`: the document without this key (JSONB).
    Expr<T> remove_key(const std::string& key) const requires((typing::is_json<T>)) {
        return Expr<T>(sql::binary(*this, sql::ExtendedOperator::json_remove_key,
                                   retort::cast(literal(to_value(key)), type::Text())));
    }
    misuse::remove_key_applies_to_jsonb_columns_only remove_key(const std::string& key) const
        requires(!(typing::is_json<T>)) RETORT_MISUSE("remove_key() applies to JSONB columns only");
    /// `#-`: the document without the element at a path (JSONB).
    Expr<T> remove_path(const std::vector<std::string>& keys) const requires((typing::is_json<T>)) {
        return Expr<T>(
            sql::binary(*this, sql::ExtendedOperator::json_remove_path, literal(to_value(keys))));
    }
    misuse::remove_path_applies_to_jsonb_columns_only remove_path(
        const std::vector<std::string>& keys) const requires(!(typing::is_json<T>))
        RETORT_MISUSE("remove_path() applies to JSONB columns only");

    // --- full-text search (PostgreSQL) ----------------------------------------------------
    /// `@@`: the document matches the query. A string query goes through plainto_tsquery; a
    /// string column is read with the server's default text search configuration.
    template <class Q>
    Expr<bool> match(const Q& query) const {
        static_assert(typing::is_tsvector<T> || typing::is_string<T>,
                      "retort: match() applies to tsvector and string columns only");
        if constexpr (typing::is_tsquery<typing::operand_t<Q>>) {
            return Expr<bool>(
                sql::binary(*this, sql::ExtendedOperator::text_match, as_expression(query)));
        } else {
            static_assert(typing::is_string<typing::operand_t<Q>>,
                          "retort: match() takes a tsquery expression or a string");
            return Expr<bool>(sql::binary(*this, sql::ExtendedOperator::text_match,
                                          func::call("plainto_tsquery", {as_expression(query)})));
        }
    }
    Expr<bool> is_null() const { return Expr<bool>(Expression::is_null()); }
    Expr<bool> is_not_null() const { return Expr<bool>(Expression::is_not_null()); }
    template <class U>
    Expr<bool> in_(const std::vector<U>& values) const requires((typing::comparable<T, U>)) {
        std::vector<Value> bound;
        for (const auto& v : values) bound.push_back(to_value(v));
        return Expr<bool>(Expression::in_(bound));
    }
    template <class U>
    misuse::in_values_must_be_of_the_column_s_kind in_(const std::vector<U>& values) const
        requires(!(typing::comparable<T, U>))
            RETORT_MISUSE("in_() values must be of the column's kind");
    template <class U>
    Expr<bool> not_in(const std::vector<U>& values) const requires((typing::comparable<T, U>)) {
        std::vector<Value> bound;
        for (const auto& v : values) bound.push_back(to_value(v));
        return Expr<bool>(Expression::not_in(bound));
    }
    template <class U>
    misuse::not_in_values_must_be_of_the_column_s_kind not_in(const std::vector<U>& values) const
        requires(!(typing::comparable<T, U>))
            RETORT_MISUSE("not_in() values must be of the column's kind");
    /// IN a braced list of plain values of the column's kind: `users.id.in_({1, 2, 3})`.
    Expr<bool> in_(std::initializer_list<typing::base_t<T>> values) const {
        return Expr<bool>(Expression::in_(bound_values(values)));
    }
    Expr<bool> not_in(std::initializer_list<typing::base_t<T>> values) const {
        return Expr<bool>(Expression::not_in(bound_values(values)));
    }
    Expr<bool> in_(const Select& subquery) const { return Expr<bool>(Expression::in_(subquery)); }
    Expr<bool> not_in(const Select& subquery) const {
        return Expr<bool>(Expression::not_in(subquery));
    }
    template <class A, class B>
    Expr<bool> between(const A& low, const B& high) const
        requires((typing::comparable<T, A> && typing::comparable<T, B>)) {
        return Expr<bool>(Expression::between(low, high));
    }
    template <class A, class B>
    misuse::between_bounds_must_be_of_the_column_s_kind between(const A& low, const B& high) const
        requires(!(typing::comparable<T, A> && typing::comparable<T, B>))
            RETORT_MISUSE("between() bounds must be of the column's kind");
    Expr<T> label(std::string name) const { return Expr<T>(Expression::label(std::move(name))); }
    /// A window function call keeps its type: func::row_number().over({.order_by = {...}}).
    Expr<T> over(const Window& window) const { return Expr<T>(Expression::over(window)); }

  private:
    static std::vector<Value> bound_values(std::initializer_list<typing::base_t<T>> values) {
        std::vector<Value> bound;
        bound.reserve(values.size());
        for (const auto& v : values) bound.push_back(to_value(v));
        return bound;
    }
    template <class R>
    Expr<bool> range_operator(sql::ExtendedOperator op, const R& other) const {
        static_assert(typing::is_range<T>, "retort: this operator applies to range columns only");
        static_assert(typing::comparable<T, R>,
                      "retort: the other side must be a range of its kind");
        return Expr<bool>(sql::binary(*this, op, as_expression(other)));
    }
};

namespace typing {
/// The C++ type a plain value reads back as: integers as std::int64_t, floating point as
/// double, strings as std::string, std::optional kept.
template <class T>
struct literal_value {
    using type =
        std::conditional_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, std::int64_t,
                           std::conditional_t<std::is_floating_point_v<T>, double, operand_t<T>>>;
};
template <class T>
struct literal_value<std::optional<T>> {
    using type = std::optional<typename literal_value<T>::type>;
};
template <class T>
using literal_t = typename literal_value<T>::type;
}  // namespace typing

/// A bound value of a plain C++ value, typed: `literal(1).label("depth")` is an
/// Expr<std::int64_t>, so that a select of it stays typed.
template <class T>
requires typing::literal_typed<T> Expr<typing::literal_t<T>> literal(const T& value) {
    return Expr<typing::literal_t<T>>(literal(to_value(value)));
}

namespace typing {
/// A timestamp or a date moved by an Interval: `users.created_at + Interval{.days = 7}`.
template <class T, class R>
concept interval_operands =
    (std::is_same_v<base_t<T>, DateTime> ||
     std::is_same_v<base_t<T>, Date>)&&std::is_same_v<std::remove_cvref_t<R>, Interval>;
/// Two timestamps of one kind (DateTime, or DateTimeTz): their difference is an Interval.
template <class T, class R>
concept moment_difference_operands =
    (std::is_same_v<base_t<T>, DateTime> ||
     std::is_same_v<base_t<T>, DateTimeTz>)&&std::is_same_v<base_t<T>, operand_t<R>>;
/// The type of `a - b` on timestamps: NULL when either side may be.
template <class T, class R>
using moment_difference_t =
    std::conditional_t<is_optional<T> ||
                           is_optional<typename operand_value<std::remove_cvref_t<R>>::type>,
                       std::optional<Interval>, Interval>;
/// Operands of - * / %: numbers, never booleans (dates less intervals: see below).
template <class T, class R>
concept arithmetic_operands = !is_boolean<T> && !is_boolean<operand_t<R>> && is_numeric<T> &&
                              (is_untyped<R> || is_numeric<operand_t<R>>);
template <class T, class R>
concept boolean_operand = is_boolean<T> || is_boolean<operand_t<R>>;
/// The right side of + on a string column: a string.
template <class R>
concept string_operand = is_untyped<R> || is_string<operand_t<R>>;
}  // namespace typing

// Comparisons of a typed expression with a value or another expression of its kind.
#define RETORT_DIFFERENT_KINDS                                                                  \
    "cannot compare values of different kinds (e.g. a string column with an int): convert one " \
    "side, or cast() it"
#define RETORT_TYPED_COMPARISON(op, sql_op)                                          \
    template <class T, class R>                                                      \
    requires typing::comparable<T, R> Expr<bool>                                     \
    operator op(const Expr<T>& l, const R& r) {                                      \
        return Expr<bool>(sql::comparison(l, sql_op, as_expression(r)));             \
    }                                                                                \
    template <class T, class R>                                                      \
    requires(!typing::comparable<T, R>)                                              \
        misuse::cannot_compare_values_of_different_kinds_convert_one_side_or_cast_it \
        operator op(const Expr<T>& l, const R& r) RETORT_MISUSE(RETORT_DIFFERENT_KINDS);
// == and != also get an overload for two typed expressions: C++20 tries `r == l` as well, and
// one template for both cases would make `a.id == b.user_id` ambiguous.
#define RETORT_TYPED_EQUALITY(op, sql_op)                                                \
    template <class T, class R>                                                          \
    requires(!std::is_base_of_v<Expression, R> && typing::comparable<T, R>) Expr<bool>   \
    operator op(const Expr<T>& l, const R& r) {                                          \
        return Expr<bool>(sql::comparison(l, sql_op, as_expression(r)));                 \
    }                                                                                    \
    template <class T, class R>                                                          \
    requires(!std::is_base_of_v<Expression, R> && !typing::comparable<T, R>)             \
        misuse::cannot_compare_values_of_different_kinds_convert_one_side_or_cast_it     \
        operator op(const Expr<T>& l, const R& r) RETORT_MISUSE(RETORT_DIFFERENT_KINDS); \
    template <class T, class U>                                                          \
    requires typing::comparable<T, Expr<U>> Expr<bool>                                   \
    operator op(const Expr<T>& l, const Expr<U>& r) {                                    \
        return Expr<bool>(sql::comparison(l, sql_op, r));                                \
    }                                                                                    \
    template <class T, class U>                                                          \
    requires(!typing::comparable<T, Expr<U>>)                                            \
        misuse::cannot_compare_values_of_different_kinds_convert_one_side_or_cast_it     \
        operator op(const Expr<T>& l, const Expr<U>& r) RETORT_MISUSE(RETORT_DIFFERENT_KINDS);
RETORT_TYPED_EQUALITY(==, "=")
RETORT_TYPED_EQUALITY(!=, "<>")
RETORT_TYPED_COMPARISON(<, "<")
RETORT_TYPED_COMPARISON(<=, "<=")
RETORT_TYPED_COMPARISON(>, ">")
RETORT_TYPED_COMPARISON(>=, ">=")
#undef RETORT_TYPED_COMPARISON
#undef RETORT_TYPED_EQUALITY
#undef RETORT_DIFFERENT_KINDS

// Arithmetic on numbers (and timestamps less intervals); never on booleans or text.
#define RETORT_BOOLEAN_ARITHMETIC \
    "a boolean is not a number: arithmetic on a boolean column is refused"
#define RETORT_TYPED_ARITHMETIC(op, sql_op, other_overload)                                      \
    template <class T, class R>                                                                  \
    requires typing::arithmetic_operands<T, R> Expr<typing::arithmetic_t<T, R>>                  \
    operator op(const Expr<T>& l, const R& r) {                                                  \
        return Expr<typing::arithmetic_t<T, R>>(sql::binary(l, sql_op, as_expression(r)));       \
    }                                                                                            \
    template <class T, class R>                                                                  \
    requires typing::boolean_operand<T, R>                                                       \
        misuse::a_boolean_is_not_a_number_arithmetic_on_a_boolean_column_is_refused operator op( \
            const Expr<T>& l, const R& r) RETORT_MISUSE(RETORT_BOOLEAN_ARITHMETIC);              \
    template <class T, class R>                                                                  \
    requires(!typing::boolean_operand<T, R> && !typing::arithmetic_operands<T, R> &&             \
             !(other_overload)) misuse::arithmetic_needs_numeric_operands                        \
    operator op(const Expr<T>& l, const R& r) RETORT_MISUSE("arithmetic needs numeric operands");
RETORT_TYPED_ARITHMETIC(-, "-",
                        (typing::interval_operands<T, R> ||
                         typing::moment_difference_operands<T, R>))
RETORT_TYPED_ARITHMETIC(*, "*", false)
RETORT_TYPED_ARITHMETIC(/, "/", false)
RETORT_TYPED_ARITHMETIC(%, "%", false)
#undef RETORT_TYPED_ARITHMETIC

namespace typing {
/// True when R's value may be NULL (std::optional, an untyped expression, NULL itself).
template <class R>
inline constexpr bool may_be_null =
    is_untyped<R> || std::is_same_v<std::remove_cvref_t<R>, std::nullopt_t> ||
    std::is_same_v<std::remove_cvref_t<R>, Null> || std::is_same_v<std::remove_cvref_t<R>, Value> ||
    is_optional<typename operand_value<std::remove_cvref_t<R>>::type>;
/// The type of `l || r` on strings: NULL when either side is.
template <class T, class R>
using concat_t =
    std::conditional_t<is_optional<T> || may_be_null<R>, std::optional<std::string>, std::string>;
}  // namespace typing

/// `+` adds numbers (and intervals to timestamps and dates, below); on strings it
/// concatenates, as in SQLAlchemy: `users.name + "@example.com"` is `users.name || $1`, typed
/// as a string.
template <class T, class R>
requires(typing::is_string<T>&& typing::string_operand<R>) Expr<typing::concat_t<T, R>>
operator+(const Expr<T>& l, const R& r) {
    return Expr<typing::concat_t<T, R>>(sql::binary(l, "||", as_expression(r)));
}
template <class T, class R>
requires(
    typing::is_string<T> &&
    !typing::string_operand<
        R>) misuse::plus_on_a_string_concatenates_strings_only_convert_the_other_side_or_cast_it
operator+(const Expr<T>& l, const R& r) RETORT_MISUSE(
    "+ on a string concatenates strings only: convert the other side to a string, or cast() it");
template <class T, class R>
requires(!typing::is_string<T> &&
         typing::arithmetic_operands<T, R>) Expr<typing::arithmetic_t<T, R>>
operator+(const Expr<T>& l, const R& r) {
    return Expr<typing::arithmetic_t<T, R>>(sql::binary(l, "+", as_expression(r)));
}
template <class T, class R>
requires(!typing::is_string<T> && typing::boolean_operand<T, R>)
    misuse::a_boolean_is_not_a_number_arithmetic_on_a_boolean_column_is_refused
    operator+(const Expr<T>& l, const R& r) RETORT_MISUSE(RETORT_BOOLEAN_ARITHMETIC);
template <class T, class R>
requires(!typing::is_string<T> && !typing::boolean_operand<T, R> &&
         !typing::arithmetic_operands<T, R> &&
         !typing::interval_operands<T, R>) misuse::arithmetic_needs_numeric_operands
operator+(const Expr<T>& l, const R& r) RETORT_MISUSE("arithmetic needs numeric operands");

namespace sql {
/// `moment` moved by `interval` (negated when `subtract`), spelled per dialect: PostgreSQL adds
/// make_interval(...), SQLite applies date modifiers (see docs/design/core.md for where they differ).
/// `date_only`: a Date, moved by whole months and days (ArgumentError for a time part).
Expression add_interval(const Expression& moment, const Interval& interval, bool subtract,
                        bool date_only);
}  // namespace sql
/// A timestamp or a date moved by an interval, typed like it: `posts.created_at +
/// Interval{.days = 7}`, `users.birthday - Interval{.months = 1}`.
template <class T, class R>
requires typing::interval_operands<T, R> Expr<T>
operator+(const Expr<T>& l, const R& r) {
    return Expr<T>(sql::add_interval(l, r, false, std::is_same_v<typing::base_t<T>, Date>));
}
template <class T, class R>
requires typing::interval_operands<T, R> Expr<T>
operator-(const Expr<T>& l, const R& r) {
    return Expr<T>(sql::add_interval(l, r, true, std::is_same_v<typing::base_t<T>, Date>));
}
namespace sql {
/// The time from `earlier` to `later`, as an Interval of days and time (PostgreSQL's `later -
/// earlier`; SQLite computes it from julianday(), to the millisecond).
Expression moment_difference(const Expression& later, const Expression& earlier);
}  // namespace sql
/// The time between two timestamps, as in SQL: `posts.updated_at - posts.created_at` is an
/// Interval of whole days and the time left over (no months, as PostgreSQL gives it).
template <class T, class R>
requires typing::moment_difference_operands<T, R> Expr<typing::moment_difference_t<T, R>>
operator-(const Expr<T>& l, const R& r) {
    return Expr<typing::moment_difference_t<T, R>>(sql::moment_difference(l, as_expression(r)));
}
#undef RETORT_BOOLEAN_ARITHMETIC
/// A string value on the left: "Dear " + users.name.
template <class L, class T>
requires(!std::is_base_of_v<Expression, L> && typing::is_string<typing::operand_t<L>> &&
         typing::is_string<T>) Expr<typing::concat_t<T, L>>
operator+(const L& l, const Expr<T>& r) {
    return Expr<typing::concat_t<T, L>>(sql::binary(as_expression(l), "||", r));
}
template <class L, class T>
requires(!std::is_base_of_v<Expression, L> && typing::is_string<typing::operand_t<L>> &&
         !typing::is_string<T>) misuse::a_string_can_only_be_joined_to_a_string
operator+(const L& l, const Expr<T>& r) RETORT_MISUSE("a string can only be joined to a string");

template <class T, class U>
requires(typing::is_boolean<T>&& typing::is_boolean<U>) Expr<bool>
operator&&(const Expr<T>& l, const Expr<U>& r) {
    return Expr<bool>(static_cast<const Expression&>(l) && static_cast<const Expression&>(r));
}
template <class T, class U>
requires(!typing::is_boolean<T> || !typing::is_boolean<U>) misuse::and_needs_boolean_conditions
operator&&(const Expr<T>& l, const Expr<U>& r) RETORT_MISUSE("&& needs boolean conditions");
/// OR of two conditions; on two tsvectors, their concatenation.
template <class T, class U>
requires(typing::is_boolean<T>&& typing::is_boolean<U>) Expr<bool>
operator||(const Expr<T>& l, const Expr<U>& r) {
    return Expr<bool>(static_cast<const Expression&>(l) || static_cast<const Expression&>(r));
}
template <class T, class U>
requires(typing::is_tsvector<T>&& typing::is_tsvector<U>) Expr<TsVector>
operator||(const Expr<T>& l, const Expr<U>& r) {
    return Expr<TsVector>(sql::binary(l, "||", r));
}
template <class T, class U>
requires(!(typing::is_boolean<T> &&
           typing::is_boolean<U>)&&!(typing::is_tsvector<T> &&
                                     typing::is_tsvector<U>)) misuse::or_needs_boolean_conditions
operator||(const Expr<T>& l, const Expr<U>& r) RETORT_MISUSE("|| needs boolean conditions");

/// ANY (array) / ALL (array) of a typed array, to compare with a value of its elements:
/// `any_(products.tags) == "sale"`.
template <class T>
Expr<typing::element_t<T>> any_(const Expr<T>& array) requires((typing::is_array<T>)) {
    return Expr<typing::element_t<T>>(any_(static_cast<const Expression&>(array)));
}
template <class T>
misuse::any_applies_to_array_columns_only any_(const Expr<T>& array) requires(
    !(typing::is_array<T>)) RETORT_MISUSE("any_() applies to array columns only");
template <class T>
Expr<typing::element_t<T>> all_(const Expr<T>& array) requires((typing::is_array<T>)) {
    return Expr<typing::element_t<T>>(all_(static_cast<const Expression&>(array)));
}
template <class T>
misuse::all_applies_to_array_columns_only all_(const Expr<T>& array) requires(
    !(typing::is_array<T>)) RETORT_MISUSE("all_() applies to array columns only");
template <class T>
requires typing::is_boolean<T> Expr<bool>
operator!(const Expr<T>& operand) {
    return Expr<bool>(!static_cast<const Expression&>(operand));
}
template <class T>
requires(!typing::is_boolean<T>) misuse::not_needs_a_boolean_condition operator!(
    const Expr<T>& operand) RETORT_MISUSE("! needs a boolean condition");

/// Typed aggregates and string functions; the dynamic ones in func:: take any Expression.
namespace func {
/// count(*).
Expr<std::int64_t> count();
/// Window functions (call .over() on them).
Expr<std::int64_t> row_number();
Expr<std::int64_t> rank();
Expr<std::int64_t> dense_rank();
template <class T>
Expr<std::int64_t> count(const Expr<T>& expression) {
    return Expr<std::int64_t>(count(static_cast<const Expression&>(expression)));
}
template <class T>
Expr<std::optional<typing::arithmetic_t<T, T>>> sum(const Expr<T>& expression) requires(
    (typing::is_numeric<T>)) {
    return Expr<std::optional<typing::arithmetic_t<T, T>>>(
        sum(static_cast<const Expression&>(expression)));
}
template <class T>
misuse::sum_needs_a_numeric_column sum(const Expr<T>& expression) requires(!(typing::is_numeric<T>))
    RETORT_MISUSE("sum() needs a numeric column");
template <class T>
Expr<std::optional<double>> avg(const Expr<T>& expression) requires((typing::is_numeric<T>)) {
    return Expr<std::optional<double>>(avg(static_cast<const Expression&>(expression)));
}
template <class T>
misuse::avg_needs_a_numeric_column avg(const Expr<T>& expression) requires(!(typing::is_numeric<T>))
    RETORT_MISUSE("avg() needs a numeric column");
template <class T>
Expr<std::optional<typing::base_t<T>>> min(const Expr<T>& expression) {
    return Expr<std::optional<typing::base_t<T>>>(min(static_cast<const Expression&>(expression)));
}
template <class T>
Expr<std::optional<typing::base_t<T>>> max(const Expr<T>& expression) {
    return Expr<std::optional<typing::base_t<T>>>(max(static_cast<const Expression&>(expression)));
}
template <class T>
Expr<T> lower(const Expr<T>& expression) requires((typing::is_string<T>)) {
    return Expr<T>(lower(static_cast<const Expression&>(expression)));
}
template <class T>
misuse::lower_needs_a_string_column lower(const Expr<T>& expression) requires(
    !(typing::is_string<T>)) RETORT_MISUSE("lower() needs a string column");
template <class T>
Expr<T> upper(const Expr<T>& expression) requires((typing::is_string<T>)) {
    return Expr<T>(upper(static_cast<const Expression&>(expression)));
}
template <class T>
misuse::upper_needs_a_string_column upper(const Expr<T>& expression) requires(
    !(typing::is_string<T>)) RETORT_MISUSE("upper() needs a string column");
template <class T>
Expr<std::int64_t> length(const Expr<T>& expression) requires((typing::is_string<T>)) {
    return Expr<std::int64_t>(length(static_cast<const Expression&>(expression)));
}
template <class T>
misuse::length_needs_a_string_column length(const Expr<T>& expression) requires(
    !(typing::is_string<T>)) RETORT_MISUSE("length() needs a string column");
}  // namespace func

/// A SELECT whose columns' C++ types are known: executing it yields std::tuple<Ts...> rows.
namespace sql {
/// Refuses a typed select whose column `i` comes from the optional side of an outer join (a
/// LEFT join's right side, either side of a FULL join) while `may_be_null[i]` is false: a NULL
/// would arrive in a C++ type that cannot hold it. ArgumentError naming the column.
void check_outer_join_columns(const Select& statement, std::initializer_list<bool> may_be_null);
}  // namespace sql

namespace sql {
/// The name under which a subquery exposes its select's column `index` (a label or a column's
/// name); ArgumentError when that column has none (label() it).
std::string subquery_column_name(const FromClause& subquery, std::size_t index);
/// The same for the select item `selected` (the very expression given to select()).
std::string subquery_column_name(const FromClause& subquery, const Expression& selected);
}  // namespace sql

/// A typed select made a FROM item (`Item`: a subquery or a CTE): its columns keep their C++
/// types, so a select over them stays typed.
template <class Item, class... Ts>
class TypedColumnsOf : public Item {
  public:
    explicit TypedColumnsOf(Item item) : Item(std::move(item)) {}
    using FromClause::c;
    /// The I-th selected column: `sub.c<1>()`.
    template <std::size_t I>
    Expr<std::tuple_element_t<I, std::tuple<Ts...>>> c() const {
        return Expr<std::tuple_element_t<I, std::tuple<Ts...>>>(
            FromClause::c(sql::subquery_column_name(*this, I)));
    }
    /// The column that `selected`, one of the select's own items, became: `sub.c(post_count)`.
    template <class T>
    Expr<T> c(const Expr<T>& selected) const {
        return Expr<T>(FromClause::c(sql::subquery_column_name(*this, selected)));
    }
};

/// A typed select as a named FROM item (select(...).subquery("s")).
template <class... Ts>
class TypedSubquery : public TypedColumnsOf<FromClause, Ts...> {
  public:
    using TypedColumnsOf<FromClause, Ts...>::TypedColumnsOf;
};

template <class... Ts>
class TypedSelect;
namespace typing {
/// A part UNIONed to a typed CTE has as many columns, of the same kinds.
template <class... Ts>
struct same_row {
    template <class... Us>
    static constexpr bool with() {
        if constexpr (sizeof...(Us) != sizeof...(Ts))
            return false;
        else
            return (std::is_same_v<base_t<Ts>, base_t<Us>> && ...);
    }
};
}  // namespace typing
template <class... Ts>
class TypedCte;
namespace typing {
/// A column of a UNION: std::optional when either side may be NULL.
template <class A, class B>
using union_column_t = std::conditional_t<is_optional<A> || is_optional<B>, optional_t<A>, A>;
template <class Left, class Right>
struct cte_union;
template <class... Ts, class... Us>
struct cte_union<std::tuple<Ts...>, std::tuple<Us...>> {
    using type = TypedCte<union_column_t<Ts, Us>...>;
};
}  // namespace typing
namespace misuse {
struct a_cte_unions_a_select_of_as_many_columns_of_its_kinds : refused {};
}  // namespace misuse

/// A typed select as a common table expression (select(...).cte("name")): its columns keep
/// their C++ types, so a select over them stays typed. For a recursive one, union_all() adds
/// the part that refers to the CTE, typed like it.
template <class... Ts>
class TypedCte : public TypedColumnsOf<Cte, Ts...> {
  public:
    using TypedColumnsOf<Cte, Ts...>::TypedColumnsOf;
    /// UNION ALL / UNION of a select with as many columns of the same kinds; a column either
    /// side may leave NULL is std::optional.
    template <class... Us>
    using Union = typename typing::cte_union<std::tuple<Ts...>, std::tuple<Us...>>::type;
    template <class... Us>
    requires(typing::same_row<Ts...>::template with<Us...>()) Union<Us...> union_all(
        const TypedSelect<Us...>& part)
    const { return Union<Us...>(Cte::union_all(part)); }
    template <class... Us>
    requires(typing::same_row<Ts...>::template with<Us...>()) Union<Us...> union_(
        const TypedSelect<Us...>& part)
    const { return Union<Us...>(Cte::union_(part)); }
    // clang-format off
    template <class... Us> requires(!typing::same_row<Ts...>::template with<Us...>())
    misuse::a_cte_unions_a_select_of_as_many_columns_of_its_kinds union_all(const TypedSelect<Us...>&) const RETORT_MISUSE("a CTE unions a select of as many columns, of its columns' kinds");
    template <class... Us> requires(!typing::same_row<Ts...>::template with<Us...>())
    misuse::a_cte_unions_a_select_of_as_many_columns_of_its_kinds union_(const TypedSelect<Us...>&) const RETORT_MISUSE("a CTE unions a select of as many columns, of its columns' kinds");
    // clang-format on
    using Cte::union_;
    using Cte::union_all;
};

template <class... Ts>
class TypedSelect : public Select {
  public:
    explicit TypedSelect(Select select) : Select(std::move(select)) {}
    // Each builder keeps the typed result; on a temporary it changes the statement in place.
    TypedSelect where(const Expression& c) const& { return TypedSelect(base().where(c)); }
    TypedSelect where(const Expression& c) && { return TypedSelect(moved().where(c)); }
    // FROM items and joins: a column of the optional side of an outer join must be optional.
    TypedSelect select_from(const FromClause& f) const& {
        return checked(TypedSelect(base().select_from(f)));
    }
    TypedSelect select_from(const FromClause& f) && {
        return checked(TypedSelect(moved().select_from(f)));
    }
    TypedSelect join(const FromClause& r, std::optional<Expression> on = std::nullopt) const& {
        return checked(TypedSelect(base().join(r, std::move(on))));
    }
    TypedSelect join(const FromClause& r, std::optional<Expression> on = std::nullopt) && {
        return checked(TypedSelect(moved().join(r, std::move(on))));
    }
    TypedSelect outerjoin(const FromClause& r, std::optional<Expression> on = std::nullopt) const& {
        return checked(TypedSelect(base().outerjoin(r, std::move(on))));
    }
    TypedSelect outerjoin(const FromClause& r, std::optional<Expression> on = std::nullopt) && {
        return checked(TypedSelect(moved().outerjoin(r, std::move(on))));
    }
    template <JoinPath P>
    TypedSelect join(const P& path) const& {
        return TypedSelect(base().join(path));
    }
    template <JoinPath P>
    TypedSelect join(const P& path) && {
        return TypedSelect(moved().join(path));
    }
    template <JoinPath P>
    TypedSelect outerjoin(const P& path) const& {
        return checked(TypedSelect(base().outerjoin(path)));
    }
    template <JoinPath P>
    TypedSelect outerjoin(const P& path) && {
        return checked(TypedSelect(moved().outerjoin(path)));
    }
    TypedSelect group_by(std::vector<Expression> e) const& {
        return TypedSelect(base().group_by(std::move(e)));
    }
    TypedSelect group_by(std::vector<Expression> e) && {
        return TypedSelect(moved().group_by(std::move(e)));
    }
    TypedSelect having(const Expression& c) const& { return TypedSelect(base().having(c)); }
    TypedSelect having(const Expression& c) && { return TypedSelect(moved().having(c)); }
    TypedSelect order_by(std::vector<Expression> e) const& {
        return TypedSelect(base().order_by(std::move(e)));
    }
    TypedSelect order_by(std::vector<Expression> e) && {
        return TypedSelect(moved().order_by(std::move(e)));
    }
    TypedSelect limit(std::int64_t n) const& { return TypedSelect(base().limit(n)); }
    TypedSelect limit(std::int64_t n) && { return TypedSelect(moved().limit(n)); }
    TypedSelect offset(std::int64_t n) const& { return TypedSelect(base().offset(n)); }
    TypedSelect offset(std::int64_t n) && { return TypedSelect(moved().offset(n)); }
    TypedSelect distinct() const& { return TypedSelect(base().distinct()); }
    TypedSelect distinct() && { return TypedSelect(moved().distinct()); }
    TypedSelect distinct_on(std::vector<Expression> e) const& {
        return TypedSelect(base().distinct_on(std::move(e)));
    }
    TypedSelect distinct_on(std::vector<Expression> e) && {
        return TypedSelect(moved().distinct_on(std::move(e)));
    }
    TypedSelect for_update(ForUpdate o = {}) const& {
        return TypedSelect(base().for_update(std::move(o)));
    }
    TypedSelect for_update(ForUpdate o = {}) && {
        return TypedSelect(moved().for_update(std::move(o)));
    }
    /// This select as a named FROM item whose columns keep their types.
    TypedSubquery<Ts...> subquery(std::string name) const {
        return TypedSubquery<Ts...>(Select::subquery(std::move(name)));
    }
    /// This select as a common table expression whose columns keep their types.
    TypedCte<Ts...> cte(std::string name, bool recursive = false) const {
        return TypedCte<Ts...>(Select::cte(std::move(name), recursive));
    }

  private:
    const Select& base() const& { return *this; }
    Select&& moved() { return static_cast<Select&&>(*this); }
    static TypedSelect checked(TypedSelect select) {
        sql::check_outer_join_columns(select, {typing::is_optional<Ts>...});
        return select;
    }
};

/// A TypedSelect that also knows the entity each column belongs to (what select() of model
/// columns returns), so that a model joined by an outer join makes its columns std::optional
/// at compile time: select(users.name, addresses.email).outerjoin(addresses), or
/// .select_from(users.outerjoin(addresses)), yields tuple<string, optional<string>>.
template <class Owners, class... Ts>
class OwnedSelect;
template <class... Os, class... Ts>
class OwnedSelect<typing::entity_list<Os...>, Ts...> : public TypedSelect<Ts...> {
    using Base = TypedSelect<Ts...>;
    template <class Nullable>
    using Joined = OwnedSelect<typing::entity_list<Os...>, typing::joined_t<Ts, Os, Nullable>...>;
    template <class Nullable>
    static Joined<Nullable> joined(Select select) {
        // A label of a missing model's column has no model of its own: checked at run time.
        sql::check_outer_join_columns(select,
                                      {typing::is_optional<typing::joined_t<Ts, Os, Nullable>>...});
        return Joined<Nullable>(
            TypedSelect<typing::joined_t<Ts, Os, Nullable>...>(std::move(select)));
    }

  public:
    explicit OwnedSelect(Base select) : Base(std::move(select)) {}

    /// FROM a join of models (users.outerjoin(addresses)): the columns of the models on its
    /// optional side come out as std::optional.
    template <class Join>
    requires requires { typename Join::nullable_entities; }
    auto select_from(const Join& join) const& {
        return joined<typename Join::nullable_entities>(Select(*this).select_from(join));
    }
    template <class Join>
    requires requires { typename Join::nullable_entities; }
    auto select_from(const Join& join) && {
        return joined<typename Join::nullable_entities>(
            static_cast<Select&&>(*this).select_from(join));
    }
    /// LEFT OUTER JOIN of a model: its columns come out as std::optional.
    template <class M>
    requires requires { typename M::entity_type; } && std::is_base_of_v<FromClause, M>
    auto outerjoin(const M& right, std::optional<Expression> on = std::nullopt) const& {
        return joined<typing::entity_list<typename M::entity_type>>(
            Select(*this).outerjoin(right, std::move(on)));
    }
    template <class M>
    requires requires { typename M::entity_type; } && std::is_base_of_v<FromClause, M>
    auto outerjoin(const M& right, std::optional<Expression> on = std::nullopt) && {
        return joined<typing::entity_list<typename M::entity_type>>(
            static_cast<Select&&>(*this).outerjoin(right, std::move(on)));
    }

    /// Joins along a relationship (users.posts); an outer one makes the related model's
    /// columns std::optional.
    template <JoinPath P>
    OwnedSelect join(const P& path) const& {
        return OwnedSelect(Base::join(path));
    }
    template <JoinPath P>
    OwnedSelect join(const P& path) && {
        return OwnedSelect(static_cast<Base&&>(*this).join(path));
    }
    template <JoinPath P>
    auto outerjoin(const P& path) const& {
        return joined<typing::entity_list<typename P::target_entity>>(
            Select(*this).outerjoin(path));
    }
    template <JoinPath P>
    auto outerjoin(const P& path) && {
        return joined<typing::entity_list<typename P::target_entity>>(
            static_cast<Select&&>(*this).outerjoin(path));
    }

// The other builders keep the owners (an untyped FROM item is checked at run time instead).
#define RETORT_OWNED_BUILDER(name, parameters, arguments)              \
    OwnedSelect name parameters const& {                               \
        return OwnedSelect(Base::name arguments);                      \
    }                                                                  \
    OwnedSelect name parameters&& {                                    \
        return OwnedSelect(static_cast<Base&&>(*this).name arguments); \
    }
    RETORT_OWNED_BUILDER(where, (const Expression& c), (c))
    RETORT_OWNED_BUILDER(select_from, (const FromClause& f), (f))
    RETORT_OWNED_BUILDER(join, (const FromClause& r, std::optional<Expression> on = std::nullopt),
                         (r, std::move(on)))
    RETORT_OWNED_BUILDER(outerjoin,
                         (const FromClause& r, std::optional<Expression> on = std::nullopt),
                         (r, std::move(on)))
    RETORT_OWNED_BUILDER(group_by, (std::vector<Expression> e), (std::move(e)))
    RETORT_OWNED_BUILDER(having, (const Expression& c), (c))
    RETORT_OWNED_BUILDER(order_by, (std::vector<Expression> e), (std::move(e)))
    RETORT_OWNED_BUILDER(limit, (std::int64_t n), (n))
    RETORT_OWNED_BUILDER(offset, (std::int64_t n), (n))
    RETORT_OWNED_BUILDER(distinct, (), ())
    RETORT_OWNED_BUILDER(distinct_on, (std::vector<Expression> e), (std::move(e)))
    RETORT_OWNED_BUILDER(for_update, (ForUpdate o = {}), (std::move(o)))
#undef RETORT_OWNED_BUILDER
};

/// select() of typed columns only: a TypedSelect (an OwnedSelect, which knows the models the
/// columns come from). Mixed with dynamic expressions it is a Select.
template <class... Cs>
requires(sizeof...(Cs) > 0 && (typing::is_typed<Cs> && ...))
        OwnedSelect < typing::entity_list<typename typing::owner_of<Cs>::type...>,
typename Cs::value_type... > select(const Cs&... columns) {
    return OwnedSelect<typing::entity_list<typename typing::owner_of<Cs>::type...>,
                       typename Cs::value_type...>(TypedSelect<typename Cs::value_type...>(
        Select(std::vector<Expression>{Expression(columns)...})));
}

/// `maybe_null(col)`: the column typed as std::optional, for a column of the optional side
/// of an outer join that the types cannot tell (a join of untyped tables or aliases).
template <class T>
Expr<typing::optional_t<T>> maybe_null(const Expr<T>& column) {
    return Expr<typing::optional_t<T>>(column);
}

}  // namespace retort
