// Request counts and durations by route and status, and the engine's pool counters, in
// Prometheus' text exposition format (GET /metrics).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <retort/engine/engine.hpp>
#include <string>
#include <utility>

namespace blog_api {

class Metrics {
  public:
    /// One request served: its route pattern ("GET /posts/{id}"), status and duration.
    void record(const std::string& route, int status, double seconds);
    /// One request refused before it reached a route (no such route, a body over the limit):
    /// counted under route="unrouted", with no duration.
    void record_unrouted(int status);
    /// Everything, as Prometheus reads it.
    std::string exposition(const retort::Engine& engine) const;

  private:
    static constexpr std::array<double, 9> bounds{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                  0.05,  0.1,    0.25,  1.0};
    struct Durations {
        std::array<std::uint64_t, bounds.size()> buckets{};  // cumulative at exposition
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Durations> durations_;
};

}  // namespace blog_api
