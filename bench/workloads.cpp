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
//        [--only N] (workload N alone, 1-5; 5 is SQLite's W1; the table filled by raw COPY).
// SQLite: W1 on a file beside the working directory, raw sqlite3 (one prepared INSERT, one
// transaction) against the ORM, whose rows take their server defaults.
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
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

// W1, raw: COPY the rows (the server fills the defaults), keys read back in one query.
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
    engine.connect().execute(text("DELETE FROM workload_users"));
    Session session(engine);
    for (std::size_t i = 0; i < rows; ++i) session.add(User{0, username(i), email(i), {}, {}});
    session.commit();
}

bench::Comparison sqlite_insert(std::size_t rows, int runs) {
    const std::string path = "retort_workloads.sqlite";
    std::remove(path.c_str());
    Engine engine = create_engine("sqlite:///" + path);
    workload_metadata.create_all(engine);
    auto result = bench::compare(
        "SQLite W1 insert " + std::to_string(rows / 1000) + "k users, defaults", "rows",
        static_cast<double>(rows), runs, [&] { sqlite_raw_insert(path, rows); },
        [&] { sqlite_orm_insert(engine, rows); });
    std::remove(path.c_str());
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    const char* url = bench::bench_pg_url();
    if (url == nullptr) return 2;
    const auto rows = static_cast<std::size_t>(bench::int_option(argc, argv, "--rows", 100000));
    const int runs = bench::int_option(argc, argv, "--runs", 5);
    const int only = bench::int_option(argc, argv, "--only", 0);
    if (only < 0 || only > 5) {
        std::fprintf(stderr, "--only takes a workload from 1 to 5 (5: SQLite's W1), not %d\n",
                     only);
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
        if (wanted(5)) results.push_back(sqlite_insert(rows, runs));
        std::printf(
            "\nPostgreSQL (SQLite: last line), users table of %zu rows; medians of %d "
            "runs, alternating.\n",
            rows, runs);
        std::printf("%-44s %12s %12s %14s\n", "workload", "raw (s)", "Retort (s)", "Retort / raw");
        for (const auto& r : results)
            std::printf("%-44s %12.4f %12.4f %13.2fx\n", r.workload.c_str(), r.reference_median_s,
                        r.retort_median_s, r.retort_median_s / r.reference_median_s);
        if (bench::int_option(argc, argv, "--explain", 0) != 0) explain_unit_of_work(engine, raw);
        workload_metadata.drop_all(engine);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "workloads failed: %s\n", error.what());
        return 1;
    }
    return 0;
}
