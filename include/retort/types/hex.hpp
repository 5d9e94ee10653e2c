// Hexadecimal digits, shared by the parsers of UUIDs, URLs and PostgreSQL's bytea text.
#pragma once

namespace retort {

/// The value of one hex digit, or -1 when `c` is not one.
constexpr int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace retort
