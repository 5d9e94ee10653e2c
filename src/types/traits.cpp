#include "retort/types/traits.hpp"

#include "retort/types/enum.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace retort::detail {

namespace {
std::string_view kind_name(FieldKind kind) {
    switch (kind) {
        case FieldKind::null:
            return "NULL";
        case FieldKind::integer:
            return "an integer";
        case FieldKind::real:
            return "a floating-point number";
        case FieldKind::text:
            return "text";
        case FieldKind::blob:
            return "binary data";
    }
    return "?";
}
}  // namespace

void throw_field_error(const Field& field, std::string_view wanted) {
    std::string shown;
    if (field.kind == FieldKind::integer) shown = fmt::format(" {}", field.integer);
    if (field.kind == FieldKind::real) shown = fmt::format(" {}", field.real);
    if (field.kind == FieldKind::text) shown = fmt::format(" '{}'", field.bytes.substr(0, 80));
    throw DataError(fmt::format("cannot read {}{} as {}", kind_name(field.kind), shown, wanted));
}

void throw_unknown_enum_label(std::string_view type, std::string_view label) {
    throw DataError(fmt::format("'{}' is not a label of the enum '{}' in this program",
                                label.substr(0, 80), type));
}

void throw_unlabelled_enum_value(std::string_view type, long long value) {
    throw DataError(fmt::format("the enum '{}' has no label for the value {}", type, value));
}

void throw_null_error(std::string_view wanted) {
    throw DataError(fmt::format("NULL cannot be read as {}; use std::optional", wanted));
}

std::int64_t parse_int64(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        throw DataError(fmt::format("cannot read '{}' as an integer", text.substr(0, 80)));
    return value;
}

double parse_double(std::string_view text) {
    if (text == "NaN") return std::nan("");
    if (text == "Infinity" || text == "inf") return HUGE_VAL;
    if (text == "-Infinity" || text == "-inf") return -HUGE_VAL;
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        throw DataError(fmt::format("cannot read '{}' as a number", text.substr(0, 80)));
    return value;
}

bool parse_bool(std::string_view text) {
    if (text == "t" || text == "true" || text == "1") return true;
    if (text == "f" || text == "false" || text == "0") return false;
    throw DataError(fmt::format("cannot read '{}' as a boolean", text.substr(0, 80)));
}

std::string field_to_string(const Field& field) {
    switch (field.kind) {
        case FieldKind::text:
        case FieldKind::blob:
            return std::string(field.bytes);
        case FieldKind::integer:
            return std::to_string(field.integer);
        case FieldKind::real: {
            char buffer[32];
            auto end = std::to_chars(buffer, buffer + sizeof buffer, field.real).ptr;
            return std::string(buffer, end);
        }
        case FieldKind::null:
            throw_null_error("std::string");
    }
    throw_field_error(field, "std::string");
}

Bytes field_to_bytes(const Field& field) {
    if (field.kind == FieldKind::blob || field.kind == FieldKind::text)
        return to_bytes(field.bytes);
    if (field.is_null()) throw_null_error("Bytes");
    throw_field_error(field, "Bytes");
}

Decimal field_to_decimal(const Field& field) {
    switch (field.kind) {
        case FieldKind::text:
            return Decimal(field.bytes);
        case FieldKind::integer:
            return Decimal(field.integer);
        case FieldKind::real: {
            // SQLite's NUMERIC affinity stores a decimal as REAL only when that is lossless
            // for its first 15 digits; the shortest round-trip text gives those digits back.
            if (!std::isfinite(field.real)) throw_field_error(field, "Decimal");
            char buffer[32];
            auto end = std::to_chars(buffer, buffer + sizeof buffer, field.real).ptr;
            return Decimal(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
        }
        case FieldKind::null:
            throw_null_error("Decimal");
        case FieldKind::blob:
            break;
    }
    throw_field_error(field, "Decimal");
}

Uuid parse_uuid_field(std::string_view bytes) {
    if (bytes.size() == 16) {
        std::array<std::uint8_t, 16> raw{};
        for (std::size_t i = 0; i < 16; ++i) raw[i] = static_cast<std::uint8_t>(bytes[i]);
        return Uuid(raw);
    }
    return Uuid::parse(bytes);
}

}  // namespace retort::detail
