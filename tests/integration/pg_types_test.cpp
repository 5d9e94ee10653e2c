// ARRAY, JSON/JSONB, full-text search, DISTINCT ON and computed columns: the seed's
// "PostgreSQL-Specific Features" and "Full-Text Search" sections, with results asserted.
#include <retort/dialects/postgresql/driver.hpp>
#include <retort/dialects/postgresql/functions.hpp>
#include <retort/nlohmann_json.hpp>

#include "support/test_support.hpp"

namespace mood_example {
enum class Mood { sad, fine, happy };
}
template <>
struct retort::sql_enum<mood_example::Mood> {
    static constexpr std::string_view name = "mood";
    static constexpr std::array<std::pair<mood_example::Mood, std::string_view>, 3> labels{
        {{mood_example::Mood::sad, "sad"},
         {mood_example::Mood::fine, "fine"},
         {mood_example::Mood::happy, "happy"}}};
};

namespace retort::testing {
namespace {

using mood_example::Mood;

namespace pg = retort::postgresql;
using namespace retort::orm;
using namespace std::chrono;

MetaData pg_metadata;
MetaData array_metadata;  // on both backends

// --- the seed's Product with array columns ---------------------------------------------------

struct Product {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::string> tags;
    std::vector<std::int32_t> dimensions;
};
struct Products : Model<Product> {
    Column<&Product::id> id{this, primary_key};
    Column<&Product::name> name{this, type::String(100)};
    Column<&Product::tags> tags{this};
    Column<&Product::dimensions> dimensions{this};
    Products() : Model("products", pg_metadata) {}
};
const Products products;

// --- every element kind an array can hold ----------------------------------------------------

struct Sample {
    std::int64_t id = 0;
    std::vector<std::optional<std::string>> texts;
    std::vector<std::vector<std::int64_t>> grid;
    std::vector<bool> flags;
    std::vector<double> reals;
    std::vector<Decimal> amounts;
    std::vector<Date> days;
    std::vector<Uuid> ids;
    std::vector<Bytes> blobs;
    std::optional<std::vector<std::int16_t>> maybe;
};
struct Samples : Model<Sample> {
    Column<&Sample::id> id{this, primary_key};
    Column<&Sample::texts> texts{this, type::Array(type::Text())};
    Column<&Sample::grid> grid{this};
    Column<&Sample::flags> flags{this};
    Column<&Sample::reals> reals{this};
    Column<&Sample::amounts> amounts{this, type::Array(type::Numeric(12, 4))};
    Column<&Sample::days> days{this};
    Column<&Sample::ids> ids{this};
    Column<&Sample::blobs> blobs{this};
    Column<&Sample::maybe> maybe{this};
    Samples() : Model("array_samples", array_metadata) {}
};
const Samples samples;

// --- the seed's Event with a JSONB document --------------------------------------------------

struct Event {
    std::int64_t id = 0;
    std::string name;
    nlohmann::json data;
};
struct Events : Model<Event> {
    Column<&Event::id> id{this, primary_key};
    Column<&Event::name> name{this, type::String(100)};
    Column<&Event::data> data{this, type::Jsonb()};
    Events() : Model("events", pg_metadata) {
        add_table_item(Index{"ix_events_data", {"data"}, {}, false, {}, "gin", {"jsonb_path_ops"}});
    }
};
const Events events;

// --- the seed's Article, searched through a generated tsvector -------------------------------

struct Article {
    std::int64_t id = 0;
    std::string title;
    std::string content;
    TsVector search;
};
struct Articles : Model<Article> {
    Column<&Article::id> id{this, primary_key};
    Column<&Article::title> title{this, type::String(200)};
    Column<&Article::content> content{this, type::Text()};
    Column<&Article::search> search{
        this, computed(pg::setweight(pg::to_tsvector("english", column("title")), 'A') ||
                       pg::setweight(pg::to_tsvector("english", column("content")), 'B'))};
    Articles() : Model("articles", pg_metadata) {
        add_table_item(Index{"ix_articles_search", {"search"}, {}, false, {}, "gin"});
    }
};
const Articles articles;

Engine pg_engine() {
    Engine engine = create_engine(postgresql_url());
    pg_metadata.create_all(engine);
    return engine;
}

TEST(PgArrays, the_seeds_products_are_found_by_any_and_contains) {
    Engine engine = pg_engine();
    Session session(engine);
    auto keyboard = session.add(
        Product{0, "Ergonomic Keyboard", {"electronics", "office", "ergonomic"}, {45, 15, 2}});
    session.add(Product{0, "Desk Lamp", {"office", "lighting"}, {20, 20, 50}});
    session.add(Product{0, "Headphones", {"electronics", "audio"}, {}});
    session.commit();
    EXPECT_GT(keyboard->id, 0);

    auto ergonomic = session.query(products).filter(any_(products.tags) == "ergonomic").all();
    ASSERT_EQ(ergonomic.size(), 1u);
    EXPECT_EQ(ergonomic[0]->name, "Ergonomic Keyboard");
    EXPECT_EQ(ergonomic[0]->dimensions, (std::vector<std::int32_t>{45, 15, 2}));

    auto office =
        session.query(products)
            .filter(products.tags.contains(std::vector<std::string>{"office", "ergonomic"}))
            .all();
    ASSERT_EQ(office.size(), 1u);
    EXPECT_EQ(office[0]->name, "Ergonomic Keyboard");

    auto names = [&](const Expression& condition) {
        std::vector<std::string> found;
        for (auto& p : session.query(products).filter(condition).order_by({products.id}).all())
            found.push_back(p->name);
        return found;
    };
    using Names = std::vector<std::string>;
    EXPECT_EQ(names(products.tags.any("audio")), Names{"Headphones"});
    EXPECT_EQ(names(products.tags.overlap(std::vector<std::string>{"audio", "lighting"})),
              (Names{"Desk Lamp", "Headphones"}));
    EXPECT_EQ(names(products.tags.contained_by(
                  std::vector<std::string>{"office", "lighting", "electronics", "audio"})),
              (Names{"Desk Lamp", "Headphones"}));
    EXPECT_EQ(names(products.tags[1] == "office"), Names{"Desk Lamp"});
    EXPECT_EQ(names(products.dimensions[3] > 10), Names{"Desk Lamp"});
    EXPECT_EQ(names(pg::cardinality(products.dimensions) == 0), Names{"Headphones"});

    auto conn = engine.connect();
    // Slices, lengths, array_agg and unnest, as typed selects.
    auto first_two =
        conn.execute(select(products.tags.slice(1, 2)).where(products.id == keyboard->id)).scalar();
    EXPECT_EQ(first_two, (std::vector<std::string>{"electronics", "office"}));
    auto lengths = conn.execute(select(products.name, pg::array_length(products.dimensions))
                                    .order_by({products.id}))
                       .all();
    ASSERT_EQ(lengths.size(), 3u);
    EXPECT_EQ(std::get<1>(lengths[0]), 3);
    EXPECT_EQ(std::get<1>(lengths[2]), std::nullopt);  // PostgreSQL: NULL for an empty array
    auto all_names = conn.execute(select(pg::array_agg(products.name))).scalar();
    ASSERT_TRUE(all_names);
    EXPECT_EQ(all_names->size(), 3u);
    auto tag_rows =
        conn.execute(select(pg::unnest(products.tags)).where(products.id == keyboard->id)).all();
    EXPECT_EQ(tag_rows.size(), 3u);

    // Changing an element is an UPDATE of the column, seen after reload.
    keyboard->tags.push_back("wireless");
    session.commit();
    auto reloaded = conn.execute(select(products.tags).where(products.id == keyboard->id)).scalar();
    EXPECT_EQ(reloaded.back(), "wireless");
}

class ArrayRoundTrip : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(ArrayRoundTrip);

TEST_P(ArrayRoundTrip, every_element_kind_with_nulls_and_special_text) {
    auto engine = make_engine();
    array_metadata.create_all(engine);
    Sample in;
    in.id = 1;
    in.texts = {std::string("plain"),
                std::nullopt,
                std::string("NULL"),  // the word, not SQL NULL
                std::string(""),
                std::string("a,b {c} \"d\" \\e\\"),
                std::string("  padded  "),
                std::string("tab\tnew\nline"),
                std::string("\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80")};
    in.grid = {{1, 2, 3}, {4, 5, 6}};
    in.flags = {true, false, true};
    in.reals = {0.1, -2.5e300, 3};
    in.amounts = {Decimal("12345678.1234"), Decimal("-0.0001")};
    in.days = {sys_days{2024y / February / 29}, sys_days{1999y / December / 31}};
    in.ids = {Uuid::parse("6f1b9f6e-3c1a-4a55-9b7e-0a4f6e1d2c3b")};
    in.blobs = {to_bytes(std::string("\0\x01\xff\\\"", 5)), Bytes{}};
    in.maybe = std::nullopt;
    Sample empty;
    empty.id = 2;
    empty.maybe = std::vector<std::int16_t>{};
    {
        Session session(engine);
        session.add(in);
        session.add(empty);
        session.commit();
    }
    Session session(engine);
    auto out = session.get<Sample>(std::int64_t{1});
    ASSERT_TRUE(out);
    EXPECT_EQ(out->texts, in.texts);
    EXPECT_EQ(out->grid, in.grid);
    EXPECT_EQ(out->flags, in.flags);
    EXPECT_EQ(out->reals, in.reals);
    EXPECT_EQ(out->amounts, in.amounts);
    EXPECT_EQ(out->days, in.days);
    EXPECT_EQ(out->ids, in.ids);
    EXPECT_EQ(out->blobs, in.blobs);
    EXPECT_EQ(out->maybe, std::nullopt);
    auto none = session.get<Sample>(std::int64_t{2});
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->texts.empty());
    EXPECT_TRUE(none->grid.empty());
    EXPECT_EQ(none->maybe, std::vector<std::int16_t>{});
}

TEST(PgArrays, a_null_element_read_into_a_plain_vector_is_an_error_naming_the_fix) {
    auto conn = create_engine(postgresql_url()).connect();
    try {
        conn.execute(text("SELECT ARRAY[1, NULL, 3]")).scalar<std::vector<std::int64_t>>();
        FAIL() << "a NULL element was read into a non-optional element";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("std::optional"), std::string::npos) << e.what();
    }
    auto ok = conn.execute(text("SELECT ARRAY[1, NULL, 3]"))
                  .scalar<std::vector<std::optional<std::int64_t>>>();
    EXPECT_EQ(ok, (std::vector<std::optional<std::int64_t>>{1, std::nullopt, 3}));
    // Lower bounds other than 1 print a dimension decoration; the elements still read.
    auto shifted =
        conn.execute(text("SELECT '[0:2]={7,8,9}'::int[]")).scalar<std::vector<std::int32_t>>();
    EXPECT_EQ(shifted, (std::vector<std::int32_t>{7, 8, 9}));
}

