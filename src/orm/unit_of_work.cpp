// The unit of work: turns the session's pending, changed and deleted objects into batched
// INSERT / UPDATE / DELETE statements ordered by foreign-key dependency, runs them as one
// batch (one pipeline on PostgreSQL), and moves the objects to their new states only when the
// whole flush succeeded.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "retort/errors.hpp"
#include "session_core.hpp"

namespace retort::orm::detail {

namespace {

struct Step {
    enum class Kind { insert, update, delete_, copy };
    Kind kind;
    const Mapper* mapper;
    std::string sql;
    std::vector<std::vector<const Value*>> sets;
    std::vector<std::vector<InstanceBase*>> rows;  // the objects each parameter set writes
    std::vector<std::size_t> returning;            // attributes RETURNING brings back, in order
    bool sort_by_key = false;   // multi-row INSERT: rows come back matched by ascending key
    bool check_count = false;   // rows affected must equal the objects written
    bool inserted_key = false;  // the numbered key comes from the driver, not RETURNING
};

// PostgreSQL takes at most 65535 parameters per statement.
constexpr std::size_t max_parameters = 30000;
// From this many new rows of one shape that need nothing back, COPY beats multi-row INSERTs.
constexpr std::size_t copy_threshold = 1000;

const char* verb(Step::Kind kind) {
    return kind == Step::Kind::update    ? "UPDATE"
           : kind == Step::Kind::delete_ ? "DELETE"
                                         : "INSERT";
}

class FlushPlan {
  public:
    FlushPlan(SessionCore& core, const sql::Dialect& dialect)
        : core_(core), dialect_(dialect), multirow_(dialect.prefers_multirow_dml()) {}

    std::vector<Step> steps;
    std::vector<std::pair<InstanceBase*, std::size_t>> filled;    // set from blank by the flush
    std::vector<std::pair<InstanceBase*, std::size_t>> advanced;  // onupdate / version values

    void plan_inserts(const Mapper& mapper, const std::vector<InstanceBase*>& objects);
    void plan_updates(const Mapper& mapper, std::vector<InstanceBase*> objects);
    void plan_deletes(const Mapper& mapper, std::vector<InstanceBase*> objects);
    /// Many-to-many: rows of an association table, each pairing an owner and a target.
    struct Pair {
        const RelationshipInfo* info;
        InstanceBase* owner;
        InstanceBase* target;
    };
    void plan_association_rows(const std::vector<Pair>& pairs, bool insert);
    /// Every association row of objects being deleted.
    void plan_association_clears(const std::vector<InstanceBase*>& deleted);

    /// Puts every object the failed flush touched back as it was before it.
    void restore() noexcept;

  private:
    const Value* keep(Value value) {
        values_.push_back(std::move(value));
        return &values_.back();
    }
    std::string ph(std::size_t position) const { return placeholder(dialect_, position); }
    std::string cast(const std::string& placeholder_text, const SqlType& type) const {
        // Without the length or precision: an explicit cast to VARCHAR(n) would cut a long value
        // short where the column's own assignment raises an error.
        std::string name = dialect_.type_sql(type);
        if (auto open = name.find('('); open != std::string::npos) {
            auto close = name.find(')', open);
            name.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
        }
        return fmt::format("{}::{}", placeholder_text, name);
    }
    static std::string shape_key(char kind, const Mapper& mapper,
                                 const std::vector<std::size_t>& columns,
                                 const std::vector<std::size_t>& returning, std::size_t rows,
                                 bool sorted) {
        std::string key = fmt::format("{}{}:{}:{}:", kind, static_cast<const void*>(&mapper), rows,
                                      sorted ? 1 : 0);
        for (std::size_t c : columns) key += fmt::format("{},", c);
        key += ':';
        for (std::size_t c : returning) key += fmt::format("{},", c);
        return key;
    }
    /// Multi-row statements cost thousands of placeholders to write: they are kept per shape.
    template <class Build>
    const std::string& cached_sql(const std::string& key, Build&& build) {
        auto& cache = core_.statement_cache;
        if (auto it = cache.find(key); it != cache.end()) return it->second;
        if (cache.size() >= 64) cache.clear();
        return cache.emplace(key, build()).first->second;
    }
    /// One execution of a multi-row statement: objects [start, start + count) bound in order.
    template <class Bind>
    void add_rows(Step step, const std::vector<InstanceBase*>& objects, std::size_t start,
                  std::size_t count, Bind& bind_row) {
        step.sets.emplace_back();
        step.rows.emplace_back();
        for (std::size_t r = start; r < start + count; ++r) {
            bind_row(objects[r], step.sets.back());
            step.rows.back().push_back(objects[r]);
        }
        steps.push_back(std::move(step));
    }
    std::size_t rows_per_statement(std::size_t columns) const {
        return std::max<std::size_t>(
            1,
            std::min(core_.options.batch_rows, max_parameters / std::max<std::size_t>(columns, 1)));
    }
    void emit_insert_run(const Mapper& mapper, const std::vector<std::size_t>& columns,
                         const std::vector<std::size_t>& returning,
                         const std::vector<InstanceBase*>& objects);
    void emit_update_run(const Mapper& mapper, const std::vector<std::size_t>& columns,
                         const std::vector<InstanceBase*>& objects);

