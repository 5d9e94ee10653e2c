// A C++ enum as a SQL ENUM: name its type and labels once, and columns of it map to a native
// enum type on PostgreSQL (CREATE TYPE ... AS ENUM) and to a checked VARCHAR elsewhere.
//
//   enum class Status { pending, done };
//   template <> struct retort::sql_enum<Status> {
//       static constexpr std::string_view name = "job_status";
//       static constexpr std::array<std::pair<Status, std::string_view>, 2> labels{
//           {{Status::pending, "pending"}, {Status::done, "done"}}};
//   };
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/types/sql_type.hpp"
#include "retort/types/traits.hpp"

namespace retort {

/// Specialise for an enum to map it (see above). The labels are what the database stores;
/// the enumerators' numeric values never leave the program.
template <class E>
struct sql_enum;

template <class E>
concept SqlEnum = std::is_enum_v<E> && requires {
    { sql_enum<E>::name } -> std::convertible_to<std::string_view>;
    sql_enum<E>::labels.size();
};

namespace detail {
[[noreturn]] void throw_unknown_enum_label(std::string_view type, std::string_view label);
[[noreturn]] void throw_unlabelled_enum_value(std::string_view type, long long value);
}  // namespace detail

template <SqlEnum E>
struct value_traits<E> {
    static Value to_value(E value) {
        for (const auto& [enumerator, label] : sql_enum<E>::labels)
            if (enumerator == value) return std::string(label);
        detail::throw_unlabelled_enum_value(sql_enum<E>::name, static_cast<long long>(value));
    }
    static E from_field(const Field& field) {
        const std::string text = value_traits<std::string>::from_field(field);
        for (const auto& [enumerator, label] : sql_enum<E>::labels)
            if (label == text) return enumerator;
        detail::throw_unknown_enum_label(sql_enum<E>::name, text);
    }
};

/// The SqlType of a mapped enum: type::Enum(name, labels).
template <SqlEnum E>
SqlType enum_sql_type() {
    std::vector<std::string> labels;
    for (const auto& entry : sql_enum<E>::labels) labels.emplace_back(entry.second);
    return type::Enum(std::string(sql_enum<E>::name), std::move(labels));
}

}  // namespace retort
