// Reading a search from the query string, and the cursor clients carry between pages.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <web_service/api_error.hpp>
#include <web_service/config.hpp>

#include "search.hpp"
#include "text_checks.hpp"

namespace catalog {

namespace {

using Problems = std::map<std::string, std::string>;

constexpr std::size_t max_text = 200;
constexpr std::size_t max_list = 10;

const std::map<std::string, SortOrder>& sort_names() {
    static const std::map<std::string, SortOrder> names{{"rank", SortOrder::rank},
                                                        {"price_asc", SortOrder::price_ascending},
                                                        {"price_desc", SortOrder::price_descending},
                                                        {"newest", SortOrder::newest}};
    return names;
}

std::optional<double> number(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// `color=red`, `specs.weight_kg<2`, `size`: the key path, then an operator and a value.
std::optional<AttributeFilter> attribute_filter(std::string_view text) {
    using Op = AttributeFilter::Op;
    AttributeFilter filter;
    const auto op_at = text.find_first_of("<>=");
    const std::string_view path = text.substr(0, op_at);
    for (std::size_t start = 0;;) {
        const auto dot = path.find('.', start);
        const std::string_view key = path.substr(start, dot - start);
        if (!is_code(key, 40) || filter.path.size() == 5) return std::nullopt;
        filter.path.emplace_back(key);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (op_at == std::string_view::npos) return filter;  // exists
    std::string_view rest = text.substr(op_at);
    static constexpr std::pair<std::string_view, Op> ops[] = {{"<=", Op::less_equal},
                                                              {">=", Op::greater_equal},
                                                              {"<", Op::less},
                                                              {">", Op::greater},
                                                              {"=", Op::equals}};
    for (const auto& [spelling, op] : ops) {
        if (!rest.starts_with(spelling)) continue;
        rest.remove_prefix(spelling.size());
        filter.op = op;
        break;
    }
    if (rest.empty() || rest.size() > max_text) return std::nullopt;
    const auto as_number = number(rest);
    if (filter.op != Op::equals) {
        if (!as_number) return std::nullopt;
        filter.value = *as_number;
    } else if (as_number) {
        filter.value = *as_number;  // {"warranty_years": 2} holds a number, not "2"
    } else if (rest == "true" || rest == "false") {
        filter.value = rest == "true";
    } else {
        filter.value = std::string(rest);
    }
    return filter;
}

std::optional<bool> boolean(const std::string& text) {
    if (text == "true" || text == "false") return text == "true";
    return std::nullopt;
}

void read_values(SearchRequest& request, const std::string& name, const std::string& value,
                 Problems& problems) {
    if (name == "q") {
        if (value.size() > max_text)
            problems[name] = "at most " + std::to_string(max_text) + " characters";
        else if (value.find_first_not_of(" \t") != std::string::npos)
            request.text = value;
    } else if (name == "min_price" || name == "max_price") {
        const auto parsed = parse_price(value);
        if (!parsed) problems[name] = "must be a decimal such as 19.99";
        (name == "min_price" ? request.min_price : request.max_price) = parsed;
    } else if (name == "in_stock" || name == "facets" || name == "explain") {
        const auto parsed = boolean(value);
        if (!parsed) problems[name] = "must be true or false";
        (name == "in_stock" ? request.in_stock
         : name == "facets" ? request.facets
                            : request.explain) = parsed.value_or(name == "facets");
    } else if (name == "tag") {
        if (!is_code(value)) problems[name] = "a tag is letters, digits, '-' and '_'";
        request.tags.push_back(value);
    } else if (name == "tags_mode") {
        if (value != "all" && value != "any") problems[name] = "must be all or any";
        request.all_tags = value != "any";
    } else if (name == "category") {
        if (!is_code(value)) problems[name] = "must be a category slug";
        request.category = value;
    } else if (name == "attr") {
        const auto filter = attribute_filter(value);
        if (!filter)
            problems[name] = "'" + value +
                             "' is not key=value, key<number (< <= > >=) or a key; keys are "
                             "letters, digits, '_' and '-', nested with '.'";
        else
            request.attributes.push_back(*filter);
    } else if (name == "limit") {
        const auto parsed = web_service::positive_integer(value);
        if (!parsed || *parsed > 100) problems[name] = "must be a whole number from 1 to 100";
        request.limit = parsed.value_or(20);
    }
}

}  // namespace

SearchRequest parse_search(const std::multimap<std::string, std::string>& params) {
    static const std::set<std::string> known{
        "q",    "min_price", "max_price", "in_stock", "tag",    "tags_mode", "category",
        "attr", "sort",      "limit",     "after",    "facets", "explain"};
    SearchRequest request;
    Problems problems;
    for (const auto& [name, value] : params) {
        if (!known.contains(name)) {
            problems[name] = "is not a search parameter";
            continue;
        }
        if (name != "tag" && name != "attr" && params.count(name) > 1) {
            problems[name] = "given more than once";
            continue;
        }
        read_values(request, name, value, problems);
    }
    if (request.tags.size() > max_list) problems["tag"] = "at most 10 tags";
    if (params.contains("tags_mode") && request.tags.empty())
        problems["tags_mode"] = "applies to tags: give at least one tag";
    if (request.attributes.size() > max_list) problems["attr"] = "at most 10 attribute filters";
    if (request.min_price && request.max_price &&
        request.max_price->to_double() < request.min_price->to_double())
        problems["max_price"] = "is below min_price";
    request.sort = request.text ? SortOrder::rank : SortOrder::newest;
    if (const auto sort = params.find("sort"); sort != params.end()) {
        const auto found = sort_names().find(sort->second);
        if (found == sort_names().end())
            problems["sort"] = "must be rank, price_asc, price_desc or newest";
        else if (found->second == SortOrder::rank && !request.text)
            problems["sort"] = "rank needs a text query (q)";
        else
            request.sort = found->second;
    }
    if (const auto after = params.find("after"); after != params.end()) {
        request.after = decode_cursor(after->second);
        if (!request.after || request.after->sort != request.sort)
            problems["after"] = "is not a cursor of this search's order";
    }
    if (!problems.empty())
        throw web_service::invalid("the search has invalid parameters", std::move(problems));
    return request;
}

namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) out += alphabet[(buffer >> (bits -= 6)) & 63];
    }
    if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 63];
    return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const auto index = alphabet.find(c);
        if (index == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(index);
        bits += 6;
        if (bits >= 8) out += static_cast<char>((buffer >> (bits -= 8)) & 0xFF);
    }
    return out;
}

}  // namespace

