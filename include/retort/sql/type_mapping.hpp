// The SQL type a C++ value type maps to by default: what a model's column is declared as
// when no type is given, and what cast<T>() casts to.
#pragma once

#include "retort/sql/typed.hpp"

namespace retort::typing {

/// The SQL type a C++ value type maps to by default.
template <class T>
SqlType default_sql_type() {
    using B = base_t<T>;
    if constexpr (std::is_same_v<B, bool>)
        return type::Boolean();
    else if constexpr (std::is_same_v<B, std::int16_t>)
        return type::SmallInteger();
    else if constexpr (std::is_same_v<B, std::int32_t>)
        return type::Integer();
    else if constexpr (std::is_same_v<B, std::int64_t>)
        return type::BigInteger();
    else if constexpr (std::is_same_v<B, float>)
        return type::Float();
    else if constexpr (std::is_same_v<B, double>)
        return type::Double();
    else if constexpr (std::is_same_v<B, Decimal>)
        return type::Numeric();
    else if constexpr (std::is_same_v<B, std::string>)
        return type::String();
    else if constexpr (std::is_same_v<B, Bytes>)
        return type::LargeBinary();
    else if constexpr (std::is_same_v<B, Date>)
        return type::Date();
    else if constexpr (std::is_same_v<B, Time>)
        return type::Time();
    else if constexpr (std::is_same_v<B, DateTime>)
        return type::DateTime();
    else if constexpr (std::is_same_v<B, DateTimeTz>)
        return type::DateTime(true);
    else if constexpr (std::is_same_v<B, Interval>)
        return type::Interval();
    else if constexpr (std::is_same_v<B, Uuid>)
        return type::Uuid();
    else if constexpr (SqlEnum<B>)
        return enum_sql_type<B>();
    else if constexpr (is_json<B>)
        return type::Json();  // give type::Jsonb() for JSONB's operators and indexes
    else if constexpr (std::is_same_v<B, TsVector>)
        return type::TsVector();
    else if constexpr (is_array<B>)
        return type::Array(default_sql_type<typename B::value_type>());
    else if constexpr (is_range<B>)
        return range_sql_type<range_element_t<B>>(true);
    else {
        static_assert(SqlValue<B>,
                      "retort: this member's type has no SQL type; give one, e.g. type::Text()");
        return type::Text();
    }
}

}  // namespace retort::typing
