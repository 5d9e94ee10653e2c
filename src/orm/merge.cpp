// Session::merge and its cascade: copying detached or foreign objects, and the objects they
// carry along their relationships, onto this session's objects.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "retort/errors.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

namespace {

bool holds(const std::vector<InstanceRef>& objects, const InstanceBase* object) {
    return std::any_of(objects.begin(), objects.end(),
                       [&](const auto& held) { return held.get() == object; });
}

// Restores the autoflush setting however merge() ends.
struct AutoflushPause {
    explicit AutoflushPause(int& counter) noexcept : counter_(counter) { ++counter_; }
    ~AutoflushPause() { --counter_; }
    AutoflushPause(const AutoflushPause&) = delete;
    AutoflushPause& operator=(const AutoflushPause&) = delete;
    int& counter_;
};

}  // namespace

InstanceRef SessionState::merge(InstanceRef copy) {
    // As SQLAlchemy: flush what is pending first, then merge with autoflush off, so that the
    // loads merging needs do not write a half-merged graph.
    autoflush();
    AutoflushPause pause(no_autoflush);
    MergeMemo memo;
    return merge_copy(std::move(copy), nullptr, memo);
}

InstanceRef SessionState::merge_object(const InstanceRef& object) {
    autoflush();
    AutoflushPause pause(no_autoflush);
    MergeMemo memo;
    return merge_object(object, memo);
}

InstanceRef SessionState::merge_object(const InstanceRef& object, MergeMemo& memo) {
    if (auto found = memo.find(object.get()); found != memo.end()) return found->second;
    if (object->session_ == this) {  // already here: it is its own merge
        memo.emplace(object.get(), object);
        return object;
    }
    if (object->expired_ && object->session_ == nullptr) {
        // Nothing of it is left to copy but its key: the merge is the object with that key.
        const Mapper& mapper = object->mapper();
        auto target = get(mapper, object->identity());
        if (!target)
            throw ObjectDeletedError(fmt::format(
                "cannot merge this expired '{}' object: its values were expired and its row is "
                "gone",
                mapper.name()));
        memo.emplace(object.get(), target);
        return target;
    }
    object->prepare_read();  // an expired object of another session reloads there
    return merge_copy(object->clone(), object.get(), memo);
}

InstanceRef SessionState::merge_copy(InstanceRef copy, const InstanceBase* source,
                                     MergeMemo& memo) {
    const Mapper& mapper = copy->mapper();
    const auto& relationships = mapper.relationships();
    // What the copy carries along each relationship, taken out before the copy is attached or
    // dropped: its members still hold the source's related objects, which are merged instead.
    std::vector<std::optional<std::vector<InstanceRef>>> carried(relationships.size());
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        const RelationshipSpec& spec = relationships[i].spec;
        if (spec.options.cascade_merge && spec.slot(copy->object())->given()) {
            carried[i].emplace();
            spec.targets(copy->object(), *carried[i]);
        }
        spec.set_loaded(copy->object(), {});
        SlotAccess::set_not_given(*spec.slot(copy->object()));
    }

    InstanceRef target;
    const bool generated_key =
        mapper.autoincrement() && mapper.is_blank(*mapper.autoincrement(), copy->object());
    if (identity_of(mapper, copy->object()) && !generated_key)
        target = get(mapper, copy->identity());
    if (target) {
        // A foreign key the copy changes while leaving the reference is followed at flush
        // (SessionState::follow_assigned_keys), as a key assigned by hand is.
        target->prepare_write();
        // A member a load_only left out holds no news unless it was set since: the target
        // keeps its own value.
        const auto& attributes = mapper.attributes();
        for (std::size_t i = 0; i < attributes.size(); ++i)
            if (source == nullptr || source->attribute_loaded(i) ||
                !mapper.is_blank(i, copy->object()))
                attributes[i].accessor.copy(target->object(), copy->object());
    } else {  // no such row: the copy is added as new
        attach(copy);
        target = copy;
    }
    memo.emplace(source != nullptr ? source : copy.get(), target);

    for (std::size_t i = 0; i < relationships.size(); ++i) {
        if (!carried[i]) continue;
        const RelationshipInfo& info = relationships[i];
        std::vector<InstanceRef> merged;
        for (const auto& related : *carried[i])
            if (auto object = merge_object(related, memo)) merged.push_back(std::move(object));
        // A reference the copy holds no object for (a parent no longer in memory) follows the
        // foreign key the copy brought: clearing it would clear that key.
        if (info.many_to_one && merged.empty())
            if (auto parent = fetch_reference(*target, i)) merged.push_back(std::move(parent));
        assign_related(*target, i, std::move(merged));
    }
    return target;
}

void SessionState::assign_related(InstanceBase& target, std::size_t index,
                                  std::vector<InstanceRef> merged) {
    const RelationshipInfo& info = target.mapper().relationships()[index];
    void* entity = target.object();
    if (!info.spec.slot(entity)->loaded()) lazy_load(target, index);
    std::vector<InstanceRef> current;
    info.spec.targets(entity, current);
    if (current == merged) return;
    target.prepare_write();  // before the change: the snapshot is the "before"
    for (const auto& previous : current) {
        if (holds(merged, previous.get())) continue;
        info.spec.unlink(entity, previous.get());
        unlink_back(target, index, *previous);
        orphaned(target, index, *previous);
    }
    if (merged.empty() && !info.spec.many) clear_reference(target, index);
    for (const auto& object : merged) {
        if (holds(current, object.get())) continue;
        info.spec.link(entity, object);
        link_back(target, index, object);
    }
    if (info.spec.many) info.spec.set_loaded(entity, std::move(merged));  // in the given order
}

}  // namespace retort::orm::detail
