#include "retort/schema/model.hpp"

#include <fmt/format.h>

#include "table_builder.hpp"

#include <algorithm>
#include <mutex>
#include <utility>

namespace retort {

MetaData& default_metadata() {
    static MetaData metadata;
    return metadata;
}

struct ModelBase::State {
    std::string name;
    std::optional<std::string> schema;
    const MetaData* metadata;
    std::vector<TableItem> items;
    std::vector<std::string> earlier_names;
    std::vector<Accessor> accessors;
    std::vector<Expression> columns;
    std::shared_ptr<sql::TableNode> node;
    std::shared_ptr<const TableDefinition> definition;
    const void* blank = nullptr;
    // An alias: the aliased descriptor and its state (kept alive).
    const ModelBase* original = nullptr;
    std::shared_ptr<State> original_state;
    // Of a table: its aliases named `<table>_<n>`, by n - 1, under `mutex`. A number is free
    // again once nothing holds its FROM item: neither the descriptor nor a statement built
    // from it, so that two live statements never name two aliases alike.
    std::vector<std::weak_ptr<const sql::FromNode>> numbered_aliases;

    std::mutex mutex;

    // `<table>_<n>` with the lowest free n, as an alias of `original`.
    FromClause numbered_alias(const ModelBase& original) {
        std::lock_guard lock(mutex);
        auto free = std::find_if(numbered_aliases.begin(), numbered_aliases.end(),
                                 [](const auto& node) { return node.expired(); });
        if (free == numbered_aliases.end()) free = numbered_aliases.emplace(free);
        const auto number = static_cast<std::size_t>(free - numbered_aliases.begin()) + 1;
        FromClause alias = FromClause(original).alias(fmt::format("{}_{}", name, number));
        *free = alias.from_node();
        return alias;
    }

