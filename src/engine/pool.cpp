#include "retort/engine/pool.hpp"

#include <cxxabi.h>
#include <execinfo.h>
#include <fmt/format.h>

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <list>
#include <mutex>
#include <sstream>
#include <thread>

#include "retort/errors.hpp"

namespace retort {

using Clock = std::chrono::steady_clock;

struct PooledConnection::Record {
    std::unique_ptr<DriverConnection> connection;
    Clock::time_point opened_at;
    std::uint64_t generation = 0;
    bool checked_out = false;
    bool invalid = false;
    // Where and when it was last checked out (policy.debug only).
    std::thread::id holder;
    Clock::time_point checked_out_at;
    std::vector<std::string> checkout_stack;
};

namespace {

// The caller's stack, demangled where possible, for the pool's leak report.
std::vector<std::string> capture_stack() {
    void* frames[24];
    int count = backtrace(frames, 24);
    std::vector<std::string> lines;
    char** symbols = backtrace_symbols(frames, count);
    if (symbols == nullptr) return lines;
    for (int i = 2; i < count; ++i) {  // skip capture_stack and Pool::checkout
        std::string line = symbols[i];
        std::size_t open = line.find('(');
        std::size_t plus = line.find('+', open);
        if (open != std::string::npos && plus != std::string::npos && plus > open + 1) {
            std::string mangled = line.substr(open + 1, plus - open - 1);
            int status = 0;
            char* demangled = abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status);
            if (status == 0 && demangled != nullptr) line = demangled;
            std::free(demangled);
        }
        lines.push_back(std::move(line));
    }
    std::free(symbols);
    return lines;
}

}  // namespace

PoolPolicy PoolPolicy::from_options(const EngineOptions& options, PoolClass kind) {
    PoolPolicy policy;
    policy.timeout = options.pool_timeout;
    policy.recycle = options.pool_recycle;
    policy.pre_ping = options.pool_pre_ping;
    policy.lifo = options.pool_use_lifo;
    policy.debug = options.pool_debug;
    switch (kind) {
        case PoolClass::automatic:
        case PoolClass::queue:
            if (options.pool_size < 1) throw ArgumentError("pool_size must be at least 1");
            if (options.max_overflow < -1)
                throw ArgumentError("max_overflow must be -1 (no limit) or more");
            policy.max_idle = options.pool_size;
            policy.max_open =
                options.max_overflow < 0 ? -1 : options.pool_size + options.max_overflow;
            break;
        case PoolClass::null:
            policy.name = "NullPool";
            policy.max_idle = 0;
            policy.max_open = -1;
            break;
        case PoolClass::static_:
            // One connection for everyone, never recycled: an SQLite memory database lives in it.
            policy.name = "StaticPool";
            policy.max_idle = 1;
            policy.max_open = 1;
            policy.recycle.reset();
            break;
    }
    return policy;
}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(std::move(other.pool_)), record_(std::exchange(other.record_, nullptr)) {}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
    if (this != &other) {
        release();
        pool_ = std::move(other.pool_);
        record_ = std::exchange(other.record_, nullptr);
    }
    return *this;
}

PooledConnection::~PooledConnection() {
    release();
}

DriverConnection& PooledConnection::driver() const {
    if (record_ == nullptr) throw InterfaceError("the connection is closed");
    return *record_->connection;
}

void PooledConnection::invalidate() noexcept {
    if (record_ != nullptr) record_->invalid = true;
}

bool PooledConnection::invalidated() const noexcept {
    return record_ != nullptr && record_->invalid;
}

void PooledConnection::release() noexcept {
    if (record_ == nullptr) return;
    pool_->checkin(std::exchange(record_, nullptr));
    pool_.reset();
}

struct Pool::State {
    std::mutex mutex;
    std::condition_variable available;
    std::deque<PooledConnection::Record*> idle;
    std::list<std::unique_ptr<PooledConnection::Record>> records;  // every open connection
    int open = 0;  // records plus connections being opened
    std::uint64_t generation = 0;
    PoolStatus counters;
};

Pool::Pool(PoolPolicy policy, Connector connect, LogSink log_sink)
    : policy_(std::move(policy)),
      connect_(std::move(connect)),
      log_sink_(std::move(log_sink)),
      state_(std::make_unique<State>()) {}

Pool::~Pool() {
    dispose();
}

std::unique_ptr<DriverConnection> Pool::open_connection() {
    auto connection = connect_();
    std::lock_guard lock(state_->mutex);
    ++state_->counters.connects;
    return connection;
}

