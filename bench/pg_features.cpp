// PostgreSQL features against raw libpq, side by side in one run: COPY-based bulk insert of
// mapped rows (Session::bulk_insert) and a JSONB containment query (Core and ORM).
//   RETORT_BENCH_PG_URL=... retort_bench_pg [--rows N] [--repetitions N]
#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <retort/retort.hpp>
#include <stdexcept>

#include "harness.hpp"
#include "raw_libpq.hpp"

using namespace retort;
using retort::bench::append_copy_escaped;
using retort::bench::raw_exec;

namespace {

struct Item {
    std::int64_t id = 0;
    std::string sku;
    std::string name;
    double price = 0;
    std::int32_t stock = 0;
    std::vector<std::string> tags;
    Json attributes;
};

struct Items : Model<Item> {
    Column<&Item::id> id{this, primary_key, no_autoincrement};
    Column<&Item::sku> sku{this, type::String(32)};
    Column<&Item::name> name{this, type::Text()};
    Column<&Item::price> price{this};
    Column<&Item::stock> stock{this};
    Column<&Item::tags> tags{this, type::Array(type::Text())};
    Column<&Item::attributes> attributes{this, type::Jsonb()};
    explicit Items(std::string table) : Model(std::move(table)) {}
};
const Items copy_target("bench_copy_items");
const Items catalog("bench_catalog");

const char* const colors[] = {"red",  "green", "blue",  "black", "white",
                              "grey", "navy",  "olive", "teal",  "plum"};

std::vector<Item> make_items(std::size_t n) {
    std::vector<Item> items;
    items.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto k = static_cast<std::int64_t>(i + 1);
        items.push_back(Item{k,
                             "SKU-" + std::to_string(k),
                             "Item \"" + std::to_string(k) + "\"\twith tab",
                             static_cast<double>(k % 1000) + 0.99,
                             static_cast<std::int32_t>(k % 500),
                             {colors[k % 10], k % 2 ? "odd" : "even"},
                             Json(R"({"color": ")" + std::string(colors[k % 10]) +
                                  R"(", "size": )" + std::to_string(k % 7) + "}")});
    }
    return items;
}

PGconn* raw_connect(const std::string& url) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn));
    return conn;
}

template <class T>
void append_number(std::string& out, T value) {
    char buffer[32];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void raw_copy(PGconn* conn, const std::vector<Item>& items) {
    raw_exec(conn, "BEGIN");
    PGresult* r = PQexec(conn,
                         "COPY bench_copy_items (id, sku, name, price, stock, tags, attributes) "
                         "FROM STDIN");
    if (PQresultStatus(r) != PGRES_COPY_IN) throw std::runtime_error(PQerrorMessage(conn));
    PQclear(r);
    std::string buffer, array;
    for (const Item& item : items) {
        append_number(buffer, item.id);
        buffer += '\t';
        append_copy_escaped(buffer, item.sku);
        buffer += '\t';
        append_copy_escaped(buffer, item.name);
        buffer += '\t';
        append_number(buffer, item.price);
        buffer += '\t';
        append_number(buffer, item.stock);
        buffer += '\t';
        array = "{";
        for (std::size_t t = 0; t < item.tags.size(); ++t) {
            if (t) array += ',';
            array += '"';
            for (char c : item.tags[t]) {
                if (c == '"' || c == '\\') array += '\\';
                array += c;
            }
            array += '"';
        }
        array += '}';
        append_copy_escaped(buffer, array);
        buffer += '\t';
        append_copy_escaped(buffer, item.attributes.text());
        buffer += '\n';
        if (buffer.size() >= 65536) {
            PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size()));
            buffer.clear();
        }
    }
    PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size()));
    PQputCopyEnd(conn, nullptr);
    while ((r = PQgetResult(conn)) != nullptr) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) throw std::runtime_error(PQerrorMessage(conn));
        PQclear(r);
    }
    raw_exec(conn, "COMMIT");
}

struct Found {
    std::int64_t id;
    std::string name;
    std::string attributes;
};

