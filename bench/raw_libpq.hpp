// Pieces of the hand-written libpq references the benchmarks measure against: what a careful
// programmer writes by hand, shared so that every benchmark's reference is the same code.
#pragma once

#include <libpq-fe.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace retort::bench {

/// Runs a statement without parameters; throws with the server's message when it fails.
inline void raw_exec(PGconn* conn, const char* sql) {
    PGresult* r = PQexec(conn, sql);
    const auto status = PQresultStatus(r);
    std::string message = PQerrorMessage(conn);
    PQclear(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(message);
}

/// Appends `text` as one field of COPY's text format: backslash, tab, newline and carriage
/// return escaped.
inline void append_copy_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}

}  // namespace retort::bench
