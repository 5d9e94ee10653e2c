// Dependency processing, the unit of work's first phase: cascades along relationships
// (save-update, delete, delete-orphan) and foreign keys copied from related objects.
#include <fmt/format.h>

#include <set>

#include "retort/errors.hpp"
#include "retort/orm/relationship.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

Value attribute_value(const InstanceBase& object, std::size_t attribute) {
    return object.mapper().attributes()[attribute].accessor.get(object.object());
}

bool key_waiting(const InstanceBase& object, const std::vector<std::size_t>& columns) {
    if (object.state() != ObjectState::pending) return false;
    const Mapper& mapper = object.mapper();
    for (std::size_t column : columns) {
        const auto& attribute = mapper.attributes()[column];
        // Numbered by the database, or filled by a client default when the INSERT is planned.
        if ((attribute.server_generated || attribute.client_default) &&
            mapper.is_blank(column, object.object()))
            return true;
    }
    return false;
}

void SessionState::orphaned(InstanceBase& owner, std::size_t index, InstanceBase& child) {
    const RelationshipInfo& info = owner.mapper().relationships()[index];
    if (info.many_to_one || info.spec.options.secondary != nullptr) return;
    auto self = InstanceRef(&child);
    if (info.spec.options.delete_orphan) {
        if (child.state() == ObjectState::pending) {
            expunge(child);
        } else if (child.state() == ObjectState::persistent) {
            mark_deleted(self);
        }
        return;
    }
    // No longer a child: its foreign key is cleared (an error at flush if it is NOT NULL).
    child.prepare_write();
    for (std::size_t column : info.target_columns)
        assign(child.mapper(), column, child.object(), Value{null});
}

void SessionState::follow_assigned_keys(InstanceBase& object) {
    const void* before = object.snapshot();
    if (before == nullptr) return;  // not changed since loaded (or new: nothing to compare)
    const auto& relationships = object.mapper().relationships();
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        const RelationshipInfo& info = relationships[i];
        RelationshipSlot* slot = info.spec.slot(object.object());
        if (!info.many_to_one || !slot->loaded()) continue;
        bool key_assigned = false;
        for (std::size_t column : info.owner_columns)
            key_assigned = key_assigned || !object.mapper().attributes()[column].accessor.equal(
                                               object.object(), before);
        if (!key_assigned) continue;
        std::vector<InstanceRef> previous, current;
        info.spec.targets(const_cast<void*>(before), previous);
        info.spec.targets(object.object(), current);
        if (previous != current) continue;  // the reference was assigned too: it decides
        // Only the key changed (SQLAlchemy writes a key from a reference only when the
        // reference changed): the old parent lets go, and the reference reads again by the key.
        for (auto& parent : current) unlink_back(object, i, *parent);
        info.spec.set_loaded(object.object(), {});
        SlotAccess::bind(*slot, &object, i, false);
    }
}

void SessionState::sync_foreign_keys(InstanceBase& object, std::set<InstanceBase*>& waiting) {
    const auto& relationships = object.mapper().relationships();
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        const RelationshipInfo& info = relationships[i];
        if (info.spec.options.secondary != nullptr) continue;  // rows of its own, see flush
        if (!info.spec.slot(object.object())->loaded()) continue;
        std::vector<InstanceRef> targets;
        info.spec.targets(object.object(), targets);
        if (info.many_to_one) {
            if (targets.empty()) continue;
            InstanceBase& parent = *targets.front();
            if (key_waiting(parent, info.target_columns)) {
                waiting.insert(&object);
                continue;
            }
            for (std::size_t k = 0; k < info.owner_columns.size(); ++k) {
                Value value = attribute_value(parent, info.target_columns[k]);
                if (attribute_value(object, info.owner_columns[k]) == value) continue;
                if (object.state() == ObjectState::persistent) object.prepare_write();
                assign(object.mapper(), info.owner_columns[k], object.object(), value);
            }
        } else {
            if (key_waiting(object, info.owner_columns)) {  // the children wait for this key
                for (auto& child : targets) waiting.insert(child.get());
                continue;
            }
            for (auto& child : targets) {
                for (std::size_t k = 0; k < info.owner_columns.size(); ++k) {
                    Value value = attribute_value(object, info.owner_columns[k]);
                    if (attribute_value(*child, info.target_columns[k]) == value) continue;
                    if (child->state() == ObjectState::persistent) child->prepare_write();
                    assign(child->mapper(), info.target_columns[k], child->object(), value);
                }
            }
        }
    }
}

std::set<InstanceBase*> SessionState::cascade_and_sync(const std::vector<InstanceBase*>& initial) {
    // save-update: new objects the session's objects refer to are added with them.
    std::vector<InstanceBase*> work = initial;
    for (std::size_t w = 0; w < work.size(); ++w) {
        InstanceBase& object = *work[w];
        const auto& relationships = object.mapper().relationships();
        for (const auto& info : relationships) {
            if (!info.spec.slot(object.object())->loaded()) continue;
            std::vector<InstanceRef> targets;
            info.spec.targets(object.object(), targets);
            for (auto& target : targets) {
                if (target->deleted_) continue;
                if (target->session_ == this) {
                    // An orphan taken in by another parent is not deleted after all.
                    if (target->marked_deleted_ && !object.marked_deleted_) attach(target);
                    continue;
                }
                attach(target);  // raises for an object of another session
                work.push_back(target.get());
            }
        }
    }
    // delete: children of deleted parents are deleted too (cascade_delete), or let go.
    for (std::size_t d = 0; d < this->work.deleting().size(); ++d) {  // grows as children join
        InstanceBase& parent = *this->work.deleting()[d];
        const auto& relationships = parent.mapper().relationships();
        for (std::size_t i = 0; i < relationships.size(); ++i) {
            const RelationshipInfo& info = relationships[i];
            if (info.many_to_one || info.spec.options.secondary != nullptr) continue;
            RelationshipSlot* slot = info.spec.slot(parent.object());
            // passive_deletes: children not in memory are the database's (ON DELETE); those
            // loaded are still deleted or detached here, so the session holds no stale rows.
            if (!slot->loaded() && info.spec.options.passive_deletes) continue;
            if (!slot->loaded()) selectin_load(parent.mapper(), i, {&parent});
            std::vector<InstanceRef> children;
            info.spec.targets(parent.object(), children);
            for (auto& child : children) {
                if (child->deleted_ || child->marked_deleted_) continue;
                if (info.spec.options.cascade_delete || info.spec.options.delete_orphan) {
                    if (child->pending_) {
                        expunge(*child);
                    } else {
                        mark_deleted(child);
                    }
                } else if (child->state() == ObjectState::persistent) {
                    child->prepare_write();
                    for (std::size_t column : info.target_columns)
                        assign(child->mapper(), column, child->object(), Value{null});
                }
            }
        }
    }
    for (InstanceBase* object : work)
        if (object->session_ == this) follow_assigned_keys(*object);
    // Foreign keys from related objects' keys, where those are known.
    std::set<InstanceBase*> waiting;
    for (InstanceBase* object : work)
        if (object->session_ == this) sync_foreign_keys(*object, waiting);
    return waiting;
}

}  // namespace retort::orm::detail