std::size_t raw_containment(PGconn* conn, const char* document) {
    const char* params[] = {document};
    PGresult* r = PQexecParams(
        conn,
        "SELECT bench_catalog.id, bench_catalog.name, bench_catalog.attributes FROM bench_catalog "
        "WHERE bench_catalog.attributes @> $1",
        1, nullptr, params, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) throw std::runtime_error(PQerrorMessage(conn));
    std::vector<Found> rows;
    const int n = PQntuples(r);
    rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        std::int64_t id = 0;
        const char* text = PQgetvalue(r, i, 0);
        std::from_chars(text, text + PQgetlength(r, i, 0), id);
        rows.push_back(Found{id, std::string(PQgetvalue(r, i, 1), PQgetlength(r, i, 1)),
                             std::string(PQgetvalue(r, i, 2), PQgetlength(r, i, 2))});
    }
    PQclear(r);
    return rows.size();
}

}  // namespace

int main(int argc, char** argv) {
    const char* url_env = std::getenv("RETORT_BENCH_PG_URL");
    if (url_env == nullptr) {
        std::fprintf(stderr, "set RETORT_BENCH_PG_URL (bench/run starts a throwaway server)\n");
        return 2;
    }
    const std::string url = url_env;
    std::size_t rows = 1'000'000;
    std::size_t catalog_rows = 50'000;
    int repetitions = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--rows") == 0) rows = std::strtoull(argv[i + 1], nullptr, 10);
        if (std::strcmp(argv[i], "--repetitions") == 0) repetitions = std::atoi(argv[i + 1]);
    }
    try {
        Engine engine = create_engine(url);
        default_metadata().drop_all(engine);
        default_metadata().create_all(engine);
        PGconn* raw = raw_connect(url);
        std::vector<bench::Comparison> table;

        std::fprintf(stderr, "making %zu items...\n", rows);
        const std::vector<Item> items = make_items(rows);
        table.push_back(bench::compare(
            "COPY bulk insert of mapped rows (Session::bulk_insert)", "rows",
            static_cast<double>(rows), repetitions,
            [&] {
                raw_exec(raw, "TRUNCATE bench_copy_items");
                raw_copy(raw, items);
            },
            [&] {
                raw_exec(raw, "TRUNCATE bench_copy_items");
                orm::Session session(engine);
                session.bulk_insert(items);
                session.commit();
            }));

        // The catalog: 50,000 rows with a GIN index on the attributes; a tenth match.
        std::fprintf(stderr, "loading the %zu-row catalog...\n", catalog_rows);
        {
            orm::Session session(engine);
            std::vector<Item> products = make_items(catalog_rows);
            session.bulk_insert(catalog, std::span<const Item>(products));
            session.commit();
        }
        raw_exec(raw,
                 "CREATE INDEX ix_bench_catalog_attributes ON bench_catalog "
                 "USING gin (attributes jsonb_path_ops)");
        raw_exec(raw, "ANALYZE bench_catalog");
        const char* wanted = R"({"color": "teal"})";
        constexpr int queries = 20;
        std::size_t expected = raw_containment(raw, wanted);
        auto conn = engine.connect();
        auto statement = select(catalog.id, catalog.name, catalog.attributes)
                             .where(catalog.attributes.contains(Json(wanted)));
        if (conn.execute(statement).all().size() != expected)
            throw std::runtime_error("Retort and libpq found different rows");
        table.push_back(bench::compare(
            "JSONB @> over 50k rows, 5k found (Core typed select)", "queries", queries, repetitions,
            [&] {
                for (int q = 0; q < queries; ++q) raw_containment(raw, wanted);
            },
            [&] {
                for (int q = 0; q < queries; ++q) conn.execute(statement).all();
            }));
        conn.commit();
        table.push_back(bench::compare(
            "JSONB @> over 50k rows, 5k found (ORM query, objects)", "queries", queries,
            repetitions,
            [&] {
                for (int q = 0; q < queries; ++q) raw_containment(raw, wanted);
            },
            [&] {
                for (int q = 0; q < queries; ++q) {
                    orm::Session session(engine);
                    session.query(catalog).filter(catalog.attributes.contains(Json(wanted))).all();
                }
            }));
        bench::print_table(table);
        PQfinish(raw);
        default_metadata().drop_all(engine);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench failed: %s\n", e.what());
        return 1;
    }
    return 0;
}
