// Core SQL that must give SQLAlchemy's results on both backends: integer parameters that fit
// functions declared with `integer`, `+` on strings, scripts in text(), COPY of tables with
// generated columns.
#include "support/test_support.hpp"

#include <retort/dialects/postgresql/functions.hpp>

namespace retort::testing {
namespace {

struct Member {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> nickname;
};

MetaData fidelity_metadata;

struct Members : Model<Member> {
    Column<&Member::id> id{this, primary_key};
    Column<&Member::name> name{this, type::String(50)};
    Column<&Member::nickname> nickname{this};
    Members() : Model("fidelity_members", fidelity_metadata) {}
};
const Members members;

struct Badge {
    std::int64_t id = 0;
    std::int64_t member_id = 0;
    std::string label;
};

struct Badges : Model<Badge> {
    Column<&Badge::id> id{this, primary_key};
    Column<&Badge::member_id> member_id{this, ForeignKey("fidelity_members.id")};
    Column<&Badge::label> label{this, type::String(20)};
    Badges() : Model("fidelity_badges", fidelity_metadata) {}
};
const Badges badges;

class SqlFidelityTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_ = make_engine();
        fidelity_metadata.create_all(engine_);
        auto conn = engine_.connect();
        conn.execute(delete_(badges));
        conn.execute(delete_(members));
        conn.execute(insert(members).values_many(
            {{{"id", 1}, {"name", "alice"}, {"nickname", "al"}},
             {{"id", 2}, {"name", "bob"}, {"nickname", std::nullopt}}}));
        conn.execute(insert(badges).values({{"id", 1}, {"member_id", 1}, {"label", "gold"}}));
        conn.commit();
    }
    void TearDown() override { fidelity_metadata.drop_all(engine_); }

    Engine engine_ = create_engine("sqlite://");
};
RETORT_ON_BOTH_BACKENDS(SqlFidelityTest);

