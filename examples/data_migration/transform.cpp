#include "transform.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <vector>

namespace data_migration {

namespace {

using namespace std::chrono;

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The numbers of "2019-03-04 10:20:30" split at any of `separators`; none when a part is not
// a number.
std::optional<std::vector<int>> numbers(std::string_view text, std::string_view separators) {
    std::vector<int> out;
    while (!text.empty()) {
        const auto end = std::min(text.find_first_of(separators), text.size());
        const std::string_view part = text.substr(0, end);
        int value = 0;
        if (!all_digits(part) || part.size() > 4) return std::nullopt;
        std::from_chars(part.data(), part.data() + part.size(), value);
        out.push_back(value);
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return out;
}

std::optional<retort::DateTime> make_datetime(int y, int m, int d, int hh = 0, int mm = 0,
                                              int ss = 0) {
    const year_month_day day{year{y}, month{static_cast<unsigned>(m)},
                             std::chrono::day{static_cast<unsigned>(d)}};
    if (!day.ok() || y < 1970 || y > 2100 || hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    return retort::DateTime(local_days(day) + hours(hh) + minutes(mm) + seconds(ss));
}

// At most `limit` bytes, cut at a character boundary (UTF-8 continuation bytes are 10xxxxxx).
std::string truncate_utf8(std::string text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    return text;
}

}  // namespace

std::optional<std::string> normalize_email(std::string_view text) {
    text = trim(text);
    if (const auto open = text.rfind('<'); open != std::string_view::npos && text.back() == '>')
        text = trim(text.substr(open + 1, text.size() - open - 2));  // "Name <address>"
    const auto at = text.find('@');
    if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos ||
        at == 0 || text.size() > 254)
        return std::nullopt;
    const std::string_view domain = text.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return std::nullopt;
    for (const char c : text)
        if (static_cast<unsigned char>(c) <= ' ' || static_cast<unsigned char>(c) >= 0x7F ||
            c == '<' || c == '>' || c == ',')
            return std::nullopt;
    return ascii_lower(text);
}

std::optional<retort::DateTime> parse_signup(std::string_view text) {
    text = trim(text);
    if (all_digits(text) && text.size() >= 9 && text.size() <= 10) {  // Unix seconds
        std::int64_t epoch = 0;
        std::from_chars(text.data(), text.data() + text.size(), epoch);
        return retort::DateTime(local_seconds(seconds(epoch)));
    }
    const auto parts = numbers(text, "-/ :T");
    if (!parts || (parts->size() != 3 && parts->size() != 5 && parts->size() != 6))
        return std::nullopt;
    const auto& p = *parts;
    const int hh = p.size() > 3 ? p[3] : 0, mm = p.size() > 3 ? p[4] : 0;
    const int ss = p.size() > 5 ? p[5] : 0;
    if (text.size() >= 5 && text[4] != '-' && text[4] != '/' && text[2] == '/')
        return make_datetime(p[2], p[1], p[0], hh, mm, ss);  // 04/03/2019: day first
    if (text.size() >= 5 && (text[4] == '-' || text[4] == '/'))
        return make_datetime(p[0], p[1], p[2], hh, mm, ss);
    return std::nullopt;
}

std::optional<bool> parse_status(std::string_view text) {
    const std::string word = ascii_lower(trim(text));
    for (const char* yes : {"active", "y", "yes", "1", "true"})
        if (word == yes) return true;
    for (const char* no : {"inactive", "disabled", "n", "no", "0", "false"})
        if (word == no) return false;
    return std::nullopt;
}

std::pair<std::optional<std::string>, std::optional<std::string>> split_name(
    std::string_view text) {
    std::vector<std::string> words;
    std::string_view rest = trim(text);
    std::string_view last_name_first;
    if (const auto comma = rest.find(','); comma != std::string_view::npos) {
        last_name_first = trim(rest.substr(0, comma));  // "Lovelace, Ada"
        rest = trim(rest.substr(comma + 1));
    }
    while (!rest.empty()) {
        const auto end = std::min(rest.find_first_of(" \t"), rest.size());
        words.emplace_back(rest.substr(0, end));
        rest = trim(rest.substr(end));
    }
    if (!last_name_first.empty()) {
        std::string first;
        for (const auto& word : words) first += (first.empty() ? "" : " ") + word;
        if (first.empty()) return {std::string(last_name_first), std::nullopt};
        return {truncate_utf8(first, 100), truncate_utf8(std::string(last_name_first), 100)};
    }
    if (words.empty()) return {};
    if (words.size() == 1) return {truncate_utf8(words[0], 100), std::nullopt};
    std::string first;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) first += (i ? " " : "") + words[i];
    return {truncate_utf8(first, 100), truncate_utf8(words.back(), 100)};
}

void Converter::claim(const std::string& email, std::int64_t id, const std::string& username) {
    emails_.emplace(email, id);
    usernames_.insert(ascii_lower(username));
}

std::variant<User, QuarantinedUser> Converter::convert(const LegacyUser& row) {
    auto quarantined = [&](std::string_view reason, std::string detail) {
        return QuarantinedUser{row.id, std::string(reason), std::move(detail)};
    };
    if (!row.email || trim(*row.email).empty())
        return quarantined(missing_email, "the legacy row has no e-mail");
    const auto email = normalize_email(*row.email);
    if (!email) return quarantined(invalid_email, "'" + *row.email + "' is not an address");
    if (const auto taken = emails_.find(*email); taken != emails_.end())
        return quarantined(duplicate_email,
                           *email + " belongs to legacy user " + std::to_string(taken->second));
    if (!row.signup || trim(*row.signup).empty())
        return quarantined(missing_signup, "the legacy row has no signup date");
    const auto created_at = parse_signup(*row.signup);
    if (!created_at) return quarantined(unparseable_signup, "'" + *row.signup + "' is not a date");
    std::optional<bool> active = true;  // the old application's default
    if (row.status && !trim(*row.status).empty()) active = parse_status(*row.status);
    if (!active) return quarantined(unknown_status, "'" + *row.status + "' is not a status");

    User user;
    user.id = row.id;
    user.email = *email;
    user.created_at = *created_at;
    user.is_active = *active;
    std::tie(user.first_name, user.last_name) = split_name(row.full_name.value_or(""));
    if (row.notes) user.profile["notes"] = *row.notes;
    user.profile["legacy_signup"] = *row.signup;
    user.username = unique_username(row, *email, user);
    emails_.emplace(*email, row.id);
    return user;
}

std::string Converter::unique_username(const LegacyUser& row, const std::string& email,
                                       User& user) {
    std::string name(trim(row.username.value_or("")));
    if (name.empty()) {  // none: the e-mail's local part
        name = email.substr(0, email.find('@'));
        user.profile["username_from"] = "email";
    }
    name = truncate_utf8(std::move(name), 40);  // room for a suffix within 60
    std::string unique = name;
    for (int n = 1; usernames_.count(ascii_lower(unique)); ++n)
        unique = name + "_" + std::to_string(row.id) + (n > 1 ? "_" + std::to_string(n) : "");
    if (unique != name) user.profile["renamed_from"] = name;
    usernames_.insert(ascii_lower(unique));
    return unique;
}

}  // namespace data_migration
