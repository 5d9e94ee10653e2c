// Upserts, common table expressions (recursive too), window functions and unions, executed on
// both backends with their results asserted.
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

class AdvancedSqlTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_ = make_engine();
        metadata_.create_all(engine_);
    }
    MetaData metadata_;
    Table counters_{"counters", metadata_, Column("name", type::String(20), primary_key),
                    Column("hits", type::Integer(), not_null)};
    Table categories_{"categories", metadata_, Column("id", type::Integer(), primary_key),
                      Column("parent_id", type::Integer(), ForeignKey("categories.id")),
                      Column("name", type::String(50), not_null)};
    Table scores_{"scores", metadata_, Column("id", type::Integer(), primary_key),
                  Column("team", type::String(10), not_null),
                  Column("points", type::Integer(), not_null)};
    Engine engine_ = create_engine("sqlite://");
};
RETORT_ON_BOTH_BACKENDS(AdvancedSqlTest);

TEST_P(AdvancedSqlTest, upsert_inserts_then_updates_with_excluded) {
    auto c = counters_;
    auto conn = engine_.connect();
    auto bump = [&](const std::string& name, int hits) {
        conn.execute(
            insert(c)
                .values({{"name", name}, {"hits", hits}})
                .on_conflict_do_update({"name"}, {{"hits", c.c("hits") + excluded("hits")}}));
    };
    bump("home", 1);
    bump("home", 5);
    bump("about", 2);
    conn.execute(
        insert(c).values({{"name", "home"}, {"hits", 100}}).on_conflict_do_nothing({"name"}));
    auto rows = conn.execute(select(c.c("name"), c.c("hits")).order_by({c.c("name")}))
                    .all<std::string, std::int64_t>();
    EXPECT_EQ(rows,
              (std::vector<std::tuple<std::string, std::int64_t>>{{"about", 2}, {"home", 6}}));
    // DO UPDATE ... WHERE: only when the new value is larger.
    conn.execute(insert(c)
                     .values({{"name", "about"}, {"hits", 1}})
                     .on_conflict_do_update({"name"}, {{"hits", excluded("hits")}},
                                            excluded("hits") > c.c("hits")));
    EXPECT_EQ(
        conn.execute(select(c.c("hits")).where(c.c("name") == "about")).scalar<std::int64_t>(), 2);
}

TEST_P(AdvancedSqlTest, recursive_cte_walks_a_tree_five_levels_deep) {
    auto cat = categories_;
    auto conn = engine_.connect();
    conn.execute(insert(cat).values({{"id", 1}, {"parent_id", null}, {"name", "root"}}));
    for (int id = 2; id <= 5; ++id)
        conn.execute(insert(cat).values(
            {{"id", id}, {"parent_id", id - 1}, {"name", "level" + std::to_string(id)}}));
    conn.execute(insert(cat).values({{"id", 9}, {"parent_id", null}, {"name", "other root"}}));

    auto anchor = select(cat.c("id"), cat.c("name"), literal(1).label("depth"))
                      .where(cat.c("id") == 1)
                      .cte("tree", true);
    auto tree =
        anchor.union_all(select(cat.c("id"), cat.c("name"), (anchor.c("depth") + 1).label("depth"))
                             .select_from(cat)
                             .join(anchor, cat.c("parent_id") == anchor.c("id")));
    auto rows = conn.execute(select(tree.c("name"), tree.c("depth")).order_by({tree.c("depth")}))
                    .all<std::string, std::int64_t>();
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows.front(), std::make_tuple(std::string("root"), std::int64_t{1}));
    EXPECT_EQ(rows.back(), std::make_tuple(std::string("level5"), std::int64_t{5}));
}

