// What a service exposes at GET /metrics, in Prometheus' text exposition format: requests by
// route and status with their durations, every SQL statement's durations (fed by the engine's
// after_execute hook, see statement_timing.hpp), and the engine's pool counters.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <retort/engine/engine.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace web_service {

class Metrics {
  public:
    /// `prefix` names the request metrics: "blog" gives blog_requests_total and
    /// blog_request_duration_seconds.
    explicit Metrics(std::string prefix) : prefix_(std::move(prefix)) {}

    /// One request served: its route pattern ("GET /posts/{id}"), status and duration.
    void record(const std::string& route, int status, double seconds);
    /// One request refused before it reached a route (no such route, a body over the limit):
    /// counted under route="unrouted", with no duration.
    void record_unrouted(int status);
    /// One statement executed, by its SQL text. Statements are told apart by a short hash of
    /// the text (the `statement` label); retort_statement_info maps each hash to its SQL. Past
    /// max_statements distinct texts, the rest are counted together under statement="other".
    void record_statement(std::string_view sql, double seconds);
    /// Everything, as Prometheus reads it; the engine's statistics add each statement's
    /// slowest run since start.
    std::string exposition(const retort::Engine& engine) const;

    static constexpr std::size_t max_statements = 500;

  private:
    static constexpr std::array<double, 12> bounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                   0.01,   0.025,   0.05,   0.1,   0.25,   1.0};
    struct Durations {
        std::array<std::uint64_t, bounds.size()> buckets{};  // cumulative at exposition
        std::uint64_t count = 0;
        double sum = 0;
        void add(double seconds);
    };
    struct Statement {
        std::string id;  ///< the label: a hash of the SQL
        Durations durations;
    };
    static void histogram(std::string& out, const std::string& name, const std::string& labels,
                          const Durations& d);
    void statements_exposition(std::string& out,
                               const std::vector<retort::StatementStats>& engine_statistics) const;

    std::string prefix_;
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Durations> durations_;
    std::map<std::string, Statement, std::less<>> statements_;
};

/// `text` as a Prometheus label value: backslash, double quote and newline escaped.
std::string label_value(std::string_view text);

}  // namespace web_service
