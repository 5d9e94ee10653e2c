#include "metrics.hpp"

#include <fmt/format.h>

namespace blog_api {

void Metrics::record(const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    Durations& d = durations_[route];
    for (std::size_t i = 0; i < bounds.size(); ++i)
        if (seconds <= bounds[i]) {
            ++d.buckets[i];
            break;
        }
    ++d.count;
    d.sum += seconds;
}

void Metrics::record_unrouted(int status) {
    std::lock_guard lock(mutex_);
    ++requests_[{"unrouted", status}];
}

std::string Metrics::exposition(const retort::Engine& engine) const {
    std::string out;
    {
        std::lock_guard lock(mutex_);
        out +=
            "# HELP blog_requests_total Requests served, by route and status.\n"
            "# TYPE blog_requests_total counter\n";
        for (const auto& [key, count] : requests_)
            out += fmt::format("blog_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first,
                               key.second, count);
        out +=
            "# HELP blog_request_duration_seconds Time to serve a request, by route.\n"
            "# TYPE blog_request_duration_seconds histogram\n";
        for (const auto& [route, d] : durations_) {
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < bounds.size(); ++i) {
                cumulative += d.buckets[i];
                out += fmt::format(
                    "blog_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                    bounds[i], cumulative);
            }
            out += fmt::format(
                "blog_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} "
                "{}\nblog_request_duration_seconds_sum{{route=\"{}\"}} {}\n"
                "blog_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                route, d.count, route, d.sum, route, d.count);
        }
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

}  // namespace blog_api
