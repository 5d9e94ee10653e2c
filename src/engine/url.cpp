#include "retort/engine/url.hpp"

#include <fmt/format.h>

#include <charconv>

#include "retort/errors.hpp"
#include "retort/types/hex.hpp"

namespace retort {

namespace {

// `part` names the URL component in the error message; the text itself is not repeated,
// since it may be the password.
std::string percent_decode(std::string_view text, std::string_view part) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        int high = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
        int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
        if (high < 0 || low < 0)
            throw ArgumentError(
                fmt::format("invalid percent-escape in the {} of a database URL", part));
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    std::string out;
    for (char c : text) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out += c;
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

// Query options that carry secrets (libpq keywords), hidden like the password.
bool is_secret_option(std::string_view key) {
    return key == "password" || key == "sslpassword";
}

}  // namespace

Url Url::parse(std::string_view text) {
    Url url;
    std::size_t scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0)
        throw ArgumentError(
            "could not parse a database URL: the scheme is missing (expected e.g. "
            "'postgresql://user:password@host:5432/dbname' or 'sqlite:///file.db')");
    url.drivername = std::string(text.substr(0, scheme_end));
    for (char c : url.drivername) {
        bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!ok)
            throw ArgumentError(
                fmt::format("invalid scheme '{}' in a database URL", url.drivername));
    }
    std::string_view rest = text.substr(scheme_end + 3);

    // The credentials come first, before any '/' or '?' is read as a delimiter: as in
    // SQLAlchemy, the password may hold any character but '@'. A '@' counts only if what
    // precedes it looks like "user[:password]" with no '/' or '?' in the user name.
    if (std::size_t at = rest.find('@'); at != std::string_view::npos) {
        std::string_view credentials = rest.substr(0, at);
        std::size_t colon = credentials.find(':');
        std::string_view user = credentials.substr(0, colon);
        if (user.find_first_of("/?") == std::string_view::npos) {
            url.username = percent_decode(user, "username");
            if (colon != std::string_view::npos)
                url.password = percent_decode(credentials.substr(colon + 1), "password");
            rest = rest.substr(at + 1);
        }
    }

    std::size_t query_start = rest.find('?');
    if (query_start != std::string_view::npos) {
        std::string_view query = rest.substr(query_start + 1);
        rest = rest.substr(0, query_start);
        while (!query.empty()) {
            std::size_t amp = query.find('&');
            std::string_view pair = query.substr(0, amp);
            query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
            if (pair.empty()) continue;
            std::size_t eq = pair.find('=');
            if (eq == std::string_view::npos || eq == 0)
                throw ArgumentError(fmt::format(
                    "invalid query option '{}' in a database URL (expected key=value)", pair));
            url.query.emplace_back(percent_decode(pair.substr(0, eq), "query"),
                                   percent_decode(pair.substr(eq + 1), "query"));
        }
    }

    std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos)
        url.database = percent_decode(rest.substr(slash + 1), "database");

    std::string_view host = authority;
    std::string_view port;
    if (!host.empty() && host.front() == '[') {  // [IPv6]:port
        std::size_t close = host.find(']');
        if (close == std::string_view::npos)
            throw ArgumentError("invalid host in a database URL: '[' without ']'");
        port = host.substr(close + 1);
        host = host.substr(1, close - 1);
        if (!port.empty()) {
            if (port.front() != ':')
                throw ArgumentError(
                    fmt::format("invalid text '{}' after the host in a database URL", port));
            port.remove_prefix(1);
        }
    } else if (std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    // What render() could not write back unambiguously is no host: a ':' outside brackets (a
    // second port), '@', '[' or ']' inside one (found by fuzzing: fuzz/fuzz_url.cpp).
    const bool bracketed = !authority.empty() && authority.front() == '[';
    if (host.find_first_of(bracketed ? "[]@" : ":[]@") != std::string_view::npos)
        throw ArgumentError(fmt::format("invalid host '{}' in a database URL", host));
    if (!host.empty()) url.host = percent_decode(host, "host");
    if (!port.empty()) {
        int value = 0;
        auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || end != port.data() + port.size() || value < 1 || value > 65535)
            throw ArgumentError(
                fmt::format("invalid port '{}' in a database URL (expected 1-65535)", port));
        url.port = value;
    }
    return url;
}

std::string Url::backend() const {
    return drivername.substr(0, drivername.find('+'));
}

std::optional<std::string> Url::option(std::string_view key) const {
    for (const auto& [k, v] : query)
        if (k == key) return v;
    return std::nullopt;
}

std::string Url::render(bool hide_password) const {
    std::string out = drivername + "://";
    if (username) {
        out += percent_encode(*username);
        if (password) out += ':' + (hide_password ? std::string("***") : percent_encode(*password));
        out += '@';
    }
    if (host) {
        if (host->find(':') == std::string::npos) {
            out += percent_encode(*host);
        } else {         // IPv6 in brackets, its colons as they are; the rest encoded like any host
            out += '[';  // (a decoded '@' or ']' written raw would not parse back: fuzzing)
            for (char c : *host)
                out += c == ':' ? std::string(":") : percent_encode(std::string_view(&c, 1));
            out += ']';
        }
    }
    if (port) out += ':' + std::to_string(*port);
    if (!database.empty() || !query.empty()) out += '/';
    // A database path keeps its slashes (sqlite:////abs/path.db).
    for (char c : database)
        out += c == '/' ? std::string("/") : percent_encode(std::string_view(&c, 1));
    for (std::size_t i = 0; i < query.size(); ++i)
        out +=
            (i == 0 ? '?' : '&') + percent_encode(query[i].first) + '=' +
            (hide_password && is_secret_option(query[i].first) ? std::string("***")
                                                               : percent_encode(query[i].second));
    return out;
}

}  // namespace retort
