// The product catalog (the seed's Activity 3) on PostgreSQL: its schema by migration,
// realistic data loaded with COPY, and the search API with its web page.
//   retort_catalog --url postgresql://... upgrade
//   retort_catalog --url postgresql://... seed --products 100000
//   retort_catalog --url postgresql://... stats
//   retort_catalog --url postgresql://... serve [--port 8080] [--slow-ms 50]
//   retort_catalog diagram [--format mermaid|dot]       (the schema; no database needed)
// The URL may also come from DATABASE_URL; serve also reads the service's variables (HOST,
// PORT, THREADS, LOG_REQUESTS, SLOW_STATEMENT_MS, ...). SIGINT or SIGTERM stops serving.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <retort/migrate/compare.hpp>
#include <retort/migrate/runner.hpp>
#include <retort/schema/diagram.hpp>

#include <web_service/service.hpp>

#include "generator.hpp"
#include "history.hpp"
#include "server.hpp"

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
    web_service::block_stop_signals();  // before any thread starts
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
    catalog::CatalogConfig config;
    config.max_body_bytes = 32 * 1024 * 1024;  // imports
    auto* serve = app.add_subcommand("serve", "serve the API and the web page");
    std::optional<int> port;
    std::optional<int> slow_ms;
    serve->add_option("--port", port, "port to listen on (0: any free port)")
        ->check(CLI::Range(0, 65535));
    serve->add_option("--slow-ms", slow_ms, "log statements slower than this with their plan")
        ->check(CLI::Range(1, 3'600'000));
    serve->add_option("--web-dir", config.web_dir, "the page's folder");
    serve->add_flag("--allow-explain", config.allow_explain,
                    "let a search ask for its plans (explain=true)");
    std::string format = "mermaid";
    auto* diagram = app.add_subcommand("diagram", "print the schema as an ER diagram");
    diagram->add_option("--format", format, "mermaid or dot")
        ->check(CLI::IsMember({"mermaid", "dot"}));
    CLI11_PARSE(app, argc, argv);
    if (diagram->parsed()) {  // the models' MetaData is all it needs
        const std::string drawn =
            format == "mermaid" ? to_mermaid(catalog::metadata()) : to_dot(catalog::metadata());
        std::fputs(drawn.c_str(), stdout);
        return 0;
    }
    try {
        if (url.empty()) throw ArgumentError("no database: pass --url or set DATABASE_URL");
        if (serve->parsed()) {
            config.read_environment();
            config.database_url = url;
            if (port) config.port = *port;
            if (slow_ms) config.slow_statement = std::chrono::milliseconds(*slow_ms);
            catalog::CatalogServer server(std::move(config));
            return web_service::serve_until_signal(server.service(), "catalog");
        }
        Engine engine = create_engine(url);
        catalog::require_postgresql(engine);
        const std::string command = app.get_subcommands().front()->get_name();
        if (command == "upgrade") upgrade(engine);
        if (command == "seed") seed(engine, count);
        if (command == "stats") stats(engine);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "retort_catalog: %s\n", error.what());
        return 1;
    }
}
