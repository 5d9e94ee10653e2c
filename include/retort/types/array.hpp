// std::vector<T> as a SQL ARRAY: the codec of every element type with one, nested vectors as
// multi-dimensional arrays, std::optional elements for NULL.
//
// An array travels as PostgreSQL's array literal text ({1,2,NULL}, {{"a","b"},{"c","d"}}),
// bound untyped so that the server reads it as the array type of the column or operator it
// meets. SQLite has no arrays: there the same text is stored and read back, so a mapped
// std::vector round-trips on both backends while array operators are PostgreSQL's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <string_view>
#include <type_traits>
#include <vector>

#include "retort/types/traits.hpp"

namespace retort {

namespace detail {
/// One element of an array literal as the parser found it: NULL, a nested array (its literal,
/// braces included) or a scalar's text with quotes and escapes removed.
struct ArrayItem {
    enum class Kind : std::uint8_t { null, scalar, array } kind = Kind::null;
    std::string text;
};
/// Splits the top level of an array literal; DataError when `literal` is not one. A leading
/// dimension decoration ("[0:2]=") is skipped.
std::vector<ArrayItem> split_array_literal(std::string_view literal);
/// The elements of a one-dimensional array of integers written plainly ("{1,-2,3}"), the
/// form PostgreSQL sends them in; false (and `out` empty) for any other literal, which then
/// goes through split_array_literal().
bool parse_integer_array(std::string_view literal, std::vector<std::int64_t>& out);
/// Appends one scalar element, quoted and escaped, to an array literal being written.
void append_array_element(std::string& literal, const Value& element);
/// Bytes from bytea's hex text ("\x0a1b"), as elements of a bytea[] arrive.
Bytes bytes_from_hex_text(std::string_view text);

template <class T>
struct strip_optional_element {
    using type = T;
};
template <class T>
struct strip_optional_element<std::optional<T>> {
    using type = T;
};

template <class T>
inline constexpr bool is_sql_array = false;
template <class T, class A>
inline constexpr bool is_sql_array<std::vector<T, A>> = !std::is_same_v<T, std::byte>;
}  // namespace detail

template <class T>
requires(!std::is_same_v<T, std::byte>) struct value_traits<std::vector<T>> {
    static Value to_value(const std::vector<T>& items) {
        std::string literal;
        write(literal, items);
        return literal;
    }
    static std::vector<T> from_field(const Field& field) {
        if (field.kind != FieldKind::text && field.kind != FieldKind::blob) {
            if (field.is_null()) detail::throw_null_error("std::vector");
            detail::throw_field_error(field, "an array");
        }
        std::vector<T> items;
        if constexpr (std::is_same_v<T, std::int64_t>) {  // keys reserved in bulk, id lists
            if (detail::parse_integer_array(field.bytes, items)) return items;
            items.clear();  // what it read before giving up is read again below
        }
        for (const detail::ArrayItem& item : detail::split_array_literal(field.bytes))
            items.push_back(read(item));
        return items;
    }

  private:
    using element = typename detail::strip_optional_element<T>::type;

    static void write(std::string& literal, const std::vector<T>& items) {
        literal += '{';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) literal += ',';
            if constexpr (detail::is_sql_array<element>) {
                const auto& inner = unwrap(items[i]);
                if (inner == nullptr)
                    literal += "NULL";
                else
                    value_traits<element>::write(literal, *inner);
            } else {
                detail::append_array_element(literal, retort::to_value(items[i]));
            }
        }
        literal += '}';
    }
    static const element* unwrap(const T& item) {
        if constexpr (std::is_same_v<T, element>) {
            return &item;
        } else {
            return item ? &*item : nullptr;
        }
    }
    static T read(const detail::ArrayItem& item) {
        if (item.kind == detail::ArrayItem::Kind::null) {
            if constexpr (std::is_same_v<T, element>)
                detail::throw_null_error("an array element; use std::vector<std::optional<T>>");
            else
                return T{};
        }
        if constexpr (std::is_same_v<element, Bytes>) {
            return detail::bytes_from_hex_text(item.text);
        } else {
            return value_traits<element>::from_field(Field::of_text(item.text));
        }
    }

    template <class>
    friend struct value_traits;
};

}  // namespace retort
