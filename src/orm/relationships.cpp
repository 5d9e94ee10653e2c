// Relationships: registration and resolution, lazy and selectin loading, back_populates.
#include <fmt/format.h>

#include <map>
#include <mutex>
#include <set>
#include <unordered_set>

#include "retort/errors.hpp"
#include "retort/orm/relationship.hpp"
#include "session_state.hpp"

namespace retort::orm {

namespace {
std::mutex& registry_mutex() {
    static std::mutex mutex;
    return mutex;
}
std::map<const ModelBase*, std::vector<RelationshipSpec>>& registry() {
    static std::map<const ModelBase*, std::vector<RelationshipSpec>> specs;
    return specs;
}
std::vector<RelationshipSpec> specs_of(const ModelBase& model) {
    std::lock_guard lock(registry_mutex());
    auto it = registry().find(&model);
    return it == registry().end() ? std::vector<RelationshipSpec>{} : it->second;
}

std::size_t attribute_index(const Mapper& mapper, const std::string& column) {
    for (std::size_t i = 0; i < mapper.attributes().size(); ++i)
        if (mapper.attributes()[i].name == column) return i;
    throw ArgumentError(
        fmt::format("model '{}': column '{}' is not mapped to a member", mapper.name(), column));
}

// The foreign keys of `holder` that refer to `referred`, filtered by an explicit column.
std::vector<const ForeignKeyInfo*> keys_between(const Mapper& holder, const Mapper& referred,
                                                const std::string& column) {
    std::vector<const ForeignKeyInfo*> found;
    const std::string target = referred.model().definition().qualified_name();
    for (const auto& fk : holder.model().definition().foreign_keys) {
        if (fk.referred_table != target) continue;
        if (!column.empty() &&
            std::find(fk.columns.begin(), fk.columns.end(), column) == fk.columns.end())
            continue;
        found.push_back(&fk);
    }
    return found;
}
}  // namespace

std::string RelationshipInfo::qualified_name() const {
    return fmt::format("{}.{}", owner->name(), spec.name);
}

namespace detail {
std::size_t register_relationship(const ModelBase& model, RelationshipSpec spec) {
    std::lock_guard lock(registry_mutex());
    auto& specs = registry()[&model];
    for (const auto& existing : specs)
        if (existing.name == spec.name)
            throw ArgumentError(fmt::format("relationship '{}' is declared twice", spec.name));
    specs.push_back(std::move(spec));
    return specs.size() - 1;
}

std::string relationship_name(const ModelBase& model, std::size_t index) {
    auto specs = specs_of(model);
    return fmt::format("{}.{}", model.definition().name,
                       index < specs.size() ? specs[index].name : std::to_string(index));
}
}  // namespace detail

const std::vector<RelationshipInfo>& Mapper::relationships() const {
    std::call_once(relationships_resolved_, [this] {
        std::vector<RelationshipInfo> resolved;
        for (auto& spec : specs_of(*model_)) {
            RelationshipInfo info;
            info.owner = this;
            info.target = &mapper_for(spec.target_model(), spec.target_factory);
            const Mapper& target = *info.target;
            if (const Table* secondary = spec.options.secondary) {
                if (!spec.many)
                    throw ArgumentError(fmt::format(
                        "relationship '{}.{}': a secondary table needs a Many", name_, spec.name));
                const std::string owner_table = model_->definition().qualified_name();
                const std::string target_table = target.model().definition().qualified_name();
                // Self-referential (users following users): both keys refer to one table, so
                // foreign_key names the association column that refers to the owner.
                const bool self_referential = owner_table == target_table;
                if (self_referential && spec.options.foreign_key.empty())
                    throw ArgumentError(fmt::format(
                        "relationship '{}.{}': both foreign keys of '{}' refer to '{}'; name the "
                        "one that refers to the owner with RelationshipOptions::foreign_key",
                        name_, spec.name, secondary->name(), name_));
                for (const auto& fk : secondary->definition().foreign_keys) {
                    const bool named = std::find(fk.columns.begin(), fk.columns.end(),
                                                 spec.options.foreign_key) != fk.columns.end();
                    const bool to_owner =
                        self_referential ? named : fk.referred_table == owner_table;
                    if (!to_owner && fk.referred_table != target_table) continue;
                    const Mapper& side = to_owner ? *this : target;
                    for (std::size_t i = 0; i < fk.columns.size(); ++i) {
                        (to_owner ? info.secondary_owner_columns : info.secondary_target_columns)
                            .push_back(fk.columns[i]);
                        (to_owner ? info.owner_columns : info.target_columns)
                            .push_back(attribute_index(side, fk.referred_columns[i]));
                    }
                }
                if (info.owner_columns.empty() || info.target_columns.empty())
                    throw ArgumentError(fmt::format(
                        "relationship '{}.{}': the secondary table '{}' needs foreign keys to both "
                        "'{}' and '{}'",
                        name_, spec.name, secondary->name(), name_, target.name()));
            }
            const std::string column =
                spec.options.secondary != nullptr ? std::string() : spec.options.foreign_key;
            auto up = keys_between(*this, target, column);    // owner holds the key
            auto down = keys_between(target, *this, column);  // target holds the key
            const bool self = &target == this;
            // A Many is always one-to-many; a One is many-to-one when its own table holds the
            // key (for a self-referential table: always), else the child side of one-to-one.
            bool many_to_one =
                !spec.many && (!up.empty() && (self || down.empty() || !column.empty()));
            const auto& chosen = many_to_one ? up : down;
            if (spec.options.secondary) {
                info.many_to_one = false;
            } else if (chosen.size() != 1)
                throw ArgumentError(fmt::format(
                    "relationship '{}.{}': {} foreign key joins '{}' and '{}'{}", name_, spec.name,
                    chosen.empty() ? "no" : "more than one", name_, target.name(),
                    chosen.empty() ? ""
                                   : "; name the column with RelationshipOptions::foreign_key"));
            if (!spec.options.secondary) {
                const ForeignKeyInfo& fk = *chosen.front();
                const Mapper& holder = many_to_one ? *this : target;
                const Mapper& referred = many_to_one ? target : *this;
                std::vector<std::size_t> holding, referring;
                for (std::size_t i = 0; i < fk.columns.size(); ++i) {
                    holding.push_back(attribute_index(holder, fk.columns[i]));
                    referring.push_back(attribute_index(referred, fk.referred_columns[i]));
                }
                info.many_to_one = many_to_one;
                info.owner_columns = many_to_one ? holding : referring;
                info.target_columns = many_to_one ? referring : holding;
            }
            if (!spec.options.back_populates.empty()) {
                auto target_specs = &target == this ? specs_of(*model_) : specs_of(target.model());
                for (std::size_t i = 0; i < target_specs.size(); ++i)
                    if (target_specs[i].name == spec.options.back_populates) info.back = i;
                if (!info.back)
                    throw ArgumentError(fmt::format(
                        "relationship '{}.{}': back_populates names '{}', which '{}' does not "
                        "declare",
                        name_, spec.name, spec.options.back_populates, target.name()));
            }
            if (info.many_to_one && info.target_columns != target.primary_key())
                throw NotSupportedError(fmt::format(
                    "relationship '{}.{}': its foreign key refers to columns of '{}' other than "
                    "its primary key, which relationships do not follow yet",
                    name_, spec.name, target.name()));
            if (spec.options.lazy == Loading::joined)
                throw ArgumentError(fmt::format(
                    "relationship '{}.{}': joined loading is a query option (joinedload); as a "
                    "default use Loading::selectin",
                    name_, spec.name));
            info.spec = std::move(spec);
            resolved.push_back(std::move(info));
        }
        relationships_ = std::move(resolved);
        has_relationships_ = !relationships_.empty();
    });
    return relationships_;
}

void Mapper::bind_relationships(InstanceBase& instance, bool loaded) const {
    const auto& all = relationships();
    for (std::size_t i = 0; i < all.size(); ++i) {
        bool is_loaded = loaded || all[i].spec.options.lazy == Loading::noload;
        detail::SlotAccess::bind(*all[i].spec.slot(instance.object()), &instance, i, is_loaded);
    }
}

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

void link_back(InstanceBase& owner, std::size_t index,
               const std::shared_ptr<InstanceBase>& target) {
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
        std::vector<std::shared_ptr<InstanceBase>> previous;
        back.spec.targets(entity, previous);
        for (auto& p : previous)
            if (p.get() != &owner) info.spec.unlink(p->object(), target.get());
    }
    back.spec.link(entity, owner.shared_from_this());
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

std::shared_ptr<InstanceBase> fetch_reference(InstanceBase& owner, std::size_t index) {
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
    std::vector<std::shared_ptr<InstanceBase>> released;
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
}  // namespace retort::orm

namespace retort::orm::detail {

namespace {
// A value's text for grouping rows by key (the same encoding as composite identities).
std::string value_key(const Value& value) {
    if (auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
    if (auto* boolean = std::get_if<bool>(&value)) return *boolean ? "1" : "0";
    auto form = text_form(value);
    return form ? fmt::format("s{}", *form) : std::string("null");
}
// The same key from a field of a row (integers arrive as integers, the rest as their text).
std::string field_key(const Field& field) {
    switch (field.kind) {
        case FieldKind::integer:
            return std::to_string(field.integer);
        case FieldKind::null:
            return "null";
        case FieldKind::real:
            return fmt::format("s{}", field.real);
        default:
            return fmt::format("s{}", field.bytes);
    }
}

Value attribute_value(const InstanceBase& object, std::size_t attribute) {
    return object.mapper().attributes()[attribute].accessor.get(object.object());
}

}  // namespace

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

std::vector<Expression> key_columns(const Mapper& mapper, const FromClause& from) {
    std::vector<Expression> columns;
    for (std::size_t index : mapper.primary_key())
        columns.push_back(from.c(mapper.attributes()[index].name));
    return columns;
}

namespace {

constexpr std::size_t selectin_chunk = 500;
}  // namespace

void adopt(const std::shared_ptr<InstanceBase>& instance) {
    const auto& relationships = instance->mapper().relationships();
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        std::vector<std::shared_ptr<InstanceBase>> targets;
        relationships[i].spec.targets(instance->object(), targets);
        for (const auto& target : targets) link_back(*instance, i, target);
    }
}

void SessionState::lazy_load(InstanceBase& owner, std::size_t index) {
    const RelationshipInfo& info = owner.mapper().relationships()[index];
    if (info.spec.options.lazy == Loading::raise ||
        SlotAccess::raises(*info.spec.slot(owner.object())))
        throw InvalidRequestError(fmt::format(
            "'{}' is not loaded and its relationship is lazy = raise: load it with the query, "
            ".options(selectinload(...))",
            info.qualified_name()));
    if (info.many_to_one && info.owner_columns.size() == 1) {
        // A parent already in the session costs no statement: not an N+1.
        Value value = attribute_value(owner, info.owner_columns.front());
        if (std::holds_alternative<Null>(value)) {
            info.spec.set_loaded(owner.object(), {});
            return;
        }
        if (InstanceBase* held =
                identity.find(*identity_of(*info.target, std::vector<Value>{value})))
            if (!held->expired()) {
                referenced_parents.push_back(held->shared_from_this());
                info.spec.set_loaded(owner.object(), {referenced_parents.back()});
                return;
            }
    }
    std::size_t count = ++lazy_loads[&info];
    const std::size_t threshold = options.lazy_load_warning_threshold;
    if (threshold != 0 && count > threshold) {
        std::string message = fmt::format(
            "N+1 queries: relationship '{}' was lazily loaded {} times in this Session, one "
            "SELECT per object; load it with the query that reads the objects: "
            ".options(selectinload(...)) or lazy = Loading::selectin",
            info.qualified_name(), count);
        if (options.raise_on_repeated_lazy_loads) throw InvalidRequestError(message);
        if (count == threshold + 1)
            emit_log(engine.options().log_sink, LogLevel::warning, "retort.orm", message);
    }
    selectin_load(owner.mapper(), index, {&owner});
}

void SessionState::selectin_load(const Mapper& mapper, std::size_t index,
                                 const std::vector<InstanceBase*>& all_owners) {
    const RelationshipInfo& info = mapper.relationships()[index];
    std::vector<InstanceBase*> owners;
    for (InstanceBase* owner : all_owners)
        if (!info.spec.slot(owner->object())->loaded()) owners.push_back(owner);
    if (owners.empty()) return;
    if (info.owner_columns.size() != 1)
        throw NotSupportedError(fmt::format(
            "relationship '{}': loading over a composite foreign key is not supported yet",
            info.qualified_name()));
    check_usable();
    autoflush();
    const Mapper& target = *info.target;
    const std::size_t owner_column = info.owner_columns.front();
    const std::size_t target_column = info.target_columns.front();
    const Table* secondary = info.spec.options.secondary;
    const std::size_t width = target.attributes().size();
    // The column the owners' values are looked up in: the target's foreign key or key, or the
    // association table's column referring to the owner.
    const Expression lookup = secondary != nullptr
                                  ? secondary->c(info.secondary_owner_columns.front())
                                  : target.model().c(target.attributes()[target_column].name);

    // The values to look up, without NULLs and repeats.
    std::vector<Value> wanted;
    std::map<std::string, bool> seen;
    for (InstanceBase* owner : owners) {
        Value value = attribute_value(*owner, owner_column);
        if (std::holds_alternative<Null>(value)) continue;
        if (!seen.emplace(value_key(value), true).second) continue;
        if (info.many_to_one) {  // already in the identity map: no need to read it
            if (InstanceBase* held = identity.find(*identity_of(target, std::vector<Value>{value})))
                if (!held->expired()) continue;
        }
        wanted.push_back(std::move(value));
    }
    std::map<std::string, std::vector<std::shared_ptr<InstanceBase>>> by_key;
    std::vector<std::shared_ptr<InstanceBase>> keep_alive;
    for (std::size_t start = 0; start < wanted.size(); start += selectin_chunk) {
        std::vector<Value> chunk(wanted.begin() + static_cast<std::ptrdiff_t>(start),
                                 wanted.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                      wanted.size(), start + selectin_chunk)));
        std::vector<Expression> columns = target.model().mapped_columns();
        FromClause from = target.model();
        if (secondary != nullptr) {
            columns.push_back(lookup);
            from = from.join(*secondary,
                             association_target_condition(info, target.model(), *secondary));
        }

