// Relationships between objects in memory: back_populates links, weak references to saved
// parents, loading a relationship on access.
#include <fmt/format.h>

#include "retort/errors.hpp"
#include "retort/orm/relationship.hpp"
#include "session_state.hpp"

namespace retort::orm {

namespace detail {

void load_relationship(InstanceBase* owner_pointer, std::size_t index) {
    if (owner_pointer == nullptr)
        throw DetachedInstanceError(
            "this relationship is not loaded and belongs to a copy of an entity, not to an object "
            "of a session: read it through the object's Ptr");
    InstanceBase& owner = *owner_pointer;
    SessionState* session = owner.session_state();
    const RelationshipInfo& info = owner.mapper().relationships()[index];
    if (session == nullptr)
        throw DetachedInstanceError(fmt::format(
            "'{}' of this object is not loaded, and the object is not in a Session: load it "
            "before the Session closes (selectinload), or keep the Session open",
            info.qualified_name()));
    session->lazy_load(owner, index);
}

void link_back(InstanceBase& owner, std::size_t index, const InstanceRef& target) {
    const RelationshipInfo& info = owner.mapper().relationships()[index];
    if (!info.back) return;
    const RelationshipInfo& back = info.target->relationships()[*info.back];
    void* entity = target->object();
    RelationshipSlot* slot = back.spec.slot(entity);
    // An unloaded collection on the other side will read the new member from the database
    // (the flush before its lazy load writes it).
    if (back.spec.many && !slot->loaded()) return;
    target->prepare_write();  // before the change: its snapshot is the "before"
    // A One on the other side points at one owner only: leave the previous one first.
    if (!back.spec.many) {
        std::vector<InstanceRef> previous;
        back.spec.targets(entity, previous);
        for (auto& p : previous)
            if (p.get() != &owner) info.spec.unlink(p->object(), target.get());
    }
    back.spec.link(entity, InstanceRef(&owner));
    SlotAccess::set_loaded(*slot);
    // A new child of a saved parent: a strong reference back would make a cycle with the
    // parent's collection that nothing frees if the child is never flushed (merged instead,
    // say). The key is copied now, so the reference can hold the parent weakly.
    if (!back.spec.many && refer_to_saved_parent(*target, *info.back, owner))
        back.spec.weaken(entity);
}

bool refer_to_saved_parent(InstanceBase& child, std::size_t index, InstanceBase& parent) {
    const RelationshipInfo& info = child.mapper().relationships()[index];
    if (!info.many_to_one || info.spec.options.secondary != nullptr) return false;
    const ObjectState state = parent.state();
    if ((state != ObjectState::persistent && state != ObjectState::detached) || parent.expired())
        return false;
    const auto value = [](const InstanceBase& object, std::size_t column) {
        return object.mapper().attributes()[column].accessor.get(object.object());
    };
    std::vector<Value> key;
    for (std::size_t column : info.target_columns) {
        key.push_back(value(parent, column));
        if (std::holds_alternative<Null>(key.back())) return false;
    }
    for (std::size_t k = 0; k < key.size(); ++k) {
        if (value(child, info.owner_columns[k]) == key[k]) continue;
        child.prepare_write();
        assign(child.mapper(), info.owner_columns[k], child.object(), key[k]);
    }
    return true;
}

void unlink_back(InstanceBase& owner, std::size_t index, InstanceBase& target) {
    const RelationshipInfo& info = owner.mapper().relationships()[index];
    if (!info.back) return;
    const RelationshipInfo& back = info.target->relationships()[*info.back];
    if (back.spec.many && !back.spec.slot(target.object())->loaded()) return;
    target.prepare_write();
    back.spec.unlink(target.object(), &owner);
}

bool holds_weakly(const RelationshipSlot& slot) noexcept {
    InstanceBase* owner = SlotAccess::owner(slot);
    if (owner == nullptr) return false;
    return owner->mapper().relationships()[SlotAccess::index(slot)].many_to_one;
}

InstanceRef fetch_reference(InstanceBase& owner, std::size_t index) {
    const RelationshipInfo& info = owner.mapper().relationships()[index];
    SessionState* session = owner.session_state();
    if (session == nullptr)
        throw DetachedInstanceError(fmt::format(
            "the object '{}' refers to is no longer in memory, and this object is not in a "
            "Session to read it again; keep a Ptr to it, or keep the Session open",
            info.qualified_name()));
    std::vector<Value> key;
    for (std::size_t column : info.owner_columns) {
        Value value = owner.mapper().attributes()[column].accessor.get(owner.object());
        if (std::holds_alternative<Null>(value)) return nullptr;
        key.push_back(std::move(value));
    }
    auto parent = session->get(*info.target, key);
    if (parent) session->referenced_parents.push_back(parent);
    return parent;
}

void release_association_collections(InstanceBase& instance) noexcept {
    // The objects let go of are destroyed only after the bookkeeping (they may hold the last
    // reference to this instance too: the caller keeps it alive).
    std::vector<InstanceRef> released;
    const auto& relationships = instance.mapper().relationships();
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        const RelationshipInfo& info = relationships[i];
        if (info.spec.options.secondary == nullptr) continue;
        RelationshipSlot* slot = info.spec.slot(instance.object());
        if (slot->loaded()) {
            info.spec.targets(instance.object(), released);
            info.spec.set_loaded(instance.object(), {});
            SlotAccess::bind(*slot, &instance, i, false);
        }
        if (const void* before = instance.snapshot()) {
            info.spec.targets(const_cast<void*>(before), released);
            info.spec.set_loaded(const_cast<void*>(before), {});
        }
    }
}

void clear_reference(InstanceBase& owner, std::size_t index) {
    const RelationshipInfo& info = owner.mapper().relationships()[index];
    if (!info.many_to_one) return;
    for (std::size_t column : info.owner_columns)
        assign(owner.mapper(), column, owner.object(), Value{null});
}

void touch_owner(InstanceBase& owner) {
    owner.prepare_write();
}

void orphaned(InstanceBase& owner, std::size_t index, InstanceBase& child) {
    if (SessionState* session = owner.session_state()) session->orphaned(owner, index, child);
}

}  // namespace detail

namespace detail {

void adopt(const InstanceRef& instance) {
    const auto& relationships = instance->mapper().relationships();
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        std::vector<InstanceRef> targets;
        relationships[i].spec.targets(instance->object(), targets);
        for (const auto& target : targets) link_back(*instance, i, target);
    }
}

}  // namespace detail
}  // namespace retort::orm
