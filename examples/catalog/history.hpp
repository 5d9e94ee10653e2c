// The catalog's schema history, as operations (migrate::revision_of).
#pragma once

#include <retort/engine/engine.hpp>
#include <retort/migrate/revision.hpp>
#include <retort/sql/dialect.hpp>

namespace catalog {

retort::migrate::Migrations history(const retort::sql::Dialect& dialect);

/// ArgumentError unless `engine` is on PostgreSQL: the catalog stands on JSONB, arrays and
/// full-text search.
void require_postgresql(const retort::Engine& engine);

}  // namespace catalog
