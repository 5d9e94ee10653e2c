// Autogenerate's comparison: the application's MetaData against the live database, read through
// the Inspector, as the operations that bring the database to the models (Alembic's
// compare_metadata). The same comparison is the startup drift check, verify().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retort/engine/connection.hpp"
#include "retort/engine/engine.hpp"
#include "retort/errors.hpp"
#include "retort/migrate/operations.hpp"
#include "retort/migrate/revision.hpp"
#include "retort/schema/metadata.hpp"

namespace retort::migrate {

struct CompareOptions {
    /// The database schema compared, and the models' tables in it (none: the connection's
    /// default schema and the tables declared without one).
    std::optional<std::string> schema{};
    /// Tables the models do not own, left alone (the migrations' own version table is always).
    std::vector<std::string> ignore_tables{};
    /// Where the dialect cannot alter a table in place (SQLite), give one RebuildTable for it
    /// (batch mode) rather than the operations it cannot run. differences() and lint read the
    /// operations themselves (false).
    bool rebuild_where_needed = true;
};

/// The operations that turn the database's schema into the models', in an order that runs:
/// enum types, labels and sequences first, then new tables (referred tables first), then each existing
/// table's changes (drops of constraints and indexes, columns, then additions), then tables the
/// models no longer have (dependent tables first), then enum types nothing uses.
///
/// Compared: tables; columns (type, with spellings of one type equal; nullability; server
/// default, normalised; comment where the dialect keeps them); primary keys; unique
/// constraints (by columns); check constraints (by name); foreign keys (columns, target,
/// actions); indexes (by name: columns, uniqueness, method, whether partial); enum types and
/// their labels; sequences no column owns (start, increment). Not compared (docs/design/migrations.md
/// lists them): the text of check constraints, of index expressions and of partial-index
/// predicates; a sequence's other settings (cache, cycle, bounds); a renamed column or table
/// without a rename hint (it shows as a drop and an add).
std::vector<Operation> compare(const MetaData& models, Connection& connection,
                               const CompareOptions& options = {});

/// The differences between the models and the database, one readable line each (empty: they
/// match). The same comparison as compare().
std::vector<std::string> differences(const MetaData& models, Connection& connection,
                                     const CompareOptions& options = {});

/// `revision --autogenerate`: a new revision holding compare()'s operations as SQL for the
/// connection's dialect, its downgrade the inverses in reverse order, its parents the heads
/// of `migrations`. An operation with no inverse (an enum label added) leaves a comment in the
/// downgrade saying so. The revision is returned, not written: write_revision() saves it.
Revision autogenerate(const MetaData& models, Connection& connection, const Migrations& migrations,
                      const std::string& message, const CompareOptions& options = {});

/// The models do not match the database; what() lists every difference, one per line.
class SchemaDriftError : public Error {
  public:
    SchemaDriftError(const std::string& message, std::vector<std::string> differences)
        : Error(message), differences_(std::move(differences)) {}
    const std::vector<std::string>& differences() const noexcept { return differences_; }

  private:
    std::vector<std::string> differences_;
};

/// The startup drift check: raises SchemaDriftError listing each difference when the
/// database's schema is not the models' (a missing table, a column's type, nullability,
/// default, a missing index ...). Call it before serving the first request.
void verify(const MetaData& models, const Engine& engine, const CompareOptions& options = {});

}  // namespace retort::migrate
