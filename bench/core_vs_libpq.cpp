// Retort's Core against hand-written libpq on the same server, in one run:
//   - reading 1,000,000 rows (bigint, varchar, varchar, bool, timestamp) into typed tuples,
//     buffered and streamed;
//   - 10,000 primary-key lookups on one connection (PQexecPrepared);
//   - 5,000 single-row transactions, writing (BEGIN; UPDATE by key; COMMIT) and reading (BEGIN;
//     lookup; COMMIT): what a lost-COMMIT bookkeeping would cost, if it cost a round trip;
//   - peak RSS of a streamed read of those rows, each side in a process of its own.
// Usage: RETORT_BENCH_PG_URL=postgresql://... retort_bench_core [--rows N] [--repetitions N]
//        [--transactions-only 1]
#include <libpq-fe.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <retort/retort.hpp>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "harness.hpp"

namespace {

using namespace retort;
using Tuple = std::tuple<std::int64_t, std::string, std::string, bool, DateTime>;
const char* const select_rows = "SELECT id, username, email, is_active, created_at FROM bench_rows";

// The same rows as plain structs, mapped with a typed descriptor (the ORM's loading path).
struct BenchRow {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    bool is_active = false;
    DateTime created_at;
};
MetaData bench_metadata;
struct BenchRows : Model<BenchRow> {
    Column<&BenchRow::id> id{this, primary_key};
    Column<&BenchRow::username> username{this};
    Column<&BenchRow::email> email{this};
    Column<&BenchRow::is_active> is_active{this};
    Column<&BenchRow::created_at> created_at{this};
    BenchRows() : Model("bench_rows", bench_metadata) {}
};

// --- the reference: what a careful programmer writes against libpq by hand -----------------

PGconn* raw_connect(const std::string& url) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn));
    PQclear(PQexec(conn, "SET DateStyle = 'ISO, YMD'"));
    return conn;
}

// "YYYY-MM-DD HH:MM:SS[.ffffff]" to a DateTime, with no checking beyond what from_chars does.
DateTime raw_parse_timestamp(const char* s, int length) {
    auto number = [&](int from, int to) {
        int value = 0;
        std::from_chars(s + from, s + to, value);
        return value;
    };
    using namespace std::chrono;
    int micros = 0;
    if (length > 20) {
        micros = number(20, length);
        for (int digits = length - 20; digits < 6; ++digits) micros *= 10;
    }
    local_days day{year{number(0, 4)} / month{static_cast<unsigned>(number(5, 7))} /
                   std::chrono::day{static_cast<unsigned>(number(8, 10))}};
    return day + hours{number(11, 13)} + minutes{number(14, 16)} + seconds{number(17, 19)} +
           microseconds{micros};
}

Tuple raw_row(const PGresult* r, int row) {
    std::int64_t id = 0;
    const char* v = PQgetvalue(r, row, 0);
    std::from_chars(v, v + PQgetlength(r, row, 0), id);
    return Tuple{
        id, std::string(PQgetvalue(r, row, 1), static_cast<std::size_t>(PQgetlength(r, row, 1))),
        std::string(PQgetvalue(r, row, 2), static_cast<std::size_t>(PQgetlength(r, row, 2))),
        PQgetvalue(r, row, 3)[0] == 't',
        raw_parse_timestamp(PQgetvalue(r, row, 4), PQgetlength(r, row, 4))};
}

std::vector<Tuple> raw_read_buffered(PGconn* conn) {
    PGresult* r = PQexec(conn, select_rows);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) throw std::runtime_error(PQresultErrorMessage(r));
    int n = PQntuples(r);
    std::vector<Tuple> rows;
    rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) rows.push_back(raw_row(r, i));
    PQclear(r);
    return rows;
}

// Single-row mode: the flat-memory way to read with libpq. `consume` sees each row.
template <class Consume>
void raw_read_streamed(PGconn* conn, Consume&& consume) {
    if (!PQsendQuery(conn, select_rows) || !PQsetSingleRowMode(conn))
        throw std::runtime_error(PQerrorMessage(conn));
    while (PGresult* r = PQgetResult(conn)) {
        if (PQresultStatus(r) == PGRES_SINGLE_TUPLE) consume(raw_row(r, 0));
        PQclear(r);
    }
}

// --- the workloads -----------------------------------------------------------------------

