// Flush planning (see flush_plan.hpp): objects to row writes, described for the SQL layer and
// spelled by the dialect, batched by shape.
#include "flush_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "retort/types/array.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

namespace {
// PostgreSQL takes at most 65535 parameters per statement.
constexpr std::size_t max_parameters = 30000;

/// The columns of an association table, by name.
std::vector<sql::WriteColumn> write_columns(const TableDefinition& table,
                                            const std::vector<std::string>& names) {
    std::vector<sql::WriteColumn> columns;
    for (const auto& name : names) {
        const Column* column = table.column(name);
        columns.push_back({name, column != nullptr ? &column->type : nullptr});
    }
    return columns;
}

/// A row write's cache key: its kind, table, row count and the attributes it names.
std::string shape_key(char kind, const void* owner, std::size_t rows,
                      const std::vector<std::size_t>& columns = {},
                      const std::vector<std::size_t>& returning = {}) {
    std::string key = fmt::format("{}{}:{}:", kind, owner, rows);
    for (std::size_t c : columns) key += fmt::format("{},", c);
    key += ':';
    for (std::size_t c : returning) key += fmt::format("{},", c);
    return key;
}

/// Objects by primary key, as the rows are stored: statements touch rows in one order, so
/// that two flushes lock them in the same order.
void sort_by_key(std::vector<InstanceBase*>& objects) {
    std::stable_sort(objects.begin(), objects.end(), [](const auto* a, const auto* b) {
        return std::tie(a->key().integer, *a->key().composite) <
               std::tie(b->key().integer, *b->key().composite);
    });
}

/// Bound values of a deleted object come from how it was read.
const void* as_read(const InstanceBase* object) {
    return object->snapshot() != nullptr ? object->snapshot() : object->object();
}
}  // namespace

sql::WriteTable write_table(const TableDefinition& table) {
    return {table.schema ? std::optional<std::string_view>(*table.schema) : std::nullopt,
            table.name};
}

sql::WriteColumn write_column(const Mapper& mapper, std::size_t attribute) {
    const auto& a = mapper.attributes()[attribute];
    return {a.name, &a.type};
}

std::vector<sql::WriteColumn> write_columns(const Mapper& mapper,
                                            const std::vector<std::size_t>& attributes) {
    std::vector<sql::WriteColumn> columns;
    for (std::size_t i : attributes) columns.push_back(write_column(mapper, i));
    return columns;
}

const char* verb(FlushStep::Kind kind) noexcept {
    return kind == FlushStep::Kind::update    ? "UPDATE"
           : kind == FlushStep::Kind::delete_ ? "DELETE"
                                              : "INSERT";
}

std::size_t FlushPlan::rows_per_statement(std::size_t columns) const {
    return std::max<std::size_t>(
        1, std::min(batch_rows_, max_parameters / std::max<std::size_t>(columns, 1)));
}

template <class Bind>
void FlushPlan::add_per_object(FlushStep step, const std::vector<InstanceBase*>& objects,
                               Bind&& bind) {
    for (InstanceBase* object : objects) {
        step.sets.emplace_back();
        bind(object, step.sets.back());
        step.rows.push_back({object});
    }
    steps.push_back(std::move(step));
}

template <class Bind>
void FlushPlan::add_rows(FlushStep step, const std::vector<InstanceBase*>& objects,
                         std::size_t start, std::size_t count, Bind&& bind) {
    step.sets.emplace_back();
    step.rows.emplace_back();
    for (std::size_t r = start; r < start + count; ++r) {
        bind(objects[r], step.sets.back());
        step.rows.back().push_back(objects[r]);
    }
    steps.push_back(std::move(step));
}

void FlushPlan::plan_inserts(const std::vector<const Mapper*>& order,
                             const std::vector<InstanceBase*>& objects) {
    std::map<const Mapper*, std::vector<InstanceBase*>> by_mapper;
    for (InstanceBase* object : objects) by_mapper[&object->mapper()].push_back(object);
    for (const Mapper* mapper : order)
        if (auto it = by_mapper.find(mapper); it != by_mapper.end())
            plan_inserts(*mapper, it->second);
}

