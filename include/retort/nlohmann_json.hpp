// nlohmann::json (Debian's nlohmann-json3-dev) as a SQL JSON / JSONB value: bind a document,
// read one back parsed, and use the JSON operators on columns of it. Include this header where
// you map or query such columns; Retort itself does not depend on the library. It sits above the
// layers (a value type that also has the SQL layer's JSON operators), beside retort.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include "retort/sql/typed.hpp"
#include "retort/types/traits.hpp"

namespace retort {

template <>
struct value_traits<nlohmann::json> {
    static Value to_value(const nlohmann::json& document) { return Json(document.dump()); }
    static nlohmann::json from_field(const Field& field) {
        if (field.kind != FieldKind::text && field.kind != FieldKind::blob) {
            if (field.is_null()) detail::throw_null_error("nlohmann::json");
            detail::throw_field_error(field, "nlohmann::json");
        }
        try {
            return nlohmann::json::parse(field.bytes);
        } catch (const nlohmann::json::parse_error& error) {
            throw DataError(std::string("cannot read a JSON document: ") + error.what());
        }
    }
};

namespace typing {
template <>
inline constexpr bool is_json_document<nlohmann::json> = true;
}  // namespace typing

}  // namespace retort
