// The session's connection and its transaction levels: one part of SessionState, with state of
// its own that the rest of the ORM reaches only through these calls.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "retort/engine/connection.hpp"
#include "retort/engine/engine.hpp"
#include "retort/orm/instance.hpp"

namespace retort::orm::detail {

class SessionState;

/// One savepoint of the session, shared with the SessionTransaction handle the user holds.
struct NestedState {
    SessionState* session = nullptr;
    std::optional<Transaction> savepoint;
    bool active = true;
};

/// What one transaction level (the outer one, or a savepoint) changed, for its rollback.
struct Level {
    std::shared_ptr<NestedState> nested;  // null for the outer transaction
    std::vector<InstanceRef> inserted;
    std::vector<InstanceRef> deleted;
};

/// The connection a session checks out on first use, and its levels: [0] the outer
/// transaction, then one per open savepoint (begin_nested). Each level remembers the objects
/// it inserted and deleted, so that rolling it back can undo them in memory too. After a
/// failed flush the session refuses work until it is rolled back, as SQLAlchemy's does.
class TransactionLevels {
  public:
    explicit TransactionLevels(Engine engine);

    /// The connection, checked out on first use. On an autocommit engine a transaction is
    /// begun on it as well: a flush is all or nothing.
    Connection& connection();
    /// The connection when one is checked out; null otherwise.
    Connection* checked_out() noexcept { return connection_ ? &*connection_ : nullptr; }
    /// Returns the connection to the pool, which rolls back what is left on it.
    void release() noexcept;

    /// InvalidRequestError while a failed flush waits for rollback().
    void check_usable() const;
    void mark_failed(std::string reason);
    void clear_failure() noexcept;

    /// The innermost level (the outer transaction when no savepoint is open).
    Level& current() noexcept { return levels_.back(); }
    bool in_savepoint() const noexcept { return levels_.size() > 1; }
    std::span<Level> all() noexcept { return levels_; }
    /// Opens a savepoint on the connection and a level for it.
    std::shared_ptr<NestedState> begin_savepoint(SessionState& session);
    /// The level of `state` while its savepoint is open; 0 once it is not.
    std::size_t level_of(const NestedState& state) const noexcept;
    /// The innermost level's savepoint was released: what it did now belongs to its parent.
    void merge_innermost();
    /// Drops the levels from `from` on (from 0: all, leaving a fresh outer level); their
    /// savepoints become inactive.
    void drop_from(std::size_t from) noexcept;

  private:
    Engine engine_;
    std::optional<Connection> connection_;
    std::optional<Transaction> explicit_transaction_;  // on autocommit engines
    std::vector<Level> levels_;
    bool needs_rollback_ = false;
    std::string failure_;
};

}  // namespace retort::orm::detail
