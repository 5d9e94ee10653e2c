#include "retort/orm/mapper.hpp"

#include <fmt/format.h>

#include <map>
#include <mutex>

#include "retort/errors.hpp"
#include "session_state.hpp"

namespace retort::orm {

namespace {
bool is_integer_type(const SqlType& type) {
    return type.dimensions == 0 &&
           (type.kind == SqlType::Kind::integer || type.kind == SqlType::Kind::big_integer ||
            type.kind == SqlType::Kind::small_integer);
}
}  // namespace

InstanceRef Mapper::create() const {
    return factory_(*this);
}

Mapper::Mapper(const ModelBase& model, Factory factory) : model_(&model), factory_(factory) {
    const TableDefinition& table = model.definition();
    name_ = table.qualified_name();
    const Column* autoincrement = table.autoincrement_column();
    for (std::size_t i = 0; i < model.mapped_column_count(); ++i) {
        const Column* column = table.column(model.mapped_column_name(i));
        Attribute attribute{model.mapped_column_name(i), model.accessor(i), column->type};
        attribute.primary_key =
            column->primary_key ||
            std::find(table.primary_key.columns.begin(), table.primary_key.columns.end(),
                      column->name) != table.primary_key.columns.end();
        attribute.server_generated =
            column == autoincrement || column->server_default || column->sequence.has_value();
        attribute.version = column->version_id;
        attribute.computed = column->computed.has_value();
        attribute.deferred = attribute.accessor.deferred_slot != nullptr;
        attribute.server_generated = attribute.server_generated || attribute.computed;
        if (column->default_value) attribute.client_default = &*column->default_value;
        if (column->onupdate) attribute.onupdate = &*column->onupdate;
        if (column == autoincrement) autoincrement_ = i;
        if (attribute.version) {
            if (version_)
                throw ArgumentError(
                    fmt::format("model '{}': columns '{}' and '{}' are both "
                                "version_id; a table has one version counter",
                                name_, attributes_[*version_].name, attribute.name));
            if (!is_integer_type(column->type))
                throw ArgumentError(fmt::format(
                    "model '{}': version_id column '{}' must be an integer", name_, column->name));
            version_ = i;
        }
        attributes_.push_back(std::move(attribute));
    }
    for (const auto& key_column : table.primary_key.columns) {
        for (std::size_t i = 0; i < attributes_.size(); ++i)
            if (attributes_[i].name == key_column) primary_key_.push_back(i);
    }
    if (primary_key_.empty())
        throw ArgumentError(fmt::format(
            "model '{}' has no primary key: the ORM identifies each object by its primary key; "
            "mark a column primary_key or add a PrimaryKeyConstraint",
            name_));
    if (primary_key_.size() != table.primary_key.columns.size())
        throw ArgumentError(fmt::format(
            "model '{}': a primary key column is not mapped to a member of the entity", name_));
    if (version_ && attributes_[*version_].primary_key)
        throw ArgumentError(fmt::format(
            "model '{}': the version_id column cannot be part of the primary key", name_));
}

const Mapper& mapper_for(const ModelBase& model, Mapper::Factory factory) {
    // An alias loads and identifies its objects as the model it aliases: one identity map.
    if (const ModelBase* original = model.alias_of()) return mapper_for(*original, factory);
    static std::mutex mutex;
    static std::map<const ModelBase*, std::unique_ptr<Mapper>> mappers;
    std::lock_guard lock(mutex);
    auto& mapper = mappers[&model];
    if (!mapper) mapper = std::make_unique<Mapper>(model, factory);
    return *mapper;
}

namespace detail {

const std::string& select_row_by_key(const Mapper& mapper, const sql::Dialect& dialect) {
    static std::mutex mutex;
    static std::map<std::pair<const Mapper*, const sql::Dialect*>, std::string> cache;
    std::lock_guard lock(mutex);
    auto [entry, made] = cache.try_emplace({&mapper, &dialect});
    if (made) {
        std::vector<std::size_t> every(mapper.attributes().size());
        for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;
        entry->second = select_by_key_sql(mapper, dialect, every);
    }
    return entry->second;
}

std::string select_by_key_sql(const Mapper& mapper, const sql::Dialect& dialect,
                              std::span<const std::size_t> attributes) {
    const FromClause& table = mapper.model();
    std::vector<Expression> columns;
    for (std::size_t i : attributes) columns.push_back(table.c(mapper.attributes()[i].name));
    std::vector<Expression> conditions;
    for (const Expression& key : key_columns(mapper, table))
        conditions.push_back(key == bindparam("key" + std::to_string(conditions.size())));
    return dialect.compile(Select(std::move(columns)).where(and_(conditions))).sql;
}

}  // namespace detail
}  // namespace retort::orm