std::string encode_cursor(const Cursor& cursor) {
    std::string sort;
    for (const auto& [name, order] : sort_names())
        if (order == cursor.sort) sort = name;
    return base64url(nlohmann::json{{"s", sort}, {"k", cursor.key}, {"id", cursor.id}}.dump());
}

std::optional<Cursor> decode_cursor(const std::string& text) {
    const auto bytes = from_base64url(text);
    if (!bytes || text.size() > 400) return std::nullopt;
    const auto json = nlohmann::json::parse(*bytes, nullptr, false);
    if (!json.is_object() || !json.contains("s") || !json.contains("k") || !json.contains("id") ||
        !json["s"].is_string() || !json["id"].is_number_integer())
        return std::nullopt;
    const auto sort = sort_names().find(json["s"].get<std::string>());
    if (sort == sort_names().end()) return std::nullopt;
    Cursor cursor{sort->second, json["k"], json["id"].get<std::int64_t>()};
    const bool key_fits = cursor.sort == SortOrder::rank     ? cursor.key.is_number()
                          : cursor.sort == SortOrder::newest ? cursor.key.is_number_integer()
                                                             : cursor.key.is_string();
    if (!key_fits) return std::nullopt;
    if (cursor.key.is_string() && !parse_price(cursor.key.get<std::string>())) return std::nullopt;
    // Microseconds from 1970 to the year 9999, as a timestamp holds them.
    if (cursor.sort == SortOrder::newest &&
        (cursor.key.get<std::int64_t>() < 0 ||
         cursor.key.get<std::int64_t>() > 253'402'300'799'999'999))
        return std::nullopt;
    return cursor;
}

}  // namespace catalog
