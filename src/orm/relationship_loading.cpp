// Loading relationships: lazily on access (one statement, or none when the parent is in the
// identity map) and eagerly with selectin (one statement per 500 owners) or subquery (one
// statement re-running the query that loaded the owners).
#include <fmt/format.h>

#include <map>
#include <unordered_set>

#include "retort/errors.hpp"
#include "retort/orm/relationship.hpp"
#include "session_state.hpp"

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

constexpr std::size_t selectin_chunk = 500;
}  // namespace

std::vector<Expression> key_columns(const Mapper& mapper, const FromClause& from) {
    std::vector<Expression> columns;
    for (std::size_t index : mapper.primary_key())
        columns.push_back(from.c(mapper.attributes()[index].name));
    return columns;
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
                referenced_parents.push_back(InstanceRef(held));
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

namespace {
// The owners' values of a selectin load's key, without NULLs and repeats, and without the
// parents the identity map already holds (many-to-one).
std::vector<Value> values_to_look_up(SessionState& session, const RelationshipInfo& info,
                                     const std::vector<InstanceBase*>& owners) {
    std::vector<Value> wanted;
    std::map<std::string, bool> seen;
    for (InstanceBase* owner : owners) {
        Value value = attribute_value(*owner, info.owner_columns.front());
        if (std::holds_alternative<Null>(value)) continue;
        if (!seen.emplace(value_key(value), true).second) continue;
        if (info.many_to_one) {  // already in the identity map: no need to read it
            if (InstanceBase* held =
                    session.identity.find(*identity_of(*info.target, std::vector<Value>{value})))
                if (!held->expired()) continue;
        }
        wanted.push_back(std::move(value));
    }
    return wanted;
}

using RelatedByKey = std::map<std::string, std::vector<InstanceRef>>;

// The column the owners' values are looked up in: the target's foreign key or key, or the
// association table's column referring to the owner.
Expression lookup_column(const RelationshipInfo& info) {
    const Mapper& target = *info.target;
    if (const Table* secondary = info.spec.options.secondary)
        return secondary->c(info.secondary_owner_columns.front());
    return target.model().c(target.attributes()[info.target_columns.front()].name);
}

// SELECT of the related rows (and, many-to-many, of the association's owner column) whose
// lookup column meets `condition`, with the relationship's own criteria.
Select related_rows(const RelationshipInfo& info, std::vector<Expression> columns,
                    const Expression& condition) {
    const Mapper& target = *info.target;
    FromClause from = target.model();
    if (const Table* secondary = info.spec.options.secondary)
        from =
            from.join(*secondary, association_target_condition(info, target.model(), *secondary));
    Select query = Select(std::move(columns)).select_from(from).where(condition);
    if (info.spec.options.where) query = std::move(query).where(info.spec.options.where());
    return query;
}

// The related objects of the owners whose lookup value meets each condition (a statement
// per condition), by the value they were found for.
RelatedByKey read_related(SessionState& session, const RelationshipInfo& info,
                          const std::vector<Expression>& conditions) {
    const Mapper& target = *info.target;
    const std::size_t target_column = info.target_columns.front();
    const bool secondary = info.spec.options.secondary != nullptr;
    const std::size_t width = target.attributes().size();
    const Expression lookup = lookup_column(info);
    RelatedByKey by_key;
    for (const Expression& condition : conditions) {
        std::vector<Expression> columns = target.model().mapped_columns();
        if (secondary) columns.push_back(lookup);
        std::vector<Expression> order{lookup};
        if (info.spec.options.order_by)
            for (auto& e : info.spec.options.order_by()) order.push_back(std::move(e));
        for (auto& e : key_columns(target, target.model())) order.push_back(e);
        Result result = session.conn().execute(
            related_rows(info, std::move(columns), condition).order_by(order));
        result.read_rows(SIZE_MAX, [&](DriverResult& row) {
            auto object = session.load_row(target, row);
            if (!object) return;
            std::string key = secondary ? field_key(row.field(width))
                                        : value_key(attribute_value(*object, target_column));
            by_key[key].push_back(std::move(object));
        });
    }
    return by_key;
}

// The lookup column IN each selectin_chunk of the values.
std::vector<Expression> chunked_in(const Expression& lookup, const std::vector<Value>& wanted) {
    std::vector<Expression> conditions;
    for (std::size_t start = 0; start < wanted.size(); start += selectin_chunk) {
        std::vector<Value> chunk(wanted.begin() + static_cast<std::ptrdiff_t>(start),
                                 wanted.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                      wanted.size(), start + selectin_chunk)));
        conditions.push_back(chunk.size() == 1 ? lookup == chunk.front() : lookup.in_(chunk));
    }
    return conditions;
}

