// The seed's Activity 2, "Data Migration Script": an old users table becomes an enhanced one.
// Two revisions (the old schema; the new tables) are written as operations in code, so one
// history serves SQLite and PostgreSQL; the data step converts the old rows in chunks, each
// chunk committed with its checkpoint, so that a run killed at any moment resumes where it
// stopped and nothing is converted twice. Rows that cannot be converted go to a quarantine
// table with the reason; nothing is dropped silently.
//
//   retort_data_migration --url sqlite:///legacy.db seed --rows 100000
//   retort_data_migration --url sqlite:///legacy.db migrate --dry-run
//   retort_data_migration --url sqlite:///legacy.db migrate      (again after a kill: resumes)
//   retort_data_migration --url sqlite:///legacy.db report
//   retort_data_migration --url sqlite:///legacy.db check        (exit 1 when a row is lost)
//   retort_data_migration --url sqlite:///legacy.db downgrade    (the old schema, rows intact)
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <retort/migrate/compare.hpp>
#include <retort/migrate/operations.hpp>
#include <retort/migrate/runner.hpp>

#include "data_step.hpp"
#include "history.hpp"

using namespace retort;
using namespace retort::orm;
using namespace data_migration;
namespace mg = retort::migrate;

namespace {

mg::RunOptions say_progress() {
    return {.progress = [](const std::string& line) { std::cerr << line << "\n"; }};
}

void report(const Engine& engine, const Schema& schema) {
    Connection conn = engine.connect();
    const Quarantine& q = schema.quarantine;
    auto count = [&](const FromClause& table) {
        return conn.execute(select(func::count()).select_from(table)).scalar<std::int64_t>();
    };
    std::printf("legacy rows: %lld\nmigrated: %lld\nquarantined: %lld\n",
                static_cast<long long>(count(schema.legacy)),
                static_cast<long long>(count(schema.users)), static_cast<long long>(count(q)));
    for (auto [reason, n] : conn.execute(
             select(q.reason, func::count(q.legacy_id)).group_by({q.reason}).order_by({q.reason})))
        std::printf("  %-24s %lld\n", reason.c_str(), static_cast<long long>(n));
}

// Every legacy row is migrated or quarantined, once; the schema is the models'. Exit status 1
// otherwise, with what is wrong.
int check(const Engine& engine, const Schema& schema) {
    mg::verify(schema.metadata, engine);
    Connection conn = engine.connect();
    const auto& u = schema.users;
    const auto& q = schema.quarantine;
    const auto& l = schema.legacy;
    const auto missing =
        conn.execute(select(func::count())
                         .select_from(l)
                         .where(!exists(select(u.id).where(u.id == l.id)) &&
                                !exists(select(q.legacy_id).where(q.legacy_id == l.id))))
            .scalar<std::int64_t>();
    const auto twice =
        conn.execute(select(func::count())
                         .select_from(u)
                         .where(exists(select(q.legacy_id).where(q.legacy_id == u.id))))
            .scalar<std::int64_t>();
    if (missing != 0 || twice != 0) {
        std::fprintf(stderr,
                     "check: %lld legacy rows neither migrated nor quarantined, %lld both\n",
                     static_cast<long long>(missing), static_cast<long long>(twice));
        return 1;
    }
    std::puts("check: every legacy row is migrated or quarantined, once");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"The seed's data migration: legacy users to the enhanced schema"};
    std::string url;
    app.add_option("--url", url, "database URL (default: $DATABASE_URL)");
    app.require_subcommand(1);
    std::int64_t rows = 100000;
    app.add_subcommand("seed", "create the old schema and fill it with messy rows")
        ->add_option("--rows", rows, "how many legacy rows")
        ->check(CLI::PositiveNumber);
    StepOptions step;
    auto* migrate = app.add_subcommand("migrate", "upgrade to the new schema and convert the rows");
    migrate->add_flag("--dry-run", step.dry_run, "convert and count, write nothing");
    migrate->add_option("--chunk", step.chunk, "rows per committed chunk")
        ->check(CLI::PositiveNumber);
    migrate->add_option("--pause-ms", step.pause_ms,
                        "pause between chunks, to spare a busy production database");
    app.add_subcommand("report", "rows migrated, quarantined, and why");
    app.add_subcommand("check", "every legacy row migrated or quarantined once (exit 1 if not)");
    app.add_subcommand("downgrade", "back to the old schema: new tables dropped, old rows kept");
    CLI11_PARSE(app, argc, argv);

    try {
        if (url.empty())
            if (const char* env = std::getenv("DATABASE_URL")) url = env;
        if (url.empty()) throw ArgumentError("no database: give --url or set DATABASE_URL");
        Engine engine = create_engine(url);
        Schema schema;
        const std::string command = app.get_subcommands().front()->get_name();
        if (command == "seed") {
            mg::upgrade(engine, history(schema, engine.dialect()), old_schema_revision,
                        say_progress());
            seed(engine, schema, rows);
            std::cerr << "seed: " << rows << " legacy rows\n";
        }
        if (command == "migrate") {
            if (!step.dry_run)
                mg::upgrade(engine, history(schema, engine.dialect()), "head", say_progress());
            run_data_step(engine, schema, step);
        }
        if (command == "report") report(engine, schema);
        if (command == "check") return check(engine, schema);
        if (command == "downgrade")
            mg::downgrade(engine, history(schema, engine.dialect()), old_schema_revision,
                          say_progress());
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "data migration: %s\n", error.what());
        return 1;
    }
}
