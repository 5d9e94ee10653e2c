// The one writer of SQL string literals ('O''Brien'), for the few places where a value cannot
// be a parameter: DDL defaults, enum labels. Refuses NUL, which no SQL text can carry.
#pragma once

#include <string>
#include <string_view>

namespace retort::sql {

std::string string_literal(std::string_view text);

}  // namespace retort::sql
