// A service's settings, and reading them (and path and query numbers) from text.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace web_service {

struct ServiceConfig {
    std::string host = "127.0.0.1";
    int port = 8000;  ///< 0: any free port (bind() says which)
    int threads = 8;  ///< requests served at once
    std::size_t max_body_bytes = 64 * 1024;
    bool log_requests = true;  ///< one line per request on stderr
    /// A statement slower than this is logged after its request, with its plan; none when empty.
    std::optional<std::chrono::milliseconds> slow_statement{};
    /// Where slow statements' reports go (one string each, several lines); empty: stderr.
    std::function<void(const std::string&)> slow_statement_sink{};

    /// Overrides from the environment: HOST, PORT, THREADS, MAX_BODY_BYTES, LOG_REQUESTS (0/1),
    /// SLOW_STATEMENT_MS. Throws std::invalid_argument naming a malformed one.
    void read_environment();
};

/// An environment variable, or `fallback` when unset or empty.
std::string env_string(const char* name, std::string fallback);
/// A positive integer from the environment (at most 1e9); std::invalid_argument naming it
/// when malformed.
int env_positive_int(const char* name, int fallback);
/// A whole number from 1 to 2^63-1 written in plain digits, or nothing.
std::optional<std::int64_t> positive_integer(std::string_view text);

/// Well-formed UTF-8 without NUL: what a database's text can hold.
bool is_text(std::string_view text);

/// The URL a server's engine should use. On SQLite, unless the URL says otherwise:
/// transactions take the write lock when they begin (a request that reads, then writes,
/// beside another writer would otherwise fail with SQLITE_BUSY instead of waiting), and WAL,
/// so that readers never wait for a writer.
std::string server_engine_url(const std::string& url);

}  // namespace web_service
