// The seed's Activity 3, a product catalog on PostgreSQL's own types, and upserts under
// concurrent writers.
#include <retort/dialects/postgresql/functions.hpp>
#include <thread>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

namespace pg = retort::postgresql;
using namespace retort::orm;

MetaData catalog_metadata;

struct CatalogProduct {
    std::int64_t id = 0;
    std::string name;
    std::string description;
    Decimal price;
    std::vector<std::string> tags;
    std::vector<std::string> categories;
    Json attributes;
    TsVector search;
};
struct CatalogProducts : Model<CatalogProduct> {
    Column<&CatalogProduct::id> id{this, primary_key};
    Column<&CatalogProduct::name> name{this, type::String(120)};
    Column<&CatalogProduct::description> description{this, type::Text()};
    Column<&CatalogProduct::price> price{this, type::Numeric(10, 2)};
    Column<&CatalogProduct::tags> tags{this, type::Array(type::Text())};
    Column<&CatalogProduct::categories> categories{this, type::Array(type::Text())};
    Column<&CatalogProduct::attributes> attributes{this, type::Jsonb()};
    Column<&CatalogProduct::search> search{
        this, computed(pg::setweight(pg::to_tsvector("english", column("name")), 'A') ||
                       pg::setweight(pg::to_tsvector("english", column("description")), 'B'))};
    CatalogProducts() : Model("catalog_products", catalog_metadata) {
        add_table_item(Index{"ix_catalog_search", {"search"}, {}, false, {}, "gin"});
        add_table_item(Index{"ix_catalog_tags", {"tags"}, {}, false, {}, "gin"});
        add_table_item(Index{
            "ix_catalog_attributes", {"attributes"}, {}, false, {}, "gin", {"jsonb_path_ops"}});
    }
};
const CatalogProducts products;

CatalogProduct make_product(std::int64_t i) {
    static const char* const colors[] = {"red", "green", "blue", "black", "white"};
    static const char* const materials[] = {"cotton", "steel", "oak", "glass", "wool"};
    CatalogProduct p;
    p.name = "Product " + std::to_string(i) + (i % 500 == 0 ? " Waterproof Jacket" : " Basic");
    p.description = std::string("Made of ") + materials[i % 5] +
                    (i % 500 == 0 ? ", waterproof and breathable." : ", for everyday use.");
    p.price = Decimal(std::to_string(10 + i % 90) + ".99");
    p.tags = {i % 10 == 0 ? "sale" : "regular", "t" + std::to_string(i % 50)};
    p.categories = {i % 1000 == 0 ? "clearance" : i % 2 ? "outdoor" : "home"};
    p.attributes = Json(std::string(R"({"color": ")") + colors[i % 5] + R"(", "size": )" +
                        std::to_string(i % 4) + R"(, "dims": {"w": )" + std::to_string(i % 30) +
                        R"(}, "sku": "X)" + std::to_string(i) + "\"}");
    return p;
}

// The plan PostgreSQL chooses for a statement, with its bound values.
std::string explain(Connection& conn, const Executable& statement) {
    sql::Compiled compiled = conn.dialect().compile(statement);
    std::vector<Value> values;
    for (const auto& bind : compiled.binds) values.push_back(*bind.value);
    std::string plan;
    for (const Row& row : conn.exec_driver_sql("EXPLAIN " + compiled.sql, values).all())
        plan += row.get<std::string>(0) + "\n";
    return plan;
}

