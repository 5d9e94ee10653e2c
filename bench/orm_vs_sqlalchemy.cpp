// The ORM side by side with SQLAlchemy 1.4 and the raw drivers, on the workloads of
// SQLAlchemy's examples/performance suite (the Customer table): bulk inserts, large result
// sets, short selects, bulk updates, single inserts, and peak memory of loaded objects.
// PostgreSQL: raw libpq, Retort ORM and Core, SQLAlchemy ORM and Core (bench/sqlalchemy_perf.py,
// run with /usr/bin/python3). SQLite (a file on disk): the raw sqlite3 C API and Retort ORM.
//
// Usage: RETORT_BENCH_PG_URL=postgresql://... retort_bench_orm [--scale F] [--repetitions N]
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <retort/retort.hpp>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "harness.hpp"

using namespace retort;
using namespace retort::orm;

namespace {

struct Customer {
    std::int64_t id = 0;
    std::string name;
    std::string description;
};

MetaData bench_metadata;

struct Customers : Model<Customer> {
    Column<&Customer::id> id{this, primary_key};
    Column<&Customer::name> name{this, type::String(255)};
    Column<&Customer::description> description{this, type::String(255)};
    explicit Customers(const char* table) : Model(table, bench_metadata) {}
};
const Customers customers("customer");
const Customers insert_targets("bench_customer_insert");

// Users with posts, for the relationship workload.
struct BenchPost;
struct BenchUser {
    std::int64_t id = 0;
    std::string name;
    Many<BenchPost> posts{};
};
struct BenchPost {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string title;
    One<BenchUser> user{};
};
struct BenchUsers : Model<BenchUser> {
    Column<&BenchUser::id> id{this, primary_key};
    Column<&BenchUser::name> name{this, type::String(50)};
    Relationship<&BenchUser::posts> posts{this, {.back_populates = "user"}};
    BenchUsers() : Model("bench_users", bench_metadata) {}
};
const BenchUsers bench_users;
struct BenchPosts : Model<BenchPost> {
    Column<&BenchPost::id> id{this, primary_key};
    Column<&BenchPost::user_id> user_id{this, ForeignKey("bench_users.id")};
    Column<&BenchPost::title> title{this, type::String(200)};
    Relationship<&BenchPost::user> user{this, {.back_populates = "posts"}};
    BenchPosts() : Model("bench_posts", bench_metadata) {}
};
const BenchPosts bench_posts;

std::string customer_name(std::int64_t i) {
    return "customer name " + std::to_string(i);
}
std::string customer_description(std::int64_t i) {
    return "customer description " + std::to_string(i);
}

struct Options {
    std::string pg_url;
    double scale = 1.0;
    int repetitions = 3;
    std::size_t n(std::size_t full) const {
        return std::max<std::size_t>(1, static_cast<std::size_t>(full * scale));
    }
};

// --- helpers ------------------------------------------------------------------------------

PGconn* pg_connect(const std::string& url) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn));
    return conn;
}

void pg_exec(PGconn* conn, const char* sql) {
    PGresult* r = PQexec(conn, sql);
    auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        std::string message = PQerrorMessage(conn);
        PQclear(r);
        throw std::runtime_error(message);
    }
    PQclear(r);
}

void pg_copy_customers(PGconn* conn, const char* table, std::size_t n, std::size_t first = 1) {
    std::string copy = std::string("COPY ") + table + " (name, description) FROM STDIN";
    PGresult* r = PQexec(conn, copy.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) throw std::runtime_error(PQerrorMessage(conn));
    PQclear(r);
    std::string buffer;
    for (std::size_t i = first; i < first + n; ++i) {
        buffer += customer_name(static_cast<std::int64_t>(i));
        buffer += '\t';
        buffer += customer_description(static_cast<std::int64_t>(i));
        buffer += '\n';
        if (buffer.size() > 65536) {
            PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size()));
            buffer.clear();
        }
    }
    PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size()));
    PQputCopyEnd(conn, nullptr);
    r = PQgetResult(conn);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) throw std::runtime_error(PQerrorMessage(conn));
    PQclear(r);
    while ((r = PQgetResult(conn)) != nullptr) PQclear(r);
}

