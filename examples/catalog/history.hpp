// The catalog's schema history, as operations (migrate::revision_of).
#pragma once

#include <retort/migrate/revision.hpp>
#include <retort/sql/dialect.hpp>

namespace catalog {

retort::migrate::Migrations history(const retort::sql::Dialect& dialect);

}  // namespace catalog
