// Value: one SQL value as Retort carries it between user code and a driver.
// Every parameter of every statement becomes a Value; drivers bind it, never splice it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "retort/types/datetime.hpp"
#include "retort/types/decimal.hpp"
#include "retort/types/json.hpp"
#include "retort/types/uuid.hpp"

namespace retort {

/// SQL NULL.
struct Null {
    friend bool operator==(Null, Null) noexcept { return true; }
};
inline constexpr Null null{};

/// Binary data (bytea / BLOB); may contain NUL bytes.
using Bytes = std::vector<std::byte>;

/// Copies the bytes of a string into Bytes.
Bytes to_bytes(std::string_view raw);

/// The alternatives of a Value: the SQL types Retort knows.
using ValueVariant = std::variant<Null, bool, std::int64_t, double, std::string, Bytes, Decimal,
                                  Date, Time, DateTime, DateTimeTz, Interval, Uuid, Json>;

/// One SQL value: a std::variant of the SQL types Retort knows (std::get, std::visit and
/// std::holds_alternative apply); value_traits maps C++ types onto them. A class of its own,
/// with its constructors and copies out of line, so that code passing Values around does not
/// compile the variant's machinery in every translation unit.
class Value : public ValueVariant {
  public:
    Value() noexcept;
    Value(Null) noexcept;
    Value(bool value) noexcept;
    Value(std::int64_t value) noexcept;
    Value(double value) noexcept;
    Value(std::string value) noexcept;
    Value(const char* value);
    Value(Bytes value) noexcept;
    Value(Decimal value) noexcept;
    Value(Date value) noexcept;
    Value(Time value) noexcept;
    Value(DateTime value) noexcept;
    Value(DateTimeTz value) noexcept;
    Value(Interval value) noexcept;
    Value(Uuid value) noexcept;
    Value(Json value) noexcept;
    /// Other integers that fit in 64 signed bits.
    template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool> &&
             !std::is_same_v<I, std::int64_t> &&
             (std::is_signed_v<I> || sizeof(I) < sizeof(std::int64_t))) Value(I value)
    noexcept : Value(static_cast<std::int64_t>(value)) {}
    Value(float value) noexcept : Value(static_cast<double>(value)) {}

    Value(const Value& other);
    Value(Value&& other) noexcept;
    Value& operator=(const Value& other);
    Value& operator=(Value&& other) noexcept;
    ~Value();

    const ValueVariant& variant() const noexcept { return *this; }
};

/// The SQL type name of the alternative a Value holds, for messages ("BIGINT", "TEXT", ...).
std::string_view sql_type_name(const Value& value) noexcept;

/// The text form of a value whose SQL form is text (strings, Decimal, dates and times,
/// Interval, Uuid, Json), as drivers without a native type store it; nullopt for NULL, booleans,
/// numbers and Bytes.
std::optional<std::string> text_form(const Value& value);

/// Renders a value for logs: strings quoted and cut after 200 characters, bytes as a count.
std::string describe_value(const Value& value);

}  // namespace retort
