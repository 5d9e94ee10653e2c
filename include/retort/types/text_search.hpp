// PostgreSQL full-text search values: a tsvector (a document's lexemes) and a tsquery.
// Both travel as their text form; the server parses them where a column or function expects one.
#pragma once

#include <string>
#include <utility>

#include "retort/types/traits.hpp"

namespace retort {

/// A tsvector as PostgreSQL prints it: "'fox':2 'quick':1".
class TsVector {
  public:
    TsVector() = default;
    explicit TsVector(std::string text) : text_(std::move(text)) {}
    const std::string& text() const noexcept { return text_; }
    friend bool operator==(const TsVector&, const TsVector&) = default;

  private:
    std::string text_;
};

/// A tsquery as PostgreSQL prints it: "'quick' & 'fox'".
class TsQuery {
  public:
    TsQuery() = default;
    explicit TsQuery(std::string text) : text_(std::move(text)) {}
    const std::string& text() const noexcept { return text_; }
    friend bool operator==(const TsQuery&, const TsQuery&) = default;

  private:
    std::string text_;
};

template <class T>
requires(std::is_same_v<T, TsVector> || std::is_same_v<T, TsQuery>) struct value_traits<T> {
    static Value to_value(const T& value) { return value.text(); }
    static T from_field(const Field& field) { return T(detail::field_to_string(field)); }
};

}  // namespace retort
