// The connection pool: QueuePool, NullPool and StaticPool behaviour in one thread-safe class.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "retort/engine/driver.hpp"
#include "retort/engine/events.hpp"

namespace retort {

/// How many connections a pool may open and keep.
struct PoolPolicy {
    std::string name = "QueuePool";  ///< for messages
    int max_idle = 5;                ///< connections kept open while unused
    int max_open = 15;               ///< connections open at once; -1: no limit
    std::chrono::milliseconds timeout = 30s;
    std::optional<std::chrono::seconds> recycle;
    bool pre_ping = false;
    bool lifo = false;
    bool debug = false;

    /// SQLAlchemy's QueuePool(pool_size, max_overflow), NullPool and StaticPool.
    static PoolPolicy from_options(const EngineOptions& options, PoolClass kind);
};

/// Counters readable at any time.
struct PoolStatus {
    int size = 0;  ///< connections open (idle and checked out)
    int idle = 0;
    int checked_out = 0;
    int overflow = 0;  ///< open connections beyond max_idle
    std::uint64_t checkouts = 0;
    std::uint64_t waits = 0;     ///< checkouts that had to wait for a connection
    std::uint64_t timeouts = 0;  ///< checkouts that ended in PoolTimeout
    std::uint64_t invalidated = 0;
    std::uint64_t connects = 0;
};

class Pool;

/// A connection checked out of a pool; returns it (reset) when destroyed. Move-only.
class PooledConnection {
  public:
    PooledConnection() = default;
    PooledConnection(PooledConnection&&) noexcept;
    PooledConnection& operator=(PooledConnection&&) noexcept;
    ~PooledConnection();

    DriverConnection& driver() const;
    explicit operator bool() const noexcept { return record_ != nullptr; }
    /// Marks the connection unusable: it is closed instead of returned.
    void invalidate() noexcept;
    bool invalidated() const noexcept;
    /// Returns the connection to the pool now.
    void release() noexcept;

  private:
    friend class Pool;
    struct Record;
    PooledConnection(std::shared_ptr<Pool> pool, Record* record)
        : pool_(std::move(pool)), record_(record) {}
    std::shared_ptr<Pool> pool_;
    Record* record_ = nullptr;
};

/// Hands out connections made by `connect`. Thread-safe; shared by all users of an Engine.
class Pool : public std::enable_shared_from_this<Pool> {
  public:
    using Connector = std::function<std::unique_ptr<DriverConnection>()>;

    Pool(PoolPolicy policy, Connector connect, LogSink log_sink);
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    /// A ready connection: an idle one (recycled or pinged per policy), a new one while below
    /// max_open, or one returned within the timeout. PoolTimeout otherwise, saying how many
    /// connections are out (and, with policy.debug, where each was checked out).
    PooledConnection checkout();
    PoolStatus status() const;
    /// Closes every idle connection; connections checked out now are closed when returned.
    void dispose();
    const PoolPolicy& policy() const noexcept { return policy_; }

    /// Runs on every connection handed out (after pre-ping), e.g. the engine's on_checkout hooks.
    std::function<void(DriverConnection&)> on_checkout;

  private:
    friend class PooledConnection;
    void checkin(PooledConnection::Record* record) noexcept;
    std::unique_ptr<DriverConnection> open_connection();
    void discard(std::unique_ptr<PooledConnection::Record> record) noexcept;
    std::string timeout_message() const;

    PoolPolicy policy_;
    Connector connect_;
    LogSink log_sink_;
    // The lock, the queue and the counters, in src/: a public header that includes <mutex>,
    // <condition_variable> and <thread> makes every user's file pay for them.
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace retort