        Select query = Select(std::move(columns))
                           .select_from(from)
                           .where(chunk.size() == 1 ? lookup == chunk.front() : lookup.in_(chunk));
        if (info.spec.options.where) query = std::move(query).where(info.spec.options.where());
        std::vector<Expression> order{lookup};
        for (auto& e : key_columns(target, target.model())) order.push_back(e);
        Result result = conn().execute(std::move(query).order_by(order));
        result.read_rows(SIZE_MAX, [&](DriverResult& row) {
            auto object = load_row(target, row);
            if (!object) return;
            std::string key = secondary != nullptr
                                  ? field_key(row.field(width))
                                  : value_key(attribute_value(*object, target_column));
            by_key[key].push_back(object);
            keep_alive.push_back(std::move(object));
        });
    }
    for (InstanceBase* owner : owners) {
        Value value = attribute_value(*owner, owner_column);
        std::vector<std::shared_ptr<InstanceBase>> targets;
        if (!std::holds_alternative<Null>(value)) {
            if (info.many_to_one) {
                if (InstanceBase* held =
                        identity.find(*identity_of(target, std::vector<Value>{value}))) {
                    targets.push_back(held->shared_from_this());
                    referenced_parents.push_back(targets.back());
                }
            } else if (auto it = by_key.find(value_key(value)); it != by_key.end()) {
                targets = it->second;
            }
        }
        // An object opened for writing remembers the loaded content too, so that the flush
        // compares the collection with what the database holds.
        if (const void* before = owner->snapshot())
            info.spec.set_loaded(const_cast<void*>(before), std::vector(targets));
        info.spec.set_loaded(owner->object(), std::move(targets));
    }
}

