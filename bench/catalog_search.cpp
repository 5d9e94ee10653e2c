// The catalog's combined search (a text query, two filters, the facets) at 100,000 products:
//  1. the same search through the ORM (the server's own code path, in one Session) and through
//     hand-written SQL on raw libpq (prepared statements, the same two queries' work), one
//     search at a time, alternating, with both answers checked equal first;
//  2. the search over HTTP from a kept-alive client to the server in this process: round trip
//     p50/p99, and the server's share from its Server-Timing header.
//   RETORT_BENCH_PG_URL=postgresql://... retort_bench_catalog [--searches 300]
// Seeds the schema catalog_bench once (kept between runs; drop it to start over).
#include <httplib.h>
#include <libpq-fe.h>

#include <cstdio>
#include <map>
#include <regex>
#include <retort/migrate/runner.hpp>
#include <thread>
#include <web_service/service.hpp>

#include "catalog/generator.hpp"
#include "catalog/history.hpp"
#include "catalog/search.hpp"
#include "catalog/server.hpp"
#include "harness.hpp"

namespace {

using namespace retort;
using nlohmann::json;

constexpr const char* schema = "catalog_bench";
const std::multimap<std::string, std::string> combined{
    {"q", "waterproof"}, {"in_stock", "true"}, {"attr", "color=blue"}};
constexpr const char* http_query = "/api/search?q=waterproof&in_stock=true&attr=color%3Dblue";

// The two statements, written by hand: what an engineer would send on raw libpq.
constexpr const char* filter_sql =
    " FROM products WHERE search @@ websearch_to_tsquery('english', $1) AND stock > 0 AND "
    "attributes @> $2::jsonb";
const std::string results_sql =
    "SELECT id, sku, name, price, stock, attributes, tags, categories, "
    "ts_rank(search, websearch_to_tsquery('english', $1))::float8 AS rank, "
    "ts_headline('english', description, websearch_to_tsquery('english', $1), $3)" +
    std::string(filter_sql) + " ORDER BY rank DESC, id DESC LIMIT 21";
const std::string facets_sql =
    "WITH matched AS (SELECT tags, attributes ->> 'brand' AS brand, width_bucket(price, "
    "$3::numeric[]) AS bucket" +
    std::string(filter_sql) +
    ") SELECT 'tag', tag, count(*) FROM matched, unnest(tags) AS tag GROUP BY tag "
    "UNION ALL SELECT 'brand', brand, count(*) FROM matched WHERE brand IS NOT NULL GROUP BY "
    "brand UNION ALL SELECT 'price', bucket::text, count(*) FROM matched GROUP BY bucket";

std::string with_schema(const std::string& url) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" +
           schema;
}

