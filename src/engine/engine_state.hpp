// The shared state behind an Engine handle (private to the engine layer).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "retort/engine/driver.hpp"
#include "retort/engine/events.hpp"
#include "retort/engine/options.hpp"
#include "retort/engine/pool.hpp"
#include "retort/engine/url.hpp"

namespace retort::detail {

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

struct EngineState {
    Url url;
    EngineOptions options;
    std::shared_ptr<Driver> driver;
    std::shared_ptr<Pool> pool;
    EngineEvents events;

    std::mutex stats_mutex;
    std::unordered_map<std::string, StatementStats, StringHash, std::equal_to<>> stats;

    void record(std::string_view sql, std::chrono::nanoseconds elapsed);
};

}  // namespace retort::detail
