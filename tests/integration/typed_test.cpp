// The typed descriptor and typed selects on both backends.
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

struct Author {
    std::int64_t id = 0;
    std::string username;
    std::optional<std::string> email;
    bool is_active = true;
    double rating = 0;
};

struct Article {
    std::int64_t id = 0;
    std::string title;
    std::int64_t author_id = 0;
    std::optional<DateTime> published_at;
};

MetaData typed_metadata;

struct Authors : Model<Author> {
    Column<&Author::id> id{this, primary_key};
    Column<&Author::username> username{this, type::String(50), unique};
    Column<&Author::email> email{this};
    Column<&Author::is_active> is_active{this, server_default(literal(true))};
    Column<&Author::rating> rating{this};
    Authors() : Model("authors", typed_metadata) {}
};
const Authors authors;

struct Articles : Model<Article> {
    Column<&Article::id> id{this, primary_key};
    Column<&Article::title> title{this, type::String(200)};
    Column<&Article::author_id> author_id{this, ForeignKey("authors.id")};
    Column<&Article::published_at> published_at{this, column_name("published")};
    Articles() : Model("articles", typed_metadata) {}
};
const Articles articles;

class TypedTest : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(TypedTest);

TEST(TypedModel, names_and_types_come_from_the_members) {
    const TableDefinition& def = authors.definition();
    ASSERT_EQ(def.columns.size(), 5u);
    EXPECT_EQ(def.columns[1].name, "username");
    EXPECT_EQ(def.columns[1].type, type::String(50));
    EXPECT_FALSE(def.columns[1].is_nullable());
    EXPECT_EQ(def.columns[2].name, "email");
    EXPECT_TRUE(def.columns[2].is_nullable());  // std::optional member
    EXPECT_EQ(def.columns[4].type, type::Double());
    EXPECT_EQ(articles.definition().columns[3].name, "published");
    ASSERT_EQ(articles.definition().foreign_keys.size(), 1u);
    EXPECT_EQ(articles.definition().foreign_keys[0].referred_table, "authors");
}

TEST_P(TypedTest, typed_selects_return_tuples_of_the_members_types) {
    auto engine = make_engine();
    typed_metadata.create_all(engine);
    auto conn = engine.connect();
    conn.execute(insert(authors).values({{"username", "ann"}, {"email", "ann@example.com"}, {"rating", 4.5}}));
    conn.execute(insert(authors).values({{"username", "bob"}, {"email", null}, {"rating", 3.0}, {"is_active", false}}));
    conn.execute(insert(articles).values_many({{{"title", "one"}, {"author_id", 1}, {"published", utc_now()}},
                                               {{"title", "two"}, {"author_id", 1}, {"published", null}},
                                               {{"title", "three"}, {"author_id", 2}, {"published", null}}}));
    std::vector<std::tuple<std::string, std::optional<std::string>>> rows =
        conn.execute(select(authors.username, authors.email).order_by({authors.username})).all();
    EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::optional<std::string>>>{
                        {"ann", std::string("ann@example.com")}, {"bob", std::nullopt}}));

    auto counts = conn.execute(select(authors.username, func::count(articles.id))
                                   .join(articles)
                                   .where(authors.is_active == true && authors.rating > 4)
                                   .group_by({authors.username}))
                      .all();
    EXPECT_EQ(counts, (std::vector<std::tuple<std::string, std::int64_t>>{{"ann", 2}}));

    auto total = conn.execute(select(func::sum(authors.rating))).scalar();
    EXPECT_EQ(total, 7.5);
    auto unpublished = conn.execute(select(articles.title).where(articles.published_at.is_null()).order_by({articles.title})).scalars();
    EXPECT_EQ(unpublished, (std::vector<std::string>{"three", "two"}));
    for (auto [name, rating] : conn.execute(select(authors.username, authors.rating).where(authors.username.startswith("a"))))
        EXPECT_EQ(std::make_tuple(name, rating), std::make_tuple(std::string("ann"), 4.5));
    conn.commit();
    typed_metadata.drop_all(engine);
}

}  // namespace
}  // namespace retort::testing
