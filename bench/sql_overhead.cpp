// Client CPU that the expression language adds per execution: building and executing an
// already-seen 3-table join with 3 parameters, against the same SQL through raw libpq; then the
// statement reused with a bindparam on SQLite (in memory) against raw sqlite3.
// Usage: RETORT_BENCH_PG_URL=postgresql://... retort_bench_sql [--executions N]
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <retort/dialects/postgresql/driver.hpp>
#include <retort/retort.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness.hpp"

namespace {

using namespace retort;
using bench::cpu_seconds;
using bench::median;

// The three tables both backends' runs join.
struct JoinTables {
    MetaData metadata;
    Table a{"bench_a", metadata, Column("id", type::Integer(), primary_key),
            Column("name", type::Text())};
    Table b{"bench_b", metadata, Column("id", type::Integer(), primary_key),
            Column("a_id", type::Integer(), ForeignKey("bench_a.id")),
            Column("x", type::Integer())};
    Table c{"bench_c", metadata, Column("id", type::Integer(), primary_key),
            Column("b_id", type::Integer(), ForeignKey("bench_b.id")),
            Column("y", type::Integer())};
};

// The reused statement on SQLite: the same three tables in memory, one row per key, the
// statement executed with its key rebound, against a prepared sqlite3 statement stepped and
// read into the same values. Prints both and the ratio.
void sqlite_reused(int executions) {
    JoinTables tables;
    MetaData& metadata = tables.metadata;
    const Table &a = tables.a, &b = tables.b, &c = tables.c;
    const std::string path = "retort_bench_sql.sqlite";
    std::remove(path.c_str());
    Engine engine = create_engine("sqlite:///" + path, {.track_statistics = false});
    metadata.create_all(engine);
    {
        Connection setup = engine.connect();
        setup.execute(
            text("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < "
                 "1000) INSERT INTO bench_a SELECT n, 'a' || n FROM g"));
        setup.execute(text("INSERT INTO bench_b SELECT id, id, id FROM bench_a"));
        setup.execute(text("INSERT INTO bench_c SELECT id, id, id FROM bench_a"));
        // Indexed joins: each execution is a few lookups, so that the client's work shows.
        setup.execute(text("CREATE INDEX bench_b_a ON bench_b (a_id)"));
        setup.execute(text("CREATE INDEX bench_c_b ON bench_c (b_id)"));
        setup.commit();
    }
    const auto reused = select(a.c("name"), b.c("x"), c.c("y"))
                            .join(b)
                            .join(c)
                            .where(a.c("id") == bindparam("id") && b.c("x") > 0 && c.c("y") < 5000);
    Connection conn = engine.connect();
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    sqlite3_stmt* statement = nullptr;
    const std::string sql = conn.dialect().compile(reused).sql;
    sqlite3_prepare_v2(raw, sql.c_str(), -1, &statement, nullptr);
    // One read transaction on each side, as Retort's connection has begun one.
    sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr);
    auto run_raw = [&] {
        double start = cpu_seconds();
        std::size_t rows = 0;
        for (int i = 0; i < executions; ++i) {
            sqlite3_bind_int64(statement, 1, i % 1000 + 1);
            sqlite3_bind_int64(statement, 2, 0);
            sqlite3_bind_int64(statement, 3, 5000);
            while (sqlite3_step(statement) == SQLITE_ROW) {
                std::string name(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)),
                                 static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
                rows += name.size() + static_cast<std::size_t>(sqlite3_column_int64(statement, 1) +
                                                               sqlite3_column_int64(statement, 2));
            }
            sqlite3_reset(statement);
        }
        return (cpu_seconds() - start) / executions + 0 * static_cast<double>(rows);
    };
    auto run_reused = [&] {
        double start = cpu_seconds();
        std::size_t rows = 0;
        for (int i = 0; i < executions; ++i)
            rows += conn.execute(reused, {{"id", i % 1000 + 1}})
                        .all<std::string, std::int64_t, std::int64_t>()
                        .size();
        const double seconds = (cpu_seconds() - start) / executions;
        if (rows != static_cast<std::size_t>(executions)) std::exit(1);  // one row each
        return seconds;
    };
    run_raw();
    run_reused();
    std::vector<double> raw_runs, reused_runs;
    for (int r = 0; r < 15; ++r) {
        raw_runs.push_back(run_raw());
        reused_runs.push_back(run_reused());
    }
    const double raw_us = median(raw_runs) * 1e6, reused_us = median(reused_runs) * 1e6;
    std::printf("SQLite, the statement reused (median of 15 runs of %d):\n", executions);
    std::printf("  raw sqlite3 prepared statement:    %7.2f us\n", raw_us);
    std::printf("  Retort, the statement reused:      %7.2f us  (%.2fx raw)\n", reused_us,
                reused_us / raw_us);
    sqlite3_finalize(statement);
    sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    std::remove(path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    const char* url = bench::bench_pg_url();
    if (url == nullptr) return 2;
    const int executions = bench::int_option(argc, argv, "--executions", 5000);

    JoinTables tables;
    MetaData& metadata = tables.metadata;
    const Table &a = tables.a, &b = tables.b, &c = tables.c;
    try {
        Engine setup = create_engine(url, {.isolation_level = IsolationLevel::autocommit});
        metadata.drop_all(setup);
        metadata.create_all(setup);
        auto conn = setup.connect();
        conn.execute(
            text("INSERT INTO bench_a SELECT g, 'a' || g FROM generate_series(1, 1000) g"));
        conn.execute(text("INSERT INTO bench_b SELECT g, g, g FROM generate_series(1, 1000) g"));
        conn.execute(text("INSERT INTO bench_c SELECT g, g, g FROM generate_series(1, 1000) g"));
        conn.execute(text("ANALYZE"));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "setup failed: %s\n", error.what());
        return 1;
    }

    Engine engine = create_engine(
        url, {.isolation_level = IsolationLevel::autocommit, .track_statistics = false});
    Connection conn = engine.connect();
    auto build = [&](int i) {
        return select(a.c("name"), b.c("x"), c.c("y"))
            .join(b)
            .join(c)
            .where(a.c("id") == i % 1000 + 1 && b.c("x") > 0 && c.c("y") < 5000);
    };
    sql::Compiled compiled = postgresql::dialect().compile(build(0));
    std::printf("statement: %s\n", compiled.sql.c_str());

    PGconn* raw = PQconnectdb(url);
    if (PQstatus(raw) != CONNECTION_OK) {
        std::fprintf(stderr, "raw connect failed\n");
        return 1;
    }
    // The reference binds the same parameter types Retort sends (int8), prepared once.
    Oid types[] = {20, 20, 20};
    PQclear(PQprepare(raw, "q", compiled.sql.c_str(), 3, types));

    auto run_raw = [&] {
        double start = cpu_seconds();
        std::size_t bytes = 0;
        for (int i = 0; i < executions; ++i) {
            std::string p1 = std::to_string(i % 1000 + 1);
            const char* values[] = {p1.c_str(), "0", "5000"};
            PGresult* r = PQexecPrepared(raw, "q", 3, values, nullptr, nullptr, 0);
            if (PQntuples(r) == 1) bytes += std::strlen(PQgetvalue(r, 0, 0));
            PQclear(r);
        }
        return (cpu_seconds() - start) / executions + 0 * static_cast<double>(bytes);
    };
    auto run_retort = [&] {
        double start = cpu_seconds();
        std::size_t bytes = 0;
        for (int i = 0; i < executions; ++i) {
            auto rows = conn.execute(build(i)).all<std::string, std::int64_t, std::int64_t>();
            if (rows.size() == 1) bytes += std::get<0>(rows[0]).size();
        }
        return (cpu_seconds() - start) / executions + 0 * static_cast<double>(bytes);
    };
    // The statement built once, its key a bindparam() given at each execution: nothing is
    // walked or hashed again.
    const auto reused = select(a.c("name"), b.c("x"), c.c("y"))
                            .join(b)
                            .join(c)
                            .where(a.c("id") == bindparam("id") && b.c("x") > 0 && c.c("y") < 5000);
    auto run_reused = [&] {
        double start = cpu_seconds();
        std::size_t bytes = 0;
        for (int i = 0; i < executions; ++i) {
            auto rows = conn.execute(reused, {{"id", i % 1000 + 1}})
                            .all<std::string, std::int64_t, std::int64_t>();
            if (rows.size() == 1) bytes += std::get<0>(rows[0]).size();
        }
        return (cpu_seconds() - start) / executions + 0 * static_cast<double>(bytes);
    };
    auto run_build_only = [&] {
        double start = cpu_seconds();
        for (int i = 0; i < executions; ++i) {
            auto statement = build(i);
            auto node = statement.statement_node();
        }
        return (cpu_seconds() - start) / executions;
    };
    auto run_compile_only = [&] {
        auto statement = build(1);
        double start = cpu_seconds();
        for (int i = 0; i < executions; ++i) {
            auto out = postgresql::dialect().compile(statement);
        }
        return (cpu_seconds() - start) / executions;
    };
    run_raw();
    run_retort();
    run_reused();
    std::vector<double> raw_runs, retort_runs, reused_runs, build_runs, compile_runs;
    for (int r = 0; r < 15; ++r) {
        raw_runs.push_back(run_raw());
        retort_runs.push_back(run_retort());
        reused_runs.push_back(run_reused());
        build_runs.push_back(run_build_only());
        compile_runs.push_back(run_compile_only());
    }
    double raw_us = median(raw_runs) * 1e6, ours_us = median(retort_runs) * 1e6;
    std::printf("client CPU per execution (median of 15 runs of %d):\n", executions);
    std::printf("  raw libpq PQexecPrepared:          %7.2f us\n", raw_us);
    std::printf("  Retort build + execute + decode:   %7.2f us\n", ours_us);
    std::printf("  Retort overhead:                   %7.2f us  (target <= 2 us)\n",
                ours_us - raw_us);
    std::printf("    of which building the statement: %5.2f us, compiling it: %5.2f us\n",
                median(build_runs) * 1e6, median(compile_runs) * 1e6);
    const double reused_us = median(reused_runs) * 1e6;
    std::printf("  Retort, the statement reused:      %7.2f us  (%.2fx raw)\n", reused_us,
                reused_us / raw_us);
    PQfinish(raw);
    sqlite_reused(executions);
    return 0;
}