PooledConnection Pool::checkout() {
    // Taken before the lock: timeout_message() reads the stacks of checked-out connections.
    std::vector<std::string> stack = policy_.debug ? capture_stack() : std::vector<std::string>{};
    std::unique_lock lock(state_->mutex);
    const auto deadline = Clock::now() + policy_.timeout;
    bool waited = false;
    PooledConnection::Record* record = nullptr;
    while (record == nullptr) {
        if (!state_->idle.empty()) {
            if (policy_.lifo) {
                record = state_->idle.back();
                state_->idle.pop_back();
            } else {
                record = state_->idle.front();
                state_->idle.pop_front();
            }
            break;
        }
        if (policy_.max_open < 0 || state_->open < policy_.max_open) {
            ++state_->open;  // reserve the slot, then connect without holding the lock
            const std::uint64_t generation =
                state_->generation;  // a dispose() meanwhile outdates it
            lock.unlock();
            std::unique_ptr<DriverConnection> connection;
            try {
                connection = open_connection();
            } catch (...) {
                lock.lock();
                --state_->open;
                state_->available.notify_one();
                throw;
            }
            lock.lock();
            auto fresh = std::make_unique<PooledConnection::Record>();
            fresh->connection = std::move(connection);
            fresh->opened_at = Clock::now();
            fresh->generation = generation;
            record = fresh.get();
            state_->records.push_back(std::move(fresh));
            break;
        }
        if (!waited) {
            waited = true;
            ++state_->counters.waits;
        }
        if (state_->available.wait_until(lock, deadline) == std::cv_status::timeout &&
            state_->idle.empty() && !(policy_.max_open < 0 || state_->open < policy_.max_open)) {
            ++state_->counters.timeouts;
            throw PoolTimeout(timeout_message());
        }
    }
    record->checked_out = true;
    ++state_->counters.checkouts;
    if (policy_.debug) {
        record->holder = std::this_thread::get_id();
        record->checked_out_at = Clock::now();
        record->checkout_stack = std::move(stack);
    }
    lock.unlock();

    PooledConnection handle(shared_from_this(), record);
    // A connection past pool_recycle, or one that fails its pre-ping, is replaced by a new one
    // in the same slot; a failure to reconnect surfaces to the caller.
    bool stale = policy_.recycle && Clock::now() - record->opened_at > *policy_.recycle;
    if (!stale && policy_.pre_ping && !record->connection->ping()) {
        stale = true;
        emit_log(log_sink_, LogLevel::info, "retort.pool",
                 "pre-ping found a dead connection; replacing it");
    }
    if (stale) {
        auto old = std::move(record->connection);
        old.reset();
        try {
            record->connection = open_connection();
        } catch (...) {
            record->invalid = true;  // checkin discards the empty slot
            throw;
        }
        record->opened_at = Clock::now();
    }
    if (on_checkout) on_checkout(*record->connection);
    return handle;
}

void Pool::checkin(PooledConnection::Record* record) noexcept {
    if (!record->invalid && record->connection && !record->connection->is_broken()) {
        try {
            record->connection->reset();
        } catch (const std::exception& error) {
            emit_log(log_sink_, LogLevel::warning, "retort.pool",
                     fmt::format("resetting a returned connection failed; discarding it: {}",
                                 error.what()));
            record->invalid = true;
        }
    }
    std::unique_ptr<PooledConnection::Record> doomed;
    {
        std::lock_guard lock(state_->mutex);
        record->checked_out = false;
        record->checkout_stack.clear();
        bool broken = record->invalid || !record->connection || record->connection->is_broken();
        if (broken) ++state_->counters.invalidated;
        if (broken || record->generation != state_->generation ||
            static_cast<int>(state_->idle.size()) >= policy_.max_idle) {
            for (auto it = state_->records.begin(); it != state_->records.end(); ++it) {
                if (it->get() == record) {
                    doomed = std::move(*it);
                    state_->records.erase(it);
                    break;
                }
            }
            --state_->open;
        } else {
            state_->idle.push_back(record);
        }
    }
    state_->available.notify_one();
    discard(std::move(doomed));
}

void Pool::discard(std::unique_ptr<PooledConnection::Record> record) noexcept {
    if (!record) return;
    try {
        record->connection.reset();  // closes the driver connection
    } catch (...) {
        // Closing must never throw; a failed close leaves nothing to clean up on our side.
    }
}

PoolStatus Pool::status() const {
    std::lock_guard lock(state_->mutex);
    PoolStatus status = state_->counters;
    status.size = static_cast<int>(state_->records.size());
    status.idle = static_cast<int>(state_->idle.size());
    status.checked_out = status.size - status.idle;
    status.overflow = std::max(0, status.size - policy_.max_idle);
    return status;
}

void Pool::dispose() {
    std::vector<std::unique_ptr<PooledConnection::Record>> doomed;
    {
        std::lock_guard lock(state_->mutex);
        ++state_->generation;
        for (auto* record : state_->idle) {
            for (auto it = state_->records.begin(); it != state_->records.end(); ++it) {
                if (it->get() == record) {
                    doomed.push_back(std::move(*it));
                    state_->records.erase(it);
                    break;
                }
            }
            --state_->open;
        }
        state_->idle.clear();
    }
    state_->available.notify_all();
    for (auto& record : doomed) discard(std::move(record));
}

std::string Pool::timeout_message() const {
    int out = static_cast<int>(state_->records.size() - state_->idle.size());
    std::string message = fmt::format(
        "{} limit of {} connections (max_idle {}) reached: {} checked out, none returned within "
        "{:.3f} s (pool_timeout). Return connections sooner, or raise pool_size / max_overflow",
        policy_.name, policy_.max_open, policy_.max_idle, out, policy_.timeout.count() / 1000.0);
    if (!policy_.debug) return message + "; set pool_debug to see where each was checked out.";
    message += ". Checked out at:";
    auto now = Clock::now();
    int n = 0;
    for (const auto& record : state_->records) {
        if (!record->checked_out) continue;
        std::ostringstream thread;
        thread << record->holder;
        message += fmt::format("\n  connection {} - thread {}, {:.3f} s ago:", ++n, thread.str(),
                               std::chrono::duration<double>(now - record->checked_out_at).count());
        for (const auto& frame : record->checkout_stack) message += "\n      " + frame;
    }
    return message;
}

}  // namespace retort
