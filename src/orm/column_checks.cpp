// Columns named by string (filter_by, query.update): the name must be a mapped column and the
// value one the column can take, refused at the call with a message that says what to write.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "query_support.hpp"
#include "retort/errors.hpp"
#include "retort/orm/query.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

template <class T, std::size_t I = 0>
constexpr std::uint32_t bit() {
    if constexpr (std::is_same_v<std::variant_alternative_t<I, ValueVariant>, T>)
        return std::uint32_t{1} << I;
    else
        return bit<T, I + 1>();
}

// How messages name a column's type, and the Value alternatives it takes. A string goes into
// every type PostgreSQL reads from text (numbers, dates, UUIDs, JSON), not into booleans or
// binary data; a number or a boolean never goes into a string.
struct Accepted {
    const char* name;
    std::uint32_t alternatives;
};
Accepted accepted(const SqlType& type) {
    constexpr std::uint32_t text = bit<std::string>();
    constexpr std::uint32_t numbers = bit<std::int64_t>() | bit<double>() | bit<Decimal>();
    if (type.dimensions > 0) return {"an array", ~std::uint32_t{0}};  // several forms travel
    switch (type.kind) {
        case SqlType::Kind::integer:
        case SqlType::Kind::small_integer:
        case SqlType::Kind::big_integer:
            return {"an integer", bit<std::int64_t>() | text};
        case SqlType::Kind::float_:
        case SqlType::Kind::double_:
        case SqlType::Kind::numeric:
            return {"a numeric", numbers | text};
        case SqlType::Kind::string:
        case SqlType::Kind::text:
        case SqlType::Kind::enum_:
            return {"a string", text};
        case SqlType::Kind::boolean:
            return {"a boolean", bit<bool>()};
        case SqlType::Kind::date:
            return {"a date", bit<Date>() | text};
        case SqlType::Kind::time:
            return {"a time", bit<Time>() | text};
        case SqlType::Kind::datetime:
            return {"a timestamp", bit<DateTime>() | bit<DateTimeTz>() | text};
        case SqlType::Kind::interval:
            return {"an interval", bit<Interval>() | text};
        case SqlType::Kind::binary:
            return {"a binary", bit<Bytes>()};
        case SqlType::Kind::uuid:
            return {"a UUID", bit<Uuid>() | text};
        case SqlType::Kind::json:
        case SqlType::Kind::jsonb:
            return {"a JSON", bit<Json>() | text};
        default:
            return {"a", ~std::uint32_t{0}};  // tsvector and custom types: the server checks
    }
}

std::size_t named_attribute(const Mapper& mapper, std::string_view column, const char* caller) {
    const auto& attributes = mapper.attributes();
    for (std::size_t i = 0; i < attributes.size(); ++i)
        if (attributes[i].name == column) return i;
    std::string close;
    std::string all;
    for (const auto& attribute : attributes) {
        all += (all.empty() ? "" : ", ") + attribute.name;
        if (edit_distance(attribute.name, column) <= 2 ||
            attribute.name.find(column) != std::string::npos)
            close += (close.empty() ? "" : "', '") + attribute.name;
    }
    throw ArgumentError(
        fmt::format("{}: '{}' has no mapped column '{}'{} (its columns: {})", caller, mapper.name(),
                    column, close.empty() ? "" : fmt::format("; did you mean '{}'?", close), all));
}

// The value's kind against the column's (values themselves stay out of messages: they may be
// secrets).
void check_kind(const Mapper& mapper, std::size_t attribute, const Value& value,
                const char* caller) {
    if (std::holds_alternative<Null>(value)) return;
    const Mapper::Attribute& column = mapper.attributes()[attribute];
    const Accepted column_takes = accepted(column.type);
    if ((column_takes.alternatives & (std::uint32_t{1} << value.index())) == 0)
        throw ArgumentError(fmt::format("{}: {}.{} is {} column, and the value given is a {}",
                                        caller, mapper.name(), column.name, column_takes.name,
                                        sql_type_name(value)));
}
}  // namespace

Expression equality_by_name(const Mapper& mapper, std::string_view column, const Value& value) {
    std::size_t attribute = named_attribute(mapper, column, "filter_by()");
    check_kind(mapper, attribute, value, "filter_by()");
    Expression named = mapper.model().c(column);
    return std::holds_alternative<Null>(value) ? named.is_null() : named == value;
}

void check_assignments(const Mapper& mapper, const std::vector<Assignment>& assignments,
                       const char* caller) {
    for (const Assignment& assignment : assignments) {
        std::size_t attribute = named_attribute(mapper, assignment.column, caller);
        const Value* value = assignment.value.bound_value();
        if (value == nullptr) continue;  // an expression: the server checks it
        check_kind(mapper, attribute, *value, caller);
        const Column* definition =
            mapper.model().definition().column(mapper.attributes()[attribute].name);
        if (std::holds_alternative<Null>(*value) && definition != nullptr &&
            !definition->is_nullable())
            throw ArgumentError(fmt::format("{}: {}.{} is NOT NULL and cannot be set to NULL",
                                            caller, mapper.name(), definition->name));
    }
}

}  // namespace retort::orm::detail
