// orm::Deferred<T>: members a query left out, loaded on first access.
#include "retort/orm/deferred.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "retort/orm/query.hpp"
#include "session_core.hpp"

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
    SessionCore* core = owner->session_core();
    if (core == nullptr)
        throw DetachedInstanceError(fmt::format(
            "the deferred column '{}.{}' was not loaded and its object is in no session; "
            "undefer() it in the query that loads the object",
            mapper.name(), mapper.attributes()[attribute].name));
    // Every deferred column still missing, in one statement.
    const auto& attributes = mapper.attributes();
    const MapperSql& names = mapper_sql(mapper, core->engine.dialect());
    std::vector<std::size_t> wanted;
    std::string columns;
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        if (!attributes[i].deferred || DeferredAccess::slot(mapper, i, owner->object()).loaded())
            continue;
        wanted.push_back(i);
        columns += fmt::format("{}{}", columns.empty() ? "" : ", ", names.quoted[i]);
    }
    std::string where = names.select_by_key.substr(names.select_by_key.find(" WHERE "));
    Result result = core->conn().exec_driver_sql(
        fmt::format("SELECT {} FROM {}{}", columns, names.table, where), owner->identity());
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
    // them (SQLAlchemy's load_only keeps the key too).
    auto always_loaded = [&](std::size_t i) {
        return attributes[i].primary_key || attributes[i].version;
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
                    "'{}.{}' is the {} and cannot be deferred: the object is found and updated "
                    "by it",
                    mapper.name(), attributes[i].name,
                    attributes[i].primary_key ? "primary key" : "version counter"));
            left_out[i] = option.kind == ColumnOption::Kind::defer;
        }
    }
    return left_out;
}

}  // namespace retort::orm::detail
