// value_traits<T>: how a C++ type becomes a SQL Value and is read back from a result Field.
// This is the extension point for user types: specialise value_traits for your type.
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "retort/errors.hpp"
#include "retort/types/field.hpp"
#include "retort/types/value.hpp"

namespace retort {

/// The codec of one C++ type. A specialisation provides
///   static Value to_value(const T&);        // for parameters
///   static T from_field(const Field&);      // for results; raises DataError when it cannot
/// A type without a specialisation cannot be bound or read; that is a compile error saying so.
template <class T>
struct value_traits;

/// True when T has a codec.
template <class T>
concept SqlValue = requires(const T& value, const Field& field) {
    { value_traits<T>::to_value(value) } -> std::convertible_to<Value>;
    { value_traits<T>::from_field(field) } -> std::convertible_to<T>;
};

/// Converts any C++ value with a codec (or a Value itself) to a Value.
template <class T>
Value to_value(const T& value) {
    if constexpr (std::is_same_v<T, Value>) {
        return value;
    } else if constexpr (std::is_convertible_v<const T&, std::string_view> && !SqlValue<T>) {
        return std::string(std::string_view(value));  // string literals and const char*
    } else {
        static_assert(SqlValue<T>,
                      "retort: this C++ type has no SQL codec; specialise retort::value_traits<T> "
                      "or convert the value to one of the types in retort/types/value.hpp");
        return value_traits<T>::to_value(value);
    }
}

namespace detail {
[[noreturn]] void throw_field_error(const Field& field, std::string_view wanted);
[[noreturn]] void throw_null_error(std::string_view wanted);
std::int64_t parse_int64(std::string_view text);
double parse_double(std::string_view text);
bool parse_bool(std::string_view text);
std::string field_to_string(const Field& field);
Bytes field_to_bytes(const Field& field);
Decimal field_to_decimal(const Field& field);
}  // namespace detail

/// SQL NULL maps to std::nullopt; any T with a codec is nullable this way.
template <class T>
struct value_traits<std::optional<T>> {
    static Value to_value(const std::optional<T>& value) {
        return value ? retort::to_value(*value) : Value{null};
    }
    static std::optional<T> from_field(const Field& field) {
        if (field.is_null()) return std::nullopt;
        return value_traits<T>::from_field(field);
    }
};

template <>
struct value_traits<Null> {
    static Value to_value(Null) { return null; }
    static Null from_field(const Field& field) {
        if (!field.is_null()) detail::throw_field_error(field, "NULL");
        return null;
    }
};

template <>
struct value_traits<bool> {
    static Value to_value(bool value) { return value; }
    static bool from_field(const Field& field) {
        if (field.kind == FieldKind::integer && (field.integer == 0 || field.integer == 1))
            return field.integer == 1;
        if (field.kind == FieldKind::text) return detail::parse_bool(field.bytes);
        if (field.is_null()) detail::throw_null_error("bool");
        detail::throw_field_error(field, "bool");
    }
};

/// Signed integers of 16, 32 and 64 bits; a value that does not fit raises DataError.
template <class T>
requires(std::is_integral_v<T>&& std::is_signed_v<T> && sizeof(T) >= 2) struct value_traits<T> {
    static Value to_value(T value) { return static_cast<std::int64_t>(value); }
    static T from_field(const Field& field) {
        std::int64_t wide;
        if (field.kind == FieldKind::integer) {
            wide = field.integer;
        } else if (field.kind == FieldKind::text) {
            wide = detail::parse_int64(field.bytes);
        } else {
            if (field.is_null()) detail::throw_null_error("integer");
            detail::throw_field_error(field, "integer");
        }
        if constexpr (sizeof(T) < sizeof(std::int64_t)) {
            if (wide < std::numeric_limits<T>::min() || wide > std::numeric_limits<T>::max())
                detail::throw_field_error(field, sizeof(T) == 2 ? "int16" : "int32");
        }
        return static_cast<T>(wide);
    }
};

// Unsigned integers have no SQL counterpart (PostgreSQL has none, SQLite stores int64): a
// uint64 above INT64_MAX cannot round-trip. Use a signed type, or Decimal for wider values.
template <>
struct value_traits<std::uint64_t>;
template <>
struct value_traits<std::uint32_t>;
template <>
struct value_traits<std::uint16_t>;
// char is text or a small integer depending on the reader; bind std::string or int16 instead.
template <>
struct value_traits<char>;

template <std::floating_point T>
struct value_traits<T> {
    static Value to_value(T value) { return static_cast<double>(value); }
    static T from_field(const Field& field) {
        switch (field.kind) {
            case FieldKind::real:
                return static_cast<T>(field.real);
            case FieldKind::integer:
                return static_cast<T>(field.integer);
            case FieldKind::text:
                return static_cast<T>(detail::parse_double(field.bytes));
            case FieldKind::null:
                detail::throw_null_error("floating point");
            default:
                detail::throw_field_error(field, "floating point");
        }
    }
};

template <>
struct value_traits<std::string> {
    static Value to_value(const std::string& value) { return value; }
    static std::string from_field(const Field& field) {
        if (field.kind == FieldKind::text) return std::string(field.bytes);
        return detail::field_to_string(field);
    }
};

template <>
struct value_traits<Bytes> {
    static Value to_value(const Bytes& value) { return value; }
    static Bytes from_field(const Field& field) { return detail::field_to_bytes(field); }
};

template <>
struct value_traits<Decimal> {
    static Value to_value(const Decimal& value) { return value; }
    static Decimal from_field(const Field& field) { return detail::field_to_decimal(field); }
};

/// Codecs for the types whose result field is parsed from text (dates, times, UUID, JSON).
template <class T, T (*parse)(std::string_view), const char* name>
struct text_parsed_traits {
    static Value to_value(const T& value) { return value; }
    static T from_field(const Field& field) {
        if (field.kind == FieldKind::text || field.kind == FieldKind::blob)
            return parse(field.bytes);
        if (field.is_null()) detail::throw_null_error(name);
        detail::throw_field_error(field, name);
    }
};

namespace detail {
inline constexpr char date_name[] = "Date";
inline constexpr char time_name[] = "Time";
inline constexpr char datetime_name[] = "DateTime";
inline constexpr char datetime_tz_name[] = "DateTimeTz";
inline constexpr char interval_name[] = "Interval";
inline constexpr char json_name[] = "Json";
Uuid parse_uuid_field(std::string_view bytes);
inline Json parse_json(std::string_view text) {
    return Json(std::string(text));
}
}  // namespace detail

template <>
struct value_traits<Date> : text_parsed_traits<Date, parse_date, detail::date_name> {};
template <>
struct value_traits<Time> : text_parsed_traits<Time, parse_time, detail::time_name> {};
template <>
struct value_traits<DateTime>
    : text_parsed_traits<DateTime, parse_datetime, detail::datetime_name> {};
template <>
struct value_traits<DateTimeTz>
    : text_parsed_traits<DateTimeTz, parse_datetime_tz, detail::datetime_tz_name> {};
template <>
struct value_traits<Interval>
    : text_parsed_traits<Interval, parse_interval, detail::interval_name> {};
template <>
struct value_traits<Json> : text_parsed_traits<Json, detail::parse_json, detail::json_name> {};
template <>
struct value_traits<Uuid> {
    static Value to_value(const Uuid& value) { return value; }
    static Uuid from_field(const Field& field) {
        if (field.kind == FieldKind::text || field.kind == FieldKind::blob)
            return detail::parse_uuid_field(field.bytes);
        if (field.is_null()) detail::throw_null_error("Uuid");
        detail::throw_field_error(field, "Uuid");
    }
};

/// A parameter whose value must never appear in logs: echo prints "***" in its place.
template <class T>
struct Secret {
    T value;
};
template <class T>
Secret<T> secret(T value) {
    return Secret<T>{std::move(value)};
}

}  // namespace retort