TEST(PgJson, the_seeds_events_are_found_by_path_and_containment_and_updated_in_place) {
    Engine engine = pg_engine();
    Session session(engine);
    auto login = session.add(
        Event{0, "User Login",
              nlohmann::json{{"user_id", 123},
                             {"device", {{"type", "mobile"}, {"os", "iOS"}, {"version", "15.2"}}},
                             {"location", {{"country", "US"}, {"city", "San Francisco"}}}}});
    session.add(Event{0, "User Login",
                      nlohmann::json{{"user_id", 7},
                                     {"device", {{"type", "desktop"}, {"os", "Linux"}}},
                                     {"tags", {"beta", "admin"}}}});
    session.commit();

    auto mobile =
        session.query(events).filter(events.data["device"]["type"].astext() == "mobile").all();
    ASSERT_EQ(mobile.size(), 1u);
    EXPECT_EQ(mobile[0]->data["location"]["city"], "San Francisco");

    auto ios = session.query(events)
                   .filter(events.data.contains(nlohmann::json{{"device", {{"os", "iOS"}}}}))
                   .all();
    ASSERT_EQ(ios.size(), 1u);
    EXPECT_EQ(ios[0]->id, login->id);

    // The seed's "update JSON data", with the || operator instead of its import.
    auto changed = session.query(events)
                       .filter(events.id == login->id)
                       .update({{"data", events.data.concat(nlohmann::json{{"processed", true}})}},
                               Synchronize::none);
    EXPECT_EQ(changed, 1);
    session.commit();
    session.expire_all();
    auto updated = session.get<Event>(login->id);
    EXPECT_EQ(updated->data["processed"], true);
    EXPECT_EQ(updated->data["user_id"], 123);

    auto count = [&](const Expression& condition) {
        return session.query(events).filter(condition).count();
    };
    EXPECT_EQ(count(events.data.has_key("tags")), 1);
    EXPECT_EQ(count(events.data.has_any({"tags", "processed"})), 2);
    EXPECT_EQ(count(events.data.has_all({"tags", "processed"})), 0);
    EXPECT_EQ(count(events.data["user_id"].as_integer() > 100), 1);
    EXPECT_EQ(count(events.data.path_text({"device", "os"}) == "Linux"), 1);
    EXPECT_EQ(count(events.data["tags"][0].astext() == "beta"), 1);
    EXPECT_EQ(count(pg::jsonb_path_exists(events.data, "$.device ? (@.type == \"desktop\")")), 1);
    EXPECT_EQ(count(events.data.contained_by(nlohmann::json{{"user_id", 7}})), 0);

    auto conn = engine.connect();
    auto os = conn.execute(select(events.data.path({"device", "os"})).order_by({events.id})).all();
    ASSERT_EQ(os.size(), 2u);
    EXPECT_EQ(std::get<0>(os[0]), nlohmann::json("iOS"));
    // Key removal and jsonb_set in an UPDATE, visible after reload.
    conn.execute(update(events)
                     .where(events.id == login->id)
                     .values({{"data", pg::jsonb_set(events.data.remove_key("location")
                                                         .remove_path({"device", "version"}),
                                                     {"device", "os"}, Json("\"iPadOS\""))}}));
    auto doc = conn.execute(select(events.data).where(events.id == login->id)).scalar();
    EXPECT_FALSE(doc.contains("location"));
    EXPECT_FALSE(doc["device"].contains("version"));
    EXPECT_EQ(doc["device"]["os"], "iPadOS");
    auto summary = conn.execute(select(pg::jsonb_agg(events.name))).scalar();
    ASSERT_TRUE(summary);
    EXPECT_EQ(nlohmann::json::parse(summary->text()).size(), 2u);
    auto built =
        conn.execute(select(pg::jsonb_build_object({{"n", literal(std::int64_t{1})}}))).scalar();
    EXPECT_EQ(nlohmann::json::parse(built.text()), (nlohmann::json{{"n", 1}}));
}

