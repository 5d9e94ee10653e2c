#include "retort/schema/model.hpp"

#include <fmt/format.h>

#include "table_builder.hpp"

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
    std::shared_ptr<sql::TableNode> node;
    std::shared_ptr<const TableDefinition> definition;

    std::shared_ptr<const TableDefinition> finalize() {
        if (!definition) {
            auto def = detail::build_table(name, *metadata, schema, items);
            detail::describe_node(*node, *def);
            definition = std::move(def);
        }
        return definition;
    }
};

ModelBase::ModelBase(std::string name, MetaData& metadata, std::optional<std::string> schema)
    : FromClause(nullptr), state_(std::make_shared<State>()) {
    state_->name = std::move(name);
    state_->schema = std::move(schema);
    state_->metadata = &metadata;
    state_->node = std::make_shared<sql::TableNode>();
    state_->node->name = state_->name;
    state_->node->schema = state_->schema;
    static_cast<FromClause&>(*this) = FromClause(state_->node);
    // The columns are members of the derived descriptor, constructed after this base: the
    // definition is completed when it is first needed.
    metadata.add_pending(state_->schema ? *state_->schema + "." + state_->name : state_->name,
                         [state = state_] { return state->finalize(); });
}

ModelBase::~ModelBase() = default;

const TableDefinition& ModelBase::definition() const { return *state_->finalize(); }

Expression ModelBase::add_mapped_column(Column column) {
    if (state_->definition)
        throw ArgumentError(fmt::format("table '{}': columns cannot be added after the table is defined", state_->name));
    std::string name = column.name;
    for (const auto& existing : state_->node->columns)
        if (existing == name)
            throw ArgumentError(fmt::format("table '{}': column '{}' is mapped twice", state_->name, name));
    state_->node->columns.push_back(name);
    state_->items.emplace_back(std::move(column));
    return c(name);
}

void ModelBase::add_table_item(TableItem item) {
    if (state_->definition)
        throw ArgumentError(fmt::format("table '{}': constraints cannot be added after the table is defined", state_->name));
    state_->items.push_back(std::move(item));
}

}  // namespace retort
