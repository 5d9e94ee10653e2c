// Aggregate reflection: the number, names and offsets of a plain struct's members, so that a
// column can take its name from a member pointer (&User::email is "email") with no macro.
// It needs an aggregate whose members are not themselves aggregates (brace elision would
// miscount them), with at most 48 members.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "retort/types/detail/tie_fields.hpp"

// The fake object below is declared and never defined on purpose: only the addresses of its
// members are used, in constant expressions. clang warns about that; nothing is wrong.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"
#endif

namespace retort::reflect {

namespace detail {

// Converts to anything: probes how many initialisers an aggregate takes.
struct any_initializer {
    template <class T>
    operator T() const;  // NOLINT: declared only, used in unevaluated contexts
};

template <class T, std::size_t... I>
constexpr bool brace_constructible(std::index_sequence<I...>) {
    return requires {
        T{(void(I), any_initializer{})...};
    };
}

template <class T, std::size_t N = 48>
constexpr std::size_t count_fields() {
    if constexpr (N == 0) {
        return 0;
    } else if constexpr (brace_constructible<T>(std::make_index_sequence<N>{})) {
        return N;
    } else {
        return count_fields<T, N - 1>();
    }
}

template <class T>
struct wrapper {
    const T value;
};
// Declared, never defined: only addresses of its members are taken, in constant expressions.
template <class T>
extern const wrapper<T> fake_object;

template <auto Pointer>
consteval std::string_view pretty_name() {
    return __PRETTY_FUNCTION__;
}

// The member name inside __PRETTY_FUNCTION__ of pretty_name: GCC writes
// "...{(& fake_object<T>.wrapper<T>::value.T::name)}]", clang "...{&fake_object.value.name}]".
consteval std::string_view member_from_pretty(std::string_view text) {
    std::size_t end = text.rfind('}');
    while (end > 0 && (text[end - 1] == ')' || text[end - 1] == ' ')) --end;
    std::size_t start = end;
    while (start > 0) {
        char c = text[start - 1];
        bool identifier =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!identifier) break;
        --start;
    }
    return text.substr(start, end - start);
}

}  // namespace detail

/// The number of members of aggregate T.
template <class T>
inline constexpr std::size_t field_count = detail::count_fields<T>();

/// The name of member I of aggregate T, read at compile time.
template <class T, std::size_t I>
consteval std::string_view field_name() {
    constexpr auto pointers =
        detail::tie_fields<field_count<T>>::pointers(detail::fake_object<T>.value);
    return detail::member_from_pretty(detail::pretty_name<std::get<I>(pointers)>());
}

/// All member names of T, in declaration order.
template <class T>
consteval auto field_names() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<std::string_view, sizeof...(I)>{field_name<T, I>()...};
    }
    (std::make_index_sequence<field_count<T>>{});
}

/// The position of the member a member pointer designates (T must be default constructible).
template <class T, class M>
std::size_t field_index(M T::*member) {
    static_assert(std::is_aggregate_v<T>, "retort: entities are plain aggregate structs");
    static const T sample{};
    auto addresses = detail::tie_fields<field_count<T>>::addresses(sample);
    const char* target = reinterpret_cast<const char*>(&(sample.*member));
    for (std::size_t i = 0; i < addresses.size(); ++i)
        if (addresses[i] == target) return i;
    return addresses.size();
}

/// The name of the member a member pointer designates: member_name(&User::email) is "email".
template <class T, class M>
std::string_view member_name(M T::*member) {
    static constexpr auto names = field_names<T>();
    std::size_t index = field_index(member);
    return index < names.size() ? names[index] : std::string_view{};
}

}  // namespace retort::reflect

#if defined(__clang__)
#pragma clang diagnostic pop
#endif
