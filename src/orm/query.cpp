#include "retort/orm/query.hpp"

#include <fmt/format.h>

#include "retort/errors.hpp"
#include "session_core.hpp"

namespace retort::orm::detail {

std::shared_ptr<InstanceBase> load_row(SessionCore& core, const Mapper& mapper, DriverResult& row,
                                       const std::vector<bool>* unloaded) {
    return core.load_row(mapper, row, 0, unloaded);
}

void load_eagerly(SessionCore& core, const Mapper& mapper,
                  const std::vector<InstanceBase*>& objects,
                  const std::vector<LoadOption>& options) {
    core.load_eagerly(mapper, objects, options);
}

Result run_query(SessionCore& core, const Select& statement, bool stream) {
    core.check_usable();
    core.autoflush();
    return core.conn().execute(statement, {}, ExecuteOptions{stream});
}

std::int64_t count_rows(SessionCore& core, const Select& statement) {
    core.check_usable();
    core.autoflush();
    Select counting = Select({func::count()}).select_from(statement.subquery("retort_counted"));
    return core.conn().execute(counting).scalar<std::int64_t>();
}

namespace {
Expression all_of(const std::vector<Expression>& criteria) {
    Expression condition = criteria.front();
    for (std::size_t i = 1; i < criteria.size(); ++i) condition = condition && criteria[i];
    return condition;
}

std::vector<Expression> key_columns(const Mapper& mapper) {
    std::vector<Expression> columns;
    for (std::size_t index : mapper.primary_key())
        columns.push_back(mapper.model().c(mapper.attributes()[index].name));
    return columns;
}
}  // namespace

Expression same_primary_key(const Mapper& mapper, const FromClause& subquery) {
    std::vector<Expression> equalities;
    for (std::size_t index : mapper.primary_key()) {
        const std::string& name = mapper.attributes()[index].name;
        equalities.push_back(mapper.model().c(name) == subquery.c(name));
    }
    return all_of(equalities);
}

std::int64_t bulk_update(SessionCore& core, const Mapper& mapper,
                         const std::vector<Expression>& criteria,
                         std::vector<Assignment> assignments, Synchronize synchronize) {
    if (assignments.empty()) throw ArgumentError("Query.update(): no values to set");
    core.check_usable();
    core.autoflush();
    Update statement = update(mapper.model()).values(std::move(assignments));
    if (!criteria.empty()) statement = statement.where(all_of(criteria));
    if (synchronize == Synchronize::none) return core.conn().execute(statement).rows_affected();
    // RETURNING every mapped column: objects in the session take the new values.
    Result result = core.conn().execute(statement.returning(mapper.model().mapped_columns()));
    std::int64_t count = 0;
    result.read_rows(SIZE_MAX, [&](DriverResult& row) {
        ++count;
        std::shared_ptr<InstanceBase> fresh = mapper.create();
        for (std::size_t i = 0; i < mapper.attributes().size(); ++i)
            mapper.model().read_column(i, fresh->object(), row.field(i));
        auto key = identity_of(mapper, fresh->object());
        if (!key) return;
        if (InstanceBase* held = core.identity.find(*key)) core.refresh_from(*held, *fresh);
    });
    return count;
}

std::int64_t bulk_delete(SessionCore& core, const Mapper& mapper,
                         const std::vector<Expression>& criteria, Synchronize synchronize) {
    core.check_usable();
    core.autoflush();
    Delete statement = delete_(mapper.model());
    if (!criteria.empty()) statement = statement.where(all_of(criteria));
    if (synchronize == Synchronize::none) return core.conn().execute(statement).rows_affected();
    Result result = core.conn().execute(statement.returning(key_columns(mapper)));
    std::int64_t count = 0;
    std::vector<Value> key(mapper.primary_key().size());
    result.read_rows(SIZE_MAX, [&](DriverResult& row) {
        ++count;
        std::shared_ptr<InstanceBase> fresh = mapper.create();
        for (std::size_t k = 0; k < mapper.primary_key().size(); ++k)
            mapper.model().read_column(mapper.primary_key()[k], fresh->object(), row.field(k));
        auto identity = identity_of(mapper, fresh->object());
        if (!identity) return;
        if (InstanceBase* held = core.identity.find(*identity)) core.mark_gone(*held);
    });
    return count;
}

}  // namespace retort::orm::detail
