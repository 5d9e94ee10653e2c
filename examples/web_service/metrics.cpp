#include "metrics.hpp"

#include <fmt/format.h>

namespace web_service {

namespace {

// FNV-1a, 64 bits: a short, stable label for a statement's text, unlikely to collide among
// the few hundred statements an application runs.
std::string statement_id(std::string_view sql) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : sql) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return fmt::format("{:016x}", hash);
}

}  // namespace

std::string label_value(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

void Metrics::Durations::add(double seconds) {
    for (std::size_t i = 0; i < bounds.size(); ++i)
        if (seconds <= bounds[i]) {
            ++buckets[i];
            break;
        }
    ++count;
    sum += seconds;
}

void Metrics::record(const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    durations_[route].add(seconds);
}

void Metrics::record_unrouted(int status) {
    std::lock_guard lock(mutex_);
    ++requests_[{"unrouted", status}];
}

void Metrics::record_statement(std::string_view sql, double seconds) {
    std::lock_guard lock(mutex_);
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
        const bool full = statements_.size() >= max_statements;
        const std::string key = full ? std::string("other") : std::string(sql);
        found = statements_.try_emplace(key, Statement{full ? key : statement_id(sql), {}}).first;
    }
    found->second.durations.add(seconds);
}

void Metrics::histogram(std::string& out, const std::string& name, const std::string& labels,
                        const Durations& d) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += d.buckets[i];
        out += fmt::format("{}_bucket{{{},le=\"{}\"}} {}\n", name, labels, bounds[i], cumulative);
    }
    out +=
        fmt::format("{0}_bucket{{{1},le=\"+Inf\"}} {2}\n{0}_sum{{{1}}} {3}\n{0}_count{{{1}}} {2}\n",
                    name, labels, d.count, d.sum);
}

void Metrics::statements_exposition(
    std::string& out, const std::vector<retort::StatementStats>& engine_statistics) const {
    out +=
        "# HELP retort_statement_duration_seconds Time to run a SQL statement, by statement.\n"
        "# TYPE retort_statement_duration_seconds histogram\n";
    for (const auto& [sql, statement] : statements_)
        histogram(out, "retort_statement_duration_seconds",
                  fmt::format("statement=\"{}\"", statement.id), statement.durations);
    out +=
        "# HELP retort_statement_info The SQL text of each statement label.\n"
        "# TYPE retort_statement_info gauge\n";
    for (const auto& [sql, statement] : statements_)
        out += fmt::format("retort_statement_info{{statement=\"{}\",sql=\"{}\"}} 1\n", statement.id,
                           label_value(sql));
    out +=
        "# HELP retort_statement_max_seconds The slowest run of each statement (the engine's "
        "statistics).\n# TYPE retort_statement_max_seconds gauge\n";
    for (const retort::StatementStats& stats : engine_statistics) {
        const auto found = statements_.find(stats.sql);
        if (found == statements_.end()) continue;
        out += fmt::format("retort_statement_max_seconds{{statement=\"{}\"}} {}\n",
                           found->second.id, std::chrono::duration<double>(stats.max).count());
    }
}

std::string Metrics::exposition(const retort::Engine& engine) const {
    // Read before taking this lock, so that the engine's lock is never taken inside it.
    const std::vector<retort::StatementStats> engine_statistics = engine.statistics();
    std::string out;
    {
        std::lock_guard lock(mutex_);
        out += fmt::format(
            "# HELP {0}_requests_total Requests served, by route and status.\n"
            "# TYPE {0}_requests_total counter\n",
            prefix_);
        for (const auto& [key, count] : requests_)
            out += fmt::format("{}_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", prefix_,
                               label_value(key.first), key.second, count);
        out += fmt::format(
            "# HELP {0}_request_duration_seconds Time to serve a request, by route.\n"
            "# TYPE {0}_request_duration_seconds histogram\n",
            prefix_);
        for (const auto& [route, d] : durations_)
            histogram(out, prefix_ + "_request_duration_seconds",
                      fmt::format("route=\"{}\"", label_value(route)), d);
        statements_exposition(out, engine_statistics);
    }
    const retort::PoolStatus pool = engine.pool_status();
    out += fmt::format(
        "# HELP retort_pool_connections Database connections, by state.\n"
        "# TYPE retort_pool_connections gauge\n"
        "retort_pool_connections{{state=\"idle\"}} {}\n"
        "retort_pool_connections{{state=\"checked_out\"}} {}\n"
        "# HELP retort_pool_checkouts_total Connections taken from the pool.\n"
        "# TYPE retort_pool_checkouts_total counter\nretort_pool_checkouts_total {}\n"
        "# HELP retort_pool_waits_total Checkouts that waited for a connection.\n"
        "# TYPE retort_pool_waits_total counter\nretort_pool_waits_total {}\n"
        "# HELP retort_pool_timeouts_total Checkouts that gave up waiting.\n"
        "# TYPE retort_pool_timeouts_total counter\nretort_pool_timeouts_total {}\n",
        pool.idle, pool.checked_out, pool.checkouts, pool.waits, pool.timeouts);
    return out;
}

}  // namespace web_service
