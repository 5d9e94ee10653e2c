// What the next flush writes: one part of SessionState, with state of its own.
#pragma once

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "retort/orm/instance.hpp"

namespace retort::orm::detail {

/// The objects the next flush writes: those added (in add() order), those opened for writing
/// since they were loaded, and those marked for deletion. It keeps each object's flags
/// (pending, listed as changed, marked deleted) in step with the lists that hold it.
class WorkQueues {
  public:
    using Objects = std::vector<InstanceRef>;

    const Objects& pending() const noexcept { return pending_; }
    const Objects& changed() const noexcept { return changed_; }
    const Objects& deleting() const noexcept { return deleting_; }
    bool has_work() const noexcept {
        return !pending_.empty() || !changed_.empty() || !deleting_.empty();
    }

    void add_pending(const InstanceRef& object);
    /// An object opened for writing, listed once; a pending object is written by its INSERT.
    void add_changed(InstanceBase& object);
    void add_deleting(const InstanceRef& object);
    /// add() after delete_(): the deletion is called off.
    void cancel_deleting(const InstanceRef& object);
    /// Takes the object off every list (expunge).
    void remove(InstanceBase& object) noexcept;

    /// Empties a list; `release` (when given) sees each object first.
    void clear_pending(const std::function<void(InstanceBase&)>& release = {}) noexcept;
    void clear_changed() noexcept;
    void clear_deleting() noexcept;
    void clear(const std::function<void(InstanceBase&)>& release) noexcept;

    // A flush takes the lists and works on them while hooks may list more for the next one;
    // a failed flush gives its objects back in front of those.
    Objects take_pending() noexcept { return std::exchange(pending_, {}); }
    Objects take_changed() noexcept { return std::exchange(changed_, {}); }
    Objects take_deleting() noexcept { return std::exchange(deleting_, {}); }
    /// Moves the objects listed as changed since the flush began into `into` (once each).
    void drain_changed_into(Objects& into);
    void give_back(Objects pending, Objects changed, Objects deleting);

  private:
    Objects pending_;
    Objects changed_;
    Objects deleting_;
};

}  // namespace retort::orm::detail