void prepare_data(const std::string& url, int rows) {
    auto conn = create_engine(url).connect();
    conn.execute(text("DROP TABLE IF EXISTS bench_rows"));
    conn.execute(text(
        "CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, username VARCHAR(50) NOT NULL, "
        "email VARCHAR(100) NOT NULL, is_active BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL)"));
    conn.execute(text("INSERT INTO bench_rows SELECT g, 'user' || g, 'user' || g || "
                      "'@example.com', g % 3 <> 0, "
                      "TIMESTAMP '2020-01-01' + g * INTERVAL '1 second' + (g % 1000) * INTERVAL '1 "
                      "microsecond' "
                      "FROM generate_series(1, :n) AS g"),
                 {{"n", rows}});
    conn.commit();
    create_engine(url,
                  {.isolation_level = IsolationLevel::autocommit})  // VACUUM refuses transactions
        .connect()
        .execute(text("VACUUM ANALYZE bench_rows"));
}

// The streamed read alone, in a fresh process: prints its peak RSS in KiB.
int measure_stream(const std::string& url, const std::string& side, int rows) {
    std::size_t n = 0;
    if (side == "raw") {
        PGconn* c = raw_connect(url);
        raw_read_streamed(c, [&](const Tuple&) { ++n; });
        PQfinish(c);
    } else {
        auto c = create_engine(url).connect();
        for (const auto& t :
             c.execute(text(select_rows), {}, {.stream = true})
                 .tuples<std::int64_t, std::string, std::string, bool, DateTime>()) {
            (void)t;
            ++n;
        }
    }
    if (n != static_cast<std::size_t>(rows)) return 1;
    std::printf("%ld\n", bench::peak_rss_kib());
    return 0;
}

long child_peak_rss(const std::string& side, int rows) {
    char self[4096];
    ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0) throw std::runtime_error("cannot find this program");
    self[length] = '\0';
    std::string command =
        std::string(self) + " --rows " + std::to_string(rows) + " --measure-stream " + side;
    FILE* child = popen(command.c_str(), "r");
    long kib = -1;
    if (child == nullptr || std::fscanf(child, "%ld", &kib) != 1)
        throw std::runtime_error("the measuring process failed");
    if (pclose(child) != 0) throw std::runtime_error("the measuring process failed");
    return kib;
}

}  // namespace

// Single-row transactions, one statement each, on one connection: the client's share of a
// transaction (BEGIN, the statement, COMMIT) against libpq doing the same three round trips.
bench::Comparison compare_transactions(PGconn* raw, Engine& engine, int rows, int repetitions,
                                       bool writing) {
    constexpr int transactions = 5'000;
    const char* raw_sql = writing ? "UPDATE bench_rows SET is_active = NOT is_active WHERE id = $1"
                                  : "SELECT username FROM bench_rows WHERE id = $1";
    PQclear(PQprepare(raw, writing ? "tx_write" : "tx_read", raw_sql, 1, nullptr));
    TextClause statement =
        text(writing ? "UPDATE bench_rows SET is_active = NOT is_active WHERE id = :id"
                     : "SELECT username FROM bench_rows WHERE id = :id");
    Connection conn = engine.connect();
    return bench::compare(
        writing ? "single-row transactions: BEGIN; UPDATE; COMMIT"
                : "single-row transactions: BEGIN; SELECT; COMMIT",
        "tx", transactions, repetitions,
        [&] {
            char key[24];
            for (int i = 0; i < transactions; ++i) {
                auto end = std::to_chars(key, key + sizeof key - 1, (i * 7919) % rows + 1).ptr;
                *end = '\0';
                const char* values[] = {key};
                PQclear(PQexec(raw, "BEGIN"));
                PGresult* r = PQexecPrepared(raw, writing ? "tx_write" : "tx_read", 1, values,
                                             nullptr, nullptr, 0);
                if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
                    throw std::runtime_error(PQresultErrorMessage(r));
                PQclear(r);
                PQclear(PQexec(raw, "COMMIT"));
            }
        },
        [&] {
            for (int i = 0; i < transactions; ++i) {
                conn.execute(statement, {{"id", (i * 7919) % rows + 1}});
                conn.commit();
            }
        });
}

std::vector<bench::Comparison> compare_transactions(PGconn* raw, Engine& engine, int rows,
                                                    int repetitions) {
    return {compare_transactions(raw, engine, rows, repetitions, true),
            compare_transactions(raw, engine, rows, repetitions, false)};
}

