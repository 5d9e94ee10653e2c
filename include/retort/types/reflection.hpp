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

// A pointer wrapped in a class type: a valid template argument on GCC 12 and clang 14 even when
// it points into an object that is declared but never defined.
template <class T>
struct field_pointer {
    const T* pointer;
};

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

template <std::size_t N>
struct tie_fields;

template <>
struct tie_fields<1> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0}};
    }
    template <class T>
    static std::array<const char*, 1> addresses(const T& object) {
        const auto& [m0] = object;
        return {reinterpret_cast<const char*>(&m0)};
    }
};

template <>
struct tie_fields<2> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1}};
    }
    template <class T>
    static std::array<const char*, 2> addresses(const T& object) {
        const auto& [m0, m1] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1)};
    }
};

template <>
struct tie_fields<3> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2}};
    }
    template <class T>
    static std::array<const char*, 3> addresses(const T& object) {
        const auto& [m0, m1, m2] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2)};
    }
};

template <>
struct tie_fields<4> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3}};
    }
    template <class T>
    static std::array<const char*, 4> addresses(const T& object) {
        const auto& [m0, m1, m2, m3] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2), reinterpret_cast<const char*>(&m3)};
    }
};

template <>
struct tie_fields<5> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4}};
    }
    template <class T>
    static std::array<const char*, 5> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2), reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4)};
    }
};

template <>
struct tie_fields<6> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5}};
    }
    template <class T>
    static std::array<const char*, 6> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2), reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4), reinterpret_cast<const char*>(&m5)};
    }
};

template <>
struct tie_fields<7> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6}};
    }
    template <class T>
    static std::array<const char*, 7> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2), reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4), reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6)};
    }
};

template <>
struct tie_fields<8> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7}};
    }
    template <class T>
    static std::array<const char*, 8> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2), reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4), reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6), reinterpret_cast<const char*>(&m7)};
    }
};

template <>
struct tie_fields<9> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8}};
    }
    template <class T>
    static std::array<const char*, 9> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2), reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4), reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6), reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8)};
    }
};

template <>
struct tie_fields<10> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9}};
    }
    template <class T>
    static std::array<const char*, 10> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2), reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4), reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6), reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8), reinterpret_cast<const char*>(&m9)};
    }
};

template <>
struct tie_fields<11> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10}};
    }
    template <class T>
    static std::array<const char*, 11> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10] = object;
        return {reinterpret_cast<const char*>(&m0), reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2), reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4), reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6), reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8), reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10)};
    }
};

template <>
struct tie_fields<12> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11}};
    }
    template <class T>
    static std::array<const char*, 12> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11)};
    }
};

template <>
struct tie_fields<13> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12}};
    }
    template <class T>
    static std::array<const char*, 13> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12)};
    }
};

template <>
struct tie_fields<14> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13}};
    }
    template <class T>
    static std::array<const char*, 14> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13)};
    }
};

template <>
struct tie_fields<15> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14}};
    }
    template <class T>
    static std::array<const char*, 15> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14)};
    }
};

template <>
struct tie_fields<16> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15}};
    }
    template <class T>
    static std::array<const char*, 16> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15)};
    }
};

template <>
struct tie_fields<17> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16] =
            object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16}};
    }
    template <class T>
    static std::array<const char*, 17> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16] =
            object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16)};
    }
};

template <>
struct tie_fields<18> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16,
                     m17] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17}};
    }
    template <class T>
    static std::array<const char*, 18> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16,
                     m17] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17)};
    }
};

template <>
struct tie_fields<19> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18}};
    }
    template <class T>
    static std::array<const char*, 19> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18)};
    }
};

template <>
struct tie_fields<20> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19}};
    }
    template <class T>
    static std::array<const char*, 20> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19)};
    }
};

template <>
struct tie_fields<21> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20}};
    }
    template <class T>
    static std::array<const char*, 21> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20)};
    }
};

template <>
struct tie_fields<22> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21}};
    }
    template <class T>
    static std::array<const char*, 22> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21)};
    }
};

template <>
struct tie_fields<23> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22}};
    }
    template <class T>
    static std::array<const char*, 23> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22)};
    }
};

template <>
struct tie_fields<24> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23}};
    }
    template <class T>
    static std::array<const char*, 24> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23)};
    }
};

template <>
struct tie_fields<25> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24}};
    }
    template <class T>
    static std::array<const char*, 25> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24)};
    }
};

