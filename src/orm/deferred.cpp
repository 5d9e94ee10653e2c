// orm::Deferred<T>: members a query left out, loaded on first access.
#include "retort/orm/deferred.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "query_support.hpp"
#include "retort/orm/query.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

struct DeferredAccess {
    static DeferredSlot& slot(const Mapper& mapper, std::size_t index, void* entity) {
        return *static_cast<DeferredSlot*>(
            mapper.attributes()[index].accessor.deferred_slot(entity));
    }
    static void leave_out(DeferredSlot& slot, InstanceBase* owner, std::size_t index) {
        slot.owner_ = owner;
        slot.attribute_ = index;
        slot.loaded_ = false;
    }
};

void mark_unloaded(InstanceBase& object, std::size_t index) {
    DeferredAccess::leave_out(DeferredAccess::slot(object.mapper(), index, object.object()),
                              &object, index);
}

void load_deferred(InstanceBase* owner, std::size_t attribute) {
    if (owner == nullptr)
        throw DetachedInstanceError(
            "this deferred value belongs to a copy of an entity, which is in no session; read it "
            "through the session's object, or undefer() it in the query");
    const Mapper& mapper = owner->mapper();
    SessionState* session = owner->session_state();
    if (session == nullptr)
        throw DetachedInstanceError(fmt::format(
            "the deferred column '{}.{}' was not loaded and its object is in no session; "
            "undefer() it in the query that loads the object",
            mapper.name(), mapper.attributes()[attribute].name));
    // Every deferred column still missing, in one statement.
    const auto& attributes = mapper.attributes();
    std::vector<std::size_t> wanted;
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        if (!attributes[i].deferred || DeferredAccess::slot(mapper, i, owner->object()).loaded())
            continue;
        wanted.push_back(i);
    }
    Result result = session->conn().exec_driver_sql(
        select_by_key_sql(mapper, session->engine.dialect(), wanted), owner->identity());
    bool found = false;
    result.read_rows(1, [&](DriverResult& row) {
        found = true;
        auto* snapshot = const_cast<void*>(owner->snapshot());
        for (std::size_t k = 0; k < wanted.size(); ++k) {
            const auto& accessor = attributes[wanted[k]].accessor;
            mapper.model().read_column(wanted[k], owner->object(), row.field(k));
            // An object opened for writing compares with its snapshot: the loaded value is
            // not a change.
            if (snapshot != nullptr && !DeferredAccess::slot(mapper, wanted[k], snapshot).loaded())
                accessor.copy(snapshot, owner->object());
        }
    });
    result.close();
    if (!found)
        throw ObjectDeletedError(
            fmt::format("the '{}' row was deleted: its deferred column '{}' cannot be loaded",
                        mapper.name(), attributes[attribute].name));
}

std::vector<bool> unloaded_columns(const Mapper& mapper, const std::vector<ColumnOption>& options) {
    const auto& attributes = mapper.attributes();
    // The key and the version counter are always loaded: the object is found and updated by
    // them (SQLAlchemy's load_only keeps the key too). So are foreign keys: relationships find
    // the related objects through them.
    const auto& foreign_keys = mapper.model().definition().foreign_keys;
    auto always_loaded = [&](std::size_t i) {
        return attributes[i].primary_key || attributes[i].version ||
               std::any_of(foreign_keys.begin(), foreign_keys.end(), [&](const auto& fk) {
                   return std::find(fk.columns.begin(), fk.columns.end(), attributes[i].name) !=
                          fk.columns.end();
               });
    };
    std::vector<bool> left_out(attributes.size());
    for (std::size_t i = 0; i < attributes.size(); ++i) left_out[i] = attributes[i].deferred;
    for (const auto& option : options) {
        if (option.kind == ColumnOption::Kind::load_only) {
            for (std::size_t i = 0; i < attributes.size(); ++i)
                left_out[i] = !always_loaded(i) &&
                              std::find(option.columns.begin(), option.columns.end(), i) ==
                                  option.columns.end();
            continue;
        }
        for (std::size_t i : option.columns) {
            if (option.kind == ColumnOption::Kind::defer && always_loaded(i))
                throw ArgumentError(fmt::format(
                    "'{}.{}' cannot be deferred: it is the primary key, the version counter or a "
                    "foreign key, which the session needs to find, update and relate the object",
                    mapper.name(), attributes[i].name));
            left_out[i] = option.kind == ColumnOption::Kind::defer;
        }
    }
    return left_out;
}

