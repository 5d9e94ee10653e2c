#include "retort/engine/retry.hpp"

#include <algorithm>
#include <random>
#include <thread>

namespace retort::detail {

bool worth_retrying(const DatabaseError& error) noexcept {
    if (dynamic_cast<const CommitOutcomeUnknown*>(&error) != nullptr) return false;
    return error.is_retryable() || error.is_disconnect();
}

namespace {
// Waits before the next try: exponential backoff with jitter (retrying clients spread out).
class Backoff {
  public:
    explicit Backoff(const RetryOptions& options) : options_(options), wait_(options.backoff) {}
    void sleep() {
        thread_local std::minstd_rand random(std::random_device{}());
        const auto count = std::max<std::chrono::milliseconds::rep>(wait_.count(), 0);
        std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(count / 2, count);
        std::this_thread::sleep_for(std::chrono::milliseconds(jitter(random)));
        wait_ = std::min(wait_ * 2, options_.max_backoff);
    }

  private:
    const RetryOptions& options_;
    std::chrono::milliseconds wait_;
};
}  // namespace

void retry_transaction(const std::function<void()>& attempt, const RetryOptions& options,
                       const CommitResolver& resolve) {
    if (options.max_attempts < 1)
        throw ArgumentError("run_transaction(): max_attempts must be at least 1");
    Backoff backoff(options);
    for (int number = 1;; ++number) {
        try {
            attempt();
            return;
        } catch (const CommitOutcomeUnknown& lost) {
            if (!resolve || lost.transaction_id().empty()) throw;
            // The server is asked, never the body run again, until it says what happened.
            while (true) {
                CommitOutcome outcome = CommitOutcome::unknown;
                try {
                    outcome = resolve(lost);
                } catch (const DatabaseError&) {  // unreachable for now: ask again later
                }
                if (outcome == CommitOutcome::committed) return;
                if (outcome == CommitOutcome::rolled_back) break;
                if (number >= options.max_attempts) throw;
                if (options.on_retry) options.on_retry(number, lost);
                ++number;
                backoff.sleep();
            }
            if (number >= options.max_attempts)
                throw OperationalError(
                    "the connection was lost during COMMIT and the server confirms that "
                    "transaction " +
                        lost.transaction_id() +
                        " was rolled back; no attempts were left to run it again",
                    "08006", "COMMIT");
            if (options.on_retry) options.on_retry(number, lost);
        } catch (const DatabaseError& error) {
            if (number >= options.max_attempts || !worth_retrying(error)) throw;
            if (options.on_retry) options.on_retry(number, error);
        }
        backoff.sleep();
    }
}

}  // namespace retort::detail
