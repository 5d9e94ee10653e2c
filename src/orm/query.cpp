#include "retort/orm/query.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

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

namespace {
const char* loader_name(const LoadOption& option) {
    if (option.from_join) return "contains_eager";
    switch (option.loading) {
        case Loading::joined:
            return "joinedload";
        case Loading::raise:
            return "raiseload";
        case Loading::lazy:
            return "lazyload";
        case Loading::noload:
            return "noload";
        default:
            return "selectinload";
    }
}

// Every option of a chain must start at the objects its parent loads.
void check_chain(const Mapper& owner, const LoadOption& option, const char* where) {
    if (option.model != &owner.model())
        throw ArgumentError(
            fmt::format("{}('{}') {} loads '{}' objects, and '{}' is not a relationship of theirs",
                        loader_name(option), relationship_name(*option.model, option.relationship),
                        where, owner.model().definition().name,
                        relationship_name(*option.model, option.relationship)));
    const Mapper& target = *owner.relationships().at(option.relationship).target;
    for (const LoadOption& next : option.next)
        check_chain(target, next, "is chained below an option that");
}

// The option (depth first) whose related objects are of `model`, and their mapper.
LoadOption* loading(const Mapper& owner, std::vector<LoadOption>& options, const ModelBase* model,
                    const Mapper*& target) {
    for (LoadOption& option : options) {
        if (option.model != &owner.model()) continue;
        const Mapper& related = *owner.relationships().at(option.relationship).target;
        if (&related.model() == model) {
            target = &related;
            return &option;
        }
        if (LoadOption* found = loading(related, option.next, model, target)) return found;
    }
    return nullptr;
}
}  // namespace

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Whether a value of this kind can be stored in a column of this type.
bool holds(const SqlType& type, const Value& value) {
    if (type.dimensions > 0) return true;  // arrays travel in several forms: the server checks
    switch (type.kind) {
        case SqlType::Kind::integer:
        case SqlType::Kind::small_integer:
        case SqlType::Kind::big_integer:
            return std::holds_alternative<std::int64_t>(value);
        case SqlType::Kind::float_:
        case SqlType::Kind::double_:
        case SqlType::Kind::numeric:
            return std::holds_alternative<std::int64_t>(value) ||
                   std::holds_alternative<double>(value) || std::holds_alternative<Decimal>(value);
        case SqlType::Kind::string:
        case SqlType::Kind::text:
        case SqlType::Kind::enum_:
            return std::holds_alternative<std::string>(value);
        case SqlType::Kind::boolean:
            return std::holds_alternative<bool>(value);
        case SqlType::Kind::date:
            return std::holds_alternative<Date>(value);
        case SqlType::Kind::time:
            return std::holds_alternative<Time>(value);
        case SqlType::Kind::datetime:
            return std::holds_alternative<DateTime>(value) ||
                   std::holds_alternative<DateTimeTz>(value);
        case SqlType::Kind::interval:
            return std::holds_alternative<Interval>(value);
        case SqlType::Kind::binary:
            return std::holds_alternative<Bytes>(value);
        case SqlType::Kind::uuid:
            return std::holds_alternative<Uuid>(value);
        case SqlType::Kind::json:
        case SqlType::Kind::jsonb:
            return std::holds_alternative<Json>(value) ||
                   std::holds_alternative<std::string>(value);
        default:
            return true;  // tsvector and custom types: the server checks
    }
}

const char* kind_name(const SqlType& type) {
    switch (type.kind) {
        case SqlType::Kind::integer:
        case SqlType::Kind::small_integer:
        case SqlType::Kind::big_integer:
            return "an integer";
        case SqlType::Kind::float_:
        case SqlType::Kind::double_:
        case SqlType::Kind::numeric:
            return "a numeric";
        case SqlType::Kind::string:
        case SqlType::Kind::text:
        case SqlType::Kind::enum_:
            return "a string";
        case SqlType::Kind::boolean:
            return "a boolean";
        case SqlType::Kind::date:
            return "a date";
        case SqlType::Kind::time:
            return "a time";
        case SqlType::Kind::datetime:
            return "a timestamp";
        case SqlType::Kind::interval:
            return "an interval";
        case SqlType::Kind::binary:
            return "a binary";
        case SqlType::Kind::uuid:
            return "a UUID";
        case SqlType::Kind::json:
        case SqlType::Kind::jsonb:
            return "a JSON";
        default:
            return "a";
    }
}

std::size_t named_attribute(const Mapper& mapper, std::string_view column, const char* caller) {
    const auto& attributes = mapper.attributes();
    for (std::size_t i = 0; i < attributes.size(); ++i)
        if (attributes[i].name == column) return i;
    std::string close;
    std::string all;
    for (const auto& attribute : attributes) {
        all += (all.empty() ? "" : ", ") + attribute.name;
        if (edit_distance(attribute.name, column) <= 2 ||
            attribute.name.find(column) != std::string::npos)
            close += (close.empty() ? "" : "', '") + attribute.name;
    }
    throw ArgumentError(
        fmt::format("{}: '{}' has no mapped column '{}'{} (its columns: {})", caller, mapper.name(),
                    column, close.empty() ? "" : fmt::format("; did you mean '{}'?", close), all));
}

void check_value(const Mapper& mapper, std::size_t attribute, const Value& value,
                 const char* caller) {
    const Mapper::Attribute& column = mapper.attributes()[attribute];
    if (std::holds_alternative<Null>(value)) {
        const Column* definition = mapper.model().definition().column(column.name);
        if (definition != nullptr && !definition->is_nullable())
            throw ArgumentError(fmt::format("{}: {}.{} is NOT NULL and cannot be set to NULL",
                                            caller, mapper.name(), column.name));
        return;
    }
    if (!holds(column.type, value))
        throw ArgumentError(fmt::format("{}: {}.{} is {} column, and the value given is a {}",
                                        caller, mapper.name(), column.name, kind_name(column.type),
                                        sql_type_name(value)));
}
}  // namespace

Expression equality_by_name(const Mapper& mapper, std::string_view column, const Value& value) {
    std::size_t attribute = named_attribute(mapper, column, "filter_by()");
    check_value(mapper, attribute, value, "filter_by()");
    Expression named = mapper.model().c(column);
    return std::holds_alternative<Null>(value) ? named.is_null() : named == value;
}

void add_load_option(const Mapper& root, std::vector<LoadOption>& options, LoadOption option) {
    if (option.model != &root.model()) {
        // Reachable through an option given before: load it there, as if chained with then().
        const Mapper* target = nullptr;
        if (LoadOption* parent = loading(root, options, option.model, target)) {
            check_chain(*target, option, "is chained below an option that");
            parent->next.push_back(std::move(option));
            return;
        }
        throw ArgumentError(fmt::format(
            "{}('{}') names a relationship of '{}', which this query of '{}' does not load: "
            "chain it with .then() below an option that loads '{}' objects",
            loader_name(option), relationship_name(*option.model, option.relationship),
            option.model->definition().name, root.model().definition().name,
            option.model->definition().name));
    }
    check_chain(root, option, "is given to a query that");
    options.push_back(std::move(option));
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
    for (const Assignment& assignment : assignments) {
        std::size_t attribute = named_attribute(mapper, assignment.column, "Query.update()");
        if (const Value* value = assignment.value.bound_value())
            check_value(mapper, attribute, *value, "Query.update()");
    }
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