// The owners of a subqueryload one level down: the objects this relationship loads for the
// owners `owners` selects, as a statement that selects one of their columns.
class RelatedOwners final : public OwnerSource {
  public:
    RelatedOwners(const RelationshipInfo& info, const OwnerSource& owners)
        : info_(info), owners_(owners) {}
    Select select(const std::string& column) const override {
        const Mapper& owner = *info_.owner;
        const std::string& key = owner.attributes()[info_.owner_columns.front()].name;
        return related_rows(info_, {info_.target->model().c(column)},
                            lookup_column(info_).in_(owners_.select(key)));
    }

  private:
    const RelationshipInfo& info_;
    const OwnerSource& owners_;
};

// Fills the relationship of each owner with the related objects found for its key.
void fill_loaded(SessionState& session, const RelationshipInfo& info,
                 const std::vector<InstanceBase*>& owners, const RelatedByKey& by_key) {
    for (InstanceBase* owner : owners) {
        Value value = attribute_value(*owner, info.owner_columns.front());
        std::vector<InstanceRef> targets;
        if (!std::holds_alternative<Null>(value)) {
            if (info.many_to_one) {
                if (InstanceBase* held = session.identity.find(
                        *identity_of(*info.target, std::vector<Value>{value}))) {
                    targets.push_back(InstanceRef(held));
                    session.referenced_parents.push_back(targets.back());
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

// The owners whose relationship is not loaded yet; NotSupportedError for a composite key.
std::vector<InstanceBase*> to_load(const RelationshipInfo& info,
                                   const std::vector<InstanceBase*>& all_owners) {
    std::vector<InstanceBase*> owners;
    for (InstanceBase* owner : all_owners)
        if (!info.spec.slot(owner->object())->loaded()) owners.push_back(owner);
    if (!owners.empty() && info.owner_columns.size() != 1)
        throw NotSupportedError(fmt::format(
            "relationship '{}': loading over a composite foreign key is not supported yet",
            info.qualified_name()));
    return owners;
}
}  // namespace

void SessionState::selectin_load(const Mapper& mapper, std::size_t index,
                                 const std::vector<InstanceBase*>& all_owners) {
    const RelationshipInfo& info = mapper.relationships()[index];
    const std::vector<InstanceBase*> owners = to_load(info, all_owners);
    if (owners.empty()) return;
    check_usable();
    autoflush();
    const std::vector<Value> wanted = values_to_look_up(*this, info, owners);
    fill_loaded(*this, info, owners,
                read_related(*this, info, chunked_in(lookup_column(info), wanted)));
}

void SessionState::subquery_load(const Mapper& mapper, std::size_t index,
                                 const std::vector<InstanceBase*>& all_owners,
                                 const OwnerSource& source) {
    const RelationshipInfo& info = mapper.relationships()[index];
    const std::vector<InstanceBase*> owners = to_load(info, all_owners);
    if (owners.empty()) return;
    check_usable();
    autoflush();
    const std::string& key = mapper.attributes()[info.owner_columns.front()].name;
    fill_loaded(*this, info, owners,
                read_related(*this, info, {lookup_column(info).in_(source.select(key))}));
}

void SessionState::load_eagerly(const Mapper& mapper, const std::vector<InstanceBase*>& objects,
                                const std::vector<LoadOption>& query_options,
                                const OwnerSource* source) {
    if (objects.empty()) return;
    const auto& relationships = mapper.relationships();
    for (std::size_t i = 0; i < relationships.size(); ++i) {
        Loading loading = relationships[i].spec.options.lazy;
        const LoadOption* chosen = nullptr;
        for (const auto& option : query_options)
            if (option.model == &mapper.model() && option.relationship == i) chosen = &option;
        if (chosen != nullptr) loading = chosen->loading;
        if (loading == Loading::subquery && source != nullptr) {
            subquery_load(mapper, i, objects, *source);
        } else if (loading == Loading::selectin || loading == Loading::joined ||
                   loading == Loading::subquery) {  // joined: nested
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
        std::vector<InstanceRef> related;
        for (InstanceBase* object : objects)
            if (relationships[i].spec.slot(object->object())->loaded())
                relationships[i].spec.targets(object->object(), related);
        std::vector<InstanceBase*> next;
        std::unordered_set<InstanceBase*> seen_related;
        for (auto& object : related)
            if (seen_related.insert(object.get()).second) next.push_back(object.get());
        // A subqueryload below re-runs this level's statement, which selects the related
        // objects of every owner the source selects (a superset of `next`).
        if (source != nullptr) {
            const RelatedOwners related_owners(relationships[i], *source);
            load_eagerly(*relationships[i].target, next, chosen->next, &related_owners);
        } else {
            load_eagerly(*relationships[i].target, next, chosen->next, nullptr);
        }
    }
}
}  // namespace retort::orm::detail
