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
    conn.execute(insert(authors).values(
        {{"username", "ann"}, {"email", "ann@example.com"}, {"rating", 4.5}}));
    conn.execute(insert(authors).values(
        {{"username", "bob"}, {"email", null}, {"rating", 3.0}, {"is_active", false}}));
    conn.execute(insert(articles).values_many(
        {{{"title", "one"}, {"author_id", 1}, {"published", utc_now()}},
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
    auto unpublished = conn.execute(select(articles.title)
                                        .where(articles.published_at.is_null())
                                        .order_by({articles.title}))
                           .scalars();
    EXPECT_EQ(unpublished, (std::vector<std::string>{"three", "two"}));
    for (auto [name, rating] : conn.execute(
             select(authors.username, authors.rating).where(authors.username.startswith("a"))))
        EXPECT_EQ(std::make_tuple(name, rating), std::make_tuple(std::string("ann"), 4.5));
    conn.commit();
    typed_metadata.drop_all(engine);
}

struct Gadget {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> note;
    Decimal price;
    bool in_stock = true;
    DateTime added;
    std::optional<Uuid> serial;
    Bytes blob;
};

MetaData gadget_metadata;

struct Gadgets : Model<Gadget> {
    Column<&Gadget::id> id{this, primary_key};
    Column<&Gadget::name> name{this, type::String(40)};
    Column<&Gadget::note> note{this};
    Column<&Gadget::price> price{this, type::Numeric(10, 2)};
    Column<&Gadget::in_stock> in_stock{this};
    Column<&Gadget::added> added{this};
    Column<&Gadget::serial> serial{this};
    Column<&Gadget::blob> blob{this};
    Gadgets() : Model("gadgets", gadget_metadata) {}
};
const Gadgets gadgets;

TEST_P(TypedTest, entities_are_written_and_read_back_whole) {
    auto engine = make_engine();
    gadget_metadata.create_all(engine);
    auto conn = engine.connect();
    DateTime when =
        std::chrono::local_days{std::chrono::year{2024} / 2 / 29} + std::chrono::hours{13};
    Gadget first{0,    "lamp", std::nullopt,   Decimal("19.99"),
                 true, when,   Uuid::random(), to_bytes(std::string("\0ab", 3))};
    Gadget second{0, "fan", std::string("quiet"), Decimal("5.50"), false, when, std::nullopt, {}};
    for (const Gadget& g : {first, second}) {
        auto id = conn.execute(insert(gadgets).values(gadgets.values_of(g)).returning({gadgets.id}))
                      .scalar<std::int64_t>();
        EXPECT_GT(id, 0);  // the key was left to the database
    }
    conn.commit();
    std::vector<Gadget> loaded =
        conn.execute(select(gadgets).order_by({gadgets.id})).entities(gadgets);
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded[0].name, "lamp");
    EXPECT_EQ(loaded[0].note, std::nullopt);
    EXPECT_EQ(loaded[0].price, Decimal("19.99"));
    EXPECT_EQ(loaded[0].added, when);
    EXPECT_EQ(loaded[0].serial, first.serial);
    EXPECT_EQ(loaded[0].blob, first.blob);
    EXPECT_EQ(loaded[1].note, std::string("quiet"));
    EXPECT_FALSE(loaded[1].in_stock);
    EXPECT_LT(loaded[0].id, loaded[1].id);

    auto cheap =
        conn.execute(select(gadgets).where(gadgets.price < Decimal("10"))).entities(gadgets);
    ASSERT_EQ(cheap.size(), 1u);
    EXPECT_EQ(cheap[0].name, "fan");

    // The schema keeps NULL out of a non-optional member's column...
    EXPECT_THROW(conn.execute(update(gadgets).values({{"name", null}})), IntegrityError);
    conn.rollback();
    // ...and a NULL that arrives anyway (here from hand-written SQL) names the table and column.
    try {
        conn
            .execute(text(
                "SELECT id, NULL AS name, note, price, in_stock, added, serial, blob FROM gadgets"))
            .entities(gadgets);
        FAIL() << "NULL was read into std::string";
    } catch (const DataError& error) {
        EXPECT_NE(std::string(error.what()).find("gadgets.name"), std::string::npos)
            << error.what();
    }
    conn.rollback();
    gadget_metadata.drop_all(engine);
}

}  // namespace
}  // namespace retort::testing
