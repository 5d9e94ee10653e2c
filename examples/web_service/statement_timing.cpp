#include "statement_timing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace web_service {

namespace {

thread_local RequestTiming* current_timing = nullptr;
// Set while explain() runs, so that its own statements are neither timed nor kept as slow.
thread_local bool explaining = false;

std::string_view first_word(std::string_view sql) {
    const auto start = sql.find_first_not_of(" \t\r\n(");
    if (start == std::string_view::npos) return {};
    sql.remove_prefix(start);
    return sql.substr(0, std::min(sql.find_first_of(" \t\r\n("), sql.size()));
}

bool same_word(std::string_view word, std::string_view keyword) {
    return word.size() == keyword.size() &&
           std::equal(word.begin(), word.end(), keyword.begin(), [](char a, char b) {
               return std::toupper(static_cast<unsigned char>(a)) == b;
           });
}

}  // namespace

RequestTiming::RequestTiming() : start_(std::chrono::steady_clock::now()), outer_(current_timing) {
    current_timing = this;
}

RequestTiming::~RequestTiming() {
    current_timing = outer_;
}

RequestTiming* RequestTiming::current() noexcept {
    return current_timing;
}

double RequestTiming::elapsed_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::string RequestTiming::server_timing() const {
    return fmt::format("db;dur={:.3f};desc=\"{} statement{}\", total;dur={:.3f}",
                       database_seconds_ * 1000, statements_, statements_ == 1 ? "" : "s",
                       elapsed_seconds() * 1000);
}

void observe_statements(const retort::Engine& engine, std::shared_ptr<Metrics> metrics,
                        std::optional<std::chrono::milliseconds> slow) {
    engine.events().after_execute.push_back(
        [metrics, slow](const retort::ExecuteInfo& info, std::chrono::nanoseconds elapsed) {
            if (explaining) return;
            const double seconds = std::chrono::duration<double>(elapsed).count();
            metrics->record_statement(info.sql, seconds);
            RequestTiming* timing = current_timing;
            if (timing == nullptr) return;
            timing->database_seconds_ += seconds;
            ++timing->statements_;
            if (!slow || elapsed < *slow) return;
            SlowStatement kept{std::string(info.sql), {}, false, seconds};
            for (const retort::ParamView& param : info.params) {
                kept.has_secret = kept.has_secret || param.secret;
                kept.params.push_back(*param.value);
            }
            if (kept.has_secret) kept.params.clear();
            timing->slow_.push_back(std::move(kept));
        });
}

bool explainable(std::string_view sql) {
    const std::string_view word = first_word(sql);
    for (const std::string_view keyword :
         {"SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "VALUES"})
        if (same_word(word, keyword)) return true;
    return false;
}

std::string explain(retort::Connection& conn, std::string_view sql,
                    const std::vector<retort::Value>& params, bool analyze) {
    const bool postgresql = conn.dialect_name() == "postgresql";
    const std::string prefix = !postgresql ? "EXPLAIN QUERY PLAN "
                               : analyze   ? "EXPLAIN (ANALYZE, BUFFERS) "
                                           : "EXPLAIN ";
    explaining = true;
    struct Reset {
        ~Reset() { explaining = false; }
    } reset;
    retort::Result result = conn.exec_driver_sql(prefix + std::string(sql), params);
    std::string plan;
    for (const retort::Row& row : result.all()) {
        // PostgreSQL: one column, a line of the plan; SQLite: id, parent, notused, detail.
        plan += row.to_string(row.size() - 1);
        plan += '\n';
    }
    return plan;
}

SlowStatementLog::SlowStatementLog(retort::Engine engine,
                                   std::function<void(const std::string&)> sink, bool enabled)
    : engine_(std::move(engine)), sink_(std::move(sink)) {
    if (!sink_) sink_ = [](const std::string& report) { std::fputs(report.c_str(), stderr); };
    if (enabled) worker_ = std::thread([this] { run(); });
}

SlowStatementLog::~SlowStatementLog() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (worker_.joinable()) worker_.join();
}

void SlowStatementLog::add(const std::string& request_id, std::vector<SlowStatement> statements) {
    if (statements.empty() || !worker_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        for (SlowStatement& statement : statements)
            queue_.push_back({request_id, std::move(statement), queue_.size() < max_queued});
    }
    wake_.notify_one();
}

void SlowStatementLog::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and everything reported
        Entry entry = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        sink_(report(entry));
        lock.lock();
    }
}

std::string SlowStatementLog::report(const Entry& entry) {
    const SlowStatement& slow = entry.statement;
    std::string plan = "(not explained: ";
    if (!entry.explain)
        plan += "too many slow statements waiting)\n";
    else if (slow.has_secret)
        plan += "a parameter is secret)\n";
    else if (!explainable(slow.sql))
        plan += "not a query)\n";
    else
        try {
            retort::Connection conn = engine_.connect();
            plan = explain(conn, slow.sql, slow.params, false);
        } catch (const std::exception& error) {
            // A temporary table of the request's own transaction, for one, is not there.
            plan += std::string(error.what()) + ")\n";
        }
    return fmt::format("[{}] slow statement, {:.1f} ms: {}\nplan:\n{}", entry.request_id,
                       slow.seconds * 1000, slow.sql, plan);
}

}  // namespace web_service
