// Searching the catalog: a full-text query (websearch syntax) ranked, with highlighted snippets;
// filters that combine (price range, in stock, tags all/any, a category with its descendants,
// JSONB attributes); three orders; keyset pagination; and facet counts for the current filter.
// Every value reaches PostgreSQL as a bound parameter.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <retort/retort.hpp>
#include <string>
#include <vector>

#include "models.hpp"

namespace catalog {

/// A filter on the JSONB attributes: `color=red`, `specs.weight_kg<2`, or a bare key path
/// (`size`) that must exist.
struct AttributeFilter {
    enum class Op { equals, less, less_equal, greater, greater_equal, exists };
    std::vector<std::string> path;  ///< keys from the document's root: {"specs", "weight_kg"}
    Op op = Op::exists;
    nlohmann::json value{};  ///< equals: a number, true/false or a string; the rest: a number
};

enum class SortOrder { rank, price_ascending, price_descending, newest };

/// Where the previous page ended: the sort key of its last product, and that product's id.
struct Cursor {
    SortOrder sort = SortOrder::newest;
    nlohmann::json key{};  ///< rank: a double; price: a decimal string; newest: microseconds
    std::int64_t id = 0;
};

struct SearchRequest {
    std::optional<std::string> text{};  ///< websearch syntax: `waterproof jacket -hooded`
    std::optional<retort::Decimal> min_price{};
    std::optional<retort::Decimal> max_price{};
    bool in_stock = false;
    std::vector<std::string> tags{};
    bool all_tags = true;  ///< false: any of them
    std::optional<std::string> category{};
    std::vector<AttributeFilter> attributes{};
    SortOrder sort = SortOrder::newest;
    std::int64_t limit = 20;
    std::optional<Cursor> after{};
    bool facets = true;
    bool explain = false;  ///< attach each statement's EXPLAIN (ANALYZE, BUFFERS)
};

/// Reads a search from a query string's parameters; ApiError 422 naming each bad one.
SearchRequest parse_search(const std::multimap<std::string, std::string>& params);

/// A cursor as the client carries it (URL-safe base64 of JSON), and back; nothing when the
/// text is not one.
std::string encode_cursor(const Cursor& cursor);
std::optional<Cursor> decode_cursor(const std::string& text);

/// The whole search: its page, and its facets unless request.facets is false (each statement's
/// plan under "plan" with request.explain).
nlohmann::json search(retort::orm::Session& session, const SearchRequest& request);

/// The SQL conditions of a request's filters (the category's descendants are looked up first,
/// with a recursive CTE).
std::vector<retort::Expression> search_conditions(retort::orm::Session& session,
                                                  const SearchRequest& request);

/// The page: {"items": [...], "next": cursor or null}, and when asked "plan": {"results":
/// its EXPLAIN (ANALYZE, BUFFERS)}.
nlohmann::json search_products(retort::orm::Session& session, const SearchRequest& request,
                               const std::vector<retort::Expression>& conditions);

/// Counts for the current filter: {"total", "tags": [{value, count}], "brands": [...],
/// "price": [{min, max, count}]}. The price buckets cover every product, so they add up to
/// the total. One statement; with `plans`, its EXPLAIN (ANALYZE, BUFFERS) is added to it
/// under "facets".
nlohmann::json search_facets(retort::orm::Session& session,
                             const std::vector<retort::Expression>& conditions,
                             nlohmann::json* plans = nullptr);

/// What PostgreSQL does to run `statement`: EXPLAIN (ANALYZE, BUFFERS), which runs it.
std::string explain_analyze(retort::orm::Session& session, const retort::Executable& statement);

/// The price buckets' lower bounds (the last bucket has no upper bound).
const std::vector<int>& price_bucket_bounds();

}  // namespace catalog