template <>
struct tie_fields<26> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25}};
    }
    template <class T>
    static std::array<const char*, 26> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25)};
    }
};

template <>
struct tie_fields<27> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26}};
    }
    template <class T>
    static std::array<const char*, 27> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26)};
    }
};

template <>
struct tie_fields<28> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27}};
    }
    template <class T>
    static std::array<const char*, 28> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27)};
    }
};

template <>
struct tie_fields<29> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28}};
    }
    template <class T>
    static std::array<const char*, 29> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28)};
    }
};

template <>
struct tie_fields<30> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29}};
    }
    template <class T>
    static std::array<const char*, 30> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29)};
    }
};

template <>
struct tie_fields<31> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30}};
    }
    template <class T>
    static std::array<const char*, 31> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30)};
    }
};

template <>
struct tie_fields<32> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31}};
    }
    template <class T>
    static std::array<const char*, 32> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31)};
    }
};

template <>
struct tie_fields<33> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32] =
            object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32}};
    }
    template <class T>
    static std::array<const char*, 33> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32] =
            object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32)};
    }
};

template <>
struct tie_fields<34> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32,
                     m33] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33}};
    }
    template <class T>
    static std::array<const char*, 34> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32,
                     m33] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33)};
    }
};

template <>
struct tie_fields<35> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34}};
    }
    template <class T>
    static std::array<const char*, 35> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34)};
    }
};

template <>
struct tie_fields<36> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35}};
    }
    template <class T>
    static std::array<const char*, 36> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35)};
    }
};

template <>
struct tie_fields<37> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36}};
    }
    template <class T>
    static std::array<const char*, 37> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36)};
    }
};

template <>
struct tie_fields<38> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37}};
    }
    template <class T>
    static std::array<const char*, 38> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37)};
    }
};

template <>
struct tie_fields<39> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38}};
    }
    template <class T>
    static std::array<const char*, 39> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38)};
    }
};

template <>
struct tie_fields<40> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39}};
    }
    template <class T>
    static std::array<const char*, 40> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39)};
    }
};

template <>
struct tie_fields<41> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39},
                          field_pointer<std::remove_cvref_t<decltype(m40)>>{&m40}};
    }
    template <class T>
    static std::array<const char*, 41> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39),
                reinterpret_cast<const char*>(&m40)};
    }
};

template <>
struct tie_fields<42> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39},
                          field_pointer<std::remove_cvref_t<decltype(m40)>>{&m40},
                          field_pointer<std::remove_cvref_t<decltype(m41)>>{&m41}};
    }
    template <class T>
    static std::array<const char*, 42> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39),
                reinterpret_cast<const char*>(&m40), reinterpret_cast<const char*>(&m41)};
    }
};

template <>
struct tie_fields<43> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39},
                          field_pointer<std::remove_cvref_t<decltype(m40)>>{&m40},
                          field_pointer<std::remove_cvref_t<decltype(m41)>>{&m41},
                          field_pointer<std::remove_cvref_t<decltype(m42)>>{&m42}};
    }
    template <class T>
    static std::array<const char*, 43> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39),
                reinterpret_cast<const char*>(&m40), reinterpret_cast<const char*>(&m41),
                reinterpret_cast<const char*>(&m42)};
    }
};

template <>
struct tie_fields<44> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39},
                          field_pointer<std::remove_cvref_t<decltype(m40)>>{&m40},
                          field_pointer<std::remove_cvref_t<decltype(m41)>>{&m41},
                          field_pointer<std::remove_cvref_t<decltype(m42)>>{&m42},
                          field_pointer<std::remove_cvref_t<decltype(m43)>>{&m43}};
    }
    template <class T>
    static std::array<const char*, 44> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39),
                reinterpret_cast<const char*>(&m40), reinterpret_cast<const char*>(&m41),
                reinterpret_cast<const char*>(&m42), reinterpret_cast<const char*>(&m43)};
    }
};

template <>
struct tie_fields<45> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39},
                          field_pointer<std::remove_cvref_t<decltype(m40)>>{&m40},
                          field_pointer<std::remove_cvref_t<decltype(m41)>>{&m41},
                          field_pointer<std::remove_cvref_t<decltype(m42)>>{&m42},
                          field_pointer<std::remove_cvref_t<decltype(m43)>>{&m43},
                          field_pointer<std::remove_cvref_t<decltype(m44)>>{&m44}};
    }
    template <class T>
    static std::array<const char*, 45> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39),
                reinterpret_cast<const char*>(&m40), reinterpret_cast<const char*>(&m41),
                reinterpret_cast<const char*>(&m42), reinterpret_cast<const char*>(&m43),
                reinterpret_cast<const char*>(&m44)};
    }
};

