// PostgreSQL's range literal syntax (rangetypes.sgml "Range Input/Output"): "empty", or a
// bracket, the lower bound, a comma, the upper bound and a bracket; an omitted bound is
// unbounded; a bound may be double-quoted, with backslash or doubled-quote escapes.
#include "retort/types/range.hpp"

#include <fmt/format.h>

#include "retort/types/array.hpp"

namespace retort::detail {

namespace {
[[noreturn]] void malformed(std::string_view literal, std::string_view why) {
    throw DataError(fmt::format("cannot read '{}' as a range: {}", literal.substr(0, 80), why));
}

// Reads one bound starting at `at`, up to (not including) one of `ends`.
std::optional<std::string> read_bound(std::string_view literal, std::size_t& at,
                                      std::string_view ends) {
    std::string text;
    bool quoted_any = false;
    while (at < literal.size() && ends.find(literal[at]) == std::string_view::npos) {
        const char c = literal[at];
        if (c == '"') {
            quoted_any = true;
            ++at;
            while (true) {
                if (at >= literal.size()) malformed(literal, "an unclosed quote");
                if (literal[at] == '\\' && at + 1 < literal.size()) {
                    text += literal[at + 1];
                    at += 2;
                } else if (literal[at] == '"') {
                    if (at + 1 < literal.size() && literal[at + 1] == '"') {
                        text += '"';
                        at += 2;
                    } else {
                        ++at;
                        break;
                    }
                } else {
                    text += literal[at++];
                }
            }
        } else if (c == '\\' && at + 1 < literal.size()) {
            text += literal[at + 1];
            at += 2;
        } else {
            text += c;
            ++at;
        }
    }
    if (text.empty() && !quoted_any) return std::nullopt;  // unbounded
    return text;
}
}  // namespace

RangeParts split_range_literal(std::string_view literal) {
    while (!literal.empty() && literal.front() == ' ') literal.remove_prefix(1);
    while (!literal.empty() && literal.back() == ' ') literal.remove_suffix(1);
    RangeParts parts;
    if (literal.size() == 5 && (literal == "empty" || literal == "EMPTY")) {
        parts.empty = true;
        return parts;
    }
    if (literal.size() < 3) malformed(literal, "too short");
    if (literal.front() != '[' && literal.front() != '(')
        malformed(literal, "it does not start with '[' or '('");
    if (literal.back() != ']' && literal.back() != ')')
        malformed(literal, "it does not end with ']' or ')'");
    parts.lower_inclusive = literal.front() == '[';
    parts.upper_inclusive = literal.back() == ']';
    std::string_view inner = literal.substr(0, literal.size() - 1);
    std::size_t at = 1;
    parts.lower = read_bound(inner, at, ",");
    if (at >= inner.size() || inner[at] != ',') malformed(literal, "no ',' between the bounds");
    ++at;
    parts.upper = read_bound(inner, at, "");
    return parts;
}

std::string range_literal(const std::optional<Value>& lower, const std::optional<Value>& upper,
                          bool lower_inclusive, bool upper_inclusive) {
    std::string literal(1, lower_inclusive && lower ? '[' : '(');
    if (lower) append_array_element(literal, *lower);  // the same quoting rules as arrays
    literal += ',';
    if (upper) append_array_element(literal, *upper);
    literal += upper_inclusive && upper ? ']' : ')';
    return literal;
}

}  // namespace retort::detail
