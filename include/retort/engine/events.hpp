// Echo logging, execution hooks and per-statement statistics of an Engine.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/types/value.hpp"

namespace retort {

class DriverConnection;

enum class LogLevel { debug, info, warning, error };

/// One log line: `logger` is "retort.engine", "retort.pool", ...
struct LogRecord {
    LogLevel level;
    std::string_view logger;
    std::string_view message;
};

/// Where log records go. The default writes one line per record to stderr.
using LogSink = std::function<void(const LogRecord&)>;

/// Replaces the sink used by engines that were not given one of their own.
void set_default_log_sink(LogSink sink);
/// Sends a record to `sink`, or to the default sink when `sink` is empty. Never throws: an
/// exception from the sink is dropped with its record.
void emit_log(const LogSink& sink, LogLevel level, std::string_view logger,
              std::string_view message) noexcept;

/// One parameter as hooks see it: secret values are present but flagged.
struct ParamView {
    const Value* value;
    bool secret;
};

/// What a statement hook is told.
struct ExecuteInfo {
    std::string_view sql;               ///< as sent to the driver (positional placeholders)
    std::span<const ParamView> params;  ///< empty for executemany and scripts
    std::size_t batch_size = 1;         ///< parameter sets sent (executemany)
    /// In after_execute: the rows the statement inserted, updated or deleted (all its
    /// parameter sets together; COPY: the rows copied), as SQLAlchemy's cursor.rowcount.
    /// -1 for a query, and in before_execute.
    std::int64_t rows_affected = -1;
};

/// Hooks on an Engine, as SQLAlchemy's event.listen. They run on the thread that executes; a
/// hook that throws aborts the operation it observes.
struct EngineEvents {
    std::vector<std::function<void(const ExecuteInfo&)>> before_execute;
    std::vector<std::function<void(const ExecuteInfo&, std::chrono::nanoseconds elapsed)>>
        after_execute;
    /// A new DBAPI-level connection was opened (run session setup here).
    std::vector<std::function<void(DriverConnection&)>> on_connect;
    /// A connection is being handed out by the pool.
    std::vector<std::function<void(DriverConnection&)>> on_checkout;
};

/// Timing of one distinct SQL text on one Engine.
struct StatementStats {
    std::string sql;
    std::uint64_t count = 0;
    std::chrono::nanoseconds total{0};
    std::chrono::nanoseconds max{0};
};

}  // namespace retort
