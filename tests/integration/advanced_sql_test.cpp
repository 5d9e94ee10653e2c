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

}  // namespace
}  // namespace retort::testing
