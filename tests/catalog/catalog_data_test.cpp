// The catalog's schema (its revision) and generated data, on PostgreSQL, in a schema of the
// test's own so that its tables meet no other test's.
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <retort/migrate/compare.hpp>
#include <retort/migrate/runner.hpp>
#include <set>

#include "catalog/generator.hpp"
#include "catalog/history.hpp"
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

class CatalogData : public ::testing::Test {
  protected:
    void SetUp() override {
        admin_.connect().execute(text("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
        auto conn = admin_.connect();
        conn.execute(text("CREATE SCHEMA " + schema_));
        conn.commit();
        const std::string url = postgresql_url();
        engine_ = create_engine(url + (url.find('?') == std::string::npos ? "?" : "&") +
                                "options=-c%20search_path%3D" + schema_);
        migrate::upgrade(engine_, catalog::history(engine_.dialect()));
    }
    void TearDown() override {
        engine_.dispose();
        auto conn = admin_.connect();
        conn.execute(text("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
        conn.commit();
    }
    std::int64_t count(const std::string& sql) {
        return engine_.connect().execute(text(sql)).scalar<std::int64_t>();
    }

    std::string schema_ = "catalog_test_" + std::to_string(::getpid());
    Engine admin_ = create_engine(postgresql_url());
    Engine engine_ = create_engine("sqlite://");
};

TEST_F(CatalogData, the_revision_builds_the_models_schema_with_its_gin_indexes) {
    migrate::verify(catalog::metadata(), engine_);  // no drift between models and database
    const auto indexes =
        engine_.connect()
            .execute(
                text("SELECT indexname FROM pg_indexes WHERE tablename = "
                     "'products' AND schemaname = current_schema() AND indexdef LIKE '%USING gin%' "
                     "ORDER BY indexname"))
            .scalars<std::string>();
    EXPECT_EQ(indexes,
              (std::vector<std::string>{"ix_products_attributes_keys", "ix_products_categories",
                                        "ix_products_search", "ix_products_tags"}));
}

TEST_F(CatalogData, seeding_loads_the_tree_and_reproducible_products_with_progress) {
    std::vector<std::int64_t> reported;
    catalog::seed(engine_, 25'000, [&](std::int64_t done, std::int64_t total) {
        EXPECT_EQ(total, 25'000);
        reported.push_back(done);
    });
    EXPECT_EQ(reported, (std::vector<std::int64_t>{10'000, 20'000, 25'000}));
    EXPECT_EQ(count("SELECT count(*) FROM products"), 25'000);
    EXPECT_EQ(count("SELECT count(*) FROM categories"),
              static_cast<std::int64_t>(catalog::category_tree().size()));
    // Every leaf holds products, and every product names one leaf that exists.
    EXPECT_EQ(count("SELECT count(DISTINCT c) FROM products, unnest(categories) AS c"),
              static_cast<std::int64_t>(catalog::leaf_slugs().size()));
    EXPECT_EQ(count("SELECT count(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM categories "
                    "c WHERE c.slug = ANY (p.categories))"),
              0);
    // Each department is three levels deep: leaves have a family, families a department.
    EXPECT_EQ(count("SELECT count(*) FROM categories leaf JOIN categories family ON family.id = "
                    "leaf.parent_id JOIN categories department ON department.id = "
                    "family.parent_id WHERE department.parent_id IS NULL"),
              static_cast<std::int64_t>(catalog::leaf_slugs().size()));

    // Product n is generated_product(n), as stored.
    orm::Session session(engine_);
    const auto expected = catalog::generated_product(4242);
    const auto stored =
        session.query(catalog::products).filter(catalog::products.sku == expected.sku).one();
    EXPECT_EQ(std::as_const(stored)->name, expected.name);
    EXPECT_EQ(std::as_const(stored)->price, expected.price);
    EXPECT_EQ(std::as_const(stored)->tags, expected.tags);
    const auto attributes = nlohmann::json::parse(expected.attributes.text());
    EXPECT_EQ(nlohmann::json::parse(std::as_const(stored)->attributes.text()), attributes);
    // The search vector is generated from the name and description.
    const auto brand = attributes["brand"].get<std::string>();
    EXPECT_GT(count("SELECT count(*) FROM products WHERE search @@ plainto_tsquery('english', '" +
                    brand + "')"),
              0);
    // Realistic spread: some out of stock, several brands and colours per leaf.
    EXPECT_GT(count("SELECT count(*) FROM products WHERE stock = 0"), 1'000);
    EXPECT_GE(count("SELECT count(DISTINCT attributes->>'color') FROM products"), 8);
    EXPECT_EQ(count("SELECT count(*) FROM products WHERE NOT attributes ? 'specs'"), 0);

    EXPECT_THROW(catalog::seed(engine_, 10), ArgumentError);  // not twice
}

TEST(CatalogGenerator, a_product_number_always_gives_the_same_product) {
    const auto a = catalog::generated_product(77);
    const auto b = catalog::generated_product(77);
    EXPECT_EQ(a.sku, b.sku);
    EXPECT_EQ(a.description, b.description);
    EXPECT_EQ(a.attributes.text(), b.attributes.text());
    EXPECT_NE(catalog::generated_product(78).sku, a.sku);
    std::set<std::string> skus;
    for (std::int64_t n = 1; n <= 1000; ++n) skus.insert(catalog::generated_product(n).sku);
    EXPECT_EQ(skus.size(), 1000u);
}

}  // namespace
}  // namespace retort::testing