template <>
struct tie_fields<46> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39},
                          field_pointer<std::remove_cvref_t<decltype(m40)>>{&m40},
                          field_pointer<std::remove_cvref_t<decltype(m41)>>{&m41},
                          field_pointer<std::remove_cvref_t<decltype(m42)>>{&m42},
                          field_pointer<std::remove_cvref_t<decltype(m43)>>{&m43},
                          field_pointer<std::remove_cvref_t<decltype(m44)>>{&m44},
                          field_pointer<std::remove_cvref_t<decltype(m45)>>{&m45}};
    }
    template <class T>
    static std::array<const char*, 46> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39),
                reinterpret_cast<const char*>(&m40), reinterpret_cast<const char*>(&m41),
                reinterpret_cast<const char*>(&m42), reinterpret_cast<const char*>(&m43),
                reinterpret_cast<const char*>(&m44), reinterpret_cast<const char*>(&m45)};
    }
};

template <>
struct tie_fields<47> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39},
                          field_pointer<std::remove_cvref_t<decltype(m40)>>{&m40},
                          field_pointer<std::remove_cvref_t<decltype(m41)>>{&m41},
                          field_pointer<std::remove_cvref_t<decltype(m42)>>{&m42},
                          field_pointer<std::remove_cvref_t<decltype(m43)>>{&m43},
                          field_pointer<std::remove_cvref_t<decltype(m44)>>{&m44},
                          field_pointer<std::remove_cvref_t<decltype(m45)>>{&m45},
                          field_pointer<std::remove_cvref_t<decltype(m46)>>{&m46}};
    }
    template <class T>
    static std::array<const char*, 47> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39),
                reinterpret_cast<const char*>(&m40), reinterpret_cast<const char*>(&m41),
                reinterpret_cast<const char*>(&m42), reinterpret_cast<const char*>(&m43),
                reinterpret_cast<const char*>(&m44), reinterpret_cast<const char*>(&m45),
                reinterpret_cast<const char*>(&m46)};
    }
};