void FlushPlan::plan_inserts(const Mapper& mapper, const std::vector<InstanceBase*>& objects) {
    const auto& attributes = mapper.attributes();
    std::vector<std::size_t> columns, returning;
    std::vector<std::size_t> run_columns, run_returning;
    std::vector<InstanceBase*> run;
    for (InstanceBase* object : objects) {
        void* entity = object->object();
        for (auto& hook : mapper.events().before_insert) hook(entity);
        columns.clear();
        returning.clear();
        for (std::size_t i = 0; i < attributes.size(); ++i) {
            const auto& attribute = attributes[i];
            const bool blank = mapper.is_blank(i, entity);
            if (attribute.computed) {
                returning.push_back(i);
                continue;
            }
            if (blank && attribute.version) {
                assign(mapper, i, entity, Value{std::int64_t{1}});
                filled.emplace_back(object, i);
            } else if (blank && attribute.client_default) {
                assign(mapper, i, entity, attribute.client_default->make());
                filled.emplace_back(object, i);
            } else if (blank && attribute.server_generated) {
                returning.push_back(i);
                continue;
            }
            columns.push_back(i);
        }
        // The database-numbered key first: multi-row inserts match their rows by it.
        if (auto key = mapper.autoincrement()) {
            auto it = std::find(returning.begin(), returning.end(), *key);
            if (it != returning.end()) std::rotate(returning.begin(), it, it + 1);
        }
        if (!run.empty() && (columns != run_columns || returning != run_returning)) {
            emit_insert_run(mapper, run_columns, run_returning, run);
            run.clear();
        }
        if (run.empty()) {  // a new shape
            run_columns = columns;
            run_returning = returning;
        }
        run.push_back(object);
    }
    if (!run.empty()) emit_insert_run(mapper, run_columns, run_returning, run);
}

void FlushPlan::emit_insert_run(const Mapper& mapper, const std::vector<std::size_t>& columns,
                                const std::vector<std::size_t>& returning,
                                const std::vector<InstanceBase*>& objects) {
    const auto& attributes = mapper.attributes();
    sql::RowInsert insert{.table = write_table(mapper.model().definition()),
                          .columns = write_columns(mapper, columns)};
    for (std::size_t i : returning) insert.returning.push_back(attributes[i].name);
    auto bind_row = [&](InstanceBase* object, std::vector<const Value*>& set) {
        for (std::size_t i : columns)
            set.push_back(keep(attributes[i].accessor.get(object->object())));
    };
    const bool sorted = multirow_ && !returning.empty() && !columns.empty() &&
                        mapper.autoincrement() && returning.front() == *mapper.autoincrement();
    const bool many = multirow_ && !columns.empty() && (returning.empty() || sorted);

    if (many && objects.size() >= copy_threshold && dialect_.has_copy()) {
        // COPY when nothing is read back, or when the keys can be reserved ahead.
        const std::string* sequence = sorted ? key_sequence(mapper) : nullptr;
        if (returning.empty() || sequence != nullptr) {
            emit_copy(mapper, columns, returning, objects, sequence);
            return;
        }
    }

    if (!many) {  // one execution per object, of one statement
        FlushStep step{FlushStep::Kind::insert, &mapper};
        step.returning = returning;
        // SQLite tells the rowid it gave, and RETURNING would cost it a temporary table per
        // row: server defaults are left to load on the object's next access instead. A key the
        // server fills otherwise (a default, a sequence) is still read back.
        if (dialect_.reports_inserted_key() && !returning.empty() &&
            !reads_back_a_key(mapper, returning)) {
            step.inserted_key = returning.front() == mapper.autoincrement();
            step.leaves_unread = returning.size() > (step.inserted_key ? 1u : 0u);
            step.returning.resize(step.inserted_key ? 1 : 0);
            insert.returning.clear();
        }
        step.sql =
            cached_sql(shape_key(step.inserted_key ? 'k' : 'i', &mapper, 1, columns, returning),
                       [&] { return dialect_.row_insert_sql(insert); });
        step.binds_objects = true;
        step.copied = columns;
        step.rows.reserve(objects.size());
        for (InstanceBase* object : objects) step.rows.push_back({object});
        steps.push_back(std::move(step));
        return;
    }

    const std::size_t chunk = rows_per_statement(columns.size());
    insert.numbered_in_order = sorted;
    for (std::size_t start = 0; start < objects.size(); start += chunk) {
        const std::size_t count = std::min(chunk, objects.size() - start);
        FlushStep step{FlushStep::Kind::insert, &mapper};
        step.returning = returning;
        step.sort_by_key = sorted;
        insert.rows = count;
        step.sql = cached_sql(shape_key(sorted ? 'S' : 'I', &mapper, count, columns, returning),
                              [&] { return dialect_.row_insert_sql(insert); });
        add_rows(std::move(step), objects, start, count, bind_row);
    }
}