void SessionState::fill_unloaded(InstanceBase& existing, const InstanceBase& fresh) {
    if (!existing.unloaded_.has_value()) return;
    const auto& attributes = existing.mapper().attributes();
    auto* snapshot = const_cast<void*>(existing.snapshot());
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        if (existing.attribute_loaded(i) || !fresh.attribute_loaded(i)) continue;
        // A value assigned since the partial load is a change the flush will write: keep it.
        if (snapshot != nullptr && !attributes[i].accessor.equal(existing.object(), snapshot))
            continue;
        attributes[i].accessor.copy(existing.object(), fresh.object());
        if (snapshot != nullptr) attributes[i].accessor.copy(snapshot, fresh.object());
        existing.unloaded_.make()[i] = false;
    }
    if (std::none_of(existing.unloaded_->begin(), existing.unloaded_->end(),
                     [](bool unloaded) { return unloaded; }))
        existing.unloaded_.reset();
}

void SessionState::load_unloaded(InstanceBase& object, bool with_unread) {
    const Mapper& mapper = object.mapper();
    const auto& attributes = mapper.attributes();
    const ModelBase& model = mapper.model();
    // The object and up to 499 others of its mapper that miss the same columns (those of the
    // same query, typically), in one SELECT by key; a composite key loads this object alone.
    constexpr std::size_t batch_size = 500;
    std::vector<InstanceBase*> batch{&object};
    const bool by_single_key = mapper.primary_key().size() == 1;
    if (by_single_key)
        identity.for_each([&](InstanceBase* other) {
            if (batch.size() >= batch_size || other == &object || &other->mapper() != &mapper ||
                other->snapshot() != nullptr)
                return;
            if (with_unread && other->unread_ && !other->unloaded_.has_value())
                other->unloaded_ = object.unloaded_;  // the same server-filled columns
            if (other->unloaded_ == object.unloaded_) batch.push_back(other);
        });
    std::vector<Expression> columns = key_columns(mapper, model);
    const std::size_t width = columns.size();
    std::vector<std::size_t> wanted;
    for (std::size_t i = 0; i < attributes.size(); ++i)
        if (!object.attribute_loaded(i)) {
            wanted.push_back(i);
            columns.push_back(model.c(attributes[i].name));
        }
    Expression condition = columns[0] == object.identity()[0];
    if (by_single_key) {
        std::vector<Value> keys;
        for (InstanceBase* member : batch) keys.push_back(member->identity()[0]);
        condition = columns[0].in_(keys);
    } else {
        const std::vector<Value> key = object.identity();
        for (std::size_t k = 1; k < width; ++k) condition = condition && columns[k] == key[k];
    }
    const std::vector<bool> missing = *object.unloaded_;  // cleared as the rows arrive
    Result result = conn().execute(Select(std::move(columns)).select_from(model).where(condition));
    result.read_rows(SIZE_MAX, [&](DriverResult& row) {
        InstanceRef keyed = mapper.create();
        for (std::size_t k = 0; k < width; ++k)
            model.read_column(mapper.primary_key()[k], keyed->object(), row.field(k));
        auto key = identity_of(mapper, keyed->object());
        InstanceBase* held = key ? identity.find(*key) : nullptr;
        if (held == nullptr || *held->unloaded_ != missing) return;
        for (std::size_t k = 0; k < wanted.size(); ++k)
            model.read_column(wanted[k], held->object(), row.field(width + k));
        held->unloaded_.reset();
        held->unread_ = false;
    });
}

}  // namespace retort::orm::detail
