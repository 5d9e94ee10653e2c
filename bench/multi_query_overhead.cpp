// Client CPU per execution of a typed two-entity query, session.query(parents, children)
// .join(parents.children).filter(parents.id == i), against the same SQL through raw libpq
// with the fields read into the same two structs. The query is built anew each time (its SQL
// comes from the statement cache); its rows load through the session's identity map.
// Usage: RETORT_BENCH_PG_URL=postgresql://... retort_bench_multi [--executions N]
#include <libpq-fe.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <retort/dialects/postgresql/driver.hpp>
#include <retort/retort.hpp>
#include <string>
#include <vector>

#include "harness.hpp"

namespace {

using namespace retort;
using bench::cpu_seconds;
using bench::median;
using namespace retort::orm;

struct Child;
struct Parent {
    std::int64_t id = 0;
    std::string name;
    Many<Child> children{};
};
struct Child {
    std::int64_t id = 0;
    std::int64_t parent_id = 0;
    std::int64_t x = 0;
    One<Parent> parent{};
};
MetaData bench_metadata;
struct Parents : Model<Parent> {
    Column<&Parent::id> id{this, primary_key};
    Column<&Parent::name> name{this};
    Relationship<&Parent::children> children{this, {.back_populates = "parent"}};
    Parents() : Model("bench_parents", bench_metadata) {}
};
const Parents parents;
struct Children : Model<Child> {
    Column<&Child::id> id{this, primary_key};
    Column<&Child::parent_id> parent_id{this, ForeignKey("bench_parents.id")};
    Column<&Child::x> x{this};
    Relationship<&Child::parent> parent{this, {.back_populates = "children"}};
    Children() : Model("bench_children", bench_metadata) {}
};
const Children children;

// What the raw loop reads each row into, as the ORM does.
struct RawParent {
    std::int64_t id;
    std::string name;
};
struct RawChild {
    std::int64_t id, parent_id, x;
};

}  // namespace

int main(int argc, char** argv) {
    const char* url = bench::bench_pg_url();
    if (url == nullptr) return 2;
    const int executions = bench::int_option(argc, argv, "--executions", 5000);
    try {
        Engine setup = create_engine(url, {.isolation_level = IsolationLevel::autocommit});
        bench_metadata.drop_all(setup);
        bench_metadata.create_all(setup);
        auto conn = setup.connect();
        conn.execute(
            text("INSERT INTO bench_parents SELECT g, 'p' || g FROM generate_series(1, 1000) g"));
        conn.execute(
            text("INSERT INTO bench_children SELECT g, g, g FROM generate_series(1, 1000) g"));
        conn.execute(text("ANALYZE"));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "setup failed: %s\n", error.what());
        return 1;
    }

    Engine engine = create_engine(url, {.track_statistics = false});
    Session session(engine);
    sql::Compiled compiled = postgresql::dialect().compile(session.query(parents, children)
                                                               .join(parents.children)
                                                               .filter(parents.id == 1)
                                                               .statement());
    std::printf("statement: %s\n", compiled.sql.c_str());

    PGconn* raw = PQconnectdb(url);
    if (PQstatus(raw) != CONNECTION_OK) {
        std::fprintf(stderr, "raw connect failed\n");
        return 1;
    }
    // The parameter type Retort sends for a small integer (int4), prepared once; the raw loop
    // runs inside a transaction as the session does.
    Oid types[] = {23};
    PQclear(PQprepare(raw, "q", compiled.sql.c_str(), 1, types));
    PQclear(PQexec(raw, "BEGIN"));

    auto run_raw = [&] {
        double start = cpu_seconds();
        std::size_t seen = 0;
        for (int i = 0; i < executions; ++i) {
            std::string id = std::to_string(i % 1000 + 1);
            const char* values[] = {id.c_str()};
            PGresult* r = PQexecPrepared(raw, "q", 1, values, nullptr, nullptr, 0);
            for (int row = 0; row < PQntuples(r); ++row) {
                RawParent p{std::strtoll(PQgetvalue(r, row, 0), nullptr, 10),
                            PQgetvalue(r, row, 1)};
                RawChild c{std::strtoll(PQgetvalue(r, row, 2), nullptr, 10),
                           std::strtoll(PQgetvalue(r, row, 3), nullptr, 10),
                           std::strtoll(PQgetvalue(r, row, 4), nullptr, 10)};
                seen += p.name.size() + static_cast<std::size_t>(c.x > 0);
            }
            PQclear(r);
        }
        return (cpu_seconds() - start) / executions + 0 * static_cast<double>(seen);
    };
    auto run_retort = [&] {
        double start = cpu_seconds();
        std::size_t seen = 0;
        for (int i = 0; i < executions; ++i) {
            auto rows = session.query(parents, children)
                            .join(parents.children)
                            .filter(parents.id == i % 1000 + 1)
                            .all();
            for (const auto& [parent, child] : rows)
                seen += std::as_const(parent)->name.size() + (std::as_const(child)->x > 0);
        }
        return (cpu_seconds() - start) / executions + 0 * static_cast<double>(seen);
    };
    run_raw();
    run_retort();  // fills the identity map: later runs find their objects there
    std::vector<double> raw_runs, retort_runs;
    for (int r = 0; r < 15; ++r) {
        raw_runs.push_back(run_raw());
        retort_runs.push_back(run_retort());
    }
    double raw_us = median(raw_runs) * 1e6, ours_us = median(retort_runs) * 1e6;
    std::printf("client CPU per execution (median of 15 runs of %d, one row of two entities):\n",
                executions);
    std::printf("  raw libpq PQexecPrepared + read into structs: %7.2f us\n", raw_us);
    std::printf("  Retort session.query(a, b) ... .all():        %7.2f us\n", ours_us);
    std::printf("  Retort overhead:                              %7.2f us  (target <= 2 us)\n",
                ours_us - raw_us);
    PQclear(PQexec(raw, "COMMIT"));
    PQfinish(raw);
    return 0;
}