void FlushPlan::plan_changes(const std::vector<const Mapper*>& order,
                             const std::vector<InstanceBase*>& updated,
                             const std::vector<AssociationPair>& removed,
                             const std::vector<InstanceBase*>& deleted, bool clear_associations) {
    std::map<const Mapper*, std::vector<InstanceBase*>> updates, deletes;
    for (InstanceBase* object : updated) updates[&object->mapper()].push_back(object);
    for (InstanceBase* object : deleted) deletes[&object->mapper()].push_back(object);
    for (const Mapper* mapper : order) {
        if (auto it = updates.find(mapper); it != updates.end()) {
            sort_by_key(it->second);
            plan_updates(*mapper, it->second);
        }
    }
    // Association rows go before the rows they refer to are deleted.
    if (!removed.empty()) plan_association_rows(removed, false);
    if (clear_associations) plan_association_clears(deleted);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (auto found = deletes.find(*it); found != deletes.end()) {
            sort_by_key(found->second);
            plan_deletes(**it, found->second);
        }
    }
}

void FlushPlan::plan_updates(const Mapper& mapper, std::vector<InstanceBase*> objects) {
    const auto& attributes = mapper.attributes();
    auto changes_of = [&](InstanceBase* object) {
        std::vector<std::size_t> changed;
        for (std::size_t i = 0; i < attributes.size(); ++i)
            if (!attributes[i].computed &&
                !attributes[i].accessor.equal(object->object(), object->snapshot()))
                changed.push_back(i);
        return changed;
    };
    // Shapes (sets of changed columns) in order of first appearance, objects in key order.
    std::vector<std::pair<std::vector<std::size_t>, std::vector<InstanceBase*>>> shapes;
    for (InstanceBase* object : objects) {
        if (!mapper.events().before_update.empty()) {
            if (changes_of(object).empty()) continue;
            for (auto& hook : mapper.events().before_update) hook(object->object());
        }
        std::vector<std::size_t> changed = changes_of(object);
        if (changed.empty()) continue;
        // An unloaded member that was assigned is written: from now on it holds the row's value.
        for (std::size_t i : changed) SessionState::mark_attribute_loaded(*object, i);
        for (std::size_t i = 0; i < attributes.size(); ++i) {
            if (attributes[i].onupdate &&
                std::find(changed.begin(), changed.end(), i) == changed.end()) {
                assign(mapper, i, object->object(), attributes[i].onupdate->make());
                advanced.emplace_back(object, i);
                changed.push_back(i);
            }
        }
        if (auto version = mapper.version()) {
            std::erase(changed, *version);
            Value old = attributes[*version].accessor.get(object->snapshot());
            std::int64_t next =
                std::holds_alternative<std::int64_t>(old) ? std::get<std::int64_t>(old) + 1 : 1;
            assign(mapper, *version, object->object(), Value{next});
            advanced.emplace_back(object, *version);
        }
        std::sort(changed.begin(), changed.end());
        auto it = std::find_if(shapes.begin(), shapes.end(),
                               [&](const auto& shape) { return shape.first == changed; });
        if (it == shapes.end()) {
            shapes.emplace_back(std::move(changed), std::vector<InstanceBase*>{object});
        } else {
            it->second.push_back(object);
        }
    }
    for (auto& [columns, run] : shapes) emit_update_run(mapper, columns, run);
}

