// SqlType: the SQL type of a column as the schema declares it (Integer, String(50), ...).
// Each dialect spells it in DDL; values of the type travel as the Value alternatives in value.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace retort {

struct SqlType {
    enum class Kind {
        integer,
        small_integer,
        big_integer,
        float_,   ///< single precision (REAL)
        double_,  ///< DOUBLE PRECISION
        numeric,
        string,  ///< VARCHAR(length), or unbounded when length is empty
        text,
        boolean,
        date,
        time,
        datetime,  ///< TIMESTAMP, WITH TIME ZONE when `timezone`
        interval,
        binary,
        uuid,
        json,
        jsonb,
        tsvector,  ///< PostgreSQL's full-text document (TSVECTOR); TEXT elsewhere
        enum_,     ///< a native ENUM type `name` on PostgreSQL, VARCHAR + CHECK elsewhere
        custom,    ///< `name` spelled as given in every dialect
    };
    Kind kind = Kind::text;
    std::optional<int> length{};        ///< String
    std::optional<int> precision{};     ///< Numeric
    std::optional<int> scale{};         ///< Numeric
    bool timezone = false;              ///< DateTime
    std::string name{};                 ///< custom, enum_
    std::vector<std::string> labels{};  ///< enum_
    /// An ARRAY of the type above with this many dimensions (INTEGER[][] is 2); 0: a scalar.
    int dimensions = 0;

    friend bool operator==(const SqlType&, const SqlType&) = default;
};

/// The type constructors, named as SQLAlchemy names them: type::String(50), type::DateTime(true).
/// They live in their own namespace because Date, DateTime, ... also name the C++ value types.
namespace type {
inline SqlType Integer() {
    return {SqlType::Kind::integer};
}
inline SqlType SmallInteger() {
    return {SqlType::Kind::small_integer};
}
inline SqlType BigInteger() {
    return {SqlType::Kind::big_integer};
}
inline SqlType Float() {
    return {SqlType::Kind::float_};
}
inline SqlType Double() {
    return {SqlType::Kind::double_};
}
inline SqlType Numeric(std::optional<int> precision = {}, std::optional<int> scale = {}) {
    SqlType t{SqlType::Kind::numeric};
    t.precision = precision;
    t.scale = scale;
    return t;
}
inline SqlType String(std::optional<int> length = {}) {
    SqlType t{SqlType::Kind::string};
    t.length = length;
    return t;
}
inline SqlType Text() {
    return {SqlType::Kind::text};
}
inline SqlType Boolean() {
    return {SqlType::Kind::boolean};
}
inline SqlType Date() {
    return {SqlType::Kind::date};
}
inline SqlType Time() {
    return {SqlType::Kind::time};
}
inline SqlType DateTime(bool timezone = false) {
    SqlType t{SqlType::Kind::datetime};
    t.timezone = timezone;
    return t;
}
inline SqlType Interval() {
    return {SqlType::Kind::interval};
}
inline SqlType LargeBinary() {
    return {SqlType::Kind::binary};
}
inline SqlType Uuid() {
    return {SqlType::Kind::uuid};
}
inline SqlType Json() {
    return {SqlType::Kind::json};
}
inline SqlType Jsonb() {
    return {SqlType::Kind::jsonb};
}
/// A native enum on PostgreSQL (CREATE TYPE name AS ENUM, made by create_all before the tables
/// that use it and dropped after them); VARCHAR with a CHECK on the labels elsewhere.
inline SqlType Enum(std::string name, std::vector<std::string> labels) {
    SqlType t{SqlType::Kind::enum_};
    t.name = std::move(name);
    t.labels = std::move(labels);
    return t;
}
/// PostgreSQL's full-text search document; TEXT elsewhere.
inline SqlType TsVector() {
    return {SqlType::Kind::tsvector};
}
/// ARRAY of `element` (SQLAlchemy's ARRAY(Integer), ARRAY(String, dimensions=2)). PostgreSQL
/// only; SQLite stores the array's literal text.
inline SqlType Array(SqlType element, int dimensions = 1) {
    element.dimensions += dimensions;
    return element;
}
inline SqlType CustomType(std::string name) {
    SqlType t{SqlType::Kind::custom};
    t.name = std::move(name);
    return t;
}
}  // namespace type

}  // namespace retort
