// Engine configuration: the keyword arguments of SQLAlchemy's create_engine.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "retort/engine/events.hpp"

namespace retort {

using namespace std::chrono_literals;

/// Transaction isolation. `autocommit` means no BEGIN is sent: each statement commits alone.
enum class IsolationLevel {
    read_uncommitted,
    read_committed,
    repeatable_read,
    serializable,
    autocommit
};

/// SQL spelling of an isolation level ("READ COMMITTED").
std::string_view isolation_level_sql(IsolationLevel level) noexcept;

/// How PostgreSQL statements are prepared.
enum class PrepareMode {
    named,    ///< prepared once per connection under a name and reused (fastest)
    unnamed,  ///< parsed on every execution with the unnamed statement (works behind PgBouncer
              ///< in transaction pooling mode, which cannot keep named statements)
    never,    ///< as unnamed, and statements without parameters use the simple query protocol
              ///< (several statements separated by ';' are then allowed in one text)
};

/// Which pool an Engine uses. `automatic` picks QueuePool, or StaticPool for an SQLite memory
/// database (whose data lives only as long as its one connection).
enum class PoolClass { automatic, queue, null, static_ };

struct EngineOptions {
    int pool_size = 5;      ///< connections kept open in the pool
    int max_overflow = 10;  ///< extra connections allowed beyond pool_size; -1: no limit
    std::chrono::milliseconds pool_timeout =
        30s;  ///< wait for a free connection before PoolTimeout
    std::optional<std::chrono::seconds> pool_recycle{};  ///< reconnect connections older than this
    bool pool_pre_ping = false;  ///< test a pooled connection before handing it out
    bool pool_use_lifo = false;  ///< reuse the most recently returned connection first
    PoolClass poolclass = PoolClass::automatic;
    bool pool_debug = false;  ///< remember where each connection was checked out
    bool echo = false;        ///< log each statement, its parameters and its time
    std::optional<IsolationLevel> isolation_level{};    ///< default for every connection
    std::map<std::string, std::string> connect_args{};  ///< passed to the driver (libpq keywords)
    PrepareMode prepare = PrepareMode::named;
    std::size_t prepared_statement_cache_size = 256;  ///< per connection
    /// Client-side deadline for one statement; on expiry it is cancelled (PostgreSQL) or
    /// interrupted (SQLite) and OperationalError says so.
    std::optional<std::chrono::milliseconds> statement_timeout{};
    /// PostgreSQL: how long past statement_timeout the server may take to answer the cancel
    /// before the connection is abandoned (socket shut, outcome unknown); 5 s when empty. It
    /// also bounds waits that cannot be cancelled (sending a batch, COPY data). SQLite has no
    /// use for it (its statements are interrupted in place): setting it there is an error.
    std::optional<std::chrono::milliseconds> deadline_grace{};
    LogSink log_sink{};            ///< empty: the process-wide default sink
    bool track_statistics = true;  ///< per-statement count / total / max time
};

}  // namespace retort
