// The search's statements, all through the ORM and the typed SQL layer: the conditions, the
// ranked page, and the facets.
#include "search.hpp"

#include <fmt/format.h>

#include <retort/dialects/postgresql/functions.hpp>
#include <web_service/statement_timing.hpp>

namespace catalog {

using namespace retort;
namespace pg = retort::postgresql;
using Op = AttributeFilter::Op;

namespace {

constexpr const char* config = "english";
// Matches marked with control characters, which no product text holds, and split into
// segments here: the page then shows them without ever reading text as HTML.
constexpr char hit_start = '\x02';
constexpr char hit_stop = '\x03';
constexpr const char* headline_options =
    "StartSel=\x02, StopSel=\x03, MaxWords=30, MinWords=12, MaxFragments=2, "
    "FragmentDelimiter=\" … \"";

Expr<TsQuery> text_query(const SearchRequest& request) {
    return pg::websearch_to_tsquery(config, *request.text);
}

// The slugs of a category and every category below it: a recursive CTE down the tree.
std::vector<std::string> category_and_descendants(orm::Session& session, const std::string& slug) {
    const auto& c = categories;
    auto tree = select(c.id, c.slug).where(c.slug == slug).cte("subtree", true);
    auto subtree =
        tree.union_all(select(c.id, c.slug).select_from(c).join(tree, c.parent_id == tree.c<0>()));
    std::vector<std::string> slugs;
    for (auto& [found] : session.connection().execute(select(subtree.c<1>())).all())
        slugs.push_back(std::move(found));
    return slugs;
}

// A JSON document holding `value` at `path`: {"specs": {"weight_kg": 2}}.
Json nested(const std::vector<std::string>& path, const nlohmann::json& value) {
    nlohmann::json document = value;
    for (auto key = path.rbegin(); key != path.rend(); ++key)
        document = nlohmann::json{{*key, std::move(document)}};
    return Json(document.dump());
}

// A jsonpath over validated keys (letters, digits, '_', '-'), each quoted; the number is a
// finite double. The path itself is a bound parameter, as every value is.
std::string json_path(const AttributeFilter& filter) {
    std::string path = "$";
    for (const auto& key : filter.path) path += ".\"" + key + "\"";
    if (filter.op == Op::exists) return path;
    const char* op = filter.op == Op::less         ? "<"
                     : filter.op == Op::less_equal ? "<="
                     : filter.op == Op::greater    ? ">"
                                                   : ">=";
    return fmt::format("{} ? (@ {} {})", path, op, filter.value.get<double>());
}

Expression attribute_condition(const AttributeFilter& filter) {
    const auto& p = products;
    // Equality is containment (@>) and a top-level key's presence is `?`: both are answered by
    // the GIN index on attributes. A comparison is a jsonpath predicate (@?), whose key part
    // the index narrows.
    if (filter.op == Op::equals) return p.attributes.contains(nested(filter.path, filter.value));
    if (filter.op == Op::exists && filter.path.size() == 1)
        return p.attributes.has_key(filter.path.front());
    return sql::binary(p.attributes, "@?", literal(json_path(filter)));
}

}  // namespace

std::string explain_analyze(orm::Session& session, const Executable& statement) {
    Connection& conn = session.connection();
    const auto compiled = conn.dialect().compile(statement);
    std::vector<Value> params;
    for (const auto& bind : compiled.binds) params.push_back(*bind.value);
    return web_service::explain(conn, compiled.sql, params, true);
}

std::vector<Expression> search_conditions(orm::Session& session, const SearchRequest& request) {
    const auto& p = products;
    std::vector<Expression> conditions;
    if (request.text) conditions.push_back(p.search.match(text_query(request)));
    if (request.min_price) conditions.push_back(p.price >= *request.min_price);
    if (request.max_price) conditions.push_back(p.price <= *request.max_price);
    if (request.in_stock) conditions.push_back(p.stock > 0);
    if (!request.tags.empty())
        conditions.push_back(request.all_tags ? p.tags.contains(request.tags)
                                              : p.tags.overlap(request.tags));
    if (request.category) {
        // An unknown category matches nothing, as a category without products would.
        const auto slugs = category_and_descendants(session, *request.category);
        conditions.push_back(p.categories.overlap(slugs));
    }
    for (const AttributeFilter& filter : request.attributes)
        conditions.push_back(attribute_condition(filter));
    return conditions;
}

namespace {

// Past the cursor in the page's order (key, then id, both in the sort's direction). The
// redundant `key >= k` lets PostgreSQL walk an index on the key.
Expression after_cursor(const Expression& key, const Value& at, std::int64_t id, bool descending) {
    const auto& p = products;
    const Expression k = literal(at);
    if (descending) return key <= k && (key < k || p.id < id);
    return key >= k && (key > k || p.id > id);
}

struct Ordering {
    Expression key;
    bool descending;
};

Ordering ordering(const SearchRequest& request, const Expression& rank) {
    const auto& p = products;
    switch (request.sort) {
        case SortOrder::rank:
            return {rank, true};
        case SortOrder::price_ascending:
            return {p.price, false};
        case SortOrder::price_descending:
            return {p.price, true};
        case SortOrder::newest:
            break;
    }
    return {p.created_at, true};
}

Value cursor_value(const Cursor& cursor) {
    if (cursor.sort == SortOrder::rank) return cursor.key.get<double>();
    if (cursor.sort == SortOrder::newest)
        return DateTime(std::chrono::microseconds(cursor.key.get<std::int64_t>()));
    return Decimal(cursor.key.get<std::string>());
}

nlohmann::json cursor_key(SortOrder sort, const Product& product, double rank) {
    if (sort == SortOrder::rank) return rank;
    if (sort == SortOrder::newest) return product.created_at.time_since_epoch().count();
    return product.price.to_string();
}

// A headline marked with hit_start / hit_stop, as [{"text", "hit"}] segments.
nlohmann::json snippet_segments(const std::string& marked) {
    nlohmann::json segments = nlohmann::json::array();
    bool hit = false;
    std::string text;
    auto flush = [&] {
        if (!text.empty()) segments.push_back({{"text", text}, {"hit", hit}});
        text.clear();
    };
    for (const char c : marked) {
        if (c == hit_start || c == hit_stop) {
            flush();
            hit = c == hit_start;
        } else {
            text += c;
        }
    }
    flush();
    return segments;
}

nlohmann::json item_json(const Product& product, const std::optional<double>& rank,
                         const std::string& snippet) {
    const auto attributes = nlohmann::json::parse(product.attributes.text());
    nlohmann::json item{{"id", product.id},
                        {"sku", product.sku},
                        {"name", product.name},
                        {"price", product.price.to_string()},
                        {"stock", product.stock},
                        {"brand", attributes.value("brand", "")},
                        {"tags", product.tags},
                        {"categories", product.categories},
                        {"snippet", snippet_segments(snippet)}};
    if (rank) item["rank"] = *rank;
    return item;
}

}  // namespace

nlohmann::json search_products(orm::Session& session, const SearchRequest& request,
                               const std::vector<Expression>& conditions) {
    const auto& p = products;
    // ts_rank is a real: as a double it survives the trip through the cursor exactly.
    const Expr<double> rank =
        request.text
            ? Expr<double>(cast(pg::ts_rank(p.search, text_query(request)), type::Double()))
            : Expr<double>(literal(0.0));
    const Expr<std::string> snippet =
        request.text ? pg::ts_headline(config, p.description, text_query(request), headline_options)
                     : func::call<std::string>("left", p.description, 160);
    auto query = session.query(products, rank, snippet);
    for (const Expression& condition : conditions) query.filter(condition);
    const Ordering order = ordering(request, rank);
    if (request.after)
        query.filter(after_cursor(order.key, cursor_value(*request.after), request.after->id,
                                  order.descending));
    query
        .order_by(order.descending ? order.key.desc() : order.key.asc(),
                  order.descending ? p.id.desc() : p.id.asc())
        .limit(request.limit + 1)  // one more: is there a next page?
        .options(orm::defer(p.description));  // the snippet is all a page shows of it

    nlohmann::json page{{"items", nlohmann::json::array()}, {"next", nullptr}};
    auto rows = query.all();
    const bool more = static_cast<std::int64_t>(rows.size()) > request.limit;
    if (more) rows.pop_back();
    for (const auto& [product, row_rank, marked] : rows)
        page["items"].push_back(
            item_json(*product, request.text ? std::optional(row_rank) : std::nullopt, marked));
    if (more) {
        const auto& [last, last_rank, marked] = rows.back();
        page["next"] =
            encode_cursor({request.sort, cursor_key(request.sort, *last, last_rank), last->id});
    }
    if (request.explain) page["plan"]["results"] = explain_analyze(session, query.statement());
    return page;
}

nlohmann::json search(orm::Session& session, const SearchRequest& request) {
    const auto conditions = search_conditions(session, request);
    nlohmann::json body = search_products(session, request, conditions);
    if (request.facets)
        body["facets"] =
            search_facets(session, conditions, request.explain ? &body["plan"] : nullptr);
    return body;
}

const std::vector<int>& price_bucket_bounds() {
    static const std::vector<int> bounds{0, 25, 50, 100, 250, 500, 1000, 2500};
    return bounds;
}

namespace {

template <class Select>
Select filtered(Select statement, const std::vector<Expression>& conditions) {
    for (const Expression& condition : conditions) statement = statement.where(condition);
    return statement;
}

// The `shown` most frequent values, most frequent first, then by value.
nlohmann::json most_frequent(std::vector<std::pair<std::string, std::int64_t>> counts,
                             std::size_t shown) {
    std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < counts.size() && i < shown; ++i)
        out.push_back({{"value", counts[i].first}, {"count", counts[i].second}});
    return out;
}

}  // namespace