TEST_P(AdvancedSqlTest, window_functions_rank_within_partitions) {
    auto s = scores_;
    auto conn = engine_.connect();
    int id = 0;
    for (auto [team, points] : {std::pair{"red", 10}, std::pair{"red", 30}, std::pair{"red", 20},
                                std::pair{"blue", 5}, std::pair{"blue", 15}})
        conn.execute(insert(s).values({{"id", ++id}, {"team", team}, {"points", points}}));
    auto ranked =
        select(s.c("team"), s.c("points"),
               func::row_number()
                   .over({.partition_by = {s.c("team")}, .order_by = {s.c("points").desc()}})
                   .label("place"),
               func::sum(s.c("points"))
                   .over({.partition_by = {s.c("team")},
                          .order_by = {s.c("points")},
                          .frame = Frame{true, FrameBound{}, FrameBound{std::int64_t{0}}}})
                   .label("running"))
            .subquery("ranked");
    auto rows = conn.execute(select(ranked.c("team"), ranked.c("points"), ranked.c("running"))
                                 .where(ranked.c("place") == 1)
                                 .order_by({ranked.c("team")}))
                    .all<std::string, std::int64_t, std::int64_t>();
    EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::int64_t, std::int64_t>>{
                        {"blue", 15, 20}, {"red", 30, 60}}));
}

TEST_P(AdvancedSqlTest, unions_and_insert_from_select) {
    auto s = scores_;
    auto c = counters_;
    auto conn = engine_.connect();
    conn.execute(insert(s).values_many({{{"id", 1}, {"team", "red"}, {"points", 1}},
                                        {{"id", 2}, {"team", "blue"}, {"points", 2}}}));
    auto teams = conn.execute(select(s.c("team"))
                                  .where(s.c("points") > 1)
                                  .union_(select(s.c("team")).where(s.c("team") == "red"))
                                  .order_by({column("team")}))
                     .scalars<std::string>();
    EXPECT_EQ(teams, (std::vector<std::string>{"blue", "red"}));
    conn.execute(insert(c).from_select({"name", "hits"}, select(s.c("team"), s.c("points"))));
    EXPECT_EQ(conn.execute(select(func::sum(c.c("hits")))).scalar<std::int64_t>(), 3);
}

TEST_P(AdvancedSqlTest, enum_columns_accept_only_their_labels) {
    MetaData metadata;
    Table moods("moods", metadata, Column("id", type::Integer(), primary_key),
                Column("mood", type::Enum("mood", {"happy", "sad", "it's complicated"}), not_null));
    Table others("others", metadata, Column("id", type::Integer(), primary_key),
                 Column("mood", type::Enum("mood", {"happy", "sad",
                                                    "it's complicated"})));  // shares the type
    metadata.create_all(engine_);
    metadata.create_all(engine_);  // checkfirst: nothing is created twice
    auto conn = engine_.connect();
    conn.execute(insert(moods).values({{"id", 1}, {"mood", "it's complicated"}}));
    EXPECT_EQ(conn.execute(select(moods.c("mood"))).scalar<std::string>(), "it's complicated");
    auto sp = conn.begin_nested();
    EXPECT_THROW(conn.execute(insert(moods).values({{"id", 2}, {"mood", "angry"}})), DatabaseError);
    sp.rollback();
    if (is_postgresql()) {
        auto enums = Inspector(conn).enums();
        ASSERT_EQ(enums.size(), 1u);
        EXPECT_EQ(enums[0].labels, (std::vector<std::string>{"happy", "sad", "it's complicated"}));
        EXPECT_EQ(Inspector(conn).columns("moods")[1].type,
                  type::Enum("mood", {"happy", "sad", "it's complicated"}));
    }
    conn.commit();
    metadata.drop_all(engine_);
    if (is_postgresql()) {
        auto after = engine_.connect();
        EXPECT_TRUE(Inspector(after).enums().empty());
    }
}

TEST_P(AdvancedSqlTest, update_from_another_table) {
    auto s = scores_;
    auto c = counters_;
    auto conn = engine_.connect();
    conn.execute(insert(s).values_many({{{"id", 1}, {"team", "red"}, {"points", 0}},
                                        {{"id", 2}, {"team", "blue"}, {"points", 0}}}));
    conn.execute(
        insert(c).values_many({{{"name", "red"}, {"hits", 7}}, {{"name", "green"}, {"hits", 9}}}));
    auto changed = conn.execute(
        update(s).values({{"points", c.c("hits")}}).from(c).where(c.c("name") == s.c("team")));
    EXPECT_EQ(changed.rows_affected(), 1);
    EXPECT_EQ(
        conn.execute(select(s.c("points")).where(s.c("team") == "red")).scalar<std::int64_t>(), 7);
    if (is_postgresql()) {
        conn.execute(delete_(s).using_(c).where(c.c("name") == s.c("team")));
        EXPECT_EQ(conn.execute(select(func::count()).select_from(s)).scalar<std::int64_t>(), 1);
    } else {
        EXPECT_THROW(conn.execute(delete_(s).using_(c).where(c.c("name") == s.c("team"))),
                     NotSupportedError);
    }
}

