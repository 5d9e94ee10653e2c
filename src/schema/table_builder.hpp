// Building a TableDefinition from its items, shared by Table and the typed Model (private).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../sql/nodes.hpp"
#include "retort/schema/metadata.hpp"
#include "retort/schema/table.hpp"

namespace retort::detail {

/// Validates the items, names unnamed constraints by the MetaData's convention and resolves
/// foreign keys. ArgumentError names the table and the column at fault.
std::shared_ptr<TableDefinition> build_table(std::string name, const MetaData& metadata,
                                             std::optional<std::string> schema,
                                             std::vector<TableItem> items);

/// A name Retort generates (constraint names, eager-join aliases) that fits PostgreSQL's 63
/// bytes: a longer one is cut, at a UTF-8 boundary, and given a hash of the whole.
std::string fit_identifier(std::string name);

/// Gives the SQL layer's table node the definition's columns and foreign keys.
void describe_node(sql::TableNode& node, const TableDefinition& definition);
/// Adds the foreign keys and client-side defaults to a node that already has its columns.
void complete_node(sql::TableNode& node, const TableDefinition& definition);

}  // namespace retort::detail
