#include "retort/engine/events.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <mutex>

namespace retort {

namespace {
std::mutex sink_mutex;
LogSink& default_sink() {
    static LogSink sink;
    return sink;
}
std::string_view level_name(LogLevel level) {
    switch (level) {
        case LogLevel::debug:
            return "DEBUG";
        case LogLevel::info:
            return "INFO";
        case LogLevel::warning:
            return "WARNING";
        case LogLevel::error:
            return "ERROR";
    }
    return "";
}
}  // namespace

void set_default_log_sink(LogSink sink) {
    std::lock_guard lock(sink_mutex);
    default_sink() = std::move(sink);
}

namespace {
void write_log(const LogSink& sink, const LogRecord& record) {
    if (sink) {
        sink(record);
        return;
    }
    LogSink fallback;
    {
        std::lock_guard lock(sink_mutex);
        fallback = default_sink();
    }
    if (fallback) {
        fallback(record);
        return;
    }
    std::string line =
        fmt::format("{} {} {}\n", level_name(record.level), record.logger, record.message);
    std::fwrite(line.data(), 1, line.size(), stderr);
}
}  // namespace

void emit_log(const LogSink& sink, LogLevel level, std::string_view logger,
              std::string_view message) noexcept {
    // Logging runs on paths that must not throw (destructors, the pool's check-in, libpq's
    // notice callback): a sink that throws loses its record, nothing else.
    try {
        write_log(sink, LogRecord{level, logger, message});
    } catch (...) {
    }
}

}  // namespace retort
