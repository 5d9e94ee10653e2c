// Named parameter values for a statement: {{"id", 5}, {"name", "ann"}}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retort/types/traits.hpp"

namespace retort {

/// One named parameter. Any C++ value with a codec converts; wrap a value in secret() to keep
/// it out of logs.
struct Param {
    template <class T>
    Param(std::string_view name, const T& value) : name(name), value(retort::to_value(value)) {}
    template <class T>
    Param(std::string_view name, const Secret<T>& value)
        : name(name), value(retort::to_value(value.value)), secret(true) {}

    std::string name;
    Value value;
    bool secret = false;
};

/// The parameters of one execution.
using Params = std::vector<Param>;

}  // namespace retort
