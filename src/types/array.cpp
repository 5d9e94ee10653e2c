// PostgreSQL's array literal syntax (arrays.sgml "Array Value Input"): elements separated by
// commas inside braces; an element is double-quoted when it holds anything special, with
// backslash escaping " and \ inside; an unquoted NULL is SQL NULL.
#include "retort/types/array.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "retort/types/hex.hpp"
#include "text_format.hpp"

namespace retort::detail {

namespace {
[[noreturn]] void malformed(std::string_view literal, std::string_view why) {
    throw DataError(fmt::format("cannot read '{}' as an array: {}", literal.substr(0, 80), why));
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool iequals_null(std::string_view word) {
    return word.size() == 4 && (word[0] | 0x20) == 'n' && (word[1] | 0x20) == 'u' &&
           (word[2] | 0x20) == 'l' && (word[3] | 0x20) == 'l';
}
// Where an unquoted element starting at `at` ends: its ',' or '}', or its first backslash.
std::size_t element_end(std::string_view literal, std::size_t at) noexcept {
    while (at < literal.size() && literal[at] != ',' && literal[at] != '}' && literal[at] != '\\')
        ++at;
    return at;
}
// Reads the unquoted element at `at` into `item`; where it stops (its ',' or '}', or the end).
std::size_t read_unquoted(std::string_view literal, std::size_t at, ArrayItem& item) {
    const std::size_t end = literal.size();
    if (const std::size_t stop = element_end(literal, at); stop < end && literal[stop] != '\\') {
        // The common element, without escapes: taken whole, trailing blanks left out.
        std::size_t last = stop;
        while (last > at && is_space(literal[last - 1])) --last;
        item.text.assign(literal.substr(at, last - at));
        item.kind = iequals_null(item.text) ? ArrayItem::Kind::null : ArrayItem::Kind::scalar;
        return stop;
    }
    bool escaped = false;
    std::size_t last_kept = 0;  // trailing unescaped blanks are not part of the element
    for (; at < end && literal[at] != ',' && literal[at] != '}'; ++at) {
        char c = literal[at];
        if (c == '\\') {
            if (++at >= end) break;
            c = literal[at];
            escaped = true;
            item.text += c;
            last_kept = item.text.size();
        } else {
            item.text += c;
            if (!is_space(c)) last_kept = item.text.size();
        }
    }
    item.text.resize(last_kept);
    item.kind =
        !escaped && iequals_null(item.text) ? ArrayItem::Kind::null : ArrayItem::Kind::scalar;
    return at;
}
}  // namespace

bool parse_integer_array(std::string_view literal, std::vector<std::int64_t>& out) {
    out.clear();
    if (literal.size() < 2 || literal.front() != '{' || literal.back() != '}') return false;
    const char* at = literal.data() + 1;
    const char* const end = literal.data() + literal.size() - 1;
    if (at == end) return true;
    out.reserve(static_cast<std::size_t>(std::count(at, end, ',')) + 1);
    for (;;) {
        std::int64_t value = 0;
        const auto [stop, error] = std::from_chars(at, end, value);
        if (error != std::errc() || (stop != end && *stop != ',')) {
            out.clear();
            return false;
        }
        out.push_back(value);
        if (stop == end) return true;
        at = stop + 1;
    }
}

std::vector<ArrayItem> split_array_literal(std::string_view literal) {
    std::size_t at = 0;
    const std::size_t end = literal.size();
    if (at < end && literal[at] == '[') {  // "[1:3]={...}": the lower bounds are not kept
        at = literal.find('=');
        if (at == std::string_view::npos) malformed(literal, "a dimension without '='");
        ++at;
    }
    while (at < end && is_space(literal[at])) ++at;
    if (at >= end || literal[at] != '{') malformed(literal, "it does not start with '{'");
    ++at;
    std::vector<ArrayItem> items;
    while (at < end && is_space(literal[at])) ++at;
    if (at < end && literal[at] == '}') return items;
    for (;;) {
        while (at < end && is_space(literal[at])) ++at;
        if (at >= end) malformed(literal, "it ends inside an element");
        ArrayItem item;
        if (literal[at] == '{') {  // a nested array: keep its literal for the inner codec
            const std::size_t start = at;
            int depth = 0;
            bool quoted = false;
            for (; at < end; ++at) {
                const char c = literal[at];
                if (quoted) {
                    if (c == '\\')
                        ++at;
                    else if (c == '"')
                        quoted = false;
                } else if (c == '"') {
                    quoted = true;
                } else if (c == '{') {
                    ++depth;
                } else if (c == '}' && --depth == 0) {
                    break;
                }
            }
            if (at >= end) malformed(literal, "an unclosed nested array");
            ++at;
            item.kind = ArrayItem::Kind::array;
            item.text.assign(literal.substr(start, at - start));
        } else if (literal[at] == '"') {
            ++at;
            for (; at < end && literal[at] != '"'; ++at) {
                if (literal[at] == '\\' && ++at >= end) break;
                item.text += literal[at];
            }
            if (at >= end) malformed(literal, "an unclosed quoted element");
            ++at;
            item.kind = ArrayItem::Kind::scalar;
        } else {
            at = read_unquoted(literal, at, item);
        }
        items.push_back(std::move(item));
        while (at < end && is_space(literal[at])) ++at;
        if (at >= end) malformed(literal, "it does not end with '}'");
        if (literal[at] == '}') {
            ++at;
            break;
        }
        if (literal[at] != ',') malformed(literal, "elements must be separated by ','");
        ++at;
    }
    while (at < end && is_space(literal[at])) ++at;
    if (at != end) malformed(literal, "text after the closing '}'");
    return items;
}

void append_array_element(std::string& literal, const Value& element) {
    auto quoted = [&](std::string_view text) {
        literal += '"';
        for (char c : text) {
            if (c == '"' || c == '\\') literal += '\\';
            literal += c;
        }
        literal += '"';
    };
    if (element.index() == 0) {
        literal += "NULL";
    } else if (const auto* bytes = std::get_if<Bytes>(&element)) {
        std::string hex = "\\x";  // bytea's hex text form, "\x..."
        append_hex(hex, *bytes);
        quoted(hex);
    } else if (element.index() <= 3) {  // a boolean or a number: never quoted
        append_text_form(literal, element);
    } else {
        std::string form;
        append_text_form(form, element);
        quoted(form);
    }
}

Bytes bytes_from_hex_text(std::string_view text) {
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
        throw DataError(fmt::format("cannot read '{}' as bytea hex text", text.substr(0, 80)));
    Bytes bytes((text.size() - 2) / 2);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const int high = hex_digit(text[2 + 2 * i]);
        const int low = hex_digit(text[3 + 2 * i]);
        if (high < 0 || low < 0)
            throw DataError(fmt::format("cannot read '{}' as bytea hex text", text.substr(0, 80)));
        bytes[i] = static_cast<std::byte>(high * 16 + low);
    }
    return bytes;
}

}  // namespace retort::detail