TEST_P(SqlFidelityTest, integer_parameters_fit_functions_declared_with_integer) {
    auto conn = engine_.connect();
    auto first_two =
        conn.execute(select(func::call("substr", {members.name, literal(1), literal(2)}))
                         .where(members.id == 1))
            .scalar<std::string>();
    EXPECT_EQ(first_two, "al");
    auto rounded = conn.execute(select(func::call(
                                    "round", {cast(literal(2.345), type::Numeric()), literal(2)})))
                       .scalar<Decimal>();
    EXPECT_EQ(rounded.to_string(), "2.35");
    if (!is_postgresql()) return;  // the rest are PostgreSQL's own functions
    auto one = [&](const char* name, std::vector<Expression> arguments) {
        return conn.execute(select(func::call(name, std::move(arguments))).where(members.id == 1))
            .scalar<std::string>();
    };
    EXPECT_EQ(one("left", {members.name, literal(3)}), "ali");
    EXPECT_EQ(one("repeat", {members.name, literal(2)}), "alicealice");
    EXPECT_EQ(one("lpad", {members.name, literal(7), literal("*")}), "**alice");
    EXPECT_EQ(one("split_part", {literal("a,b,c"), literal(","), literal(2)}), "b");

    auto victim = engine_.connect();
    auto pid = victim.execute(text("SELECT pg_backend_pid()")).scalar<std::int64_t>();
    EXPECT_TRUE(
        conn.execute(select(func::call("pg_terminate_backend", {literal(pid)}))).scalar<bool>());
    // A value past int4 still travels as int8.
    EXPECT_EQ(conn.execute(select(literal(std::int64_t{5'000'000'000}) + 1)).scalar<std::int64_t>(),
              5'000'000'001);
}

TEST(SqlFidelityPostgres, point_lookups_on_bigint_keys_keep_their_index) {
    Engine engine = create_engine(postgresql_url());
    fidelity_metadata.create_all(engine);
    auto conn = engine.connect();
    conn.execute(text("SET enable_seqscan = off"));
    std::string plan;
    for (auto line : conn.exec_driver_sql("EXPLAIN SELECT name FROM fidelity_members WHERE id = $1",
                                          {Value{std::int64_t{1}}})
                         .scalars<std::string>())
        plan += line + "\n";
    EXPECT_NE(plan.find("Index"), std::string::npos) << plan;
}

TEST_P(SqlFidelityTest, plus_on_columns_of_a_string_type_concatenates) {
    MetaData metadata;
    Table people(table_name("people"), metadata, Column("id", type::Integer(), primary_key),
                 Column("name", type::String(40)), Column("score", type::Integer()));
    metadata.create_all(engine_);
    auto conn = engine_.connect();
    conn.execute(insert(people).values({{"id", 1}, {"name", "ann"}, {"score", 40}}));
    auto email = people.c("name") + "@example.com";
    EXPECT_EQ(conn.execute(select(email)).scalar<std::string>(), "ann@example.com");
    EXPECT_EQ(conn.execute(select("Dear " + people.c("name"))).scalar<std::string>(), "Dear ann");
    EXPECT_EQ(conn.execute(select(people.c("score") + 2)).scalar<std::int64_t>(), 42);

    auto alias = people.alias("p2");
    EXPECT_EQ(conn.execute(select(alias.c("name") + "!").select_from(alias)).scalar<std::string>(),
              "ann!");
    auto sub = select(people.c("name").label("who")).subquery("sub");
    EXPECT_EQ(conn.execute(select(sub.c("who") + "?").select_from(sub)).scalar<std::string>(),
              "ann?");
    auto named = select(people.c("name")).cte("named");
    EXPECT_EQ(conn.execute(select(named.c("name") + "#").select_from(named)).scalar<std::string>(),
              "ann#");

    EXPECT_THROW(column("x") + column("y"), ArgumentError);             // neither type is known
    EXPECT_THROW(people.c("name") + people.c("score"), ArgumentError);  // a string and a number
    conn.close();
    metadata.drop_all(engine_);
}

TEST_P(SqlFidelityTest, plus_on_typed_strings_is_typed_concatenation) {
    auto conn = engine_.connect();
    Expr<std::string> email = members.name + "@example.com";
    EXPECT_EQ(conn.execute(select(email).where(members.id == 1)).scalar(), "alice@example.com");
    Expr<std::optional<std::string>> handle = "@" + members.nickname;
    auto handles = conn.execute(select(handle).order_by({members.id})).all();
    ASSERT_EQ(handles.size(), 2u);
    EXPECT_EQ(std::get<0>(handles[0]), std::optional<std::string>("@al"));
    EXPECT_EQ(std::get<0>(handles[1]), std::nullopt);  // NULL || text is NULL, as in SQL
}

TEST_P(SqlFidelityTest, a_text_without_parameters_runs_as_a_script) {
    auto conn = engine_.connect();
    std::string t = table_name("script");
    conn.execute(text("CREATE TABLE " + t + " (n INTEGER); INSERT INTO " + t +
                      " VALUES (1); INSERT INTO " + t + " VALUES (2);"));
    EXPECT_EQ(conn.execute(text("SELECT count(*) FROM " + t)).scalar<std::int64_t>(), 2);
    // A comment after the last statement is no statement.
    conn.execute(text("INSERT INTO " + t + " VALUES (3); -- the third"));
    conn.execute(text("DELETE FROM " + t + " WHERE n = 3"));
    // The result is the last statement's.
    EXPECT_EQ(conn.exec_driver_sql("UPDATE " + t + " SET n = n + 1; SELECT sum(n) FROM " + t)
                  .scalar<std::int64_t>(),
              5);
    try {
        conn.execute(text("SELECT 1; SELECT :x"), {{"x", 1}});
        ADD_FAILURE() << "a script with parameters ran";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("several statements"), std::string::npos)
            << error.what();
    }
}

TEST(SqlFidelityPostgres, the_seeds_trigger_script_runs_in_one_text) {
    Engine engine = create_engine(postgresql_url());
    auto conn = engine.connect();
    std::string t = table_name("articles");
    conn.execute(
        text("CREATE TABLE " + t +
             " (id SERIAL PRIMARY KEY, title TEXT, content TEXT, search_vector TSVECTOR)"));
    conn.execute(text(R"(
        CREATE OR REPLACE FUNCTION )" +
                      t + R"(_search_update() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector :=
                setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
                setweight(to_tsvector('english', coalesce(NEW.content, '')), 'B');
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS )" +
                      t + "_search ON " + t + R"(;
        CREATE TRIGGER )" +
                      t + "_search BEFORE INSERT OR UPDATE ON " + t +
                      " FOR EACH ROW EXECUTE FUNCTION " + t + "_search_update();"));
    conn.execute(text("INSERT INTO " + t + " (title, content) VALUES (:t, :c)"),
                 {{"t", "PostgreSQL tips"}, {"c", "indexes and queries"}});
    auto found = conn.execute(text("SELECT count(*) FROM " + t +
                                   " WHERE search_vector @@ to_tsquery('english', 'index')"))
                     .scalar<std::int64_t>();
    EXPECT_EQ(found, 1);
}

struct Document {
    std::int64_t id = 0;
    std::string title;
    TsVector search;
};

MetaData documents_metadata;

struct Documents : Model<Document> {
    Column<&Document::id> id{this, primary_key};
    Column<&Document::title> title{this};
    Column<&Document::search> search{this,
                                     computed(postgresql::to_tsvector("english", column("title")))};
    Documents() : Model("fidelity_documents", documents_metadata) {}
};
const Documents documents;

TEST(SqlFidelityPostgres, copy_without_a_column_list_leaves_generated_columns_out) {
    Engine engine = create_engine(postgresql_url());
    documents_metadata.create_all(engine);
    auto conn = engine.connect();
    conn.execute(insert(documents).values({{"id", 1}, {"title", "hello world"}}));
    std::vector<std::string> lines;
    EXPECT_EQ(conn.copy_to(documents, {}, [&](std::string_view line) { lines.emplace_back(line); }),
              1);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "1\thello world\n");
    // And back in: COPY FROM without a list fills the generated column itself.
    conn.copy_from(documents, {},
                   [](CopyWriter& writer) { writer.row(std::int64_t{2}, "copied back"); });
    EXPECT_EQ(conn.execute(select(func::count())
                               .select_from(documents)
                               .where(documents.search.match(
                                   postgresql::to_tsquery("english", std::string("copied")))))
                  .scalar<std::int64_t>(),
              1);
    conn.commit();
    documents_metadata.drop_all(engine);
}

