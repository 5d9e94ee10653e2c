// The classic ORM workloads on one users table, Retort's ORM beside raw libpq on the same
// server, in one run, alternating (A B A B), medians reported as time ratios Retort / raw:
//   W1  insert N users (server defaults is_active, created_at): session.add × N + commit, keys
//       known on every object; raw: COPY.
//   W2  read every row into objects: session.query(users).all(); raw: one query, rows read
//       into structs.
//   W3  10k primary-key lookups in random order: session.get; raw: PQexecPrepared.
//   W4  load every row, change half, commit: the ORM's unit of work; raw: the same load and one
//       UPDATE ... FROM unnest($1::bigint[], $2::bool[]).
// Usage: RETORT_BENCH_PG_URL=postgresql://... retort_bench_workloads [--rows N] [--runs R]
//        [--explain 1] (EXPLAIN ANALYZE of the ORM's W4 statement, rolled back)
//        [--only N] (workload N alone, 1-7; the table filled by raw COPY).
// SQLite (workloads 5 and 6): W1 and W2 on a file beside the working directory, raw sqlite3
// (one prepared INSERT stepped per row in one transaction; one SELECT stepped into structs)
// against the ORM, whose rows take their server defaults.
// Memory (workload 7): peak RSS of a fresh process holding every row, as tracked objects
// against raw libpq's rows streamed into structs.
#include <libpq-fe.h>
#include <sqlite3.h>

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <retort/retort.hpp>
#include <string>
#include <vector>

#include "harness.hpp"

namespace {

using namespace retort;
using namespace retort::orm;

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::optional<bool> is_active;       // blank: the server default (true)
    std::optional<DateTime> created_at;  // blank: the server default (now())
};
MetaData workload_metadata;
struct Users : Model<User> {
    Column<&User::id> id{this, primary_key};
    Column<&User::username> username{this, type::String(50), not_null};
    Column<&User::email> email{this, type::String(100), not_null};
    Column<&User::is_active> is_active{this, not_null, server_default(literal(true))};
    Column<&User::created_at> created_at{this, not_null, server_default(func::now())};
    Users() : Model("workload_users", workload_metadata) {}
};
const Users users;

struct RawUser {
    std::int64_t id;
    std::string username, email;
    bool is_active;
    std::string created_at;
};

class Raw {
  public:
    explicit Raw(const char* url) : conn_(PQconnectdb(url)) {
        if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error("raw connect failed");
    }
    ~Raw() { PQfinish(conn_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    void exec(const char* sql) { check(PQexec(conn_, sql), sql); }
    PGconn* conn() { return conn_; }
    static void check(PGresult* result, const char* what) {
        auto status = PQresultStatus(result);
        bool ok =
            status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN;
        if (!ok) {
            std::fprintf(stderr, "%s: %s", what, PQresultErrorMessage(result));
            PQclear(result);
            std::exit(1);
        }
        PQclear(result);
    }
    std::vector<RawUser> load() {
        PGresult* r =
            PQexec(conn_, "SELECT id, username, email, is_active, created_at FROM workload_users");
        std::vector<RawUser> rows;
        rows.reserve(static_cast<std::size_t>(PQntuples(r)));
        for (int i = 0; i < PQntuples(r); ++i)
            rows.push_back(RawUser{std::strtoll(PQgetvalue(r, i, 0), nullptr, 10),
                                   PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
                                   PQgetvalue(r, i, 3)[0] == 't', PQgetvalue(r, i, 4)});
        PQclear(r);
        return rows;
    }

  private:
    PGconn* conn_;
};

std::string username(std::size_t i) {
    return "user" + std::to_string(i);
}
std::string email(std::size_t i) {
    return "user" + std::to_string(i) + "@example.com";
}

void reset_table(Engine& engine) {
    workload_metadata.drop_all(engine);
    workload_metadata.create_all(engine);
}

// W1, raw: COPY the rows; the server numbers them and fills the defaults, nothing is read back.
void raw_insert(Raw& raw, std::size_t rows) {
    raw.exec("TRUNCATE workload_users RESTART IDENTITY");
    raw.exec("BEGIN");
    Raw::check(PQexec(raw.conn(), "COPY workload_users (username, email) FROM STDIN"), "COPY");
    std::string chunk;
    for (std::size_t i = 0; i < rows; ++i) {
        chunk += username(i) + '\t' + email(i) + '\n';
        if (chunk.size() > 65536 || i + 1 == rows) {
            PQputCopyData(raw.conn(), chunk.data(), static_cast<int>(chunk.size()));
            chunk.clear();
        }
    }
    PQputCopyEnd(raw.conn(), nullptr);
    Raw::check(PQgetResult(raw.conn()), "COPY end");
    raw.exec("COMMIT");
}

void orm_insert(Engine& engine, Raw& raw, std::size_t rows) {
    raw.exec("TRUNCATE workload_users RESTART IDENTITY");
    Session session(engine);
    for (std::size_t i = 0; i < rows; ++i) session.add(User{0, username(i), email(i), {}, {}});
    session.commit();
}

// W2.
void raw_read(Raw& raw, std::size_t expected) {
    raw.exec("BEGIN");
    if (raw.load().size() != expected) std::exit(1);
    raw.exec("COMMIT");
}

void orm_read(Engine& engine, std::size_t expected) {
    Session session(engine);
    if (session.query(users).all().size() != expected) std::exit(1);
    session.commit();
}

// W3.
void raw_lookups(Raw& raw, const std::vector<std::int64_t>& ids) {
    raw.exec("BEGIN");
    for (auto id : ids) {
        std::string text = std::to_string(id);
        const char* values[] = {text.c_str()};
        PGresult* r = PQexecPrepared(raw.conn(), "lookup", 1, values, nullptr, nullptr, 0);
        RawUser user{std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10), PQgetvalue(r, 0, 1),
                     PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3)[0] == 't', PQgetvalue(r, 0, 4)};
        PQclear(r);
        if (user.id != id) std::exit(1);
    }
    raw.exec("COMMIT");
}

