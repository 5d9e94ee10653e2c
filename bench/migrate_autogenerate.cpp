// Autogenerate's comparison on a large schema (in a schema of its own): 200 tables (6 columns, a
// foreign key to the previous table, a unique constraint, an index, a check each) created from
// models, then compared with the models (nothing to do) and with models that changed one column in
// each table; wall time of each comparison, median of 5. Usage:
// RETORT_BENCH_PG_URL=postgresql://... retort_bench_migrate [--tables N]
#include <retort/migrate/compare.hpp>
#include <retort/retort.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "harness.hpp"

using namespace retort;

namespace {

void define(MetaData& metadata, int tables, bool changed) {
    for (int i = 0; i < tables; ++i) {
        const std::string name = "bench_mig_" + std::to_string(i);
        std::vector<TableItem> items{
            Column("id", type::BigInteger(), primary_key),
            Column("code", type::String(changed ? 40 : 20), not_null, unique),
            Column("label", type::Text(), server_default("'none'")),
            Column("amount", type::Numeric(12, 2), not_null, server_default(literal(0))),
            Column("created_at", type::DateTime(), not_null, server_default(func::now())),
            Index{"ix_" + name + "_label", {"label"}},
            CheckConstraint{column("amount") >= 0, "amount_not_negative"}};
        if (i > 0)
            items.emplace_back(
                Column("parent_id", type::BigInteger(),
                       ForeignKey("bench_migrate.bench_mig_" + std::to_string(i - 1) + ".id")));
        Table(name, metadata, std::string("bench_migrate"), std::move(items));
    }
}

}  // namespace

int main(int argc, char** argv) {
    const char* url = bench::bench_pg_url();
    if (url == nullptr) return 2;
    const int tables = bench::int_option(argc, argv, "--tables", 200);
    try {
        Engine engine = create_engine(url);
        engine.transaction([](Connection& c) {
            c.execute(text("DROP SCHEMA IF EXISTS bench_migrate CASCADE"));
            c.execute(text("CREATE SCHEMA bench_migrate"));
        });
        const migrate::CompareOptions in_schema{.schema = "bench_migrate"};
        MetaData same, changed;
        define(same, tables, false);
        define(changed, tables, true);
        same.create_all(engine);
        std::vector<double> clean, dirty;
        std::size_t clean_ops = 0, dirty_ops = 0;
        for (int run = 0; run < 5; ++run) {
            Connection conn = engine.connect();
            clean.push_back(bench::seconds_of(
                [&] { clean_ops = migrate::compare(same, conn, in_schema).size(); }));
            dirty.push_back(bench::seconds_of(
                [&] { dirty_ops = migrate::compare(changed, conn, in_schema).size(); }));
        }
        std::printf("autogenerate on PostgreSQL, %d tables (median of 5):\n", tables);
        std::printf("  models equal to the database: %.3f s (%zu operations)\n",
                    bench::median(clean), clean_ops);
        std::printf("  one column changed per table: %.3f s (%zu operations)\n",
                    bench::median(dirty), dirty_ops);
        engine.transaction(
            [](Connection& c) { c.execute(text("DROP SCHEMA bench_migrate CASCADE")); });
    } catch (const std::exception& error) {
        std::fprintf(stderr, "benchmark failed: %s\n", error.what());
        return 1;
    }
    return 0;
}
