#include "history.hpp"

#include <retort/migrate/operations.hpp>

#include "models.hpp"

namespace catalog {

namespace mg = retort::migrate;

namespace {

// Revision 1 indexed attributes with jsonb_path_ops; revision 2 replaced it. A revision is
// history, so revision 1 keeps rendering the index it created.
const retort::Index path_ops_index{"ix_products_attributes", {"attributes"}, {}, false, {}, "gin",
                                   {"jsonb_path_ops"}};
const retort::Index keys_index{"ix_products_attributes_keys", {"attributes"}, {}, false, {}, "gin"};

retort::TableDefinition first_products() {
    retort::TableDefinition table = products.definition();
    for (retort::Index& index : table.indexes)
        if (index.name == keys_index.name) index = path_ops_index;  // in place: order is SQL
    return table;
}

}  // namespace

mg::Migrations history(const retort::sql::Dialect& dialect) {
    mg::Migrations migrations;
    migrations.add(mg::revision_of(
        "ca7a10000001", {}, "categories and products",
        {mg::CreateTable{categories.definition()}, mg::CreateTable{first_products()}}, dialect));
    migrations.add(mg::revision_of(
        "ca7a10000002", {"ca7a10000001"}, "index attribute keys too (? and @? filters)",
        {mg::DropIndex{{"products"}, path_ops_index}, mg::CreateIndex{{"products"}, keys_index}},
        dialect));
    return migrations;
}

void require_postgresql(const retort::Engine& engine) {
    if (engine.dialect_name() != "postgresql")
        throw retort::ArgumentError(
            "the catalog needs PostgreSQL (JSONB, arrays, full-text search)");
}

}  // namespace catalog