    SessionCore& core_;
    const sql::Dialect& dialect_;
    bool multirow_;
    std::deque<Value> values_;
};

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
        run_columns = columns;
        run_returning = returning;
        run.push_back(object);
    }
    if (!run.empty()) emit_insert_run(mapper, run_columns, run_returning, run);
}

void FlushPlan::emit_insert_run(const Mapper& mapper, const std::vector<std::size_t>& columns,
                                const std::vector<std::size_t>& returning,
                                const std::vector<InstanceBase*>& objects) {
    const MapperSql& names = mapper_sql(mapper, dialect_);
    const auto& attributes = mapper.attributes();
    std::string column_list;
    for (std::size_t i : columns) {
        if (!column_list.empty()) column_list += ", ";
        column_list += names.quoted[i];
    }
    std::string returning_sql;
    for (std::size_t i : returning)
        returning_sql +=
            fmt::format("{}{}", returning_sql.empty() ? " RETURNING " : ", ", names.quoted[i]);

    auto bind_row = [&](InstanceBase* object, std::vector<const Value*>& set) {
        for (std::size_t i : columns)
            set.push_back(keep(attributes[i].accessor.get(object->object())));
    };
    const bool sorted = multirow_ && !returning.empty() && !columns.empty() &&
                        mapper.autoincrement() && returning.front() == *mapper.autoincrement();
    const bool many = multirow_ && !columns.empty() && (returning.empty() || sorted);

    if (many && returning.empty() && objects.size() >= copy_threshold && dialect_.has_copy()) {
        Step step{Step::Kind::copy, &mapper, {}, {}, {}, {}, false, false, false};
        step.sql = fmt::format("COPY {} ({}) FROM STDIN", names.table, column_list);
        for (InstanceBase* object : objects) {
            step.sets.emplace_back();
            bind_row(object, step.sets.back());
        }
        step.rows.push_back(objects);
        steps.push_back(std::move(step));
        return;
    }

    if (!many) {  // one execution per object, of one statement
        Step step{Step::Kind::insert, &mapper, {}, {}, {}, returning, false, false, false};
        // SQLite tells the rowid it gave; RETURNING would cost it a temporary table per row.
        if (dialect_.reports_inserted_key() && returning.size() == 1 &&
            returning.front() == mapper.autoincrement()) {
            step.inserted_key = true;
            returning_sql.clear();
        }
        if (columns.empty()) {
            step.sql = fmt::format("INSERT INTO {} DEFAULT VALUES{}", names.table, returning_sql);
        } else {
            std::string values;
            for (std::size_t n = 1; n <= columns.size(); ++n)
                values += fmt::format("{}{}", n > 1 ? ", " : "", ph(n));
            step.sql = fmt::format("INSERT INTO {} ({}) VALUES ({}){}", names.table, column_list,
                                   values, returning_sql);
        }
        for (InstanceBase* object : objects) {
            step.sets.emplace_back();
            bind_row(object, step.sets.back());
            step.rows.push_back({object});
        }
        steps.push_back(std::move(step));
        return;
    }

    const std::size_t chunk = rows_per_statement(columns.size());
    for (std::size_t start = 0; start < objects.size(); start += chunk) {
        const std::size_t count = std::min(chunk, objects.size() - start);
        Step step{Step::Kind::insert, &mapper, {}, {}, {}, returning, sorted, false, false};
        step.sql = cached_sql(shape_key('I', mapper, columns, returning, count, sorted), [&] {
            std::string rows_sql;
            std::size_t n = 0;
            for (std::size_t r = 0; r < count; ++r) {
                rows_sql += r == 0 ? "(" : ", (";
                for (std::size_t c = 0; c < columns.size(); ++c) {
                    if (c > 0) rows_sql += ", ";
                    // SELECT ... FROM (VALUES ...) needs the first row typed: its columns set
                    // the types of the rest.
                    rows_sql +=
                        sorted && r == 0 ? cast(ph(++n), attributes[columns[c]].type) : ph(++n);
                }
                if (sorted) rows_sql += fmt::format(", {}", r);
                rows_sql += ")";
            }
            if (!sorted)
                return fmt::format("INSERT INTO {} ({}) VALUES {}", names.table, column_list,
                                   rows_sql);
            // Rows are inserted in the order of the ORDER BY, so the sequence numbers them in
            // that order: sorting the returned keys matches them to the objects.
            std::string aliases;
            for (std::size_t c = 0; c < columns.size(); ++c) aliases += fmt::format("p{}, ", c);
            std::string selected = aliases.substr(0, aliases.size() - 2);
            return fmt::format(
                "INSERT INTO {} ({}) SELECT {} FROM (VALUES {}) AS retort_rows ({}retort_order) "
                "ORDER BY retort_order{}",
                names.table, column_list, selected, rows_sql, aliases, returning_sql);
        });
        add_rows(std::move(step), objects, start, count, bind_row);
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
        for (std::size_t i : changed) SessionCore::mark_attribute_loaded(*object, i);
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
    const MapperSql& names = mapper_sql(mapper, dialect_);
    const auto& attributes = mapper.attributes();
    const auto& key = mapper.primary_key();
    const auto version = mapper.version();
    // Each row binds its new values, then its key and version as they were read.
    auto bind_row = [&](InstanceBase* object, std::vector<const Value*>& set) {
        for (std::size_t i : columns)
            set.push_back(keep(attributes[i].accessor.get(object->object())));
        for (std::size_t i : key)
            set.push_back(keep(attributes[i].accessor.get(object->snapshot())));
        if (version) set.push_back(keep(attributes[*version].accessor.get(object->snapshot())));
    };
    const std::size_t width = columns.size() + key.size() + (version ? 1 : 0);

    if (!multirow_ || objects.size() == 1) {
        std::string sql = fmt::format("UPDATE {} SET ", names.table);
        std::size_t n = 0;
        for (std::size_t c = 0; c < columns.size(); ++c)
            sql += fmt::format("{}{} = {}", c > 0 ? ", " : "", names.quoted[columns[c]], ph(++n));
        if (version) {
            sql += fmt::format("{}{} = {} + 1", columns.empty() ? "" : ", ", names.quoted[*version],
                               names.quoted[*version]);
        }
        sql += " WHERE ";
        for (std::size_t k = 0; k < key.size(); ++k)
            sql += fmt::format("{}{} = {}", k > 0 ? " AND " : "", names.quoted[key[k]], ph(++n));
        if (version) sql += fmt::format(" AND {} = {}", names.quoted[*version], ph(++n));
        Step step{Step::Kind::update, &mapper, std::move(sql), {}, {}, {}, false, true, false};
        for (InstanceBase* object : objects) {
            step.sets.emplace_back();
            bind_row(object, step.sets.back());
            step.rows.push_back({object});
        }
        steps.push_back(std::move(step));
        return;
    }

    // UPDATE ... FROM (VALUES ...): one statement for many rows.
    std::vector<const SqlType*> types;
    for (std::size_t i : columns) types.push_back(&attributes[i].type);
    for (std::size_t i : key) types.push_back(&attributes[i].type);
    if (version) types.push_back(&attributes[*version].type);
    std::string aliases;
    for (std::size_t c = 0; c < width; ++c) aliases += fmt::format("{}p{}", c > 0 ? ", " : "", c);
    std::string set_sql;
    for (std::size_t c = 0; c < columns.size(); ++c)
        set_sql +=
            fmt::format("{}{} = retort_rows.p{}", c > 0 ? ", " : "", names.quoted[columns[c]], c);
    if (version)
        set_sql += fmt::format("{}{} = retort_target.{} + 1", columns.empty() ? "" : ", ",
                               names.quoted[*version], names.quoted[*version]);
    std::string where_sql;
    for (std::size_t k = 0; k < key.size(); ++k)
        where_sql += fmt::format("{}retort_target.{} = retort_rows.p{}", k > 0 ? " AND " : "",
                                 names.quoted[key[k]], columns.size() + k);
    if (version)
        where_sql += fmt::format(" AND retort_target.{} = retort_rows.p{}", names.quoted[*version],
                                 width - 1);

    const std::size_t chunk = rows_per_statement(width);
    for (std::size_t start = 0; start < objects.size(); start += chunk) {
        const std::size_t count = std::min(chunk, objects.size() - start);
        Step step{Step::Kind::update, &mapper, {}, {}, {}, {}, false, true, false};
        step.sql = cached_sql(shape_key('U', mapper, columns, {}, count, false), [&] {
            std::string rows_sql;
            std::size_t n = 0;
            for (std::size_t r = 0; r < count; ++r) {
                rows_sql += r == 0 ? "(" : ", (";
                for (std::size_t c = 0; c < width; ++c) {
                    if (c > 0) rows_sql += ", ";
                    rows_sql += r == 0 ? cast(ph(++n), *types[c]) : ph(++n);
                }
                rows_sql += ")";
            }
            return fmt::format(
                "UPDATE {} AS retort_target SET {} FROM (VALUES {}) AS retort_rows ({}) WHERE {}",
                names.table, set_sql, rows_sql, aliases, where_sql);
        });
        add_rows(std::move(step), objects, start, count, bind_row);
    }
}

void FlushPlan::plan_deletes(const Mapper& mapper, std::vector<InstanceBase*> objects) {
    const MapperSql& names = mapper_sql(mapper, dialect_);
    const auto& attributes = mapper.attributes();
    const auto& key = mapper.primary_key();
    const auto version = mapper.version();
    for (InstanceBase* object : objects)
        for (auto& hook : mapper.events().before_delete) hook(object->object());
    auto source = [](InstanceBase* object) {
        return object->snapshot() != nullptr ? object->snapshot() : object->object();
    };

    if (multirow_ && key.size() == 1 && !version && objects.size() > 1) {
        const std::size_t chunk = rows_per_statement(1);
        for (std::size_t start = 0; start < objects.size(); start += chunk) {
            const std::size_t count = std::min(chunk, objects.size() - start);
            std::string list;
            for (std::size_t r = 1; r <= count; ++r)
                list += fmt::format("{}{}", r > 1 ? ", " : "", ph(r));
            Step step{Step::Kind::delete_, &mapper, {}, {}, {}, {}, false, false, false};
            step.sql = fmt::format("DELETE FROM {} WHERE {} IN ({})", names.table,
                                   names.quoted[key[0]], list);
            step.sets.emplace_back();
            step.rows.emplace_back();
            for (std::size_t r = 0; r < count; ++r) {
                InstanceBase* object = objects[start + r];
                step.sets.back().push_back(keep(attributes[key[0]].accessor.get(source(object))));
                step.rows.back().push_back(object);
            }
            steps.push_back(std::move(step));
        }
        return;
    }
    std::string sql = fmt::format("DELETE FROM {} WHERE ", names.table);
    std::size_t n = 0;
    for (std::size_t k = 0; k < key.size(); ++k)
        sql += fmt::format("{}{} = {}", k > 0 ? " AND " : "", names.quoted[key[k]], ph(++n));
    if (version) sql += fmt::format(" AND {} = {}", names.quoted[*version], ph(++n));
    // Without a version counter a row already gone is not an error (SQLAlchemy warns).
    Step step{Step::Kind::delete_, &mapper, std::move(sql), {}, {}, {}, false,
              version.has_value(), false};
    for (InstanceBase* object : objects) {
        step.sets.emplace_back();
        for (std::size_t i : key)
            step.sets.back().push_back(keep(attributes[i].accessor.get(source(object))));
        if (version)
            step.sets.back().push_back(keep(attributes[*version].accessor.get(source(object))));
        step.rows.push_back({object});
    }
    steps.push_back(std::move(step));
}

void FlushPlan::plan_association_rows(const std::vector<Pair>& pairs, bool insert) {
    // One statement per relationship, one execution per row.
    std::map<const RelationshipInfo*, std::vector<const Pair*>> by_relationship;
    for (const auto& pair : pairs) by_relationship[pair.info].push_back(&pair);
    for (const auto& [info, rows] : by_relationship) {
        std::vector<std::string> columns;
        for (const auto& c : info->secondary_owner_columns) columns.push_back(dialect_.quote(c));
        for (const auto& c : info->secondary_target_columns) columns.push_back(dialect_.quote(c));
        const std::string name =
            qualified_table(dialect_, info->spec.options.secondary->definition());
        std::string sql;
        if (insert) {
            std::string names, marks;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                names += fmt::format("{}{}", i > 0 ? ", " : "", columns[i]);
                marks += fmt::format("{}{}", i > 0 ? ", " : "", ph(i + 1));
            }
            sql = fmt::format("INSERT INTO {} ({}) VALUES ({})", name, names, marks);
        } else {
            std::string where;
            for (std::size_t i = 0; i < columns.size(); ++i)
                where += fmt::format("{}{} = {}", i > 0 ? " AND " : "", columns[i], ph(i + 1));
            sql = fmt::format("DELETE FROM {} WHERE {}", name, where);
        }
        Step step{insert ? Step::Kind::insert : Step::Kind::delete_,
                  info->owner,
                  std::move(sql),
                  {},
                  {},
                  {},
                  false,
                  false,
                  false};
        for (const Pair* pair : rows) {
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
            std::string where;
            for (std::size_t i = 0; i < info.secondary_owner_columns.size(); ++i)
                where += fmt::format("{}{} = {}", i > 0 ? " AND " : "",
                                     dialect_.quote(info.secondary_owner_columns[i]), ph(i + 1));
            Step step{Step::Kind::delete_,
                      &object->mapper(),
                      fmt::format("DELETE FROM {} WHERE {}",
                                  qualified_table(dialect_, table->definition()), where),
                      {},
                      {},
                      {},
                      false,
                      false,
                      false};
            step.sets.emplace_back();
            const void* source =
                object->snapshot() != nullptr ? object->snapshot() : object->object();
            for (std::size_t c : info.owner_columns)
                step.sets.back().push_back(
                    keep(object->mapper().attributes()[c].accessor.get(source)));
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
        if (step.kind != Step::Kind::insert) continue;
        for (const auto& rows : step.rows)
            for (InstanceBase* object : rows)
                for (std::size_t attribute : step.returning)
                    object->mapper().reset_to_blank(attribute, object->object());
    }
}

/// Mappers in the order their rows must be inserted: a table after the tables it refers to;
/// otherwise in order of first appearance. Cycles keep that order.
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

// Matches the rows a multi-row INSERT returned (already written to the objects in the order
// they came) to the objects by ascending key, when they did not come in that order.
void reorder_returned(const Step& step, const std::vector<InstanceBase*>& objects,
                      const std::vector<std::int64_t>& keys) {
    std::vector<std::size_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return keys[a] < keys[b]; });
    const Mapper& mapper = *step.mapper;
    std::vector<std::shared_ptr<InstanceBase>> copies;
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

}  // namespace