void prepare_data(const std::string& url) {
    Engine admin = create_engine(url);
    admin.connect().transaction([](Connection& c) {
        c.execute(text(std::string("CREATE SCHEMA IF NOT EXISTS ") + schema));
    });
    Engine engine = create_engine(with_schema(url));
    migrate::upgrade(engine, catalog::history(engine.dialect()));
    const auto count = engine.connect()
                           .execute(select(func::count()).select_from(catalog::products))
                           .scalar<std::int64_t>();
    if (count == 0) {
        std::fprintf(stderr, "seeding 100,000 products into %s\n", schema);
        catalog::seed(engine, 100'000);
        engine.connect().execute(text("ANALYZE products"));
    }
}

// A text array as libpq returns it ({a,b}); the catalog's codes need no quoting.
std::vector<std::string> text_array(std::string_view text) {
    std::vector<std::string> items;
    text = text.substr(1, text.size() - 2);
    while (!text.empty()) {
        const auto comma = text.find(',');
        items.emplace_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return items;
}

json segments(const std::string& marked) {
    json out = json::array();
    std::string run;
    bool hit = false;
    for (const char c : marked) {
        if (c == '\x02' || c == '\x03') {
            if (!run.empty()) out.push_back({{"text", run}, {"hit", hit}});
            run.clear();
            hit = c == '\x02';
        } else {
            run += c;
        }
    }
    if (!run.empty()) out.push_back({{"text", run}, {"hit", hit}});
    return out;
}

class RawSearch {
  public:
    explicit RawSearch(const std::string& url) : conn_(PQconnectdb(with_schema(url).c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_));
        prepare("results", results_sql, 3);
        prepare("facets", facets_sql, 3);
    }
    ~RawSearch() { PQfinish(conn_); }

    json run() {
        const char* results_params[] = {"waterproof", R"({"color": "blue"})", headline_options};
        json page{{"items", json::array()}, {"next", nullptr}};
        PGresult* rows = exec("results", 3, results_params);
        const int n = PQntuples(rows);
        for (int i = 0; i < std::min(n, 20); ++i) {
            const auto attributes = json::parse(PQgetvalue(rows, i, 5));
            page["items"].push_back({{"id", std::stoll(PQgetvalue(rows, i, 0))},
                                     {"sku", PQgetvalue(rows, i, 1)},
                                     {"name", PQgetvalue(rows, i, 2)},
                                     {"price", PQgetvalue(rows, i, 3)},
                                     {"stock", std::stoi(PQgetvalue(rows, i, 4))},
                                     {"brand", attributes.value("brand", "")},
                                     {"tags", text_array(PQgetvalue(rows, i, 6))},
                                     {"categories", text_array(PQgetvalue(rows, i, 7))},
                                     {"rank", std::stod(PQgetvalue(rows, i, 8))},
                                     {"snippet", segments(PQgetvalue(rows, i, 9))}});
        }
        page["has_next"] = n > 20;
        PQclear(rows);
        const char* facet_params[] = {"waterproof", R"({"color": "blue"})",
                                      "{0,25,50,100,250,500,1000,2500}"};
        PGresult* facets = exec("facets", 3, facet_params);
        std::vector<std::pair<std::string, std::int64_t>> tags, brands;
        std::int64_t total = 0;
        for (int i = 0; i < PQntuples(facets); ++i) {
            const std::string kind = PQgetvalue(facets, i, 0);
            const std::int64_t count = std::stoll(PQgetvalue(facets, i, 2));
            if (kind == "tag") tags.emplace_back(PQgetvalue(facets, i, 1), count);
            if (kind == "brand") brands.emplace_back(PQgetvalue(facets, i, 1), count);
            if (kind == "price") total += count;
        }
        PQclear(facets);
        page["facets"] = {{"tags", top(std::move(tags))}, {"brands", top(std::move(brands))}};
        page["facets"]["total"] = total;
        return page;
    }

    static constexpr const char* headline_options =
        "StartSel=\x02, StopSel=\x03, MaxWords=30, MinWords=12, MaxFragments=2, "
        "FragmentDelimiter=\" … \"";

  private:
    void prepare(const char* name, const std::string& sql, int params) {
        PGresult* result = PQprepare(conn_, name, sql.c_str(), params, nullptr);
        if (PQresultStatus(result) != PGRES_COMMAND_OK)
            throw std::runtime_error(PQresultErrorMessage(result));
        PQclear(result);
    }
    PGresult* exec(const char* name, int count, const char* const* params) {
        PGresult* result = PQexecPrepared(conn_, name, count, params, nullptr, nullptr, 0);
        if (PQresultStatus(result) != PGRES_TUPLES_OK)
            throw std::runtime_error(PQresultErrorMessage(result));
        return result;
    }
    static json top(std::vector<std::pair<std::string, std::int64_t>> counts) {
        std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        json out = json::array();
        for (std::size_t i = 0; i < counts.size() && i < 20; ++i)
            out.push_back({{"value", counts[i].first}, {"count", counts[i].second}});
        return out;
    }
    PGconn* conn_;
};

double percentile(std::vector<double> samples, double p) {
    std::sort(samples.begin(), samples.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[index];
}

// The two answers hold the same products, in the same order, and the same facets.
void check_same(const json& orm, const json& raw) {
    auto ids = [](const json& page) {
        std::vector<std::int64_t> out;
        for (const auto& item : page["items"]) out.push_back(item["id"]);
        return out;
    };
    const bool same = ids(orm) == ids(raw) && orm["items"] == raw["items"] &&
                      orm["facets"]["tags"] == raw["facets"]["tags"] &&
                      orm["facets"]["brands"] == raw["facets"]["brands"] &&
                      orm["facets"]["total"] == raw["facets"]["total"] &&
                      orm["next"].is_null() != raw["has_next"].get<bool>();
    if (!same) {
        std::fprintf(stderr, "the answers differ:\nORM: %s\nraw: %s\n", orm.dump().c_str(),
                     raw.dump().c_str());
        std::exit(1);
    }
}

void orm_versus_raw(const std::string& url, int searches) {
    Engine engine = create_engine(with_schema(url));
    const catalog::SearchRequest request = catalog::parse_search(combined);
    auto orm_search = [&] {
        orm::Session session(engine);
        auto page = catalog::search(session, request);
        session.commit();
        return page;
    };
    RawSearch raw(url);
    check_same(orm_search(), raw.run());
    std::vector<double> orm_ms, raw_ms;
    for (int i = 0; i < searches; ++i) {
        raw_ms.push_back(bench::seconds_of([&] { raw.run(); }) * 1000);
        orm_ms.push_back(bench::seconds_of([&] { orm_search(); }) * 1000);
    }
    std::printf("\n%-44s %10s %10s\n", "one combined search, in process", "p50 ms", "p99 ms");
    std::printf("%-44s %10.2f %10.2f\n", "raw libpq, hand-written SQL", percentile(raw_ms, 0.5),
                percentile(raw_ms, 0.99));
    std::printf("%-44s %10.2f %10.2f\n", "Retort ORM (the server's code)", percentile(orm_ms, 0.5),
                percentile(orm_ms, 0.99));
    std::printf("Retort's speed relative to raw libpq (median): %.2fx\n",
                percentile(raw_ms, 0.5) / percentile(orm_ms, 0.5));
}

void over_http(const std::string& url, int searches) {
    catalog::CatalogConfig config;
    config.database_url = with_schema(url);
    config.port = 0;
    config.log_requests = false;
    catalog::CatalogServer server(config);
    const int port = server.service().bind();
    std::thread serving([&] { server.service().serve(); });
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    std::vector<double> round_trip, server_total, server_db;
    const std::regex timing(R"(db;dur=([0-9.]+);.*total;dur=([0-9.]+))");
    for (int i = 0; i < searches + 10; ++i) {
        const auto start = std::chrono::steady_clock::now();
        httplib::Result result = client.Get(http_query);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!result || result->status != 200) {
            std::fprintf(stderr, "the search failed over HTTP\n");
            std::exit(1);
        }
        if (i < 10) continue;  // warm-up
        std::smatch parts;
        const std::string header = result->get_header_value("Server-Timing");
        std::regex_search(header, parts, timing);
        round_trip.push_back(seconds * 1000);
        server_db.push_back(std::stod(parts[1]));
        server_total.push_back(std::stod(parts[2]));
    }
    server.service().stop();
    serving.join();
    std::printf("\n%-44s %10s %10s\n", "the search over HTTP, one client", "p50 ms", "p99 ms");
    std::printf("%-44s %10.2f %10.2f\n", "round trip (client)", percentile(round_trip, 0.5),
                percentile(round_trip, 0.99));
    std::printf("%-44s %10.2f %10.2f\n", "server total (Server-Timing)",
                percentile(server_total, 0.5), percentile(server_total, 0.99));
    std::printf("%-44s %10.2f %10.2f\n", "of which in PostgreSQL (statements)",
                percentile(server_db, 0.5), percentile(server_db, 0.99));
}

}  // namespace

int main(int argc, char** argv) {
    const char* url = retort::bench::bench_pg_url();
    if (url == nullptr) return 1;
    const int searches = retort::bench::int_option(argc, argv, "--searches", 300);
    try {
        prepare_data(url);
        orm_versus_raw(url, searches);
        over_http(url, searches);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "retort_bench_catalog: %s\n", error.what());
        return 1;
    }
}