void FlushPlan::emit_update_run(const Mapper& mapper, const std::vector<std::size_t>& columns,
                                const std::vector<InstanceBase*>& objects) {
    const auto& attributes = mapper.attributes();
    const auto& key = mapper.primary_key();
    const auto version = mapper.version();
    sql::KeyedUpdate update{.table = write_table(mapper.model().definition()),
                            .set = write_columns(mapper, columns),
                            .key = write_columns(mapper, key)};
    if (version) update.version = write_column(mapper, *version);
    // Each row binds its new values, then its key and version as they were read.
    auto each_value = [&](InstanceBase* object, auto&& emit) {
        for (std::size_t i : columns) emit(attributes[i].accessor.get(object->object()));
        for (std::size_t i : key) emit(attributes[i].accessor.get(object->snapshot()));
        if (version) emit(attributes[*version].accessor.get(object->snapshot()));
    };
    auto bind_row = [&](InstanceBase* object, std::vector<const Value*>& set) {
        each_value(object, [&](Value value) { set.push_back(keep(std::move(value))); });
    };
    if (!multirow_ || objects.size() == 1) {  // one statement, one execution per object
        FlushStep step{FlushStep::Kind::update, &mapper};
        step.check_count = true;
        step.sql = cached_sql(shape_key('U', &mapper, 1, columns),
                              [&] { return dialect_.keyed_update_sql(update); });
        add_per_object(std::move(step), objects, bind_row);
        return;
    }
    if (binds_column_arrays(update)) {
        emit_array_update(mapper, update, columns, objects, each_value);
        return;
    }
    const std::size_t chunk = rows_per_statement(columns.size() + key.size() + (version ? 1 : 0));
    for (std::size_t start = 0; start < objects.size(); start += chunk) {
        const std::size_t count = std::min(chunk, objects.size() - start);
        FlushStep step{FlushStep::Kind::update, &mapper};
        step.check_count = true;
        update.rows = count;
        step.sql = cached_sql(shape_key('U', &mapper, count, columns),
                              [&] { return dialect_.keyed_update_sql(update); });
        add_rows(std::move(step), objects, start, count, bind_row);
    }
}

void FlushPlan::emit_copy(const Mapper& mapper, const std::vector<std::size_t>& columns,
                          const std::vector<std::size_t>& returning,
                          const std::vector<InstanceBase*>& objects, const std::string* sequence) {
    const auto& attributes = mapper.attributes();
    FlushStep step{FlushStep::Kind::copy, &mapper};
    if (sequence != nullptr) {  // the key reserved from its sequence; defaults load on access
        step.reserve_from = *sequence;
        step.returning = {returning.front()};
        step.leaves_unread = returning.size() > 1;
        step.columns.push_back(attributes[returning.front()].name);
    }
    for (std::size_t i : columns) step.columns.push_back(attributes[i].name);
    step.copied = columns;
    step.rows.push_back(objects);
    steps.push_back(std::move(step));
}

bool FlushPlan::reads_back_a_key(const Mapper& mapper, const std::vector<std::size_t>& returning) {
    const auto& key = mapper.primary_key();
    return std::any_of(returning.begin(), returning.end(), [&](std::size_t attribute) {
        return attribute != mapper.autoincrement() &&
               std::find(key.begin(), key.end(), attribute) != key.end();
    });
}

const std::string* FlushPlan::key_sequence(const Mapper& mapper) const {
    if (key_sequences == nullptr) return nullptr;
    auto it = key_sequences->find(&mapper);
    return it == key_sequences->end() || it->second.empty() ? nullptr : &it->second;
}

