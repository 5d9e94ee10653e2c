// Range<T>: PostgreSQL's range types (int4range, int8range, numrange, daterange, tsrange,
// tstzrange) as a value. Travels as the range literal ("[1,10)", "empty"), bound untyped so
// that the server reads it as the column's range type; SQLite stores the same text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "retort/types/traits.hpp"

namespace retort {

/// A range of T. An absent bound is unbounded. PostgreSQL gives discrete ranges (integers,
/// dates) back in the canonical [lower, upper) form: [1,3] reads back as [1,4).
template <class T>
struct Range {
    std::optional<T> lower{};
    std::optional<T> upper{};
    bool lower_inclusive = true;
    bool upper_inclusive = false;
    bool empty = false;

    /// [lower, upper): the form PostgreSQL itself prefers.
    static Range half_open(T lower, T upper) { return Range{std::move(lower), std::move(upper)}; }
    static Range closed(T lower, T upper) {
        return Range{std::move(lower), std::move(upper), true, true};
    }
    static Range none() { return Range{{}, {}, false, false, true}; }

    friend bool operator==(const Range&, const Range&) = default;
};

namespace detail {
/// The parts of a range literal: nullopt parts for "empty".
struct RangeParts {
    bool empty = false;
    std::optional<std::string> lower, upper;
    bool lower_inclusive = false, upper_inclusive = false;
};
RangeParts split_range_literal(std::string_view literal);
std::string range_literal(const std::optional<Value>& lower, const std::optional<Value>& upper,
                          bool lower_inclusive, bool upper_inclusive);

template <class T>
inline constexpr bool is_range = false;
template <class T>
inline constexpr bool is_range<Range<T>> = true;
}  // namespace detail

template <class T>
struct value_traits<Range<T>> {
    static Value to_value(const Range<T>& range) {
        if (range.empty) return std::string("empty");
        auto bound = [](const std::optional<T>& b) {
            return b ? std::optional<Value>(retort::to_value(*b)) : std::nullopt;
        };
        return detail::range_literal(bound(range.lower), bound(range.upper), range.lower_inclusive,
                                     range.upper_inclusive);
    }
    static Range<T> from_field(const Field& field) {
        if (field.kind != FieldKind::text && field.kind != FieldKind::blob) {
            if (field.is_null()) detail::throw_null_error("Range");
            detail::throw_field_error(field, "a range");
        }
        detail::RangeParts parts = detail::split_range_literal(field.bytes);
        if (parts.empty) return Range<T>::none();
        Range<T> range;
        range.lower_inclusive = parts.lower_inclusive;
        range.upper_inclusive = parts.upper_inclusive;
        if (parts.lower) range.lower = value_traits<T>::from_field(Field::of_text(*parts.lower));
        if (parts.upper) range.upper = value_traits<T>::from_field(Field::of_text(*parts.upper));
        return range;
    }
};

}  // namespace retort
