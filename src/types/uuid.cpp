#include "retort/types/uuid.hpp"

#include <fmt/format.h>

#include <random>

#include "retort/errors.hpp"
#include "retort/types/hex.hpp"

namespace retort {

namespace {}  // namespace

Uuid Uuid::parse(std::string_view text) {
    std::string_view body = text;
    if (body.size() >= 2 && body.front() == '{' && body.back() == '}')
        body = body.substr(1, body.size() - 2);
    std::array<std::uint8_t, 16> bytes{};
    std::size_t n = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '-' && (i == 8 || i == 13 || i == 18 || i == 23) && body.size() == 36)
            continue;
        int high = hex_digit(body[i]);
        int low = i + 1 < body.size() ? hex_digit(body[i + 1]) : -1;
        if (high < 0 || low < 0 || n == 16)
            throw DataError(fmt::format("invalid UUID text: '{}'", text.substr(0, 80)));
        bytes[n++] = static_cast<std::uint8_t>(high * 16 + low);
        ++i;
    }
    if (n != 16) throw DataError(fmt::format("invalid UUID text: '{}'", text.substr(0, 80)));
    return Uuid(bytes);
}

Uuid Uuid::random() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    std::array<std::uint8_t, 16> bytes{};
    for (std::size_t i = 0; i < 16; i += 8) {
        std::uint64_t r = engine();
        for (std::size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<std::uint8_t>(r >> (8 * j));
    }
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
    return Uuid(bytes);
}

std::string Uuid::to_string() const {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += digits[bytes_[i] >> 4];
        text += digits[bytes_[i] & 0x0f];
    }
    return text;
}

}  // namespace retort
