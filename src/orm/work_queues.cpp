#include "work_queues.hpp"

#include <algorithm>

namespace retort::orm::detail {

void WorkQueues::add_pending(const InstanceRef& object) {
    object->pending_ = true;
    pending_.push_back(object);
}

void WorkQueues::add_changed(InstanceBase& object) {
    if (object.in_changed_list_ || object.pending_) return;
    changed_.push_back(InstanceRef(&object));
    object.in_changed_list_ = true;
}

void WorkQueues::add_deleting(const InstanceRef& object) {
    object->marked_deleted_ = true;
    deleting_.push_back(object);
}

void WorkQueues::cancel_deleting(const InstanceRef& object) {
    object->marked_deleted_ = false;
    std::erase(deleting_, object);
}

void WorkQueues::remove(InstanceBase& object) noexcept {
    auto drop = [&](Objects& list) {
        std::erase_if(list, [&](const auto& held) { return held.get() == &object; });
    };
    if (object.pending_) drop(pending_);
    if (object.in_changed_list_) drop(changed_);
    if (object.marked_deleted_) drop(deleting_);
    object.pending_ = false;
    object.marked_deleted_ = false;
    object.in_changed_list_ = false;
}

void WorkQueues::clear_pending(const std::function<void(InstanceBase&)>& release) noexcept {
    for (auto& object : pending_) {
        object->pending_ = false;
        if (release) release(*object);
    }
    pending_.clear();
}

void WorkQueues::clear_changed() noexcept {
    for (auto& object : changed_) object->in_changed_list_ = false;
    changed_.clear();
}

void WorkQueues::clear_deleting() noexcept {
    for (auto& object : deleting_) object->marked_deleted_ = false;
    deleting_.clear();
}

void WorkQueues::clear(const std::function<void(InstanceBase&)>& release) noexcept {
    for (auto* list : {&pending_, &changed_, &deleting_}) {
        for (auto& object : *list) {
            release(*object);
            object->pending_ = false;
            object->in_changed_list_ = false;
            object->marked_deleted_ = false;
        }
        list->clear();
    }
}

void WorkQueues::drain_changed_into(Objects& into) {
    for (auto& object : changed_)
        if (std::find(into.begin(), into.end(), object) == into.end()) into.push_back(object);
    changed_.clear();
}

void WorkQueues::give_back(Objects pending, Objects changed, Objects deleting) {
    auto put_back = [](Objects& taken, Objects& live) {
        taken.insert(taken.end(), live.begin(), live.end());
        live = std::move(taken);
    };
    put_back(pending, pending_);
    put_back(changed, changed_);
    put_back(deleting, deleting_);
}

}  // namespace retort::orm::detail