bool FlushPlan::binds_column_arrays(const sql::KeyedUpdate& update) const {
    if (!dialect_.has_array_parameters()) return false;
    auto scalar = [&](const sql::WriteColumn& column) {  // unnest flattens arrays
        return column.type != nullptr && column.type->dimensions == 0 &&
               dialect_.type_sql(*column.type).find('[') == std::string::npos;
    };
    return std::all_of(update.set.begin(), update.set.end(), scalar) &&
           std::all_of(update.key.begin(), update.key.end(), scalar) &&
           (!update.version || scalar(*update.version));
}

template <class EachValue>
void FlushPlan::emit_array_update(const Mapper& mapper, sql::KeyedUpdate update,
                                  const std::vector<std::size_t>& columns,
                                  const std::vector<InstanceBase*>& objects,
                                  EachValue&& each_value) {
    update.rows = objects.size();
    update.column_arrays = true;
    FlushStep step{FlushStep::Kind::update, &mapper};
    step.check_count = true;
    step.sql = cached_sql(shape_key('V', &mapper, 0, columns),
                          [&] { return dialect_.keyed_update_sql(update); });
    // Row by row, each value appended to its column's array literal.
    std::vector<std::string> arrays(
        update.set.size() + update.key.size() + (update.version ? 1 : 0), "{");
    for (InstanceBase* object : objects) {
        std::size_t c = 0;
        each_value(object, [&](const Value& value) {
            if (arrays[c].size() > 1) arrays[c] += ',';
            retort::detail::append_array_element(arrays[c++], value);
        });
    }
    step.sets.emplace_back();
    for (auto& array : arrays) step.sets.back().push_back(keep(Value(std::move(array) + '}')));
    step.rows.push_back(objects);
    steps.push_back(std::move(step));
}

void FlushPlan::plan_deletes(const Mapper& mapper, const std::vector<InstanceBase*>& objects) {
    const auto& attributes = mapper.attributes();
    const auto& key = mapper.primary_key();
    const auto version = mapper.version();
    for (InstanceBase* object : objects)
        for (auto& hook : mapper.events().before_delete) hook(object->object());
    sql::KeyedDelete remove{.table = write_table(mapper.model().definition()),
                            .key = write_columns(mapper, key)};
    if (version) remove.version = write_column(mapper, *version);

    auto bind_key = [&](InstanceBase* object, std::vector<const Value*>& set) {
        for (std::size_t i : key) set.push_back(keep(attributes[i].accessor.get(as_read(object))));
        if (version) set.push_back(keep(attributes[*version].accessor.get(as_read(object))));
    };
    if (multirow_ && key.size() == 1 && !version && objects.size() > 1) {
        const std::size_t chunk = rows_per_statement(1);
        for (std::size_t start = 0; start < objects.size(); start += chunk) {
            const std::size_t count = std::min(chunk, objects.size() - start);
            remove.rows = count;
            FlushStep step{FlushStep::Kind::delete_, &mapper};
            step.sql = cached_sql(shape_key('D', &mapper, count),
                                  [&] { return dialect_.keyed_delete_sql(remove); });
            add_rows(std::move(step), objects, start, count, bind_key);
        }
        return;
    }
    FlushStep step{FlushStep::Kind::delete_, &mapper};
    step.sql =
        cached_sql(shape_key('D', &mapper, 1), [&] { return dialect_.keyed_delete_sql(remove); });
    // Without a version counter a row already gone is not an error (SQLAlchemy warns).
    step.check_count = version.has_value();
    add_per_object(std::move(step), objects, bind_key);
}