std::vector<std::int64_t> random_ids(std::size_t n, std::int64_t max) {
    std::vector<std::int64_t> all(static_cast<std::size_t>(max));
    for (std::int64_t i = 0; i < max; ++i) all[static_cast<std::size_t>(i)] = i + 1;
    std::shuffle(all.begin(), all.end(), std::mt19937(7));
    all.resize(n);
    return all;
}

std::string run_command(const std::string& command) {
    FILE* child = popen(command.c_str(), "r");
    if (child == nullptr) throw std::runtime_error("cannot run: " + command);
    std::string out;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, child)) out += buffer;
    if (pclose(child) != 0) throw std::runtime_error("failed: " + command + "\n" + out);
    return out;
}

std::string source_dir() {
    return std::filesystem::path(__FILE__).parent_path().string();
}

/// Seconds of one SQLAlchemy workload (median of `repetitions`).
double sqlalchemy_seconds(const Options& options, const std::string& workload, std::size_t n) {
    std::string out = run_command("/usr/bin/python3 " + source_dir() + "/sqlalchemy_perf.py '" +
                                  options.pg_url + "' " + workload + " " + std::to_string(n) + " " +
                                  std::to_string(options.repetitions));
    return std::stod(out.substr(out.find(' ') + 1));
}

long sqlalchemy_peak_kib(const Options& options, std::size_t n) {
    std::string out = run_command("/usr/bin/python3 " + source_dir() + "/sqlalchemy_perf.py '" +
                                  options.pg_url + "' orm_memory " + std::to_string(n) + " 1");
    return std::stol(out.substr(out.find(' ') + 1));
}

double median_seconds(int repetitions, const std::function<void()>& body) {
    body();  // warm-up
    std::vector<double> samples;
    for (int i = 0; i < repetitions; ++i) samples.push_back(bench::seconds_of(body));
    return bench::median(samples);
}

// --- the table ----------------------------------------------------------------------------

struct Line {
    std::string backend, workload, implementation;
    double operations;
    double seconds;
};
std::vector<Line> lines;

void record(const std::string& backend, const std::string& workload,
            const std::string& implementation, double operations, double seconds) {
    lines.push_back({backend, workload, implementation, operations, seconds});
    std::fprintf(stderr, "  %-10s %-22s %-26s %12.0f /s\n", backend.c_str(), workload.c_str(),
                 implementation.c_str(), operations / seconds);
}

void print_table() {
    std::printf("\n%-10s %-22s %-28s %14s %10s %10s\n", "backend", "workload", "implementation",
                "ops/s", "vs ref", "vs SA ORM");
    std::map<std::pair<std::string, std::string>, double> reference, sa_orm;
    for (const auto& l : lines) {
        auto key = std::make_pair(l.backend, l.workload);
        if (!reference.count(key)) reference[key] = l.operations / l.seconds;  // first is the ref
        if (l.implementation.rfind("SQLAlchemy ORM", 0) == 0)
            sa_orm[key] = l.operations / l.seconds;
    }
    for (const auto& l : lines) {
        auto key = std::make_pair(l.backend, l.workload);
        double rate = l.operations / l.seconds;
        std::string vs_sa = sa_orm.count(key) ? fmt::format("{:.1f}x", rate / sa_orm[key]) : "-";
        std::printf("%-10s %-22s %-28s %14.0f %9.2fx %10s\n", l.backend.c_str(), l.workload.c_str(),
                    l.implementation.c_str(), rate, rate / reference[key], vs_sa.c_str());
    }
}

// --- the Retort ORM side of each workload: one body for both backends --------------------

// Empties the insert target; committed, so that each run starts from an empty table.
void reset_insert_table(Engine& engine, const std::string& sql) {
    auto conn = engine.connect();
    conn.execute(text(sql));
    conn.commit();
}

// add_all in chunks of 1,000, flushed, keys fetched back.
void orm_bulk_inserts(Engine& engine, std::size_t n) {
    Session session(engine);
    for (std::size_t chunk = 0; chunk < n; chunk += 1000) {
        for (std::size_t i = chunk; i < std::min(n, chunk + 1000); ++i) {
            auto id = static_cast<std::int64_t>(i);
            session.add(insert_targets, Customer{0, customer_name(id), customer_description(id)});
        }
        session.flush();
    }
    session.commit();
}