void orm_lookups(Engine& engine, const std::vector<std::int64_t>& ids) {
    Session session(engine);
    for (auto id : ids) {
        const auto user = session.get<User>(id);
        if (user->id != id) std::exit(1);
    }
    session.commit();
}

// W4: every row loaded, the even ones flipped, written in one statement.
void raw_unit_of_work(Raw& raw) {
    raw.exec("BEGIN");
    std::vector<RawUser> rows = raw.load();
    std::string ids = "{", flags = "{";
    for (auto& row : rows) {
        if (row.id % 2 != 0) continue;
        row.is_active = !row.is_active;
        if (ids.size() > 1) {
            ids += ',';
            flags += ',';
        }
        ids += std::to_string(row.id);
        flags += row.is_active ? 't' : 'f';
    }
    ids += '}';
    flags += '}';
    const char* values[] = {ids.c_str(), flags.c_str()};
    Raw::check(PQexecParams(raw.conn(),
                            "UPDATE workload_users SET is_active = u.is_active FROM "
                            "unnest($1::bigint[], $2::boolean[]) AS u (id, is_active) "
                            "WHERE workload_users.id = u.id",
                            2, nullptr, values, nullptr, nullptr, 0),
               "unnest UPDATE");
    raw.exec("COMMIT");
}

void orm_unit_of_work(Engine& engine) {
    Session session(engine);
    for (auto& user : session.query(users).all())
        if (std::as_const(user)->id % 2 == 0) user->is_active = !*std::as_const(user)->is_active;
    session.commit();
}

// EXPLAIN ANALYZE of the statement the ORM's W4 flush sends, with the arrays it binds (new
// values, then keys), rolled back: the plan the server picks at this table size.
void explain_unit_of_work(Engine& engine, Raw& raw) {
    std::string sql;
    engine.events().before_execute.push_back([&](const ExecuteInfo& info) {
        if (info.sql.substr(0, 6) == "UPDATE") sql = info.sql;
    });
    {
        Session session(engine);
        for (auto& user : session.query(users).all())
            if (std::as_const(user)->id % 2 == 0)
                user->is_active = !*std::as_const(user)->is_active;
        session.flush();
        session.rollback();
    }
    engine.events().before_execute.clear();
    raw.exec("BEGIN");
    std::string flags = "{", ids = "{";
    for (const auto& row : raw.load()) {
        if (row.id % 2 != 0) continue;
        if (ids.size() > 1) {
            flags += ',';
            ids += ',';
        }
        flags += row.is_active ? 'f' : 't';
        ids += std::to_string(row.id);
    }
    flags += '}';
    ids += '}';
    const char* values[] = {flags.c_str(), ids.c_str()};
    PGresult* plan = PQexecParams(raw.conn(), ("EXPLAIN ANALYZE " + sql).c_str(), 2, nullptr,
                                  values, nullptr, nullptr, 0);
    std::printf("\n%s\nEXPLAIN ANALYZE, rolled back:\n", sql.c_str());
    for (int i = 0; i < PQntuples(plan); ++i) std::printf("  %s\n", PQgetvalue(plan, i, 0));
    if (PQntuples(plan) == 0) std::printf("  %s", PQresultErrorMessage(plan));
    PQclear(plan);
    raw.exec("ROLLBACK");
}