TEST_P(AdvancedSqlTest, self_join_through_aliases) {
    auto cat = categories_;
    auto conn = engine_.connect();
    conn.execute(insert(cat).values({{"id", 1}, {"parent_id", null}, {"name", "root"}}));
    conn.execute(insert(cat).values({{"id", 2}, {"parent_id", 1}, {"name", "child"}}));
    auto parent = cat.alias("parent");
    auto rows = conn.execute(select(cat.c("name"), parent.c("name").label("parent_name"))
                                 .select_from(cat)
                                 .join(parent, cat.c("parent_id") == parent.c("id")))
                    .all<std::string, std::string>();
    EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::string>>{{"child", "root"}}));
    auto with_orphans = conn.execute(select(cat.c("name"), parent.c("name"))
                                         .select_from(cat)
                                         .outerjoin(parent, cat.c("parent_id") == parent.c("id"))
                                         .order_by({cat.c("id")}))
                            .all<std::string, std::optional<std::string>>();
    ASSERT_EQ(with_orphans.size(), 2u);
    EXPECT_EQ(std::get<1>(with_orphans[0]), std::nullopt);
}

TEST_P(AdvancedSqlTest, sequences_and_locking_reads) {
    if (!is_postgresql()) {
        // SQLite has neither sequences nor row locks: FOR UPDATE is left out and the query runs.
        auto s = scores_;
        EXPECT_NO_THROW(
            engine_.connect().execute(select(s.c("id")).for_update({.skip_locked = true})).all());
        return;
    }
    MetaData metadata;
    Table tickets(
        "tickets", metadata,
        Column("id", type::BigInteger(), primary_key, Sequence{"ticket_numbers", 1000, 10}),
        Column("title", type::Text()));
    metadata.create_all(engine_);
    auto conn = engine_.connect();
    auto first = conn.execute(insert(tickets).values({{"title", "a"}}).returning({tickets.c("id")}))
                     .scalar<std::int64_t>();
    auto second =
        conn.execute(insert(tickets).values({{"title", "b"}}).returning({tickets.c("id")}))
            .scalar<std::int64_t>();
    EXPECT_EQ(first, 1000);
    EXPECT_EQ(second, 1010);
    EXPECT_EQ(conn.execute(select(func::next_value("ticket_numbers"))).scalar<std::int64_t>(),
              1020);
    auto locked = conn.execute(select(tickets.c("id"))
                                   .where(tickets.c("title") == "a")
                                   .for_update({.skip_locked = true}))
                      .scalars<std::int64_t>();
    EXPECT_EQ(locked, (std::vector<std::int64_t>{1000}));
    // Another connection skips the locked row.
    auto other = engine_.connect();
    EXPECT_TRUE(other
                    .execute(select(tickets.c("id"))
                                 .where(tickets.c("title") == "a")
                                 .for_update({.skip_locked = true}))
                    .scalars<std::int64_t>()
                    .empty());
    other.rollback();
    conn.commit();
    metadata.drop_all(engine_);
}