TEST(PgFullTextSearch, a_generated_vector_ranks_matches_as_postgresql_orders_them) {
    Engine engine = pg_engine();
    Session session(engine);
    session.add(Article{0,
                        "PostgreSQL Full-Text Search",
                        "PostgreSQL offers powerful full-text search capabilities that are often "
                        "overlooked. This feature allows natural language queries against text "
                        "content.",
                        {}});
    session.add(Article{0,
                        "SQLAlchemy ORM Tutorial",
                        "Learn how to use SQLAlchemy ORM to interact with your database. This "
                        "tutorial covers relationships, querying, and PostgreSQL features.",
                        {}});
    auto web = session.add(Article{0,
                                   "Web Development with Python",
                                   "Python is an excellent language for web development. "
                                   "Frameworks like Flask and Django make it easy to build "
                                   "powerful web applications.",
                                   {}});
    session.flush();
    // The generated column came back with the INSERT.
    EXPECT_NE(web->search.text().find("'python':"), std::string::npos) << web->search.text();
    session.commit();

    auto query = pg::plainto_tsquery("english", std::string("postgresql"));
    auto rank = pg::ts_rank(articles.search, query);
    auto found = session.query(articles)
                     .filter(articles.search.match(query))
                     .order_by({rank.desc(), articles.id})
                     .all();
    ASSERT_EQ(found.size(), 2u);
    // In the title (weight A) ranks above in the body only (weight B).
    EXPECT_EQ(found[0]->title, "PostgreSQL Full-Text Search");
    EXPECT_EQ(found[1]->title, "SQLAlchemy ORM Tutorial");
    // The seed's ranked search as SQLAlchemy spells it: session.query(Article, ts_rank(...)
    // .label("rank")), rows typed tuple<Ptr<Article>, double>, the objects the session holds.
    auto with_rank = session.query(articles, rank.label("rank"))
                         .filter(articles.search.match(query))
                         .order_by(rank.desc(), articles.id)
                         .all();
    ASSERT_EQ(with_rank.size(), 2u);
    EXPECT_EQ(std::get<0>(with_rank[0]), found[0]);
    EXPECT_GT(std::get<1>(with_rank[0]), std::get<1>(with_rank[1]));
    EXPECT_GT(std::get<1>(with_rank[1]), 0.0);

    // The seed's prefix search, and the forgiving parsers.
    auto prefix = pg::to_tsquery("english", std::string("python:* & web:* & applications:*"));
    auto conn = engine.connect();
    auto ranked = conn.execute(select(articles.title, pg::ts_rank(articles.search, prefix))
                                   .where(articles.search.match(prefix)))
                      .all();
    ASSERT_EQ(ranked.size(), 1u);
    EXPECT_EQ(std::get<0>(ranked[0]), "Web Development with Python");
    EXPECT_GT(std::get<1>(ranked[0]), 0.0);
    EXPECT_EQ(session.query(articles)
                  .filter(articles.search.match(pg::websearch_to_tsquery(
                      "english", std::string("\"web development\" -django"))))
                  .count(),
              0);
    EXPECT_EQ(session.query(articles)
                  .filter(articles.search.match(
                      pg::phraseto_tsquery("english", std::string("web development"))))
                  .count(),
              1);
    auto headline = conn.execute(select(pg::ts_headline("english", articles.content, prefix,
                                                        "StartSel=<b>, StopSel=</b>"))
                                     .where(articles.id == web->id))
                        .scalar();
    EXPECT_NE(headline.find("<b>Python</b>"), std::string::npos) << headline;
    // A string column matches a plain string through the default configuration.
    EXPECT_EQ(session.query(articles).filter(articles.title.match("tutorial")).count(), 1);

    // Editing the text recomputes the vector; the flush never writes it.
    web->content = "Rust now.";
    web->title = "Systems";
    session.commit();
    EXPECT_EQ(session.query(articles).filter(articles.search.match("python")).count(), 0);
    EXPECT_EQ(session.query(articles).filter(articles.search.match("rust")).count(), 1);
}