void SessionCore::flush() {
    if (flushing) throw InvalidRequestError("the Session is already flushing");
    check_usable();
    flushing = true;
    struct Reset {
        bool& flag;
        ~Reset() { flag = false; }
    } reset{flushing};

    // Relationships first: they add the new objects the session's objects refer to, and fill
    // foreign keys from related objects' keys.
    std::set<InstanceBase*> waiting;
    bool related = false;
    {
        std::vector<InstanceBase*> objects;
        for (auto* list : {&pending, &changed})
            for (auto& object : *list)
                if (!object->mapper().relationships().empty()) objects.push_back(object.get());
        for (auto& object : deleting)
            if (!object->mapper().relationships().empty()) related = true;
        related = related || !objects.empty();
        if (related) waiting = cascade_and_sync(objects);
    }

    // Objects opened for writing but unchanged leave the list without a statement.
    auto is_dirty = [](const std::shared_ptr<InstanceBase>& object) {
        return object->snapshot() != nullptr && !object->marked_deleted_ && !object->deleted_ &&
               object->modified();
    };
    // (Objects with relationships go through the flush: a collection may have changed.)
    if (!related && pending.empty() && deleting.empty() &&
        std::none_of(changed.begin(), changed.end(), is_dirty)) {
        for (auto& object : changed) {
            object->drop_snapshot();
            object->in_changed_list_ = false;
        }
        changed.clear();
        return;
    }
    for (auto& hook : options.events.before_flush) hook(*owner);

    // The work of this flush, taken off the session's lists: objects that hooks add, change
    // or delete while it runs are left for the next flush.
    std::vector<std::shared_ptr<InstanceBase>> inserting = std::move(pending);
    std::vector<std::shared_ptr<InstanceBase>> updating = std::move(changed);
    std::vector<std::shared_ptr<InstanceBase>> removing = std::move(deleting);
    pending.clear();
    changed.clear();
    deleting.clear();
    auto give_back = [&]() noexcept {
        auto merge = [](std::vector<std::shared_ptr<InstanceBase>>& taken,
                        std::vector<std::shared_ptr<InstanceBase>>& live) {
            taken.insert(taken.end(), live.begin(), live.end());
            live = std::move(taken);
        };
        merge(inserting, pending);
        merge(updating, changed);
        merge(removing, deleting);
    };

    // Tables in foreign-key order, over everything this flush touches.
    auto table_order = [&] {
        std::vector<const Mapper*> mappers;
        for (const auto* list : {&inserting, &updating, &removing})
            for (const auto& object : *list)
                if (std::find(mappers.begin(), mappers.end(), &object->mapper()) == mappers.end())
                    mappers.push_back(&object->mapper());
        return dependency_order(mappers);
    };
    auto key_less = [](const InstanceBase* a, const InstanceBase* b) {
        return std::tie(a->key_.integer, a->key_.composite) <
               std::tie(b->key_.integer, b->key_.composite);
    };

    // Many-to-many: the pairs added to and removed from collections since they were loaded.
    std::vector<FlushPlan::Pair> added_pairs, removed_pairs;
    if (related) {
        std::set<std::tuple<const Table*, const void*, const void*>> seen;
        auto note_pair = [&](std::vector<FlushPlan::Pair>& list, const RelationshipInfo& info,
                             InstanceBase* owner, InstanceBase* target) {
            // Both sides of a back_populates pair name the same row: count it once.
            const void* low = std::min<const void*>(owner, target);
            const void* high = std::max<const void*>(owner, target);
            if (seen.emplace(info.spec.options.secondary, low, high).second)
                list.push_back({&info, owner, target});
        };
        for (const auto* list : {&inserting, &updating}) {
            for (const auto& object : *list) {
                for (const auto& info : object->mapper().relationships()) {
                    if (info.spec.options.secondary == nullptr) continue;
                    if (!info.spec.slot(object->object())->loaded()) continue;
                    std::vector<std::shared_ptr<InstanceBase>> now, before;
                    info.spec.targets(object->object(), now);
                    if (!object->pending_) {
                        const void* snapshot = object->snapshot();
                        if (snapshot == nullptr) continue;
                        auto* old = const_cast<void*>(snapshot);
                        if (!info.spec.slot(old)->loaded()) continue;
                        info.spec.targets(old, before);
                    }
                    for (auto& target : now)
                        if (std::find(before.begin(), before.end(), target) == before.end())
                            note_pair(added_pairs, info, object.get(), target.get());
                    for (auto& target : before)
                        if (std::find(now.begin(), now.end(), target) == now.end())
                            note_pair(removed_pairs, info, object.get(), target.get());
                }
            }
        }
    }
    auto pairs_ready = [&] {
        for (const auto& pair : added_pairs)
            if (key_waiting(*pair.owner, pair.info->owner_columns) ||
                key_waiting(*pair.target, pair.info->target_columns))
                return false;
        return true;
    };
    bool pairs_planned = added_pairs.empty();

    const sql::Dialect& dialect = engine.dialect();
    FlushPlan plan(*this, dialect);
    bool sent = false;
    std::size_t executed = 0;
    std::set<InstanceBase*> planned;
    auto read_outcome = [&](std::size_t base) {
        return [&plan, base](std::size_t s, std::size_t k, DriverResult& outcome) {
            const Step& step = plan.steps[base + s];
            const auto& objects = step.rows[k];
            if (!step.returning.empty() && !step.inserted_key) {
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
                    throw FlushError(
                        fmt::format("INSERT into '{}' returned {} row(s) for {} object(s)",
                                    step.mapper->name(), i, objects.size()));
                if (step.sort_by_key && !std::is_sorted(keys.begin(), keys.end()))
                    reorder_returned(step, objects, keys);
            } else if (step.inserted_key) {
                auto key = outcome.last_insert_id();
                if (!key) throw FlushError("the driver did not report the inserted row's key");
                step.mapper->model().read_column(step.returning.front(), objects.front()->object(),
                                                 Field::of_integer(*key));
            } else if (step.check_count) {
                auto affected = outcome.rows_affected();
                if (affected != static_cast<std::int64_t>(objects.size()))
                    throw StaleDataError(fmt::format(
                        "{} statement on table '{}' expected to {} {} row(s); {} were matched; "
                        "another transaction changed or deleted the row since it was read",
                        verb(step.kind), step.mapper->name(),
                        step.kind == Step::Kind::update ? "update" : "delete", objects.size(),
                        affected));
            }
        };
    };
    // Sends the steps planned since the last call: runs of statements as one batch each, COPY
    // steps on their own (COPY cannot be part of a pipeline), in plan order.
    auto send_planned = [&] {
        while (executed < plan.steps.size()) {
            const Step& step = plan.steps[executed];
            if (step.kind == Step::Kind::copy) {
                conn().copy_from_sql(step.sql, step.sets.front().size(), [&](CopyWriter& writer) {
                    for (const auto& set : step.sets)
                        writer.row(std::span<const Value* const>(set));
                });
                ++executed;
                continue;
            }
            std::vector<BatchStatement> batch;
            std::size_t end = executed;
            for (; end < plan.steps.size() && plan.steps[end].kind != Step::Kind::copy; ++end)
                batch.push_back(BatchStatement{plan.steps[end].sql, plan.steps[end].sets});
            conn().execute_batch(batch, read_outcome(executed));
            executed = end;
        }
    };
    try {
        // Waves: objects whose foreign key needs a parent's generated key wait until the wave
        // that inserts the parent has run. Without such parents there is one wave: one round
        // trip for the whole flush.
        while (true) {
            std::map<const Mapper*, std::vector<InstanceBase*>> ready;
            bool more = false;
            for (auto& object : inserting) {
                if (planned.count(object.get())) continue;
                if (waiting.count(object.get())) {
                    more = true;
                    continue;
                }
                ready[&object->mapper()].push_back(object.get());
            }
            if (ready.empty() && more)
                throw FlushError(
                    "new objects refer to each other in a cycle through their foreign keys; flush "
                    "one of them first, then set the reference");
            // Saved objects moved to a parent inserted in this wave take its key in the next.
            bool updates_wait = false;
            for (const auto& object : updating)
                if (waiting.count(object.get()) != 0) updates_wait = true;
            const bool last = !more && !(updates_wait && !ready.empty());
            std::vector<const Mapper*> order = table_order();
            for (const Mapper* mapper : order) {
                auto it = ready.find(mapper);
                if (it == ready.end()) continue;
                plan.plan_inserts(*mapper, it->second);
                planned.insert(it->second.begin(), it->second.end());
            }
            if (last) {
                if (related) {  // objects whose foreign keys the relationships changed
                    for (auto& object : changed)
                        if (std::find(updating.begin(), updating.end(), object) == updating.end())
                            updating.push_back(object);
                    changed.clear();
                    order = table_order();
                }
                std::map<const Mapper*, std::vector<InstanceBase*>> updates, deletes;
                for (auto& object : updating)
                    if (object->snapshot() != nullptr && !object->marked_deleted_ &&
                        !object->deleted_)
                        updates[&object->mapper()].push_back(object.get());
                for (auto& object : removing) deletes[&object->mapper()].push_back(object.get());
                for (const Mapper* mapper : order) {
                    if (auto it = updates.find(mapper); it != updates.end()) {
                        std::sort(it->second.begin(), it->second.end(), key_less);
                        plan.plan_updates(*mapper, it->second);
                    }
                }
                // Association rows go before the rows they refer to are deleted.
                if (!removed_pairs.empty()) plan.plan_association_rows(removed_pairs, false);
                if (related) {
                    std::vector<InstanceBase*> deleted;
                    for (auto& object : removing) deleted.push_back(object.get());
                    plan.plan_association_clears(deleted);
                }
                for (auto it = order.rbegin(); it != order.rend(); ++it) {
                    if (auto found = deletes.find(*it); found != deletes.end()) {
                        std::sort(found->second.begin(), found->second.end(), key_less);
                        plan.plan_deletes(**it, found->second);
                    }
                }
                if (!pairs_planned && pairs_ready()) {
                    plan.plan_association_rows(added_pairs, true);
                    pairs_planned = true;
                }
            }
            if (executed < plan.steps.size()) sent = true;
            send_planned();
            if (last && !pairs_planned) {  // pairs with an end inserted by the last batch
                plan.plan_association_rows(added_pairs, true);
                pairs_planned = true;
                send_planned();
            }
            if (last) break;
            // This wave's parents have their keys now: pass them on.
            waiting.clear();
            for (const auto* list : {&inserting, &updating})
                for (const auto& object : *list) sync_foreign_keys(*object, waiting);
        }
        // The keys of the inserted objects, before anything moves: a failure here is a failed
        // flush like any other.
        for (auto& object : inserting)
            if (!identity_of(object->mapper(), object->object()))
                throw FlushError(fmt::format("a '{}' object was inserted with a NULL primary key",
                                             object->mapper().name()));
    } catch (const std::exception& error) {
        plan.restore();
        give_back();
        if (sent) {
            if (levels.size() > 1) {
                // Inside begin_nested(): the savepoint is rolled back, the outer work goes on.
                auto nested = levels.back().nested;
                try {
                    rollback_nested(*nested);
                } catch (const Error&) {
                    needs_rollback = true;
                    failure = error.what();
                }
            } else {
                try {
                    if (connection) connection->rollback();
                } catch (const Error&) {
                }
                needs_rollback = true;
                failure = error.what();
            }
        }
        throw;
    }

    // Everything was written: move the objects to their new states, then tell the hooks.
    for (auto& object : inserting) make_persistent(object);
    if (related) {  // references to parents that now have rows stop holding them
        for (const auto* list : {&inserting, &updating})
            for (const auto& object : *list)
                for (const auto& info : object->mapper().relationships())
                    if (!info.spec.many && info.many_to_one) info.spec.weaken(object->object());
    }
    for (auto& object : updating) {
        if (object->session_ == this && object->has_identity_ && !object->marked_deleted_) {
            auto key = identity_of(object->mapper(), object->object());
            if (key && !(*key == object->key_)) {  // the primary key itself was changed
                forget(*object);
                object->key_ = *key;
                install_identity(*object);
            }
        }
        object->drop_snapshot();
        object->in_changed_list_ = false;
    }
    for (auto& object : removing) {
        forget(*object);
        object->marked_deleted_ = false;
        object->deleted_ = true;
        object->drop_snapshot();
        levels.back().deleted.push_back(object);
    }
    for (const auto& step : plan.steps) {
        for (const auto& objects : step.rows) {
            for (InstanceBase* object : objects) {
                const bool inserted =
                    step.kind == Step::Kind::insert || step.kind == Step::Kind::copy;
                auto& hooks = inserted ? object->mapper().events().after_insert
                              : step.kind == Step::Kind::update
                                  ? object->mapper().events().after_update
                                  : object->mapper().events().after_delete;
                for (auto& hook : hooks) hook(object->object());
            }
        }
    }
    for (auto& hook : options.events.after_flush) hook(*owner);
}

}  // namespace retort::orm::detail
