// Lint of migration operations: the changes that lose data or lock a busy table, flagged before
// they ship. `revision --autogenerate` prints them; `lint` runs them on what autogenerate would
// write now.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "retort/migrate/operations.hpp"

namespace retort::migrate {

struct LintFinding {
    std::string operation;  ///< describe() of the operation
    std::string danger;     ///< what it does to data or to other sessions, and what to do instead
};

struct LintOptions {
    /// The estimated rows of an existing table (none: unknown); an index built on a table
    /// of at least `big_table_rows` without CONCURRENTLY is flagged.
    std::function<std::optional<std::int64_t>(const TableRef&)> estimated_rows{};
    std::int64_t big_table_rows = 10000;
};

/// Flags, for each operation that does so: dropping a table or a column (its data goes),
/// changing a column's type where PostgreSQL rewrites the table, SET NOT NULL on an existing
/// column (a full scan under an exclusive lock, failing on a NULL), a NOT NULL column added
/// without a default, an index built without CONCURRENTLY on a big table, an enum label
/// removed (every column of the type is rewritten), a rename (running code still uses the
/// old name).
std::vector<LintFinding> lint(const std::vector<Operation>& operations, const sql::Dialect& dialect,
                              const LintOptions& options = {});

}  // namespace retort::migrate
