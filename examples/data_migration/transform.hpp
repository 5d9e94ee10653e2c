// Converting legacy rows to the enhanced schema: every rule in one place, without a database,
// so that a dry run, the real run and the tests apply the same ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>

#include "schema.hpp"

namespace data_migration {

// The reasons a row is quarantined: fixed phrases, so that they can be counted.
inline constexpr std::string_view missing_email = "missing email";
inline constexpr std::string_view invalid_email = "invalid email";
inline constexpr std::string_view duplicate_email = "duplicate email";
inline constexpr std::string_view missing_signup = "missing signup date";
inline constexpr std::string_view unparseable_signup = "unparseable signup date";
inline constexpr std::string_view unknown_status = "unknown status";

/// "Ada <ADA@Example.COM> " -> "ada@example.com"; nullopt when it is not an address (no
/// single '@', an empty part, no dot in the domain, spaces, or more than 254 characters).
std::optional<std::string> normalize_email(std::string_view text);
/// "2019-03-04", "2019-03-04 10:20[:30]", "2019/03/04", "04/03/2019" (day first, as the old
/// forms asked) or Unix seconds; nullopt for anything else, or a day the calendar lacks.
std::optional<retort::DateTime> parse_signup(std::string_view text);
/// "active", "y", "yes", "1", "true" -> true; "inactive", "disabled", "n", "no", "0",
/// "false" -> false (any case); nullopt for anything else.
std::optional<bool> parse_status(std::string_view text);
/// "Ada Lovelace" -> {"Ada", "Lovelace"}; "Lovelace, Ada" -> {"Ada", "Lovelace"}; "Ada" ->
/// {"Ada", none}; spaces collapsed; none for an empty name.
std::pair<std::optional<std::string>, std::optional<std::string>> split_name(std::string_view text);

/// Converts legacy rows in id order. E-mails and usernames must be unique in the new table:
/// the first row to claim one keeps it; a later row with the same e-mail is quarantined, and
/// a later one with the same username gets "_<id>" appended (the old name kept in its profile).
class Converter {
  public:
    /// A row converted earlier (read back from the new table when a run resumes).
    void claim(const std::string& email, std::int64_t id, const std::string& username);
    std::variant<User, QuarantinedUser> convert(const LegacyUser& row);

  private:
    std::string unique_username(const LegacyUser& row, const std::string& email, User& user);

    std::unordered_map<std::string, std::int64_t> emails_;
    std::unordered_set<std::string> usernames_;
};

}  // namespace data_migration