void orm_load_all(Engine& engine, std::size_t n) {
    Session session(engine);
    auto objects = session.query(customers).limit(static_cast<std::int64_t>(n)).all();
    if (objects.size() != n) throw std::runtime_error("rows missing");
}

void orm_lookups_by_query(Engine& engine, const std::vector<std::int64_t>& ids) {
    Session session(engine);
    for (auto id : ids) (void)session.query(customers).filter(customers.id == id).one();
}

void orm_lookups_by_get(Engine& engine, const std::vector<std::int64_t>& ids) {
    Session session(engine);
    for (auto id : ids) (void)session.get(customers, id);
}

// Load in chunks of 1,000, change every object, flush; rolled back to leave the data as it was.
void orm_bulk_updates(Engine& engine, std::size_t n) {
    Session session(engine);
    for (std::size_t chunk = 0; chunk < n; chunk += 1000) {
        auto first = static_cast<std::int64_t>(chunk + 1);
        auto objects =
            session.query(customers).filter(customers.id.between(first, first + 999)).all();
        for (auto& c : objects) c->description += "u";
        session.flush();
    }
    session.rollback();
}

// A session, one row, commit; n times.
void orm_single_inserts(Engine& engine, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        Session session(engine);
        auto id = static_cast<std::int64_t>(i);
        session.add(insert_targets, Customer{0, customer_name(id), customer_description(id)});
        session.commit();
    }
}

// --- PostgreSQL ---------------------------------------------------------------------------

void prepare_postgresql(const Options& options, std::size_t rows) {
    PGconn* conn = pg_connect(options.pg_url);
    pg_exec(conn, "DROP TABLE IF EXISTS customer, bench_customer_insert");
    const char* ddl =
        " (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name VARCHAR(255), "
        "description VARCHAR(255))";
    pg_exec(conn, (std::string("CREATE TABLE customer") + ddl).c_str());
    pg_exec(conn, (std::string("CREATE TABLE bench_customer_insert") + ddl).c_str());
    pg_copy_customers(conn, "customer", rows);
    pg_exec(conn, "VACUUM ANALYZE customer");
    // 10,000 users with 10 posts each (scaled).
    const std::size_t users = options.n(10000);
    pg_exec(conn, "DROP TABLE IF EXISTS bench_posts, bench_users");
    pg_exec(conn, "CREATE TABLE bench_users (id INTEGER PRIMARY KEY, name VARCHAR(50))");
    pg_exec(conn,
            "CREATE TABLE bench_posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES "
            "bench_users (id), title VARCHAR(200))");
    pg_exec(conn, "CREATE INDEX ix_bench_posts_user_id ON bench_posts (user_id)");
    pg_exec(conn, fmt::format("INSERT INTO bench_users SELECT g, 'user ' || g FROM "
                              "generate_series(1, {}) g",
                              users)
                      .c_str());
    pg_exec(conn, fmt::format("INSERT INTO bench_posts SELECT g, (g - 1) / 10 + 1, 'post ' || g "
                              "FROM generate_series(1, {}) g",
                              users * 10)
                      .c_str());
    pg_exec(conn, "VACUUM ANALYZE bench_users");
    pg_exec(conn, "VACUUM ANALYZE bench_posts");
    PQfinish(conn);
}