    // Idempotent and thread-safe: the first use from any thread completes the table.
    std::shared_ptr<const TableDefinition> finalize() {
        if (original_state) return original_state->finalize();
        std::lock_guard lock(mutex);
        if (!definition) {
            auto def = detail::build_table(name, *metadata, schema, items);
            def->renamed_from = earlier_names;
            detail::complete_node(*node, *def);
            definition = std::move(def);
        }
        return definition;
    }
};

namespace {
struct PendingAlias {
    const ModelBase* original = nullptr;
    std::string name;
};
thread_local PendingAlias pending_alias;
}  // namespace

namespace detail {
void end_alias() noexcept {
    pending_alias = {};
}

void begin_alias(const ModelBase& original, std::string name) {
    pending_alias = {original.alias_of() != nullptr ? original.alias_of() : &original,
                     std::move(name)};
}
}  // namespace detail

ModelBase::ModelBase(std::string name, MetaData& metadata, std::optional<std::string> schema,
                     const void* blank_entity)
    : FromClause(nullptr), state_(std::make_shared<State>()) {
    state_->blank = blank_entity;
    if (pending_alias.original != nullptr) {
        PendingAlias alias = std::exchange(pending_alias, {});
        become_alias(*alias.original, std::move(alias.name));
        return;
    }
    state_->name = std::move(name);
    state_->schema = std::move(schema);
    state_->metadata = &metadata;
    state_->node = std::make_shared<sql::TableNode>();
    state_->node->name = state_->name;
    state_->node->schema = state_->schema;
    // The node outlives nothing it refers to: the state owns the node, the hook holds the state
    // weakly.
    state_->node->complete = [weak = std::weak_ptr<State>(state_)] {
        if (auto state = weak.lock()) state->finalize();
    };
    static_cast<FromClause&>(*this) = FromClause(state_->node);
    // The columns are members of the derived descriptor, constructed after this base: the
    // definition is completed when it is first needed.
    metadata.add_pending(state_->schema ? *state_->schema + "." + state_->name : state_->name,
                         [state = state_] { return state->finalize(); });
}

ModelBase::~ModelBase() = default;

// The table is the original's; this descriptor is `FROM table AS name` and registers nothing.
void ModelBase::become_alias(const ModelBase& original, std::string name) {
    state_->original = &original;
    state_->original_state = original.state_;
    state_->name = original.state_->name;
    state_->schema = original.state_->schema;
    state_->metadata = original.state_->metadata;
    state_->node = original.state_->node;
    static_cast<FromClause&>(*this) = name.empty() ? original.state_->numbered_alias(original)
                                                   : FromClause(original).alias(std::move(name));
}

const ModelBase* ModelBase::alias_of() const noexcept {
    return state_->original;
}

const TableDefinition& ModelBase::definition() const {
    return *state_->finalize();
}

Expression ModelBase::add_mapped_column(Column column, Accessor accessor) {
    if (state_->original != nullptr) {
        // An alias maps the original's columns, in the same order.
        std::size_t index = state_->columns.size();
        const auto& names = state_->original_state->node->columns;
        if (index >= names.size() || names[index] != column.name)
            throw ArgumentError(fmt::format("alias of '{}': column '{}' is not the model's",
                                            state_->name, column.name));
        state_->accessors.push_back(accessor);
        state_->columns.push_back(c(column.name));
        return state_->columns.back();
    }
    if (state_->definition)
        throw ArgumentError(fmt::format(
            "table '{}': columns cannot be added after the table is defined", state_->name));
    std::string name = column.name;
    for (const auto& existing : state_->node->columns)
        if (existing == name)
            throw ArgumentError(
                fmt::format("table '{}': column '{}' is mapped twice", state_->name, name));
    state_->node->columns.push_back(name);
    // Known before the table is complete: expressions built in the descriptor need them.
    state_->node->column_types.emplace_back(name, column.type);
    state_->items.emplace_back(std::move(column));
    state_->accessors.push_back(accessor);
    state_->columns.push_back(c(name));
    return state_->columns.back();
}

std::vector<Expression> ModelBase::mapped_columns() const {
    return state_->columns;
}

std::size_t ModelBase::mapped_column_count() const {
    return state_->accessors.size();
}

const std::string& ModelBase::mapped_column_name(std::size_t index) const {
    return state_->node->columns[index];
}

const ModelBase::Accessor& ModelBase::accessor(std::size_t index) const {
    return state_->accessors[index];
}

const void* ModelBase::blank_entity() const noexcept {
    return state_->blank;
}

namespace detail {
void throw_unmapped(const char* function) {
    throw InvalidRequestError(
        fmt::format("no Model descriptor is constructed for this entity type ({}); construct "
                    "one, e.g. `inline const Users users;`, or pass the model explicitly",
                    function));
}
}  // namespace detail

void ModelBase::read_column(std::size_t index, void* entity, const Field& field) const {
    try {
        state_->accessors[index].set(entity, field);
    } catch (const DataError& error) {
        throw DataError(
            fmt::format("{}.{}: {}", state_->name, state_->node->columns[index], error.what()));
    }
}

std::vector<Assignment> ModelBase::values_of(const void* entity) const {
    const TableDefinition& def = definition();
    const Column* key = def.autoincrement_column();
    std::vector<Assignment> values;
    values.reserve(state_->accessors.size());
    for (std::size_t i = 0; i < state_->accessors.size(); ++i) {
        const Column* column = def.column(state_->node->columns[i]);
        if (column != nullptr && column->computed) continue;  // the database writes it
        Value value = state_->accessors[i].get(entity);
        bool unset_key = key != nullptr && key->name == state_->node->columns[i] &&
                         (value == Value{std::int64_t{0}} || value == Value{null});
        if (!unset_key) values.emplace_back(state_->node->columns[i], value);
    }
    return values;
}

void ModelBase::was_named(std::string earlier_name) {
    if (state_->definition)
        throw ArgumentError(
            fmt::format("table '{}': was_named() after the table is defined", state_->name));
    state_->earlier_names.push_back(std::move(earlier_name));
}

void ModelBase::add_table_item(TableItem item) {
    if (state_->definition)
        throw ArgumentError(fmt::format(
            "table '{}': constraints cannot be added after the table is defined", state_->name));
    state_->items.push_back(std::move(item));
}

}  // namespace retort
