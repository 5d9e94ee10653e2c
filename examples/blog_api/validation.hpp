// Reading and checking a JSON request body: each field's type, presence and length, and the
// shape of e-mails and usernames. Every problem is collected, so that one 422 names them all.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <web_service/config.hpp>

namespace blog_api {

/// Limits on a text field, in characters (UTF-8 code points).
struct Length {
    std::size_t min = 0;
    std::size_t max = 0;
};

class Fields {
  public:
    /// The body of a request, which must be a JSON object (422 otherwise).
    explicit Fields(const nlohmann::json& body);

    std::optional<std::string> text(const char* name, Length length, bool required);
    std::optional<bool> boolean(const char* name, bool required);
    /// A list of short strings (tag names): at most `count` of them, each within `each`.
    std::optional<std::vector<std::string>> texts(const char* name, std::size_t count, Length each);
    /// A problem found beyond the types: a bad e-mail shape, a username's characters.
    void invalid(const char* name, std::string problem);

    /// Throws ApiError 422 listing every problem found, if any; also refuses fields the
    /// endpoint does not take (a typo would otherwise be ignored silently).
    void check() const;

  private:
    const nlohmann::json* body_;
    std::vector<std::string> known_;
    std::map<std::string, std::string> problems_;
};

/// "a@b.c": one '@', something before it, a dot in what follows, no spaces or controls.
bool is_email_shape(std::string_view text);
/// Letters, digits, '_', '.', '-' (ASCII), starting with a letter or digit.
bool is_username_shape(std::string_view text);
/// A positive integer from a query string or a path ("12"); none otherwise.
using web_service::positive_integer;

}  // namespace blog_api
