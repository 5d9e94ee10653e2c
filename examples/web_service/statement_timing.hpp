// Where a request's time goes: every statement the engine runs is timed (its after_execute
// hook), counted into the service's metrics, and added to the request being served on that
// thread, which reports it in its Server-Timing header. A statement slower than a threshold is
// kept, with its parameters, so that its plan can be logged beside the request.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <retort/engine/connection.hpp>
#include <retort/engine/engine.hpp>
#include <string>
#include <string_view>
#include <thread>
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
    friend void observe_statements(const retort::Engine&, std::shared_ptr<Metrics>,
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
void observe_statements(const retort::Engine& engine, std::shared_ptr<Metrics> metrics,
                        std::optional<std::chrono::milliseconds> slow);

/// Explains and reports slow statements on a thread of its own, so that no request waits for
/// plans: each report is the statement's time, its SQL and its plan (EXPLAIN, on a connection
/// of its own; never a parameter's value). At most max_queued wait; past that a statement is
/// reported without its plan.
class SlowStatementLog {
  public:
    /// `sink` receives each report; empty: stderr. Starts no thread unless `enabled`.
    SlowStatementLog(retort::Engine engine, std::function<void(const std::string&)> sink,
                     bool enabled);
    /// Reports what is queued, then stops.
    ~SlowStatementLog();
    SlowStatementLog(const SlowStatementLog&) = delete;
    SlowStatementLog& operator=(const SlowStatementLog&) = delete;

    void add(const std::string& request_id, std::vector<SlowStatement> statements);

    static constexpr std::size_t max_queued = 100;

  private:
    struct Entry {
        std::string request_id;
        SlowStatement statement;
        bool explain = true;
    };
    void run();
    std::string report(const Entry& entry);

    retort::Engine engine_;
    std::function<void(const std::string&)> sink_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Entry> queue_;
    bool stopping_ = false;
    std::thread worker_;
};

/// The plan the database chooses for `sql` with `params`: PostgreSQL's EXPLAIN, with
/// ANALYZE and BUFFERS when `analyze` (which runs the statement), SQLite's EXPLAIN QUERY PLAN.
/// One line per plan line. Statements it runs are not timed.
std::string explain(retort::Connection& conn, std::string_view sql,
                    const std::vector<retort::Value>& params, bool analyze);

/// A statement whose plan EXPLAIN can show (a query or data change, not BEGIN or COPY).
bool explainable(std::string_view sql);

}  // namespace web_service
