// PostgreSQL's functions for arrays, JSONB and full-text search, typed: each returns an Expr of
// the C++ type its result reads as. The operators are methods of the columns themselves
// (tags.contains(...), data["key"].astext(), document.match(...)): see sql/typed.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retort/sql/typed.hpp"

namespace retort::postgresql {

namespace detail {
/// A text search configuration ('english') as the regconfig the functions take.
inline Expression regconfig(const std::string& name) {
    return cast(literal(name), type::CustomType("REGCONFIG"));
}
inline Expression text_search_function(const char* name, std::optional<std::string> config,
                                       Expression argument) {
    std::vector<Expression> arguments;
    if (config) arguments.push_back(regconfig(*config));
    arguments.push_back(std::move(argument));
    return func::call(name, std::move(arguments));
}
}  // namespace detail

// --- arrays ----------------------------------------------------------------------------------

/// array_length(array, dimension): NULL for an empty array.
template <class T>
Expr<std::optional<std::int32_t>> array_length(const Expr<T>& array, int dimension = 1) {
    static_assert(typing::is_array<T>, "retort: array_length() applies to arrays");
    return Expr<std::optional<std::int32_t>>(func::call(
        "array_length", {array, cast(literal(std::int64_t{dimension}), type::Integer())}));
}
/// cardinality(array): the number of elements in all dimensions, 0 when empty.
template <class T>
Expr<std::int32_t> cardinality(const Expr<T>& array) {
    static_assert(typing::is_array<T>, "retort: cardinality() applies to arrays");
    return Expr<std::int32_t>(func::call("cardinality", {array}));
}
/// array_agg(expression): the values of a group as an array (NULL for no rows).
template <class T>
Expr<std::optional<std::vector<T>>> array_agg(const Expr<T>& expression) {
    return Expr<std::optional<std::vector<T>>>(func::call("array_agg", {expression}));
}
/// unnest(array): one row per element (in a select list or FROM).
template <class T>
Expr<typename typing::base_t<T>::value_type> unnest(const Expr<T>& array) {
    static_assert(typing::is_array<T>, "retort: unnest() applies to arrays");
    return Expr<typename typing::base_t<T>::value_type>(func::call("unnest", {array}));
}

// --- ranges ----------------------------------------------------------------------------------

/// lower(range) / upper(range): a bound, NULL when unbounded or empty.
template <class T>
Expr<std::optional<typing::range_element_t<T>>> lower(const Expr<T>& range) {
    static_assert(typing::is_range<T>, "retort: postgresql::lower() applies to ranges");
    return Expr<std::optional<typing::range_element_t<T>>>(func::call("lower", {range}));
}
template <class T>
Expr<std::optional<typing::range_element_t<T>>> upper(const Expr<T>& range) {
    static_assert(typing::is_range<T>, "retort: postgresql::upper() applies to ranges");
    return Expr<std::optional<typing::range_element_t<T>>>(func::call("upper", {range}));
}
/// isempty(range).
template <class T>
Expr<bool> isempty(const Expr<T>& range) {
    static_assert(typing::is_range<T>, "retort: isempty() applies to ranges");
    return Expr<bool>(func::call("isempty", {range}));
}

// --- JSONB -----------------------------------------------------------------------------------

/// jsonb_set(document, path, value, create_missing): the document with `value` at `path`.
template <class T, class V>
Expr<T> jsonb_set(const Expr<T>& document, const std::vector<std::string>& path, const V& value,
                  bool create_missing = true) {
    static_assert(typing::is_json<T>, "retort: jsonb_set() applies to JSONB columns");
    return Expr<T>(func::call(
        "jsonb_set", {document, cast(literal(path), type::Array(type::Text())),
                      cast(as_expression(value), type::Jsonb()), literal(create_missing)}));
}
/// jsonb_path_exists(document, jsonpath): the SQL/JSON path finds something.
template <class T>
Expr<bool> jsonb_path_exists(const Expr<T>& document, const std::string& jsonpath) {
    static_assert(typing::is_json<T>, "retort: jsonb_path_exists() applies to JSONB columns");
    return Expr<bool>(func::call(
        "jsonb_path_exists", {document, cast(literal(jsonpath), type::CustomType("JSONPATH"))}));
}
/// jsonb_path_query(document, jsonpath): one row per item the path finds.
template <class T>
Expr<typing::base_t<T>> jsonb_path_query(const Expr<T>& document, const std::string& jsonpath) {
    static_assert(typing::is_json<T>, "retort: jsonb_path_query() applies to JSONB columns");
    return Expr<typing::base_t<T>>(func::call(
        "jsonb_path_query", {document, cast(literal(jsonpath), type::CustomType("JSONPATH"))}));
}
/// jsonb_path_query_first(document, jsonpath): the first item the path finds, or NULL.
template <class T>
Expr<std::optional<typing::base_t<T>>> jsonb_path_query_first(const Expr<T>& document,
                                                              const std::string& jsonpath) {
    static_assert(typing::is_json<T>, "retort: jsonb_path_query_first() applies to JSONB columns");
    return Expr<std::optional<typing::base_t<T>>>(
        func::call("jsonb_path_query_first",
                   {document, cast(literal(jsonpath), type::CustomType("JSONPATH"))}));
}
/// jsonb_agg(expression): the values of a group as a JSON array.
inline Expr<std::optional<Json>> jsonb_agg(const Expression& expression) {
    return Expr<std::optional<Json>>(func::call("jsonb_agg", {expression}));
}
/// jsonb_build_object('k1', v1, 'k2', v2, ...).
inline Expr<Json> jsonb_build_object(
    const std::vector<std::pair<std::string, Expression>>& members) {
    std::vector<Expression> arguments;
    for (const auto& [key, value] : members) {
        arguments.push_back(cast(literal(key), type::Text()));
        arguments.push_back(value);
    }
    return Expr<Json>(func::call("jsonb_build_object", std::move(arguments)));
}

// --- full-text search ------------------------------------------------------------------------

/// to_tsvector([config,] document).
inline Expr<TsVector> to_tsvector(const Expression& document) {
    return Expr<TsVector>(detail::text_search_function("to_tsvector", std::nullopt, document));
}
inline Expr<TsVector> to_tsvector(const std::string& config, const Expression& document) {
    return Expr<TsVector>(detail::text_search_function("to_tsvector", config, document));
}
/// The query parsers, from strictest to most forgiving: to_tsquery takes the operator syntax
/// ('quick & !slow'), plainto_tsquery words, phraseto_tsquery a phrase, websearch_to_tsquery
/// what people type into a search box ('"quick fox" -slow or fast').
#define RETORT_TSQUERY_FUNCTION(name)                                                            \
    template <class Q>                                                                           \
    Expr<TsQuery> name(const Q& query) {                                                         \
        return Expr<TsQuery>(                                                                    \
            detail::text_search_function(#name, std::nullopt, as_expression(query)));            \
    }                                                                                            \
    template <class Q>                                                                           \
    Expr<TsQuery> name(const std::string& config, const Q& query) {                              \
        return Expr<TsQuery>(detail::text_search_function(#name, config, as_expression(query))); \
    }
RETORT_TSQUERY_FUNCTION(to_tsquery)
RETORT_TSQUERY_FUNCTION(plainto_tsquery)
RETORT_TSQUERY_FUNCTION(phraseto_tsquery)
RETORT_TSQUERY_FUNCTION(websearch_to_tsquery)
#undef RETORT_TSQUERY_FUNCTION

/// ts_rank / ts_rank_cd(vector, query): how well the document matches (higher is better).
inline Expr<double> ts_rank(const Expr<TsVector>& vector, const Expr<TsQuery>& query) {
    return Expr<double>(func::call("ts_rank", {vector, query}));
}
inline Expr<double> ts_rank_cd(const Expr<TsVector>& vector, const Expr<TsQuery>& query) {
    return Expr<double>(func::call("ts_rank_cd", {vector, query}));
}
/// ts_headline([config,] document, query[, options]): the document with matches marked.
inline Expr<std::string> ts_headline(const std::string& config, const Expression& document,
                                     const Expr<TsQuery>& query, std::string options = {}) {
    std::vector<Expression> arguments{detail::regconfig(config), document, query};
    if (!options.empty()) arguments.push_back(cast(literal(options), type::Text()));
    return Expr<std::string>(func::call("ts_headline", std::move(arguments)));
}
/// setweight(vector, 'A'..'D'): labels every lexeme, so that ts_rank weighs parts apart.
inline Expr<TsVector> setweight(const Expr<TsVector>& vector, char weight) {
    return Expr<TsVector>(func::call("setweight", {vector, cast(literal(std::string(1, weight)),
                                                                type::CustomType("\"char\""))}));
}

}  // namespace retort::postgresql