void postgresql_workloads(const Options& options) {
    const std::string pg = "PostgreSQL";
    Engine engine = create_engine(options.pg_url);
    PGconn* raw = pg_connect(options.pg_url);

    // bulk_inserts: add_all in chunks of 1,000, flushed, keys fetched back.
    {
        std::size_t n = options.n(100000);
        record(pg, "bulk_inserts", "raw libpq COPY", n, median_seconds(options.repetitions, [&] {
                   pg_exec(raw, "TRUNCATE bench_customer_insert RESTART IDENTITY");
                   pg_copy_customers(raw, "bench_customer_insert", n);
               }));
        record(pg, "bulk_inserts", "Retort ORM (keys back)", n,
               median_seconds(options.repetitions, [&] {
                   reset_insert_table(engine, "TRUNCATE bench_customer_insert RESTART IDENTITY");
                   orm_bulk_inserts(engine, n);
               }));
        record(pg, "bulk_inserts", "Retort Core (execute_many)", n,
               median_seconds(options.repetitions, [&] {
                   auto conn = engine.connect();
                   conn.execute(text("TRUNCATE bench_customer_insert RESTART IDENTITY"));
                   auto statement = insert(insert_targets)
                                        .values({{"name", bindparam("name")},
                                                 {"description", bindparam("description")}});
                   for (std::size_t chunk = 0; chunk < n; chunk += 1000) {
                       std::vector<Params> sets;
                       for (std::size_t i = chunk; i < std::min(n, chunk + 1000); ++i) {
                           auto id = static_cast<std::int64_t>(i);
                           sets.push_back({{"name", customer_name(id)},
                                           {"description", customer_description(id)}});
                       }
                       conn.execute_many(statement, sets);
                   }
                   conn.commit();
               }));
        record(pg, "bulk_inserts", "SQLAlchemy ORM", n,
               sqlalchemy_seconds(options, "orm_bulk_inserts", n));
        record(pg, "bulk_inserts", "SQLAlchemy Core", n,
               sqlalchemy_seconds(options, "core_bulk_inserts", n));
    }

    // large_resultsets: every row as a full object.
    {
        std::size_t n = options.n(500000);
        std::string sql = "SELECT id, name, description FROM customer LIMIT " + std::to_string(n);
        record(pg, "large_resultsets", "raw libpq single-row loop", n,
               median_seconds(options.repetitions, [&] {
                   std::vector<Customer> out;
                   if (!PQsendQuery(raw, sql.c_str()) || !PQsetSingleRowMode(raw))
                       throw std::runtime_error(PQerrorMessage(raw));
                   while (PGresult* r = PQgetResult(raw)) {
                       if (PQresultStatus(r) == PGRES_SINGLE_TUPLE)
                           out.push_back(Customer{std::atoll(PQgetvalue(r, 0, 0)),
                                                  PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2)});
                       PQclear(r);
                   }
                   if (out.size() != n) throw std::runtime_error("rows missing");
               }));
        record(pg, "large_resultsets", "Retort ORM (tracked)", n,
               median_seconds(options.repetitions, [&] { orm_load_all(engine, n); }));
        record(pg, "large_resultsets", "Retort ORM partitions(10k)", n,
               median_seconds(options.repetitions, [&] {
                   Session session(engine);
                   std::size_t seen = 0;
                   session.query(customers)
                       .limit(static_cast<std::int64_t>(n))
                       .partitions(
                           10000, [&](std::vector<Ptr<Customer>>& chunk) { seen += chunk.size(); });
                   if (seen != n) throw std::runtime_error("rows missing");
               }));
        record(pg, "large_resultsets", "Retort Core (tuples)", n,
               median_seconds(options.repetitions, [&] {
                   auto conn = engine.connect();
                   auto rows = conn.execute(select(customers).limit(static_cast<std::int64_t>(n)))
                                   .all<std::int64_t, std::string, std::string>();
                   if (rows.size() != n) throw std::runtime_error("rows missing");
               }));
        record(pg, "large_resultsets", "SQLAlchemy ORM", n,
               sqlalchemy_seconds(options, "orm_large_resultsets", n));
        record(pg, "large_resultsets", "SQLAlchemy Core", n,
               sqlalchemy_seconds(options, "core_large_resultsets", n));
    }

    // short_selects: random primary keys, one query each.
    {
        std::size_t n = options.n(10000);
        auto ids = random_ids(n, static_cast<std::int64_t>(10 * n));
        PGresult* prepared =
            PQprepare(raw, "bench_get", "SELECT id, name, description FROM customer WHERE id = $1",
                      1, nullptr);
        if (PQresultStatus(prepared) != PGRES_COMMAND_OK)
            throw std::runtime_error(PQerrorMessage(raw));
        PQclear(prepared);
        record(
            pg, "short_selects", "raw PQexecPrepared", n, median_seconds(options.repetitions, [&] {
                for (auto id : ids) {
                    std::string text_id = std::to_string(id);
                    const char* values[] = {text_id.c_str()};
                    PGresult* r = PQexecPrepared(raw, "bench_get", 1, values, nullptr, nullptr, 0);
                    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
                        throw std::runtime_error("lookup failed: " +
                                                 std::string(PQerrorMessage(raw)));
                    Customer c{std::atoll(PQgetvalue(r, 0, 0)), PQgetvalue(r, 0, 1),
                               PQgetvalue(r, 0, 2)};
                    PQclear(r);
                }
            }));
        record(pg, "short_selects", "Retort ORM query().one()", n,
               median_seconds(options.repetitions, [&] { orm_lookups_by_query(engine, ids); }));
        record(pg, "short_selects", "Retort ORM get()", n,
               median_seconds(options.repetitions, [&] { orm_lookups_by_get(engine, ids); }));
        record(pg, "short_selects", "SQLAlchemy ORM", n,
               sqlalchemy_seconds(options, "orm_short_selects", n));
        record(pg, "short_selects", "SQLAlchemy Core", n,
               sqlalchemy_seconds(options, "core_short_selects", n));
    }

    // bulk_updates: load in chunks of 1,000, change, flush (rolled back after each run).
    {
        std::size_t n = options.n(100000);
        record(pg, "bulk_updates", "raw load + UPDATE FROM unnest", n,
               median_seconds(options.repetitions, [&] {
                   pg_exec(raw, "BEGIN");
                   std::string sql =
                       "SELECT id, description FROM customer WHERE id <= " + std::to_string(n);
                   PGresult* r = PQexec(raw, sql.c_str());
                   std::string ids = "{", descriptions = "{";
                   for (int i = 0; i < PQntuples(r); ++i) {
                       if (i > 0) {
                           ids += ',';
                           descriptions += ',';
                       }
                       ids += PQgetvalue(r, i, 0);
                       descriptions += '"';
                       descriptions += PQgetvalue(r, i, 1);  // no quotes or backslashes in them
                       descriptions += "u\"";
                   }
                   PQclear(r);
                   ids += '}';
                   descriptions += '}';
                   const char* values[] = {ids.c_str(), descriptions.c_str()};
                   r = PQexecParams(raw,
                                    "UPDATE customer SET description = v.d FROM "
                                    "unnest($1::int[], $2::varchar[]) AS v(id, d) WHERE "
                                    "customer.id = v.id",
                                    2, nullptr, values, nullptr, nullptr, 0);
                   if (PQresultStatus(r) != PGRES_COMMAND_OK)
                       throw std::runtime_error(PQerrorMessage(raw));
                   PQclear(r);
                   pg_exec(raw, "ROLLBACK");
               }));
        record(pg, "bulk_updates", "Retort ORM", n,
               median_seconds(options.repetitions, [&] { orm_bulk_updates(engine, n); }));
        record(pg, "bulk_updates", "SQLAlchemy ORM", n,
               sqlalchemy_seconds(options, "orm_bulk_updates", n));
    }

    // single_inserts: a session, one row, commit; many times.
    {
        std::size_t n = options.n(10000);
        record(pg, "single_inserts", "raw libpq BEGIN/INSERT/COMMIT", n,
               median_seconds(options.repetitions, [&] {
                   pg_exec(raw, "TRUNCATE bench_customer_insert RESTART IDENTITY");
                   for (std::size_t i = 0; i < n; ++i) {
                       std::string name = customer_name(static_cast<std::int64_t>(i));
                       std::string description = customer_description(static_cast<std::int64_t>(i));
                       const char* values[] = {name.c_str(), description.c_str()};
                       pg_exec(raw, "BEGIN");
                       PGresult* r = PQexecParams(
                           raw,
                           "INSERT INTO bench_customer_insert (name, description) VALUES ($1, "
                           "$2) RETURNING id",
                           2, nullptr, values, nullptr, nullptr, 0);
                       if (PQresultStatus(r) != PGRES_TUPLES_OK)
                           throw std::runtime_error(PQerrorMessage(raw));
                       PQclear(r);
                       pg_exec(raw, "COMMIT");
                   }
               }));
        record(pg, "single_inserts", "Retort ORM", n, median_seconds(options.repetitions, [&] {
                   reset_insert_table(engine, "TRUNCATE bench_customer_insert RESTART IDENTITY");
                   orm_single_inserts(engine, n);
               }));
        record(pg, "single_inserts", "SQLAlchemy ORM", n,
               sqlalchemy_seconds(options, "orm_single_inserts", n));
    }
    // selectin_relationships: users with their posts, two queries.
    {
        std::size_t n = options.n(10000);
        std::string limit = std::to_string(n);
        record(pg, "selectin_relationships", "raw libpq (2 queries, grouped)", n,
               median_seconds(options.repetitions, [&] {
                   struct RawUser {
                       std::int64_t id;
                       std::string name;
                       std::vector<std::pair<std::int64_t, std::string>> posts;
                   };
                   std::vector<RawUser> users;
                   std::unordered_map<std::int64_t, std::size_t> by_id;
                   PGresult* r =
                       PQexec(raw, ("SELECT id, name FROM bench_users LIMIT " + limit).c_str());
                   for (int i = 0; i < PQntuples(r); ++i) {
                       users.push_back({std::atoll(PQgetvalue(r, i, 0)), PQgetvalue(r, i, 1), {}});
                       by_id[users.back().id] = users.size() - 1;
                   }
                   PQclear(r);
                   std::string ids = "{";
                   for (const auto& u : users)
                       ids += (ids.size() > 1 ? "," : "") + std::to_string(u.id);
                   ids += "}";
                   const char* values[] = {ids.c_str()};
                   r = PQexecParams(raw,
                                    "SELECT id, user_id, title FROM bench_posts WHERE user_id = "
                                    "ANY($1::int[]) ORDER BY user_id, id",
                                    1, nullptr, values, nullptr, nullptr, 0);
                   for (int i = 0; i < PQntuples(r); ++i)
                       users[by_id[std::atoll(PQgetvalue(r, i, 1))]].posts.emplace_back(
                           std::atoll(PQgetvalue(r, i, 0)), PQgetvalue(r, i, 2));
                   PQclear(r);
                   if (users.size() != n) throw std::runtime_error("users missing");
               }));
        record(pg, "selectin_relationships", "Retort ORM selectinload", n,
               median_seconds(options.repetitions, [&] {
                   Session session(engine);
                   auto users = session.query(bench_users)
                                    .options(selectinload(bench_users.posts))
                                    .limit(static_cast<std::int64_t>(n))
                                    .all();
                   std::size_t total = 0;
                   for (const auto& user : std::as_const(users)) total += user->posts.size();
                   if (users.size() != n || total != 10 * n)
                       throw std::runtime_error("rows missing");
               }));
        record(pg, "selectin_relationships", "SQLAlchemy ORM selectinload", n,
               sqlalchemy_seconds(options, "orm_selectin_relationships", n));
    }
    PQfinish(raw);
}

