// Where a request's time goes: every statement the engine runs is timed (its after_execute
// hook), counted into the service's metrics, and added to the request being served on that
// thread, which reports it in its Server-Timing header. A statement slower than a threshold is
// kept, with its parameters, so that its plan can be logged after the request.
#pragma once

#include <chrono>
#include <optional>
#include <retort/engine/connection.hpp>
#include <retort/engine/engine.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.hpp"

namespace web_service {

/// A statement that took longer than the threshold.
struct SlowStatement {
    std::string sql;
    std::vector<retort::Value> params;  ///< empty when any was secret: it cannot be explained
    bool has_secret = false;
    double seconds = 0;
};

/// The time of one request, kept by the thread that serves it from construction to
/// destruction. Requests are served one per thread at a time, so a thread-local suffices.
class RequestTiming {
  public:
    RequestTiming();
    ~RequestTiming();
    RequestTiming(const RequestTiming&) = delete;
    RequestTiming& operator=(const RequestTiming&) = delete;

    /// The request being timed on this thread, if any.
    static RequestTiming* current() noexcept;

    double elapsed_seconds() const;
    double database_seconds() const noexcept { return database_seconds_; }
    int statements() const noexcept { return statements_; }
    std::vector<SlowStatement>& slow_statements() noexcept { return slow_; }

    /// `Server-Timing: db;dur=1.9;desc="4 statements", total;dur=3.2` (milliseconds).
    std::string server_timing() const;

  private:
    friend void observe_statements(const retort::Engine&, Metrics&,
                                   std::optional<std::chrono::milliseconds>);
    std::chrono::steady_clock::time_point start_;
    double database_seconds_ = 0;
    int statements_ = 0;
    std::vector<SlowStatement> slow_;
    RequestTiming* outer_;
};

/// Times every statement `engine` runs from now on into `metrics` and the current
/// RequestTiming; keeps those slower than `slow` (none when empty). Call it once, before
/// serving.
void observe_statements(const retort::Engine& engine, Metrics& metrics,
                        std::optional<std::chrono::milliseconds> slow);

/// The plan the database chooses for `sql` with `params`: PostgreSQL's EXPLAIN, with
/// ANALYZE and BUFFERS when `analyze` (which runs the statement), SQLite's EXPLAIN QUERY PLAN.
/// One line per plan line. Statements it runs are not timed.
std::string explain(retort::Connection& conn, std::string_view sql,
                    const std::vector<retort::Value>& params, bool analyze);

/// A statement whose plan EXPLAIN can show (a query or data change, not BEGIN or COPY).
bool explainable(std::string_view sql);

}  // namespace web_service