void SessionState::load_eagerly(const Mapper& mapper, const std::vector<InstanceBase*>& objects,
                                const std::vector<LoadOption>& query_options) {
    if (objects.empty()) return;
    const auto& relationships = mapper.relationships();
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        Loading loading = relationships[i].spec.options.lazy;
        const LoadOption* chosen = nullptr;
        for (const auto& option : query_options)
            if (option.model == &mapper.model() && option.relationship == i) chosen = &option;
        if (chosen != nullptr) loading = chosen->loading;
        if (loading == Loading::selectin || loading == Loading::joined) {  // joined: nested
            selectin_load(mapper, i, objects);
        } else if (chosen != nullptr && loading == Loading::noload) {
            for (InstanceBase* object : objects)
                if (!relationships[i].spec.slot(object->object())->loaded()) {
                    relationships[i].spec.set_loaded(object->object(), {});
                    SlotAccess::set_not_given(*relationships[i].spec.slot(object->object()));
                }
        } else if (chosen != nullptr && loading == Loading::raise) {
            for (InstanceBase* object : objects) {
                RelationshipSlot* slot = relationships[i].spec.slot(object->object());
                if (!slot->loaded()) SlotAccess::set_raise(*slot);
            }
        }
        if (chosen == nullptr || chosen->next.empty()) continue;
        // Chained options apply to the objects this relationship brought.
        std::vector<std::shared_ptr<InstanceBase>> related;
        for (InstanceBase* object : objects)
            if (relationships[i].spec.slot(object->object())->loaded())
                relationships[i].spec.targets(object->object(), related);
        std::vector<InstanceBase*> next;
        std::unordered_set<InstanceBase*> seen_related;
        for (auto& object : related)
            if (seen_related.insert(object.get()).second) next.push_back(object.get());
        load_eagerly(*relationships[i].target, next, chosen->next);
    }
}

