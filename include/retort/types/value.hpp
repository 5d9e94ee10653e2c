// Value: one SQL value as Retort carries it between user code and a driver.
// Every parameter of every statement becomes a Value; drivers bind it, never splice it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

/// One SQL value. The alternatives are the SQL types Retort knows; value_traits maps C++ types
/// onto them.
using Value = std::variant<Null, bool, std::int64_t, double, std::string, Bytes, Decimal, Date,
                           Time, DateTime, DateTimeTz, Interval, Uuid, Json>;

/// The SQL type name of the alternative a Value holds, for messages ("BIGINT", "TEXT", ...).
std::string_view sql_type_name(const Value& value) noexcept;

/// The text form of a value whose SQL form is text (strings, Decimal, dates and times,
/// Interval, Uuid, Json), as drivers without a native type store it; nullopt for NULL, booleans,
/// numbers and Bytes.
std::optional<std::string> text_form(const Value& value);

/// Renders a value for logs: strings quoted and cut after 200 characters, bytes as a count.
std::string describe_value(const Value& value);

}  // namespace retort