// SQLite W1: raw prepared INSERT stepped per row in one transaction.
void sqlite_raw_insert(const std::string& path, std::size_t rows) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "DELETE FROM workload_users; BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO workload_users (username, email) VALUES (?1, ?2)", -1,
                       &insert, nullptr);
    for (std::size_t i = 0; i < rows; ++i) {
        std::string name = username(i), mail = email(i);
        sqlite3_bind_text(insert, 1, name.c_str(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, mail.c_str(), static_cast<int>(mail.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(insert) != SQLITE_DONE) std::exit(1);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

void sqlite_orm_insert(Engine& engine, std::size_t rows) {
    {
        Connection conn = engine.connect();
        conn.execute(text("DELETE FROM workload_users"));
        conn.commit();
    }
    Session session(engine);
    for (std::size_t i = 0; i < rows; ++i) session.add(User{0, username(i), email(i), {}, {}});
    session.commit();
}

// SQLite W2: raw sqlite3 steps the rows into structs, the ORM loads them as objects.
void sqlite_raw_read(const std::string& path, std::size_t expected) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(db, "SELECT id, username, email, is_active, created_at FROM workload_users",
                       -1, &query, nullptr);
    std::vector<RawUser> rows;
    auto text = [&](int column) {
        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(query, column)),
                           static_cast<std::size_t>(sqlite3_column_bytes(query, column)));
    };
    while (sqlite3_step(query) == SQLITE_ROW)
        rows.push_back(RawUser{sqlite3_column_int64(query, 0), text(1), text(2),
                               sqlite3_column_int(query, 3) != 0, text(4)});
    sqlite3_finalize(query);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    if (rows.size() != expected) std::exit(1);
}

// SQLite's W1 (workload 5) and W2 (workload 6), on a file beside the working directory.
void sqlite_workloads(std::size_t rows, int runs, const std::function<bool(int)>& wanted,
                      std::vector<bench::Comparison>& results) {
    const std::string path = "retort_workloads.sqlite";
    std::remove(path.c_str());
    Engine engine = create_engine("sqlite:///" + path);
    workload_metadata.create_all(engine);
    const std::string size = std::to_string(rows / 1000) + "k";
    if (wanted(5))
        results.push_back(bench::compare(
            "SQLite W1 insert " + size + " users, defaults", "rows", static_cast<double>(rows),
            runs, [&] { sqlite_raw_insert(path, rows); },
            [&] { sqlite_orm_insert(engine, rows); }));
    else
        sqlite_raw_insert(path, rows);
    if (wanted(6))
        results.push_back(bench::compare(
            "SQLite W2 read " + size + " users into objects", "rows", static_cast<double>(rows),
            runs, [&] { sqlite_raw_read(path, rows); }, [&] { orm_read(engine, rows); }));
    std::remove(path.c_str());
}

// Memory (workload 7): each side in a fresh process holds every row of the table, the ORM as
// tracked objects (Query::all()), raw libpq as structs read in single-row mode; the process
// prints its peak RSS in KiB.
int memory_probe(const char* url, const std::string& side, std::size_t expected) {
    if (side == "raw") {  // streamed in single-row mode, as the ORM reads: only the structs kept
        Raw raw(url);
        PQsendQuery(raw.conn(),
                    "SELECT id, username, email, is_active, created_at FROM workload_users");
        PQsetSingleRowMode(raw.conn());
        std::vector<RawUser> rows;
        while (PGresult* r = PQgetResult(raw.conn())) {
            if (PQntuples(r) == 1)
                rows.push_back(RawUser{std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10),
                                       PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2),
                                       PQgetvalue(r, 0, 3)[0] == 't', PQgetvalue(r, 0, 4)});
            PQclear(r);
        }
        if (rows.size() != expected) return 1;
    } else {
        Engine engine = create_engine(url, {.track_statistics = false});
        Session session(engine);
        auto objects = session.query(users).all();
        if (objects.size() != expected) return 1;
        std::printf("%ld\n", bench::peak_rss_kib());
        return 0;
    }
    std::printf("%ld\n", bench::peak_rss_kib());
    return 0;
}

