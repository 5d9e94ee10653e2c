// The product catalog (the seed's Activity 3) on PostgreSQL: its schema by migration, and
// realistic data loaded with COPY. The search API and its web page build on these.
//   retort_catalog --url postgresql://... upgrade
//   retort_catalog --url postgresql://... seed --products 100000
//   retort_catalog --url postgresql://... stats
// The URL may also come from DATABASE_URL.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <retort/migrate/compare.hpp>
#include <retort/migrate/runner.hpp>

#include "generator.hpp"
#include "history.hpp"

using namespace retort;
namespace mg = retort::migrate;

namespace {

void upgrade(const Engine& engine) {
    const auto applied = mg::upgrade(engine, catalog::history(engine.dialect()));
    mg::verify(catalog::metadata(), engine);
    std::printf("schema at head (%zu revision(s) applied now)\n", applied.size());
}

void seed(const Engine& engine, std::int64_t count) {
    const auto start = std::chrono::steady_clock::now();
    catalog::seed(engine, count, [&](std::int64_t done, std::int64_t total) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "seeded %lld / %lld products (%.0f/s)\n", static_cast<long long>(done),
                     static_cast<long long>(total),
                     static_cast<double>(done) / std::max(seconds, 1e-6));
    });
    std::printf("seeded %lld products\n", static_cast<long long>(count));
}

void stats(const Engine& engine) {
    Connection conn = engine.connect();
    auto count = [&](const FromClause& table) {
        return conn.execute(select(func::count()).select_from(table)).scalar<std::int64_t>();
    };
    const auto& p = catalog::products;
    const auto in_stock =
        conn.execute(select(func::count(p.id)).where(p.stock > 0)).scalar<std::int64_t>();
    std::printf("categories: %lld\nproducts: %lld (in stock: %lld)\n",
                static_cast<long long>(count(catalog::categories)),
                static_cast<long long>(count(p)), static_cast<long long>(in_stock));
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"The product catalog on PostgreSQL: schema, data, statistics"};
    const char* from_environment = std::getenv("DATABASE_URL");
    std::string url = from_environment != nullptr ? from_environment : "";
    app.add_option("--url", url, "postgresql://... (default: DATABASE_URL)");
    app.require_subcommand(1);
    app.add_subcommand("upgrade", "create or update the schema");
    std::int64_t count = 100'000;
    app.add_subcommand("seed", "load the categories and generated products")
        ->add_option("--products", count, "how many products")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}));
    app.add_subcommand("stats", "count what is there");
    CLI11_PARSE(app, argc, argv);
    try {
        if (url.empty()) throw ArgumentError("no database: pass --url or set DATABASE_URL");
        Engine engine = create_engine(url);
        if (engine.dialect_name() != "postgresql")
            throw ArgumentError("the catalog needs PostgreSQL (JSONB, arrays, full-text search)");
        const std::string command = app.get_subcommands().front()->get_name();
        if (command == "upgrade") upgrade(engine);
        if (command == "seed") seed(engine, count);
        if (command == "stats") stats(engine);
        return 0;
    } catch (const Error& error) {
        std::fprintf(stderr, "retort_catalog: %s\n", error.what());
        return 1;
    }
}