void SessionState::orphaned(InstanceBase& owner, std::size_t index, InstanceBase& child) {
    const RelationshipInfo& info = owner.mapper().relationships()[index];
    if (info.many_to_one || info.spec.options.secondary != nullptr) return;
    auto self = child.shared_from_this();
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
        std::vector<std::shared_ptr<InstanceBase>> previous, current;
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
        std::vector<std::shared_ptr<InstanceBase>> targets;
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
            std::vector<std::shared_ptr<InstanceBase>> targets;
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
    for (std::size_t d = 0; d < deleting.size(); ++d) {
        InstanceBase& parent = *deleting[d];
        const auto& relationships = parent.mapper().relationships();
        for (std::size_t i = 0; i < relationships.size(); ++i) {
            const RelationshipInfo& info = relationships[i];
            if (info.many_to_one || info.spec.options.secondary != nullptr) continue;
            RelationshipSlot* slot = info.spec.slot(parent.object());
            // passive_deletes: children not in memory are the database's (ON DELETE); those
            // loaded are still deleted or detached here, so the session holds no stale rows.
            if (!slot->loaded() && info.spec.options.passive_deletes) continue;
            if (!slot->loaded()) selectin_load(parent.mapper(), i, {&parent});
            std::vector<std::shared_ptr<InstanceBase>> children;
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