TEST_P(SqlFidelityTest, the_optional_side_of_an_outer_join_is_typed_optional) {
    auto conn = engine_.connect();
    using Row = std::tuple<std::string, std::optional<std::string>>;
    auto from_join = select(members.name, badges.label)
                         .select_from(members.outerjoin(badges))
                         .order_by({members.id});
    std::vector<Row> rows = conn.execute(from_join).all();
    EXPECT_EQ(rows, (std::vector<Row>{{"alice", "gold"}, {"bob", std::nullopt}}));
    auto joined = select(members.name, badges.label).outerjoin(badges).order_by({members.id});
    static_assert(std::is_same_v<decltype(conn.execute(joined).one()), Row>);
    EXPECT_EQ(conn.execute(joined).all(), rows);

    // An inner join keeps the types; a full join makes both sides optional.
    static_assert(std::is_same_v<decltype(conn.execute(select(members.name, badges.label)
                                                           .select_from(members.join(badges)))
                                              .one()),
                                 std::tuple<std::string, std::string>>);
    static_assert(
        std::is_same_v<decltype(conn.execute(select(members.name, badges.label)
                                                 .select_from(members.full_join(badges)))
                                    .one()),
                       std::tuple<std::optional<std::string>, std::optional<std::string>>>);

    // A join the types cannot see is checked when it is built.
    const FromClause& untyped = members;
    EXPECT_THROW(select(members.name, badges.label).select_from(untyped.outerjoin(badges)),
                 ArgumentError);
    std::vector<Row> same = conn.execute(select(members.name, maybe_null(badges.label))
                                             .select_from(untyped.outerjoin(badges))
                                             .order_by({members.id}))
                                .all();
    EXPECT_EQ(same, rows);
}

}  // namespace
}  // namespace retort::testing
