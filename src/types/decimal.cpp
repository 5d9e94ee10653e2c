#include "retort/types/decimal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <limits>

#include "retort/errors.hpp"

namespace retort {

namespace {
[[noreturn]] void bad_decimal(std::string_view text) {
    throw DataError(fmt::format("invalid decimal text: '{}'", text.substr(0, 80)));
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
}  // namespace

Decimal::Decimal(std::string_view text) {
    if (text == "NaN" || text == "nan") {
        nan_ = true;
        return;
    }
    std::size_t pos = 0;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative_ = text[pos++] == '-';
    std::string digits;
    int scale = 0;
    bool seen_point = false;
    bool any_digit = false;
    for (; pos < text.size(); ++pos) {
        char c = text[pos];
        if (is_digit(c)) {
            digits += c;
            any_digit = true;
            if (seen_point) ++scale;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!any_digit) bad_decimal(text);
    if (pos < text.size()) {
        if (text[pos] != 'e' && text[pos] != 'E') bad_decimal(text);
        ++pos;
        int exponent = 0;
        std::string_view rest = text.substr(pos);
        if (!rest.empty() && rest[0] == '+') rest.remove_prefix(1);
        auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), exponent);
        if (ec != std::errc{} || end != rest.data() + rest.size() || std::abs(exponent) > 100000)
            bad_decimal(text);
        scale -= exponent;
        if (scale < 0) {
            digits.append(static_cast<std::size_t>(-scale), '0');
            scale = 0;
        }
    }
    std::size_t first = digits.find_first_not_of('0');
    // Keep zeros that belong to the fraction: "0.050" is digits "50" with scale 3.
    digits = first == std::string::npos ? "0" : digits.substr(first);
    digits_ = digits;
    scale_ = scale;
    if (digits_ == "0") negative_ = false;  // no negative zero
}

Decimal::Decimal(std::int64_t value) {
    negative_ = value < 0;
    // Negate through unsigned so that INT64_MIN is exact.
    std::uint64_t magnitude =
        negative_ ? ~static_cast<std::uint64_t>(value) + 1 : static_cast<std::uint64_t>(value);
    digits_ = std::to_string(magnitude);
}

std::string Decimal::to_string() const {
    if (nan_) return "NaN";
    std::string text = negative_ ? "-" : "";
    if (scale_ == 0) return text + digits_;
    std::string digits = digits_;
    if (digits.size() <= static_cast<std::size_t>(scale_))
        digits.insert(0, static_cast<std::size_t>(scale_) - digits.size() + 1, '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale_), 1, '.');
    return text + digits;
}

double Decimal::to_double() const {
    if (nan_) return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(to_string().c_str(), nullptr);
}

bool operator==(const Decimal& a, const Decimal& b) noexcept {
    if (a.nan_ || b.nan_) return a.nan_ && b.nan_;  // as PostgreSQL: NaN equals NaN
    if (a.negative_ != b.negative_) return false;
    // Compare digit strings brought to the same scale.
    auto padded = [](const Decimal& d, int scale) {
        return d.digits_ == "0"
                   ? std::string("0")
                   : d.digits_ + std::string(static_cast<std::size_t>(scale - d.scale_), '0');
    };
    int scale = std::max(a.scale_, b.scale_);
    return padded(a, scale) == padded(b, scale);
}

}  // namespace retort
