#include "legacy_data.hpp"

#include <array>
#include <random>
#include <string>

namespace data_migration {

namespace {

constexpr std::array first_names{"Ada",   "Alan", "Grace",  "Edsger", "Barbara", "Donald",
                                 "José",  "Zoë",  "Łukasz", "美咲",   "Søren",   "Margaret",
                                 "Linus", "Ken",  "Radia",  "Frances"};
constexpr std::array last_names{
    "Lovelace", "Turing", "Hopper",      "Dijkstra", "Liskov",   "Knuth",    "Núñez",   "Müller",
    "Kowalski", "佐藤",   "Kierkegaard", "Hamilton", "Torvalds", "Thompson", "Perlman", "Allen"};
constexpr std::array domains{"example.com", "mail.example.org", "corp.example.net"};

// Picks with `percent` chance.
bool chance(std::mt19937_64& random, int percent) {
    return static_cast<int>(random() % 100) < percent;
}

template <class Array>
std::string pick(const Array& items, std::uint64_t n) {
    return items[n % items.size()];
}

// The clean identity of person `n`: every legacy e-mail derives from one, so a duplicate is a
// row naming an earlier row's person.
std::string person_email(std::int64_t n) {
    const auto u = static_cast<std::uint64_t>(n);
    return "user" + std::to_string(n) + "." + std::to_string(u * 7919 % 1000) + "@" +
           pick(domains, u / 3);
}

std::string two_digits(unsigned value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

std::optional<std::string> signup_text(std::mt19937_64& random) {
    const unsigned y = 2005 + static_cast<unsigned>(random() % 19);
    const unsigned m = 1 + static_cast<unsigned>(random() % 12);
    const unsigned d = 1 + static_cast<unsigned>(random() % 28);
    const int kind = static_cast<int>(random() % 100);
    const std::string iso = std::to_string(y) + "-" + two_digits(m) + "-" + two_digits(d);
    if (kind < 66) return iso;
    if (kind < 76)
        return iso + " " + two_digits(static_cast<unsigned>(random() % 24)) + ":" +
               two_digits(static_cast<unsigned>(random() % 60)) + ":07";
    if (kind < 82) return two_digits(d) + "/" + two_digits(m) + "/" + std::to_string(y);
    if (kind < 86) return std::to_string(1100000000 + random() % 600000000);  // Unix seconds
    if (kind < 88) return std::to_string(y) + "-02-30";                       // no such day
    if (kind < 90) return kind % 2 ? "last tuesday" : "n/a";
    if (kind < 93) return std::nullopt;
    return " " + iso + " ";
}

std::optional<std::string> status_text(std::mt19937_64& random) {
    const int kind = static_cast<int>(random() % 100);
    if (kind < 60) return "active";
    if (kind < 70) return "inactive";
    if (kind < 86) {
        constexpr std::array words{"Y", "N", "1", "0", "TRUE", "false", "yes", "Disabled"};
        return pick(words, random());
    }
    if (kind < 98) return std::nullopt;
    return "banned?";
}

}  // namespace

LegacyUser legacy_row(std::int64_t id) {
    std::mt19937_64 random(static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ULL);
    LegacyUser row;
    row.id = id;
    const std::string first = pick(first_names, random()), last = pick(last_names, random());

    const int name_kind = static_cast<int>(random() % 100);
    if (name_kind < 70)
        row.full_name = first + " " + last;
    else if (name_kind < 82)
        row.full_name = last + ", " + first;
    else if (name_kind < 90)
        row.full_name = "  " + first + "   " + last + " ";
    else if (name_kind < 95)
        row.full_name = first;

    const int user_kind = static_cast<int>(random() % 100);
    if (user_kind < 85)
        row.username = "user" + std::to_string(id);
    else if (user_kind < 92)
        row.username = pick(first_names, random()) + std::string("_fan");
    else if (user_kind < 96)
        row.username = first + last;

    const int email_kind = static_cast<int>(random() % 100);
    const std::int64_t person =
        email_kind < 4 && id > 5 ? id - 1 - static_cast<std::int64_t>(random() % 5) : id;
    std::string email = person_email(person);
    if (email_kind < 4)
        row.email = email;  // an earlier row's person again
    else if (email_kind < 76)
        row.email = email;
    else if (email_kind < 84) {
        for (char& c : email)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        row.email = "  " + email + " ";
    } else if (email_kind < 90)
        row.email = first + " " + last + " <" + email + ">";
    else if (email_kind < 93)
        row.email = "user" + std::to_string(id) + " at example.com";
    else if (email_kind < 95)
        row.email = "user" + std::to_string(id) + "@localhost";
    else if (email_kind < 97)
        row.email = "";

    row.signup = signup_text(random);
    row.status = status_text(random);
    if (chance(random, 30))
        row.notes = "called on " + std::to_string(random() % 28 + 1) +
                    "/3:\t\"prefers e-mail\"\nC:\\users\\" + first;
    return row;
}

}  // namespace data_migration