template <>
struct tie_fields<48> {
    template <class T>
    static constexpr auto pointers(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47] = object;
        return std::tuple{field_pointer<std::remove_cvref_t<decltype(m0)>>{&m0},
                          field_pointer<std::remove_cvref_t<decltype(m1)>>{&m1},
                          field_pointer<std::remove_cvref_t<decltype(m2)>>{&m2},
                          field_pointer<std::remove_cvref_t<decltype(m3)>>{&m3},
                          field_pointer<std::remove_cvref_t<decltype(m4)>>{&m4},
                          field_pointer<std::remove_cvref_t<decltype(m5)>>{&m5},
                          field_pointer<std::remove_cvref_t<decltype(m6)>>{&m6},
                          field_pointer<std::remove_cvref_t<decltype(m7)>>{&m7},
                          field_pointer<std::remove_cvref_t<decltype(m8)>>{&m8},
                          field_pointer<std::remove_cvref_t<decltype(m9)>>{&m9},
                          field_pointer<std::remove_cvref_t<decltype(m10)>>{&m10},
                          field_pointer<std::remove_cvref_t<decltype(m11)>>{&m11},
                          field_pointer<std::remove_cvref_t<decltype(m12)>>{&m12},
                          field_pointer<std::remove_cvref_t<decltype(m13)>>{&m13},
                          field_pointer<std::remove_cvref_t<decltype(m14)>>{&m14},
                          field_pointer<std::remove_cvref_t<decltype(m15)>>{&m15},
                          field_pointer<std::remove_cvref_t<decltype(m16)>>{&m16},
                          field_pointer<std::remove_cvref_t<decltype(m17)>>{&m17},
                          field_pointer<std::remove_cvref_t<decltype(m18)>>{&m18},
                          field_pointer<std::remove_cvref_t<decltype(m19)>>{&m19},
                          field_pointer<std::remove_cvref_t<decltype(m20)>>{&m20},
                          field_pointer<std::remove_cvref_t<decltype(m21)>>{&m21},
                          field_pointer<std::remove_cvref_t<decltype(m22)>>{&m22},
                          field_pointer<std::remove_cvref_t<decltype(m23)>>{&m23},
                          field_pointer<std::remove_cvref_t<decltype(m24)>>{&m24},
                          field_pointer<std::remove_cvref_t<decltype(m25)>>{&m25},
                          field_pointer<std::remove_cvref_t<decltype(m26)>>{&m26},
                          field_pointer<std::remove_cvref_t<decltype(m27)>>{&m27},
                          field_pointer<std::remove_cvref_t<decltype(m28)>>{&m28},
                          field_pointer<std::remove_cvref_t<decltype(m29)>>{&m29},
                          field_pointer<std::remove_cvref_t<decltype(m30)>>{&m30},
                          field_pointer<std::remove_cvref_t<decltype(m31)>>{&m31},
                          field_pointer<std::remove_cvref_t<decltype(m32)>>{&m32},
                          field_pointer<std::remove_cvref_t<decltype(m33)>>{&m33},
                          field_pointer<std::remove_cvref_t<decltype(m34)>>{&m34},
                          field_pointer<std::remove_cvref_t<decltype(m35)>>{&m35},
                          field_pointer<std::remove_cvref_t<decltype(m36)>>{&m36},
                          field_pointer<std::remove_cvref_t<decltype(m37)>>{&m37},
                          field_pointer<std::remove_cvref_t<decltype(m38)>>{&m38},
                          field_pointer<std::remove_cvref_t<decltype(m39)>>{&m39},
                          field_pointer<std::remove_cvref_t<decltype(m40)>>{&m40},
                          field_pointer<std::remove_cvref_t<decltype(m41)>>{&m41},
                          field_pointer<std::remove_cvref_t<decltype(m42)>>{&m42},
                          field_pointer<std::remove_cvref_t<decltype(m43)>>{&m43},
                          field_pointer<std::remove_cvref_t<decltype(m44)>>{&m44},
                          field_pointer<std::remove_cvref_t<decltype(m45)>>{&m45},
                          field_pointer<std::remove_cvref_t<decltype(m46)>>{&m46},
                          field_pointer<std::remove_cvref_t<decltype(m47)>>{&m47}};
    }
    template <class T>
    static std::array<const char*, 48> addresses(const T& object) {
        const auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17,
                     m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33,
                     m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47] = object;
        return {reinterpret_cast<const char*>(&m0),  reinterpret_cast<const char*>(&m1),
                reinterpret_cast<const char*>(&m2),  reinterpret_cast<const char*>(&m3),
                reinterpret_cast<const char*>(&m4),  reinterpret_cast<const char*>(&m5),
                reinterpret_cast<const char*>(&m6),  reinterpret_cast<const char*>(&m7),
                reinterpret_cast<const char*>(&m8),  reinterpret_cast<const char*>(&m9),
                reinterpret_cast<const char*>(&m10), reinterpret_cast<const char*>(&m11),
                reinterpret_cast<const char*>(&m12), reinterpret_cast<const char*>(&m13),
                reinterpret_cast<const char*>(&m14), reinterpret_cast<const char*>(&m15),
                reinterpret_cast<const char*>(&m16), reinterpret_cast<const char*>(&m17),
                reinterpret_cast<const char*>(&m18), reinterpret_cast<const char*>(&m19),
                reinterpret_cast<const char*>(&m20), reinterpret_cast<const char*>(&m21),
                reinterpret_cast<const char*>(&m22), reinterpret_cast<const char*>(&m23),
                reinterpret_cast<const char*>(&m24), reinterpret_cast<const char*>(&m25),
                reinterpret_cast<const char*>(&m26), reinterpret_cast<const char*>(&m27),
                reinterpret_cast<const char*>(&m28), reinterpret_cast<const char*>(&m29),
                reinterpret_cast<const char*>(&m30), reinterpret_cast<const char*>(&m31),
                reinterpret_cast<const char*>(&m32), reinterpret_cast<const char*>(&m33),
                reinterpret_cast<const char*>(&m34), reinterpret_cast<const char*>(&m35),
                reinterpret_cast<const char*>(&m36), reinterpret_cast<const char*>(&m37),
                reinterpret_cast<const char*>(&m38), reinterpret_cast<const char*>(&m39),
                reinterpret_cast<const char*>(&m40), reinterpret_cast<const char*>(&m41),
                reinterpret_cast<const char*>(&m42), reinterpret_cast<const char*>(&m43),
                reinterpret_cast<const char*>(&m44), reinterpret_cast<const char*>(&m45),
                reinterpret_cast<const char*>(&m46), reinterpret_cast<const char*>(&m47)};
    }
};

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
