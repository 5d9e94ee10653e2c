// The catalog's small vocabularies, checked the same way wherever they arrive (a query
// string, a JSON body, a CSV line): codes (skus, tags, category slugs, attribute keys) and
// prices.
#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <retort/retort.hpp>
#include <string>
#include <string_view>

namespace catalog {

/// Letters, digits, '-' and '_', 1 to `max` of them.
inline bool is_code(std::string_view text, std::size_t max = 60) {
    return !text.empty() && text.size() <= max && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
    });
}

/// A price as the column keeps it, with two places ("35" is 35.00): digits with at most two
/// decimals, from 0 to 99999999.99; nothing otherwise.
std::optional<retort::Decimal> parse_price(std::string_view text);

}  // namespace catalog
