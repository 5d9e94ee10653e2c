#include "history.hpp"

#include <retort/migrate/operations.hpp>

#include "models.hpp"

namespace catalog {

retort::migrate::Migrations history(const retort::sql::Dialect& dialect) {
    namespace mg = retort::migrate;
    mg::Migrations migrations;
    migrations.add(mg::revision_of(
        "ca7a10000001", {}, "categories and products",
        {mg::CreateTable{categories.definition()}, mg::CreateTable{products.definition()}},
        dialect));
    return migrations;
}

}  // namespace catalog
