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

void emit_log(const LogSink& sink, LogLevel level, std::string_view logger,
              std::string_view message) {
    LogRecord record{level, logger, message};
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
    std::string line = fmt::format("{} {} {}\n", level_name(level), logger, message);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace retort
