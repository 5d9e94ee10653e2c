// Reading results: Row access, typed tuples, one/first/scalar semantics.
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

class ResultTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_ = make_engine();
        table_ = table_name("people");
        auto conn = engine_.connect();
        conn.execute(text("CREATE TABLE " + table_ +
                          " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT)"));
        conn.execute_many(text("INSERT INTO " + table_ + " VALUES (:id, :name, :email)"),
                          {{{"id", 1}, {"name", "ann"}, {"email", "ann@example.com"}},
                           {{"id", 2}, {"name", "bob"}, {"email", null}},
                           {{"id", 3}, {"name", "cid"}, {"email", "cid@example.com"}}});
        conn.commit();
    }
    Result select(const std::string& where = "") {
        conn_ = engine_.connect();
        return conn_.execute(
            text("SELECT id, name, email FROM " + table_ + where + " ORDER BY id"));
    }
    Engine engine_ = create_engine("sqlite://");
    Connection conn_ = engine_.connect();
    std::string table_;
};
RETORT_ON_BOTH_BACKENDS(ResultTest);

TEST_P(ResultTest, rows_are_read_by_index_and_by_name) {
    auto rows = select().all();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].keys(), (std::vector<std::string>{"id", "name", "email"}));
    EXPECT_EQ(rows[0].get<std::int64_t>(0), 1);
    EXPECT_EQ(rows[0].get<std::string>("name"), "ann");
    EXPECT_EQ(rows[1].get<std::optional<std::string>>("email"), std::nullopt);
    EXPECT_TRUE(rows[1].is_null("email"));
    EXPECT_EQ(rows[1].to_string(2), "NULL");
    EXPECT_THROW(rows[0].get<std::string>("nope"), ArgumentError);
    EXPECT_THROW(rows[1].get<std::string>("email"), DataError);
}

TEST_P(ResultTest, rows_unpack_into_typed_tuples) {
    auto [id, name, email] =
        select(" WHERE id = 1").one().as<std::int64_t, std::string, std::optional<std::string>>();
    EXPECT_EQ(id, 1);
    EXPECT_EQ(name, "ann");
    EXPECT_EQ(email, "ann@example.com");
    auto all = select().all<std::int64_t, std::string, std::optional<std::string>>();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(std::get<1>(all[2]), "cid");
    EXPECT_THROW(select().all<std::int64_t>(), ArgumentError);  // arity is checked
}

TEST_P(ResultTest, iteration_yields_each_row_once) {
    std::vector<std::string> names;
    for (const Row& row : select()) names.push_back(row.get<std::string>("name"));
    EXPECT_EQ(names, (std::vector<std::string>{"ann", "bob", "cid"}));
}

TEST_P(ResultTest, one_requires_exactly_one_row) {
    EXPECT_EQ(select(" WHERE id = 2").one().get<std::string>("name"), "bob");
    EXPECT_THROW(select(" WHERE id = 99").one(), NoResultFound);
    EXPECT_THROW(select().one(), MultipleResultsFound);
    EXPECT_FALSE(select(" WHERE id = 99").one_or_none().has_value());
    EXPECT_THROW(select().one_or_none(), MultipleResultsFound);
}

TEST_P(ResultTest, first_and_scalar_take_the_first_row) {
    EXPECT_EQ(select().first()->get<std::string>("name"), "ann");
    EXPECT_FALSE(select(" WHERE id > 5").first().has_value());
    EXPECT_EQ(select().scalar<std::int64_t>(), 1);
    EXPECT_EQ(select(" WHERE id > 5").scalar<std::optional<std::int64_t>>(), std::nullopt);
    EXPECT_THROW(select(" WHERE id > 5").scalar<std::int64_t>(), NoResultFound);
    EXPECT_EQ(select().scalars<std::int64_t>(), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_P(ResultTest, fetchmany_reads_in_partitions) {
    auto result = select();
    EXPECT_EQ(result.fetchmany(2).size(), 2u);
    EXPECT_EQ(result.fetchmany(2).size(), 1u);
    EXPECT_TRUE(result.fetchmany(2).empty());
}

TEST_P(ResultTest, rows_affected_counts_changed_rows) {
    auto conn = engine_.connect();
    EXPECT_EQ(
        conn.execute(text("UPDATE " + table_ + " SET email = :e WHERE id >= 2"), {{"e", "x@y"}})
            .rows_affected(),
        2);
    EXPECT_EQ(conn.execute(text("DELETE FROM " + table_ + " WHERE id = 99")).rows_affected(), 0);
}

TEST_P(ResultTest, returning_gives_back_generated_values) {
    auto conn = engine_.connect();
    auto id =
        conn.execute(text("INSERT INTO " + table_ + " (id, name) VALUES (:id, :n) RETURNING id"),
                     {{"id", 10}, {"n", "dan"}})
            .scalar<std::int64_t>();
    EXPECT_EQ(id, 10);
}

}  // namespace
}  // namespace retort::testing
