#include "transaction_levels.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "retort/errors.hpp"

namespace retort::orm::detail {

TransactionLevels::TransactionLevels(Engine engine) : engine_(std::move(engine)) {
    levels_.emplace_back();
}

Connection& TransactionLevels::connection() {
    check_usable();
    if (!connection_) {
        connection_.emplace(engine_.connect());
        if (engine_.options().isolation_level == IsolationLevel::autocommit)
            explicit_transaction_.emplace(connection_->begin());
    }
    return *connection_;
}

void TransactionLevels::release() noexcept {
    explicit_transaction_.reset();
    connection_.reset();
}

void TransactionLevels::check_usable() const {
    if (needs_rollback_)
        throw InvalidRequestError(fmt::format(
            "this Session's transaction has been rolled back due to a previous exception during "
            "flush; call rollback() before using the Session again. Original exception: {}",
            failure_));
}

void TransactionLevels::mark_failed(std::string reason) {
    needs_rollback_ = true;
    failure_ = std::move(reason);
}

void TransactionLevels::clear_failure() noexcept {
    needs_rollback_ = false;
    failure_.clear();
}

std::shared_ptr<NestedState> TransactionLevels::begin_savepoint(SessionState& session) {
    auto state = std::make_shared<NestedState>();
    state->session = &session;
    state->savepoint.emplace(connection().begin_nested());
    levels_.push_back(Level{state, {}, {}});
    return state;
}

std::size_t TransactionLevels::level_of(const NestedState& state) const noexcept {
    for (std::size_t i = 1; i < levels_.size(); ++i)
        if (levels_[i].nested.get() == &state) return i;
    return 0;
}

void TransactionLevels::merge_innermost() {
    Level done = std::move(levels_.back());
    levels_.pop_back();
    auto& parent = levels_.back();
    parent.inserted.insert(parent.inserted.end(), done.inserted.begin(), done.inserted.end());
    parent.deleted.insert(parent.deleted.end(), done.deleted.begin(), done.deleted.end());
    if (done.nested) {
        done.nested->active = false;
        done.nested->session = nullptr;
    }
}

void TransactionLevels::drop_from(std::size_t from) noexcept {
    for (std::size_t i = from; i < levels_.size(); ++i)
        if (levels_[i].nested) {
            levels_[i].nested->active = false;
            levels_[i].nested->session = nullptr;
        }
    levels_.resize(std::max<std::size_t>(from, 1));
    if (from == 0) levels_[0] = Level{};
}

}  // namespace retort::orm::detail