int main(int argc, char** argv) {
    const char* url_env = std::getenv("RETORT_BENCH_PG_URL");
    if (url_env == nullptr) {
        std::fprintf(stderr,
                     "set RETORT_BENCH_PG_URL (bench/run starts a throwaway server and does)\n");
        return 2;
    }
    const std::string url = url_env;
    int rows = 1'000'000;
    int repetitions = 7;
    int lookups = 10'000;
    std::string measure;
    bool transactions_only = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--transactions-only") == 0) transactions_only = true;
        if (std::strcmp(argv[i], "--rows") == 0) rows = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--repetitions") == 0) repetitions = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--measure-stream") == 0) measure = argv[i + 1];
    }
    if (!measure.empty()) return measure_stream(url, measure, rows);

    try {
        std::fprintf(stderr, "preparing %d rows...\n", rows);
        prepare_data(url, rows);
        std::vector<bench::Comparison> table;

        // The engine adds echo-free statistics tracking by default; that is part of what is
        // measured.
        Engine engine = create_engine(url);
        Connection conn = engine.connect();
        PGconn* raw = raw_connect(url);
        TextClause select = text(select_rows);

        std::size_t checksum_ref = 0, checksum_ours = 0;
        for (auto& row : compare_transactions(raw, engine, rows, repetitions))
            table.push_back(std::move(row));
        if (transactions_only) {
            bench::print_table(table);
            PQfinish(raw);
            return 0;
        }
        table.push_back(bench::compare(
            "read rows into typed tuples (buffered)", "rows", rows, repetitions,
            [&] { checksum_ref += raw_read_buffered(raw).size(); },
            [&] {
                checksum_ours += conn.execute(select)
                                     .all<std::int64_t, std::string, std::string, bool, DateTime>()
                                     .size();
                conn.rollback();
            }));

        const BenchRows bench_rows;
        table.push_back(bench::compare(
            "read rows into mapped structs (buffered)", "rows", rows, repetitions,
            [&] { checksum_ref += raw_read_buffered(raw).size(); },
            [&] {
                checksum_ours +=
                    conn.execute(retort::select(bench_rows)).entities(bench_rows).size();
                conn.rollback();
            }));

        table.push_back(bench::compare(
            "read rows into typed tuples (streamed)", "rows", rows, repetitions,
            [&] {
                raw_read_streamed(raw,
                                  [&](const Tuple& t) { checksum_ref += std::get<1>(t).size(); });
            },
            [&] {
                for (const auto& t :
                     conn.execute(select, {}, {.stream = true})
                         .tuples<std::int64_t, std::string, std::string, bool, DateTime>())
                    checksum_ours += std::get<1>(t).size();
                conn.rollback();
            }));

        // Point lookups by primary key, one statement prepared once.
        const char* lookup_sql =
            "SELECT id, username, email, is_active, created_at FROM bench_rows WHERE id = $1";
        PQclear(PQprepare(raw, "lookup", lookup_sql, 1, nullptr));
        TextClause lookup = text(
            "SELECT id, username, email, is_active, created_at FROM bench_rows WHERE id = :id");
        Connection autocommit =
            create_engine(url, {.isolation_level = IsolationLevel::autocommit}).connect();
        table.push_back(bench::compare(
            "primary-key lookups (prepared)", "lookups", lookups, repetitions,
            [&] {
                char key[24];
                for (int i = 0; i < lookups; ++i) {
                    auto end = std::to_chars(key, key + sizeof key - 1, (i * 7919) % rows + 1).ptr;
                    *end = '\0';
                    const char* values[] = {key};
                    PGresult* r = PQexecPrepared(raw, "lookup", 1, values, nullptr, nullptr, 0);
                    if (PQntuples(r) != 1) throw std::runtime_error("lookup missed");
                    checksum_ref += std::get<1>(raw_row(r, 0)).size();
                    PQclear(r);
                }
            },
            [&] {
                for (int i = 0; i < lookups; ++i) {
                    auto row = autocommit.execute(lookup, {{"id", (i * 7919) % rows + 1}})
                                   .one<std::int64_t, std::string, std::string, bool, DateTime>();
                    checksum_ours += std::get<1>(row).size();
                }
            }));
        bench::print_table(table);
        if (checksum_ref != checksum_ours)
            std::printf("warning: checksums differ (%zu vs %zu)\n", checksum_ref, checksum_ours);
        PQfinish(raw);
        conn.close();
        autocommit.close();

        // Memory of a streamed read, each side measured alone in a fresh process.
        long raw_rss = child_peak_rss("raw", rows);
        long ours_rss = child_peak_rss("retort", rows);
        std::printf("\npeak RSS (VmHWM) of a process that streams all %d rows:\n", rows);
        std::printf(
            "  raw libpq single-row mode: %6.1f MiB\n  Retort stream:             %6.1f MiB  (%s "
            "64 MiB)\n",
            raw_rss / 1024.0, ours_rss / 1024.0, ours_rss < 64 * 1024 ? "under" : "OVER");
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "benchmark failed: %s\n", error.what());
        return 1;
    }
}
