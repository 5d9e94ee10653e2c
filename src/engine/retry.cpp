#include "retort/engine/retry.hpp"

#include <algorithm>
#include <random>
#include <thread>

namespace retort::detail {

bool worth_retrying(const DatabaseError& error) noexcept {
    if (dynamic_cast<const CommitOutcomeUnknown*>(&error) != nullptr) return false;
    return error.is_retryable() || error.is_disconnect();
}

void retry_transaction(const std::function<void()>& attempt, const RetryOptions& options) {
    if (options.max_attempts < 1)
        throw ArgumentError("run_transaction(): max_attempts must be at least 1");
    thread_local std::minstd_rand random(std::random_device{}());
    auto wait = options.backoff;
    for (int number = 1;; ++number) {
        try {
            attempt();
            return;
        } catch (const DatabaseError& error) {
            if (number >= options.max_attempts || !worth_retrying(error)) throw;
            if (options.on_retry) options.on_retry(number, error);
        }
        const auto count = std::max<std::chrono::milliseconds::rep>(wait.count(), 0);
        std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(count / 2, count);
        std::this_thread::sleep_for(std::chrono::milliseconds(jitter(random)));
        wait = std::min(wait * 2, options.max_backoff);
    }
}

}  // namespace retort::detail