void FlushPlan::plan_association_rows(const std::vector<AssociationPair>& pairs, bool insert) {
    // One statement per relationship, one execution per row.
    std::map<const RelationshipInfo*, std::vector<const AssociationPair*>> by_relationship;
    for (const auto& pair : pairs) by_relationship[pair.info].push_back(&pair);
    for (const auto& [info, rows] : by_relationship) {
        const TableDefinition& table = info->spec.options.secondary->definition();
        std::vector<sql::WriteColumn> columns = write_columns(table, info->secondary_owner_columns);
        for (const auto& column : write_columns(table, info->secondary_target_columns))
            columns.push_back(column);
        FlushStep step{insert ? FlushStep::Kind::insert : FlushStep::Kind::delete_, info->owner};
        step.sql = cached_sql(shape_key(insert ? 'A' : 'R', info, 1), [&] {
            return insert
                       ? dialect_.row_insert_sql({.table = write_table(table), .columns = columns})
                       : dialect_.keyed_delete_sql({.table = write_table(table), .key = columns});
        });
        for (const AssociationPair* pair : rows) {
            step.sets.emplace_back();
            for (std::size_t c : info->owner_columns)
                step.sets.back().push_back(keep(
                    pair->owner->mapper().attributes()[c].accessor.get(pair->owner->object())));
            for (std::size_t c : info->target_columns)
                step.sets.back().push_back(keep(
                    pair->target->mapper().attributes()[c].accessor.get(pair->target->object())));
            step.rows.emplace_back();  // no object of its own: no hooks, no keys to restore
        }
        steps.push_back(std::move(step));
    }
}

void FlushPlan::plan_association_clears(const std::vector<InstanceBase*>& deleted) {
    for (InstanceBase* object : deleted) {
        for (const auto& info : object->mapper().relationships()) {
            const Table* table = info.spec.options.secondary;
            if (table == nullptr) continue;
            const TableDefinition& definition = table->definition();
            FlushStep step{FlushStep::Kind::delete_, &object->mapper()};
            step.sql = cached_sql(shape_key('C', &info, 1), [&] {
                return dialect_.keyed_delete_sql(
                    {.table = write_table(definition),
                     .key = write_columns(definition, info.secondary_owner_columns)});
            });
            step.sets.emplace_back();
            for (std::size_t c : info.owner_columns)
                step.sets.back().push_back(
                    keep(object->mapper().attributes()[c].accessor.get(as_read(object))));
            step.rows.emplace_back();
            steps.push_back(std::move(step));
        }
    }
}

void FlushPlan::restore() noexcept {
    for (auto& [object, attribute] : filled)
        object->mapper().reset_to_blank(attribute, object->object());
    for (auto& [object, attribute] : advanced)
        object->mapper().attributes()[attribute].accessor.copy(object->object(),
                                                               object->snapshot());
    for (const auto& step : steps) {
        if (step.kind != FlushStep::Kind::insert && step.reserve_from.empty()) continue;
        for (const auto& rows : step.rows)
            for (InstanceBase* object : rows)
                for (std::size_t attribute : step.returning)
                    object->mapper().reset_to_blank(attribute, object->object());
    }
}

std::vector<const Mapper*> dependency_order(const std::vector<const Mapper*>& mappers) {
    auto refers_to = [](const Mapper* from, const Mapper* to) {
        if (from == to) return false;
        const std::string target = to->model().definition().qualified_name();
        for (const auto& fk : from->model().definition().foreign_keys)
            if (fk.referred_table == target) return true;
        return false;
    };
    std::vector<const Mapper*> ordered;
    std::vector<bool> placed(mappers.size(), false);
    while (ordered.size() < mappers.size()) {
        std::size_t pick = mappers.size();
        for (std::size_t i = 0; i < mappers.size() && pick == mappers.size(); ++i) {
            if (placed[i]) continue;
            bool ready = true;
            for (std::size_t j = 0; j < mappers.size() && ready; ++j)
                if (!placed[j] && j != i && refers_to(mappers[i], mappers[j])) ready = false;
            if (ready) pick = i;
        }
        if (pick == mappers.size())  // a cycle: take the first left
            pick = static_cast<std::size_t>(std::find(placed.begin(), placed.end(), false) -
                                            placed.begin());
        placed[pick] = true;
        ordered.push_back(mappers[pick]);
    }
    return ordered;
}

}  // namespace retort::orm::detail
