// The example's migration history, and the old application's data to start from.
#pragma once

#include <cstdint>
#include <retort/migrate/revision.hpp>

#include "schema.hpp"

namespace data_migration {

inline constexpr const char* old_schema_revision = "1e9ac4000001";
inline constexpr const char* new_schema_revision = "e4a4ced00002";

/// Two revisions, written as operations so that one history serves every backend: the old
/// application's table, then the enhanced tables beside it.
retort::migrate::Migrations history(const Schema& schema, const retort::sql::Dialect& dialect);

/// Fills the (empty) legacy table with `rows` generated rows, ids 1..rows. ArgumentError when
/// it already holds rows.
void seed(const retort::Engine& engine, const Schema& schema, std::int64_t rows);

}  // namespace data_migration