TEST(PgCatalog, combined_filters_use_the_gin_indexes_and_rank_matches) {
    constexpr std::int64_t count = 50'000;
    Engine engine = create_engine(postgresql_url(), {.track_statistics = true});
    catalog_metadata.create_all(engine);
    {
        std::vector<CatalogProduct> batch;
        for (std::int64_t i = 1; i <= count; ++i) batch.push_back(make_product(i));
        Session session(engine);
        EXPECT_EQ(session.bulk_insert(batch), count);
        session.commit();
    }
    auto conn = engine.connect();
    // ANALYZE samples 300 × the statistics target rows: at 1000 it reads all 50,000, so that
    // the statistics, and the plans asserted below, are the same on every run.
    conn.execute(text("SET default_statistics_target = 1000"));
    conn.execute(text("ANALYZE catalog_products"));

    auto query = pg::websearch_to_tsquery("english", std::string("waterproof jacket"));
    auto rank = pg::ts_rank(products.search, query);
    auto statement =
        select(products.id, products.name, rank)
            .where(products.tags.contains(std::vector<std::string>{"sale"}) &&
                   products.attributes.contains(Json(R"({"color": "red"})")) &&
                   products.attributes["color"].astext() == "red" && products.search.match(query))
            .order_by({rank.desc(), products.id});
    auto found = conn.execute(statement).all();
    // Every 500th product is the waterproof jacket; all of those are on sale and red.
    ASSERT_EQ(found.size(), static_cast<std::size_t>(count / 500));
    for (const auto& [id, name, score] : found) {
        EXPECT_EQ(id % 500, 0) << name;
        EXPECT_GT(score, 0.0);
    }
    for (std::size_t i = 1; i < found.size(); ++i)
        EXPECT_GE(std::get<2>(found[i - 1]), std::get<2>(found[i]));  // as PostgreSQL ranks

    const std::string plan = explain(conn, statement);
    EXPECT_NE(plan.find("ix_catalog_search"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;
    // Each index answers its own operator alone, too.
    EXPECT_NE(
        explain(conn,
                select(products.id).where(products.tags.contains(std::vector<std::string>{"t7"})))
            .find("ix_catalog_tags"),
        std::string::npos);
    EXPECT_NE(
        explain(
            conn,
            select(products.id).where(products.attributes.contains(Json(R"({"sku": "X4242"})"))))
            .find("ix_catalog_attributes"),
        std::string::npos);

    // Through the ORM, paginated, with the category filter on the array.
    Session session(engine);
    auto page =
        paginate(session.query(products)
                     .filter(products.categories.any("clearance") && products.search.match(query))
                     .order_by(rank.desc(), products.id),
                 1, 10);
    EXPECT_EQ(page.total, count / 1000);
    ASSERT_EQ(page.items.size(), 10u);
    EXPECT_EQ(page.items[0]->categories, std::vector<std::string>{"clearance"});
    EXPECT_NE(page.items[0]->search.text().find("waterproof"), std::string::npos);
    // The engine's statistics give the query times without extra code (Activity 3, item 4).
    EXPECT_FALSE(engine.statistics().empty());
    conn.commit();
    session.close();
    catalog_metadata.drop_all(engine);
}

struct Counter {
    std::int64_t id = 0;
    std::string name;
    std::int64_t hits = 0;
    std::int32_t last_writer = 0;
};
MetaData counter_metadata;
struct Counters : Model<Counter> {
    Column<&Counter::id> id{this, primary_key};
    Column<&Counter::name> name{this, type::String(40), unique};
    Column<&Counter::hits> hits{this};
    Column<&Counter::last_writer> last_writer{this};
    Counters() : Model("counters", counter_metadata) {}
};
const Counters counters;

TEST(PgUpsert, eight_concurrent_writers_lose_no_update_and_duplicate_no_row) {
    constexpr int writers = 8, rounds = 250, keys = 20;
    Engine engine = create_engine(postgresql_url(), {.pool_size = writers});
    counter_metadata.create_all(engine);
    std::vector<std::thread> threads;
    std::vector<std::string> errors(writers);
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            try {
                auto conn = engine.connect();
                Session session(engine);
                for (int r = 0; r < rounds; ++r) {
                    const std::string name = "key" + std::to_string((r * 7 + w) % keys);
                    if (r % 2 == 0) {  // Core: increment in the statement
                        conn.execute(insert(counters)
                                         .values({{"name", name}, {"hits", 1}, {"last_writer", w}})
                                         .on_conflict_do_update(
                                             {"name"}, {{"hits", counters.hits + excluded("hits")},
                                                        {"last_writer", excluded("last_writer")}}));
                        conn.commit();
                    } else {  // ORM: the object as the database has it afterwards
                        auto row = session.upsert(Counter{0, name, 0, w}, {"name"});
                        EXPECT_EQ(row->name, name);
                        EXPECT_EQ(row->last_writer, w);
                        session.commit();
                    }
                }
            } catch (const std::exception& e) {
                errors[static_cast<std::size_t>(w)] = e.what();
            }
        });
    for (auto& t : threads) t.join();
    for (const auto& error : errors) EXPECT_EQ(error, "");

    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(select(func::count(counters.id))).scalar(), keys);  // no duplicate
    // The ORM upserts above reset hits; a second pass of increments alone must add up exactly.
    conn.execute(update(counters).values({{"hits", 0}}));
    conn.commit();
    threads.clear();
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            auto c = engine.connect();
            for (int r = 0; r < rounds; ++r) {
                c.execute(insert(counters)
                              .values({{"name", "key" + std::to_string((r + w) % keys)},
                                       {"hits", 1},
                                       {"last_writer", w}})
                              .on_conflict_do_update({"name"},
                                                     {{"hits", counters.hits + excluded("hits")}}));
                c.commit();
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(conn.execute(select(func::sum(counters.hits))).scalar(), writers * rounds);
    EXPECT_EQ(conn.execute(select(func::count(counters.id))).scalar(), keys);
    conn.commit();
    counter_metadata.drop_all(engine);
}

}  // namespace
}  // namespace retort::testing
