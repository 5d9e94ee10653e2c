// Text forms shared by the writers of parameters, array literals and COPY data (private to
// libretort).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "retort/types/value.hpp"

namespace retort::detail {

inline void append_integer(std::string& out, std::int64_t value) {
    char buffer[24];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// The shortest text that reads back as the same double; NaN and ±Infinity as PostgreSQL
/// spells them.
inline void append_double(std::string& out, double value) {
    if (std::isnan(value)) {
        out += "NaN";
    } else if (std::isinf(value)) {
        out += value > 0 ? "Infinity" : "-Infinity";
    } else {
        char buffer[32];
        out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
    }
}

/// bytea's hex form without its leading "\x".
inline void append_hex(std::string& out, const Bytes& bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    for (std::byte b : bytes) {
        out += digits[static_cast<unsigned>(b) >> 4];
        out += digits[static_cast<unsigned>(b) & 0xf];
    }
}

/// Appends a value's text form as PostgreSQL reads it (t/f, the shortest round-trip number,
/// ISO dates and times, ...); false, appending nothing, for NULL and Bytes, which have none.
bool append_text_form(std::string& out, const Value& value);

}  // namespace retort::detail