// --- SQLite -------------------------------------------------------------------------------

struct Sqlite {
    sqlite3* db = nullptr;
    explicit Sqlite(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite open");
    }
    ~Sqlite() { sqlite3_close(db); }
    void exec(const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
    }
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
        return s;
    }
    void insert_customers(const char* table, std::size_t n) {
        exec("BEGIN");
        std::string sql =
            std::string("INSERT INTO ") + table + " (name, description) VALUES (?, ?)";
        sqlite3_stmt* s = prepare(sql.c_str());
        for (std::size_t i = 0; i < n; ++i) {
            std::string name = customer_name(static_cast<std::int64_t>(i));
            std::string description = customer_description(static_cast<std::int64_t>(i));
            sqlite3_bind_text(s, 1, name.c_str(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 2, description.c_str(), static_cast<int>(description.size()),
                              SQLITE_TRANSIENT);
            sqlite3_step(s);
            (void)sqlite3_last_insert_rowid(db);
            sqlite3_reset(s);
        }
        sqlite3_finalize(s);
        exec("COMMIT");
    }
};

void sqlite_workloads(const Options& options) {
    const std::string lite = "SQLite";
    auto dir =
        std::filesystem::temp_directory_path() / ("retort_bench_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::string path = (dir / "bench.db").string();
    {
        Sqlite setup(path);
        const char* ddl = " (id INTEGER PRIMARY KEY, name VARCHAR(255), description VARCHAR(255))";
        setup.exec((std::string("CREATE TABLE customer") + ddl).c_str());
        setup.exec((std::string("CREATE TABLE bench_customer_insert") + ddl).c_str());
        setup.insert_customers("customer", options.n(500000));
    }
    Engine engine = create_engine("sqlite:///" + path);
    Sqlite raw(path);

    {
        std::size_t n = options.n(100000);
        record(lite, "bulk_inserts", "raw sqlite3 (prepared, 1 txn)", n,
               median_seconds(options.repetitions, [&] {
                   raw.exec("DELETE FROM bench_customer_insert");
                   raw.insert_customers("bench_customer_insert", n);
               }));
        record(lite, "bulk_inserts", "Retort ORM (keys back)", n,
               median_seconds(options.repetitions, [&] {
                   reset_insert_table(engine, "DELETE FROM bench_customer_insert");
                   orm_bulk_inserts(engine, n);
               }));
    }
    {
        std::size_t n = options.n(500000);
        record(lite, "large_resultsets", "raw sqlite3 step loop", n,
               median_seconds(options.repetitions, [&] {
                   std::vector<Customer> out;
                   std::string sql =
                       "SELECT id, name, description FROM customer LIMIT " + std::to_string(n);
                   sqlite3_stmt* s = raw.prepare(sql.c_str());
                   while (sqlite3_step(s) == SQLITE_ROW)
                       out.push_back(
                           Customer{sqlite3_column_int64(s, 0),
                                    reinterpret_cast<const char*>(sqlite3_column_text(s, 1)),
                                    reinterpret_cast<const char*>(sqlite3_column_text(s, 2))});
                   sqlite3_finalize(s);
                   if (out.size() != n) throw std::runtime_error("rows missing");
               }));
        record(lite, "large_resultsets", "Retort ORM (tracked)", n,
               median_seconds(options.repetitions, [&] { orm_load_all(engine, n); }));
    }
    {
        std::size_t n = options.n(10000);
        auto ids = random_ids(n, static_cast<std::int64_t>(10 * n));
        sqlite3_stmt* get = raw.prepare("SELECT id, name, description FROM customer WHERE id = ?");
        // In one read transaction, as the Session's lookups are.
        record(lite, "short_selects", "raw sqlite3 (prepared, 1 txn)", n,
               median_seconds(options.repetitions, [&] {
                   raw.exec("BEGIN");
                   for (auto id : ids) {
                       sqlite3_bind_int64(get, 1, id);
                       if (sqlite3_step(get) == SQLITE_ROW) {
                           Customer c{sqlite3_column_int64(get, 0),
                                      reinterpret_cast<const char*>(sqlite3_column_text(get, 1)),
                                      reinterpret_cast<const char*>(sqlite3_column_text(get, 2))};
                       } else
                           throw std::runtime_error("lookup failed");
                       sqlite3_reset(get);
                   }
                   raw.exec("COMMIT");
               }));
        sqlite3_finalize(get);
        record(lite, "short_selects", "Retort ORM query().one()", n,
               median_seconds(options.repetitions, [&] { orm_lookups_by_query(engine, ids); }));
        record(lite, "short_selects", "Retort ORM get()", n,
               median_seconds(options.repetitions, [&] { orm_lookups_by_get(engine, ids); }));
    }
    {
        std::size_t n = options.n(100000);
        record(lite, "bulk_updates", "raw sqlite3 load + UPDATE", n,
               median_seconds(options.repetitions, [&] {
                   raw.exec("BEGIN");
                   sqlite3_stmt* load =
                       raw.prepare("SELECT id, description FROM customer WHERE id <= ?");
                   sqlite3_stmt* update =
                       raw.prepare("UPDATE customer SET description = ? WHERE id = ?");
                   sqlite3_bind_int64(load, 1, static_cast<std::int64_t>(n));
                   std::vector<std::pair<std::int64_t, std::string>> rows;
                   while (sqlite3_step(load) == SQLITE_ROW)
                       rows.emplace_back(
                           sqlite3_column_int64(load, 0),
                           reinterpret_cast<const char*>(sqlite3_column_text(load, 1)));
                   for (auto& [id, description] : rows) {
                       description += "u";
                       sqlite3_bind_text(update, 1, description.c_str(),
                                         static_cast<int>(description.size()), SQLITE_STATIC);
                       sqlite3_bind_int64(update, 2, id);
                       sqlite3_step(update);
                       sqlite3_reset(update);
                   }
                   sqlite3_finalize(load);
                   sqlite3_finalize(update);
                   raw.exec("ROLLBACK");
               }));
        record(lite, "bulk_updates", "Retort ORM", n,
               median_seconds(options.repetitions, [&] { orm_bulk_updates(engine, n); }));
    }
    {
        // Each commit syncs the file: fewer iterations than on PostgreSQL.
        std::size_t n = options.n(1000);
        sqlite3_stmt* add = raw.prepare(
            "INSERT INTO bench_customer_insert (name, description) VALUES (?, ?) RETURNING id");
        record(lite, "single_inserts", "raw sqlite3 BEGIN/INSERT/COMMIT", n,
               median_seconds(options.repetitions, [&] {
                   for (std::size_t i = 0; i < n; ++i) {
                       std::string name = customer_name(static_cast<std::int64_t>(i));
                       std::string description = customer_description(static_cast<std::int64_t>(i));
                       raw.exec("BEGIN");
                       sqlite3_bind_text(add, 1, name.c_str(), -1, SQLITE_STATIC);
                       sqlite3_bind_text(add, 2, description.c_str(), -1, SQLITE_STATIC);
                       while (sqlite3_step(add) == SQLITE_ROW) {
                       }
                       sqlite3_reset(add);
                       raw.exec("COMMIT");
                   }
               }));
        sqlite3_finalize(add);
        record(lite, "single_inserts", "Retort ORM", n,
               median_seconds(options.repetitions, [&] { orm_single_inserts(engine, n); }));
    }
    std::filesystem::remove_all(dir);
}

// --- memory ---------------------------------------------------------------------------------

int memory_probe(const std::string& url, std::size_t n) {
    Engine engine = create_engine(url);
    Session session(engine);
    auto objects = session.query(customers).limit(static_cast<std::int64_t>(n)).all();
    if (objects.size() != n) return 1;
    std::printf("peak_rss_kib %ld\n", bench::peak_rss_kib());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    const char* url = std::getenv("RETORT_BENCH_PG_URL");
    if (url == nullptr) {
        std::fprintf(stderr, "set RETORT_BENCH_PG_URL (bench/run starts a throwaway server)\n");
        return 2;
    }
    options.pg_url = url;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--scale") options.scale = std::atof(argv[i + 1]);
        if (flag == "--repetitions") options.repetitions = std::atoi(argv[i + 1]);
        if (flag == "--memory-probe")
            return memory_probe(options.pg_url, static_cast<std::size_t>(std::atol(argv[i + 1])));
    }
    try {
        std::size_t memory_rows = options.n(1000000);
        std::fprintf(stderr, "preparing %zu customer rows...\n", memory_rows);
        prepare_postgresql(options, memory_rows);
        postgresql_workloads(options);

        char self[4096];
        ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
        self[length > 0 ? length : 0] = '\0';
        std::string probe =
            run_command(std::string(self) + " --memory-probe " + std::to_string(memory_rows));
        long retort_kib = std::stol(probe.substr(probe.find(' ') + 1));
        long sa_kib = sqlalchemy_peak_kib(options, memory_rows);

        sqlite_workloads(options);
        print_table();
        std::printf(
            "\npeak RSS loading %zu tracked objects: Retort %.0f MiB, SQLAlchemy ORM %.0f "
            "MiB (%.2fx)\n",
            memory_rows, retort_kib / 1024.0, sa_kib / 1024.0,
            static_cast<double>(retort_kib) / static_cast<double>(sa_kib));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "benchmark failed: %s\n", error.what());
        return 1;
    }
    return 0;
}
