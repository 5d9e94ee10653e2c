// A JSON document as a SQL value, kept as its text so that no JSON library is imposed.
#pragma once

#include <string>
#include <utility>

namespace retort {

/// SQL JSON / JSONB value holding the document's text. Bind it to a JSON or JSONB column
/// (the server parses and validates it); read one back as its text. A JSON library can be
/// bridged with a value_traits specialisation.
class Json {
  public:
    Json() = default;
    explicit Json(std::string text) : text_(std::move(text)) {}
    const std::string& text() const noexcept { return text_; }
    friend bool operator==(const Json&, const Json&) = default;

  private:
    std::string text_ = "null";
};

}  // namespace retort