nlohmann::json search_facets(orm::Session& session, const std::vector<Expression>& conditions,
                             nlohmann::json* plans) {
    const auto& p = products;
    const auto& bounds = price_bucket_bounds();
    const std::vector<Decimal> thresholds(bounds.begin(), bounds.end());
    // One statement: the matching products are found once (a CTE referenced three times is
    // materialized), then counted three ways. Three statements would find them three times,
    // and finding them is most of the cost.
    auto matched =
        filtered(
            select(p.tags.label("tags"), p.attributes["brand"].astext().label("brand"),
                   func::call<std::int32_t>("width_bucket", p.price, thresholds).label("bucket")),
            conditions)
            .cte("matched");
    auto tagged = select(pg::unnest(matched.c<0>()).label("tag")).subquery("tagged");
    auto facet = [](const char* name) { return cast(literal(std::string(name)), type::Text()); };
    const Select counted =
        select(facet("tag"), tagged.c<0>(), func::count())
            .group_by({tagged.c<0>()})
            .union_all(select(facet("brand"), matched.c<1>(), func::count())
                           .where(matched.c<1>() != null)
                           .group_by({matched.c<1>()}))
            .union_all(select(facet("price"), cast(matched.c<2>(), type::Text()), func::count())
                           .group_by({matched.c<2>()}));
    if (plans != nullptr) (*plans)["facets"] = explain_analyze(session, counted);

    std::vector<std::pair<std::string, std::int64_t>> tags, brands;
    std::map<std::size_t, std::int64_t> buckets;
    std::int64_t total = 0;
    for (auto& [name, value, count] :
         session.connection().execute(counted).all<std::string, std::string, std::int64_t>()) {
        if (name == "tag") tags.emplace_back(std::move(value), count);
        if (name == "brand") brands.emplace_back(std::move(value), count);
        if (name == "price") {
            buckets[std::stoul(value)] = count;
            total += count;  // every product has a price, in exactly one bucket
        }
    }
    // Every bucket, the empty ones too, so that a page can show the same list each time.
    nlohmann::json price = nlohmann::json::array();
    for (std::size_t i = 1; i <= bounds.size(); ++i) {
        nlohmann::json bucket{{"min", std::to_string(bounds[i - 1])}, {"count", buckets[i]}};
        bucket["max"] =
            i < bounds.size() ? nlohmann::json(std::to_string(bounds[i])) : nlohmann::json(nullptr);
        price.push_back(std::move(bucket));
    }
    constexpr std::size_t shown = 20;
    nlohmann::json facets{{"total", total}, {"price", std::move(price)}};
    facets["tags"] = most_frequent(std::move(tags), shown);
    facets["brands"] = most_frequent(std::move(brands), shown);
    return facets;
}

}  // namespace catalog