long child_peak_rss_kib(const char* side, std::size_t rows) {
    char self[4096];
    ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    self[length > 0 ? length : 0] = '\0';
    std::string command =
        std::string(self) + " --memory-probe " + side + " --rows " + std::to_string(rows);
    FILE* child = popen(command.c_str(), "r");
    long kib = -1;
    if (child == nullptr || std::fscanf(child, "%ld", &kib) != 1) kib = -1;
    if (child != nullptr && pclose(child) != 0) kib = -1;
    return kib;
}

}  // namespace

int main(int argc, char** argv) {
    const char* url = bench::bench_pg_url();
    if (url == nullptr) return 2;
    const auto rows = static_cast<std::size_t>(bench::int_option(argc, argv, "--rows", 100000));
    const int runs = bench::int_option(argc, argv, "--runs", 5);
    const int only = bench::int_option(argc, argv, "--only", 0);
    if (argc > 2 && std::string(argv[1]) == "--memory-probe")
        return memory_probe(url, argv[2], rows);
    if (only < 0 || only > 7) {
        std::fprintf(stderr, "--only takes a workload from 1 to 7, not %d\n", only);
        return 2;
    }
    auto wanted = [&](int workload) { return only == 0 || only == workload; };
    try {
        Engine engine = create_engine(url, {.track_statistics = false});
        reset_table(engine);
        Raw raw(url);
        std::vector<bench::Comparison> results;
        const std::string size = std::to_string(rows / 1000) + "k";
        if (wanted(1))
            results.push_back(bench::compare(
                "W1 insert " + size + " users, keys known", "rows", static_cast<double>(rows), runs,
                [&] { raw_insert(raw, rows); }, [&] { orm_insert(engine, raw, rows); }));
        else
            raw_insert(raw, rows);
        raw.exec("ANALYZE workload_users");
        if (wanted(2))
            results.push_back(bench::compare(
                "W2 read " + size + " users into objects", "rows", static_cast<double>(rows), runs,
                [&] { raw_read(raw, rows); }, [&] { orm_read(engine, rows); }));
        std::vector<std::int64_t> ids;
        for (std::size_t i = 1; i <= std::min<std::size_t>(rows, 10000); ++i)
            ids.push_back(
                static_cast<std::int64_t>(i * (rows / std::min<std::size_t>(rows, 10000))));
        std::shuffle(ids.begin(), ids.end(), std::mt19937(42));
        Raw::check(PQprepare(raw.conn(), "lookup",
                             "SELECT id, username, email, is_active, created_at FROM "
                             "workload_users WHERE id = $1",
                             1, nullptr),
                   "prepare");
        if (wanted(3))
            results.push_back(bench::compare(
                "W3 " + std::to_string(ids.size()) + " primary-key lookups", "lookups",
                static_cast<double>(ids.size()), runs, [&] { raw_lookups(raw, ids); },
                [&] { orm_lookups(engine, ids); }));
        if (wanted(4))
            results.push_back(bench::compare(
                "W4 load " + size + ", change half, commit", "rows", static_cast<double>(rows),
                runs, [&] { raw_unit_of_work(raw); }, [&] { orm_unit_of_work(engine); }));
        long raw_kib = 0, orm_kib = 0;
        if (wanted(7)) {
            raw_kib = child_peak_rss_kib("raw", rows);
            orm_kib = child_peak_rss_kib("orm", rows);
        }
        if (wanted(5) || wanted(6)) sqlite_workloads(rows, runs, wanted, results);
        std::printf(
            "\nPostgreSQL (SQLite where it says so), users table of %zu rows; medians of %d "
            "runs, alternating.\n",
            rows, runs);
        std::printf("%-44s %12s %12s %14s\n", "workload", "raw (s)", "Retort (s)", "Retort / raw");
        for (const auto& r : results)
            std::printf("%-44s %12.4f %12.4f %13.2fx\n", r.workload.c_str(), r.reference_median_s,
                        r.retort_median_s, r.retort_median_s / r.reference_median_s);
        if (wanted(7))
            std::printf(
                "peak RSS holding %zu rows: raw libpq structs %.0f MiB, tracked objects "
                "%.0f MiB\n",
                rows, static_cast<double>(raw_kib) / 1024, static_cast<double>(orm_kib) / 1024);
        if (bench::int_option(argc, argv, "--explain", 0) != 0) explain_unit_of_work(engine, raw);
        workload_metadata.drop_all(engine);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "workloads failed: %s\n", error.what());
        return 1;
    }
    return 0;
}
