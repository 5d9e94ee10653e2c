// Flush execution (see flush_execution.hpp).
#include "flush_execution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "retort/errors.hpp"

namespace retort::orm::detail {

namespace {

// Matches the rows a multi-row INSERT returned (already written to the objects in the order
// they came) to the objects by ascending key, when they did not come in that order.
void reorder_returned(const FlushStep& step, const std::vector<InstanceBase*>& objects,
                      const std::vector<std::int64_t>& keys) {
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return keys[a] < keys[b]; });
    const Mapper& mapper = *step.mapper;
    std::vector<InstanceRef> copies;
    for (InstanceBase* object : objects) {
        copies.push_back(mapper.create());
        for (std::size_t attribute : step.returning)
            mapper.attributes()[attribute].accessor.copy(copies.back()->object(), object->object());
    }
    for (std::size_t p = 0; p < objects.size(); ++p)
        for (std::size_t attribute : step.returning)
            mapper.attributes()[attribute].accessor.copy(objects[p]->object(),
                                                         copies[order[p]]->object());
}

/// The rows RETURNING gave, written to the step's objects in order.
void read_returned(const FlushStep& step, const std::vector<InstanceBase*>& objects,
                   DriverResult& outcome) {
    std::size_t i = 0;
    std::vector<std::int64_t> keys;
    while (outcome.next()) {
        if (i == objects.size()) break;
        for (std::size_t j = 0; j < step.returning.size(); ++j)
            step.mapper->model().read_column(step.returning[j], objects[i]->object(),
                                             outcome.field(j));
        if (step.sort_by_key) keys.push_back(outcome.field(0).integer);
        ++i;
    }
    if (i != objects.size())
        throw FlushError(fmt::format("the insert into '{}' returned {} row(s) for {} object(s)",
                                     step.mapper->name(), i, objects.size()));
    if (step.sort_by_key && !std::is_sorted(keys.begin(), keys.end()))
        reorder_returned(step, objects, keys);
}

/// What execution `k` of `step` gave back: returned rows, the inserted key, or a row count.
void read_outcome(const FlushStep& step, std::size_t k, DriverResult& outcome) {
    const auto& objects = step.rows[k];
    if (!step.returning.empty() && !step.inserted_key) {
        read_returned(step, objects, outcome);
    } else if (step.inserted_key) {
        auto key = outcome.last_insert_id();
        if (!key) throw FlushError("the driver did not report the inserted row's key");
        step.mapper->model().read_column(step.returning.front(), objects.front()->object(),
                                         Field::of_integer(*key));
    } else if (step.check_count) {
        auto affected = outcome.rows_affected();
        if (affected != static_cast<std::int64_t>(objects.size()))
            throw StaleDataError(
                fmt::format("{} statement on table '{}' expected to {} {} row(s); {} were "
                            "matched; another transaction changed or deleted the row since it "
                            "was read",
                            verb(step.kind), step.mapper->name(),
                            step.kind == FlushStep::Kind::update ? "update" : "delete",
                            objects.size(), affected));
    }
}

/// The keys of the step's new rows, reserved from their sequence in one query and set on the
/// objects, so that every object knows its key without RETURNING.
std::vector<std::int64_t> reserve_keys(Connection& connection, const FlushStep& step) {
    const auto& objects = step.rows.front();
    auto keys = connection
                    .exec_driver_sql(connection.dialect().reserve_keys_sql(),
                                     {Value(step.reserve_from),
                                      Value(static_cast<std::int64_t>(objects.size()))})
                    .scalar<std::vector<std::int64_t>>();
    if (keys.size() != objects.size())
        throw FlushError(fmt::format("'{}' reserved {} key(s) for {} new row(s)", step.reserve_from,
                                     keys.size(), objects.size()));
    const ModelBase& model = step.mapper->model();
    for (std::size_t i = 0; i < objects.size(); ++i)
        model.read_column(step.returning.front(), objects[i]->object(), Field::of_integer(keys[i]));
    return keys;
}

/// COPY of the step's objects, each row read from its object as it is written: the reserved
/// key first (if any), then the attributes copied, strings and integers read in place.
void copy_objects(Connection& connection, const FlushStep& step) {
    std::vector<std::int64_t> keys;
    if (!step.reserve_from.empty()) keys = reserve_keys(connection, step);
    const auto& attributes = step.mapper->attributes();
    const auto& objects = step.rows.front();
    connection.copy_from(step.mapper->model(), step.columns, [&](CopyWriter& writer) {
        for (std::size_t r = 0; r < objects.size(); ++r) {
            const void* object = objects[r]->object();
            if (!keys.empty()) writer.add(Field::of_integer(keys[r]));
            for (std::size_t attribute : step.copied) {
                const auto& accessor = attributes[attribute].accessor;
                if (accessor.view != nullptr)
                    writer.add(accessor.view(object));
                else
                    writer.add(accessor.get(object));
            }
            writer.end_row();
        }
    });
}

/// The parameters of a step that binds its objects, read from each as its INSERT runs:
/// strings and integers in place, the rest through a Value kept until the next row.
struct ObjectRows {
    explicit ObjectRows(const FlushStep& step) {
        rows.count = step.rows.size();
        rows.fill = [&step, scratch = std::vector<Value>()](std::size_t k,
                                                            std::vector<RowParam>& params) mutable {
            const auto& attributes = step.mapper->attributes();
            const void* object = step.rows[k].front()->object();
            scratch.clear();
            scratch.reserve(step.copied.size());  // no reallocation: params point into it
            for (std::size_t attribute : step.copied) {
                const auto& accessor = attributes[attribute].accessor;
                if (accessor.view != nullptr)
                    params.push_back({accessor.view(object)});
                else
                    params.push_back({Field{}, &scratch.emplace_back(accessor.get(object))});
            }
        };
    }
    ParamRows rows;
};

}  // namespace

std::size_t execute_steps(Connection& connection, const FlushPlan& plan, std::size_t from) {
    const auto& steps = plan.steps;
    while (from < steps.size()) {
        const FlushStep& step = steps[from];
        if (step.kind == FlushStep::Kind::copy) {
            copy_objects(connection, step);
            ++from;
            continue;
        }
        std::vector<BatchStatement> batch;
        std::vector<ObjectRows> object_rows;  // pointed to by the batch once all are made
        std::size_t end = from;
        for (; end < steps.size() && steps[end].kind != FlushStep::Kind::copy; ++end)
            if (steps[end].binds_objects) object_rows.emplace_back(steps[end]);
        for (std::size_t s = from, next_rows = 0; s < end; ++s)
            batch.push_back(
                BatchStatement{steps[s].sql, steps[s].sets,
                               steps[s].binds_objects ? &object_rows[next_rows++].rows : nullptr});
        connection.execute_batch(
            batch, [&, base = from](std::size_t s, std::size_t k, DriverResult& outcome) {
                read_outcome(steps[base + s], k, outcome);
            });
        from = end;
    }
    return from;
}

}  // namespace retort::orm::detail
