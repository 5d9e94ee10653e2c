#include "history.hpp"

#include <retort/migrate/operations.hpp>
#include <span>
#include <vector>

#include "legacy_data.hpp"

namespace data_migration {

using namespace retort;
namespace mg = retort::migrate;

mg::Migrations history(const Schema& schema, const sql::Dialect& dialect) {
    mg::Migrations migrations;
    migrations.add(mg::revision_of(old_schema_revision, {}, "the old application's users",
                                   {mg::CreateTable{schema.legacy.definition()}}, dialect));
    migrations.add(mg::revision_of(new_schema_revision, {old_schema_revision},
                                   "enhanced users, their quarantine and the data step's progress",
                                   {mg::CreateTable{schema.users.definition()},
                                    mg::CreateTable{schema.quarantine.definition()},
                                    mg::CreateTable{schema.progress.definition()}},
                                   dialect));
    return migrations;
}

void seed(const Engine& engine, const Schema& schema, std::int64_t rows) {
    orm::Session session(engine);
    const auto existing = session.connection()
                              .execute(select(func::count()).select_from(schema.legacy))
                              .scalar<std::int64_t>();
    if (existing > 0)
        throw ArgumentError("legacy_users already holds " + std::to_string(existing) +
                            " rows: seed an empty database");
    constexpr std::int64_t batch = 10000;
    for (std::int64_t first = 1; first <= rows; first += batch) {
        std::vector<LegacyUser> chunk;
        for (std::int64_t id = first; id < std::min(first + batch, rows + 1); ++id)
            chunk.push_back(legacy_row(id));
        session.bulk_insert(schema.legacy, std::span<const LegacyUser>(chunk));
    }
    session.commit();
}

}  // namespace data_migration