TEST_P(AdvancedSqlTest, expression_and_method_indexes) {
    MetaData metadata;
    Index lower_name{"ix_people_lower_name", {}, {func::lower(column("name"))}, true};
    Index tags{"ix_people_tags", {"tags"}};
    if (is_postgresql()) {
        tags.using_ = "gin";
        tags.operator_classes = {"jsonb_path_ops"};
    }
    Table people("people", metadata, Column("id", type::Integer(), primary_key),
                 Column("name", type::Text()), Column("tags", type::Jsonb()), lower_name, tags);
    metadata.create_all(engine_);
    auto conn = engine_.connect();
    conn.execute(insert(people).values({{"id", 1}, {"name", "Ann"}, {"tags", Json(R"(["x"])")}}));
    auto sp = conn.begin_nested();
    EXPECT_THROW(
        conn.execute(insert(people).values({{"id", 2}, {"name", "ANN"}, {"tags", Json("[]")}})),
        IntegrityError);
    sp.rollback();
    auto indexes = Inspector(conn).indexes("people");
    ASSERT_EQ(indexes.size(), 2u);
    EXPECT_EQ(indexes[0].expressions.size(), 1u);  // ix_people_lower_name
    EXPECT_TRUE(indexes[0].unique);
    if (is_postgresql()) {
        EXPECT_EQ(indexes[1].using_, "gin");
    }
    conn.commit();
    metadata.drop_all(engine_);
}

TEST_P(AdvancedSqlTest, client_defaults_and_onupdate_are_applied) {
    MetaData metadata;
    int counter = 0;
    Table notes("notes", metadata, Column("id", type::Integer(), primary_key),
                Column("body", type::Text()),
                Column("revision", type::Integer(), default_(1),
                       onupdate([&counter] { return ++counter + 1; })),
                Column("created_at", type::DateTime(), default_(utc_now)));
    metadata.create_all(engine_);
    auto conn = engine_.connect();
    DateTime before = utc_now();
    conn.execute(insert(notes).values({{"id", 1}, {"body", "a"}}));
    conn.execute(insert(notes).values({{"id", 2}, {"body", "b"}, {"revision", 7}}));
    auto rows =
        conn.execute(select(notes.c("revision"), notes.c("created_at")).order_by({notes.c("id")}))
            .all<std::int64_t, DateTime>();
    EXPECT_EQ(std::get<0>(rows[0]), 1);
    EXPECT_EQ(std::get<0>(rows[1]), 7);  // given values win
    EXPECT_GE(std::get<1>(rows[0]), before);
    conn.execute(update(notes).values({{"body", "changed"}}).where(notes.c("id") == 1));
    EXPECT_EQ(
        conn.execute(select(notes.c("revision")).where(notes.c("id") == 1)).scalar<std::int64_t>(),
        2);
    conn.commit();
    metadata.drop_all(engine_);
}

TEST_P(AdvancedSqlTest, foreign_key_cycles_are_created_and_dropped) {
    MetaData metadata;
    Table departments("departments", metadata, Column("id", type::Integer(), primary_key),
                      Column("manager_id", type::Integer(), ForeignKey("employees.id")));
    Table employees("employees", metadata, Column("id", type::Integer(), primary_key),
                    Column("department_id", type::Integer(), ForeignKey("departments.id")));
    metadata.create_all(engine_);
    auto conn = engine_.connect();
    Inspector inspector(conn);
    EXPECT_EQ(inspector.foreign_keys("departments").size(), 1u);
    EXPECT_EQ(inspector.foreign_keys("employees").size(), 1u);
    conn.commit();
    metadata.drop_all(engine_);
    EXPECT_FALSE(engine_.has_table("departments", std::nullopt));
    EXPECT_FALSE(engine_.has_table("employees", std::nullopt));
}

TEST_P(AdvancedSqlTest, client_defaults_are_made_per_row_and_per_execution) {
    MetaData metadata;
    Table tokens("tokens", metadata, Column("id", type::Integer(), primary_key),
                 Column("label", type::Text()),
                 Column("token", type::Uuid(), default_([] { return Uuid::random(); }), unique));
    metadata.create_all(engine_);
    auto conn = engine_.connect();
    auto statement = insert(tokens).values({{"label", bindparam("label")}});
    conn.execute_many(statement, {{{"label", "a"}}, {{"label", "b"}}, {{"label", "c"}}});
    conn.execute(statement, {{"label", "d"}});
    conn.execute(statement, {{"label", "e"}});
    auto count =
        conn.execute(select(func::count_distinct(tokens.c("token")))).scalar<std::int64_t>();
    EXPECT_EQ(count, 5);  // a unique token each, though the statement was built once
    conn.commit();
    metadata.drop_all(engine_);
}

}  // namespace
}  // namespace retort::testing
