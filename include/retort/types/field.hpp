// Field: a read-only view of one value in a result row, as a driver hands it to the codecs.
#pragma once

#include <cstdint>
#include <string_view>

namespace retort {

/// How a driver stored a field. Drivers normalise what they know: PostgreSQL integers and
/// booleans arrive as `integer`, floats as `real`, bytea as decoded `blob`, everything else as
/// `text`; SQLite fields arrive in their storage class.
enum class FieldKind : std::uint8_t { null, integer, real, text, blob };

/// One field of the current row. `bytes` is valid until the row advances.
struct Field {
    FieldKind kind = FieldKind::null;
    std::int64_t integer = 0;
    double real = 0;
    std::string_view bytes;

    bool is_null() const noexcept { return kind == FieldKind::null; }

    static Field of_integer(std::int64_t v) noexcept { return Field{FieldKind::integer, v, 0, {}}; }
    static Field of_real(double v) noexcept { return Field{FieldKind::real, 0, v, {}}; }
    static Field of_text(std::string_view v) noexcept { return Field{FieldKind::text, 0, 0, v}; }
    static Field of_blob(std::string_view v) noexcept { return Field{FieldKind::blob, 0, 0, v}; }
};

}  // namespace retort
