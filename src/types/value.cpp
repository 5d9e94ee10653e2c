#include "retort/types/value.hpp"

#include <fmt/format.h>

#include <cstring>

#include "text_format.hpp"

namespace retort {

Bytes to_bytes(std::string_view raw) {
    Bytes bytes(raw.size());
    if (!raw.empty()) std::memcpy(bytes.data(), raw.data(), raw.size());
    return bytes;
}

Value::Value() noexcept = default;
Value::Value(Null) noexcept : ValueVariant(null) {}
Value::Value(bool value) noexcept : ValueVariant(value) {}
Value::Value(std::int64_t value) noexcept : ValueVariant(value) {}
Value::Value(double value) noexcept : ValueVariant(value) {}
Value::Value(std::string value) noexcept : ValueVariant(std::move(value)) {}
Value::Value(const char* value) : ValueVariant(std::string(value)) {}
Value::Value(Bytes value) noexcept : ValueVariant(std::move(value)) {}
Value::Value(Decimal value) noexcept : ValueVariant(std::move(value)) {}
Value::Value(Date value) noexcept : ValueVariant(value) {}
Value::Value(Time value) noexcept : ValueVariant(value) {}
Value::Value(DateTime value) noexcept : ValueVariant(value) {}
Value::Value(DateTimeTz value) noexcept : ValueVariant(value) {}
Value::Value(Interval value) noexcept : ValueVariant(value) {}
Value::Value(Uuid value) noexcept : ValueVariant(value) {}
Value::Value(Json value) noexcept : ValueVariant(std::move(value)) {}
Value::Value(const Value& other) = default;
Value::Value(Value&& other) noexcept = default;
Value& Value::operator=(const Value& other) = default;
Value& Value::operator=(Value&& other) noexcept = default;
Value::~Value() = default;

std::string_view sql_type_name(const Value& value) noexcept {
    static constexpr std::string_view names[] = {
        "NULL", "BOOLEAN", "BIGINT",    "DOUBLE PRECISION",         "TEXT",     "BYTEA", "NUMERIC",
        "DATE", "TIME",    "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "INTERVAL", "UUID",  "JSON"};
    static_assert(std::size(names) == std::variant_size_v<ValueVariant>);
    return names[value.index()];
}

namespace detail {
bool append_text_form(std::string& out, const Value& value) {
    return std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null> || std::is_same_v<T, Bytes>) {
                return false;
            } else {
                if constexpr (std::is_same_v<T, bool>)
                    out += v ? 't' : 'f';
                else if constexpr (std::is_same_v<T, std::int64_t>)
                    append_integer(out, v);
                else if constexpr (std::is_same_v<T, double>)
                    append_double(out, v);
                else if constexpr (std::is_same_v<T, std::string>)
                    out += v;
                else if constexpr (std::is_same_v<T, Decimal> || std::is_same_v<T, Uuid>)
                    out += v.to_string();
                else if constexpr (std::is_same_v<T, Date>)
                    out += format_date(v);
                else if constexpr (std::is_same_v<T, Time>)
                    out += format_time(v);
                else if constexpr (std::is_same_v<T, DateTime>)
                    out += format_datetime(v);
                else if constexpr (std::is_same_v<T, DateTimeTz>)
                    out += format_datetime_tz(v);
                else if constexpr (std::is_same_v<T, Interval>)
                    out += format_interval(v);
                else
                    out += v.text();  // Json
                return true;
            }
        },
        value);
}
}  // namespace detail

std::optional<std::string> text_form(const Value& value) {
    // Numbers and booleans have no text form here: their callers spell them as they need.
    if (value.index() <= 3) return std::nullopt;
    std::string out;
    if (!detail::append_text_form(out, value)) return std::nullopt;
    return out;
}

std::string describe_value(const Value& value) {
    constexpr std::size_t max_text = 200;
    auto quoted = [&](std::string_view text) {
        if (text.size() <= max_text) return fmt::format("'{}'", text);
        return fmt::format("'{}'... ({} chars)", text.substr(0, max_text), text.size());
    };
    return std::visit(
        [&](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null>)
                return "NULL";
            else if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return std::to_string(v);
            else if constexpr (std::is_same_v<T, double>)
                return fmt::format("{}", v);
            else if constexpr (std::is_same_v<T, std::string>)
                return quoted(v);
            else if constexpr (std::is_same_v<T, Bytes>)
                return fmt::format("<{} bytes>", v.size());
            else if constexpr (std::is_same_v<T, Decimal>)
                return v.to_string();
            else if constexpr (std::is_same_v<T, Date>)
                return quoted(format_date(v));
            else if constexpr (std::is_same_v<T, Time>)
                return quoted(format_time(v));
            else if constexpr (std::is_same_v<T, DateTime>)
                return quoted(format_datetime(v));
            else if constexpr (std::is_same_v<T, DateTimeTz>)
                return quoted(format_datetime_tz(v));
            else if constexpr (std::is_same_v<T, Interval>)
                return quoted(format_interval(v));
            else if constexpr (std::is_same_v<T, Uuid>)
                return quoted(v.to_string());
            else
                return quoted(v.text());
        },
        value);
}

}  // namespace retort
