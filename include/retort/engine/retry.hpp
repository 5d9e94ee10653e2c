// Running a transaction again when it failed in a way a new attempt can fix: a serialization
// failure or deadlock, SQLite busy, a connection lost before COMMIT was sent.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "retort/engine/options.hpp"
#include "retort/errors.hpp"

namespace retort {

/// How Engine::run_transaction / SessionFactory::run_transaction retry. Attempts and resolving
/// a lost COMMIT reply share max_attempts and the backoff.
struct RetryOptions {
    /// Attempts in all, the first included.
    int max_attempts = 5;
    /// The wait before the second attempt; doubled for each later one, up to max_backoff, each
    /// wait drawn at random between half and all of it (jitter: retrying clients spread out).
    std::chrono::milliseconds backoff{20};
    std::chrono::milliseconds max_backoff{2000};
    /// The transaction's isolation (the engine's default when empty).
    std::optional<IsolationLevel> isolation{};
    /// Told of each failed attempt that is retried: its number (from 1) and its error.
    std::function<void(int attempt, const DatabaseError& error)> on_retry{};
};

namespace detail {
/// Whether a transaction that failed with `error` may be run again: is_retryable() (40001,
/// 40P01, SQLite busy) or is_disconnect(), never CommitOutcomeUnknown (the first attempt may
/// have committed: running it again could apply it twice).
bool worth_retrying(const DatabaseError& error) noexcept;
/// Asks the server what became of a transaction whose COMMIT reply was lost.
using CommitResolver = std::function<CommitOutcome(const CommitOutcomeUnknown&)>;
/// Runs `attempt` until it returns, retrying it per `options` while it fails with an error
/// worth_retrying(); the last error goes on. After CommitOutcomeUnknown, `resolve` is asked
/// (with the same backoff, within the attempts left): committed ends the loop as a success,
/// rolled back runs `attempt` again, still unknown raises the CommitOutcomeUnknown.
void retry_transaction(const std::function<void()>& attempt, const RetryOptions& options,
                       const CommitResolver& resolve = {});
}  // namespace detail

}  // namespace retort
