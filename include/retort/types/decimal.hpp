// An exact decimal number for SQL NUMERIC: no binary rounding, any number of digits.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace retort {

/// Exact decimal value (SQL NUMERIC / DECIMAL). It stores digits, not a double, so
/// "0.1" stays 0.1 and a 30-digit amount keeps every digit. Equality is numeric
/// (1.50 == 1.5); `to_string()` keeps the scale it was given ("1.50"). NaN is representable
/// because PostgreSQL's NUMERIC has it.
class Decimal {
  public:
    Decimal() = default;  // zero
    /// Parses "-12.345", "1e-3", "NaN". A malformed text raises DataError naming it.
    explicit Decimal(std::string_view text);
    Decimal(std::int64_t value);  // NOLINT(google-explicit-constructor): integers are exact

    /// Plain notation without exponent, e.g. "-0.001".
    std::string to_string() const;
    /// Nearest double; for display and arithmetic where exactness does not matter.
    double to_double() const;
    bool is_nan() const noexcept { return nan_; }
    /// Number of digits after the decimal point.
    int scale() const noexcept { return scale_; }

    friend bool operator==(const Decimal& a, const Decimal& b) noexcept;

  private:
    bool negative_ = false;
    bool nan_ = false;
    std::string digits_ =
        "0";  // no leading zeros, at least one digit; the value is digits_ * 10^-scale_
    int scale_ = 0;
};

}  // namespace retort