TEST(PgFullTextSearch, the_seeds_trigger_maintained_vector_works_too) {
    Engine engine = create_engine(postgresql_url());
    auto conn = engine.connect();
    conn.execute(
        text("CREATE TABLE notes (id serial PRIMARY KEY, title text, content text, "
             "search_vector tsvector)"));
    conn.execute(text(R"(
        CREATE FUNCTION notes_search_update() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector =
                setweight(to_tsvector('english', COALESCE(NEW.title, '')), 'A') ||
                setweight(to_tsvector('english', COALESCE(NEW.content, '')), 'B');
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql)"));
    conn.execute(
        text("CREATE TRIGGER notes_search BEFORE INSERT OR UPDATE ON notes FOR EACH ROW "
             "EXECUTE FUNCTION notes_search_update()"));
    conn.execute(text("INSERT INTO notes (title, content) VALUES (:t, :c)"),
                 {{"t", "Cooking"}, {"c", "Bread needs flour and patience"}});
    conn.commit();
    auto vector = conn.execute(text("SELECT search_vector FROM notes")).scalar<TsVector>();
    EXPECT_NE(vector.text().find("'bread':"), std::string::npos) << vector.text();
    auto search_vector = Expr<TsVector>(column("search_vector"));
    auto hits = conn.execute(select(column("title"))
                                 .select_from(table("notes", {"title", "search_vector"}))
                                 .where(search_vector.match(pg::plainto_tsquery(
                                     "english", std::string("patience bread")))))
                    .all();
    EXPECT_EQ(hits.size(), 1u);
}

TEST(PgDistinctOn, keeps_the_first_row_of_each_group) {
    Engine engine = pg_engine();
    Session session(engine);
    session.add(Product{0, "b-old", {"b"}, {1}});
    session.add(Product{0, "a-old", {"a"}, {1}});
    session.add(Product{0, "a-new", {"a"}, {9}});
    session.add(Product{0, "b-new", {"b"}, {9}});
    session.commit();
    auto newest = engine.connect()
                      .execute(select(products.tags, products.name)
                                   .distinct_on({products.tags})
                                   .order_by({products.tags, products.dimensions[1].desc()}))
                      .all();
    ASSERT_EQ(newest.size(), 2u);
    EXPECT_EQ(std::get<1>(newest[0]), "a-new");
    EXPECT_EQ(std::get<1>(newest[1]), "b-new");
}

struct Booking {
    std::int64_t id = 0;
    std::string room;
    Range<DateTimeTz> period;
    Range<std::int32_t> seats;
    std::optional<Range<Date>> season;
};
MetaData range_metadata;  // on both backends
struct Bookings : Model<Booking> {
    Column<&Booking::id> id{this, primary_key};
    Column<&Booking::room> room{this, type::String(20)};
    Column<&Booking::period> period{this};
    Column<&Booking::seats> seats{this};
    Column<&Booking::season> season{this};
    Bookings() : Model("bookings", range_metadata) {}
};
const Bookings bookings;

DateTimeTz at_hour(int hour) {
    return DateTimeTz{sys_days{2025y / June / 2} + hours(hour)};
}

class RangeRoundTrip : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(RangeRoundTrip);

TEST_P(RangeRoundTrip, bounds_unbounded_and_empty_ranges_come_back) {
    auto engine = make_engine();
    range_metadata.create_all(engine);
    Session session(engine);
    session.add(Booking{1, "a", Range<DateTimeTz>::half_open(at_hour(9), at_hour(11)),
                        Range<std::int32_t>::half_open(1, 5),
                        Range<Date>{sys_days{2025y / June / 1}, std::nullopt}});
    session.add(Booking{2, "b", Range<DateTimeTz>::closed(at_hour(11), at_hour(12)),
                        Range<std::int32_t>::none(), std::nullopt});
    session.commit();
    session.expire_all();
    auto one = session.get<Booking>(std::int64_t{1});
    EXPECT_EQ(one->period, Range<DateTimeTz>::half_open(at_hour(9), at_hour(11)));
    EXPECT_EQ(one->seats, Range<std::int32_t>::half_open(1, 5));
    ASSERT_TRUE(one->season);
    EXPECT_EQ(one->season->lower, sys_days{2025y / June / 1});
    EXPECT_FALSE(one->season->upper);  // unbounded
    auto two = session.get<Booking>(std::int64_t{2});
    EXPECT_EQ(two->period, Range<DateTimeTz>::closed(at_hour(11), at_hour(12)));
    EXPECT_TRUE(two->seats.empty);
}

TEST(PgRanges, containment_overlap_and_adjacency) {
    Engine engine = create_engine(postgresql_url());
    range_metadata.create_all(engine);
    Session session(engine);
    session.add(Booking{1, "a", Range<DateTimeTz>::half_open(at_hour(9), at_hour(11)),
                        Range<std::int32_t>::closed(1, 4), std::nullopt});
    session.add(Booking{2, "a", Range<DateTimeTz>::half_open(at_hour(11), at_hour(12)),
                        Range<std::int32_t>::half_open(10, 20), std::nullopt});
    session.add(Booking{3, "b", Range<DateTimeTz>::half_open(at_hour(14), at_hour(16)),
                        Range<std::int32_t>::none(), std::nullopt});
    session.commit();
    session.expire_all();
    // A discrete range comes back canonical: [1,4] is [1,5).
    EXPECT_EQ(session.get<Booking>(std::int64_t{1})->seats, Range<std::int32_t>::half_open(1, 5));

    auto ids = [&](const Expression& condition) {
        std::vector<std::int64_t> found;
        for (auto& b : session.query(bookings).filter(condition).order_by(bookings.id).all())
            found.push_back(b->id);
        return found;
    };
    using Ids = std::vector<std::int64_t>;
    EXPECT_EQ(ids(bookings.period.contains(at_hour(10))), Ids{1});
    EXPECT_EQ(ids(bookings.seats.contains(std::int32_t{12})), Ids{2});
    EXPECT_EQ(ids(bookings.period.overlap(Range<DateTimeTz>::half_open(at_hour(10), at_hour(15)))),
              (Ids{1, 2, 3}));
    EXPECT_EQ(ids(bookings.period.contains(Range<DateTimeTz>::half_open(at_hour(9), at_hour(10)))),
              Ids{1});
    EXPECT_EQ(
        ids(bookings.period.adjacent_to(Range<DateTimeTz>::half_open(at_hour(8), at_hour(9)))),
        Ids{1});
    EXPECT_EQ(ids(bookings.period.strictly_left_of(
                  Range<DateTimeTz>::half_open(at_hour(13), at_hour(14)))),
              (Ids{1, 2}));
    EXPECT_EQ(ids(pg::isempty(bookings.seats)), Ids{3});
    EXPECT_EQ(ids(pg::upper(bookings.seats) == std::int32_t{20}), Ids{2});
    session.close();
    range_metadata.drop_all(engine);
}

struct Person {
    Uuid id{};
    std::string name;
    Mood mood = Mood::fine;
    std::optional<Mood> before{};
};
MetaData people_metadata;
struct People : Model<Person> {
    Column<&Person::id> id{this, primary_key, server_default(func::call("gen_random_uuid", {}))};
    Column<&Person::name> name{this, type::String(20)};
    Column<&Person::mood> mood{this};
    Column<&Person::before> before{this};
    People() : Model("people", people_metadata) {}
};
const People people;

TEST(PgEnums, a_cpp_enum_maps_to_a_native_enum_and_uuid_keys_come_from_the_server) {
    EXPECT_EQ(people.definition().columns[2].type, type::Enum("mood", {"sad", "fine", "happy"}));
    Engine engine = create_engine(postgresql_url());
    people_metadata.create_all(engine);
    Session session(engine);
    auto ann = session.add(Person{{}, "ann", Mood::happy, Mood::sad});
    session.add(Person{{}, "bob", Mood::sad, std::nullopt});
    session.flush();
    EXPECT_NE(ann->id, Uuid{});  // gen_random_uuid(), read back by RETURNING
    session.commit();
    auto happy = session.query(people).filter(people.mood == Mood::happy).all();
    ASSERT_EQ(happy.size(), 1u);
    EXPECT_EQ(happy[0]->before, Mood::sad);
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(text("SELECT mood::text FROM people WHERE name = 'bob'"))
                  .scalar<std::string>(),
              "sad");
    // PostgreSQL orders an enum by its labels' order, not alphabetically.
    auto ordered = conn.execute(select(people.name).order_by({people.mood})).scalars();
    EXPECT_EQ(ordered, (std::vector<std::string>{"bob", "ann"}));
    // A label the program does not know is an error naming it, not a wrong value.
    conn.execute(text("ALTER TYPE mood ADD VALUE 'ecstatic'"));
    conn.commit();
    conn.execute(text("UPDATE people SET mood = 'ecstatic' WHERE name = 'bob'"));
    conn.commit();
    try {
        session.expire_all();
        session.query(people).all();
        FAIL() << "an unknown label was read";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("ecstatic"), std::string::npos) << e.what();
    }
    session.close();
    conn.close();
    people_metadata.drop_all(engine);
}

TEST(PgCompiler, operators_are_spelled_as_postgresql_reads_them) {
    const auto& d = postgresql::dialect();
    auto sql = [&](const Select& s) { return d.compile(s).sql; };
    EXPECT_EQ(sql(select(products.id).where(any_(products.tags) == "x")),
              "SELECT products.id FROM products WHERE $1 = ANY (products.tags)");
    EXPECT_EQ(sql(select(events.id).where(events.data["a"]["b"].astext() == "x")),
              "SELECT events.id FROM events WHERE (events.data -> $1) ->> $2 = $3");
    EXPECT_EQ(sql(select(products.tags.slice(1, 2))), "SELECT products.tags[$1:$2] FROM products");
}

}  // namespace
}  // namespace retort::testing
