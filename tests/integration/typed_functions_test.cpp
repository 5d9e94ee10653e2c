// Typed expressions on both backends: the seed's "Querying with Functions" and "Subqueries and
// Joins" written with models and no hand-written row type, then each typed construct (cast,
// coalesce, case_, nullif, greatest/least, the string, number and date helpers, windows,
// typed subquery columns, tuple_ row values) with its results asserted.
#include <set>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using namespace std::chrono;

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    bool is_active = true;
    DateTime created_at{};
};
struct Post {
    std::int64_t id = 0;
    std::string title;
    std::int64_t user_id = 0;
    bool is_published = false;
    DateTime created_at{};
    std::optional<double> score{};
};
// A composite key.
struct Grant {
    std::int64_t user_id = 0;
    std::int64_t post_id = 0;
    std::string role;
};

MetaData blog_metadata;
struct Users : Model<User> {
    Column<&User::id> id{this, primary_key};
    Column<&User::username> username{this, type::String(50), unique};
    Column<&User::email> email{this, type::String(100)};
    Column<&User::is_active> is_active{this};
    Column<&User::created_at> created_at{this};
    Users() : Model("users", blog_metadata) {}
};
const Users users;
struct Posts : Model<Post> {
    Column<&Post::id> id{this, primary_key};
    Column<&Post::title> title{this, type::String(200)};
    Column<&Post::user_id> user_id{this, ForeignKey("users.id")};
    Column<&Post::is_published> is_published{this};
    Column<&Post::created_at> created_at{this};
    Column<&Post::score> score{this};
    Posts() : Model("posts", blog_metadata) {}
};
const Posts posts;
struct Grants : Model<Grant> {
    Column<&Grant::user_id> user_id{this, primary_key};
    Column<&Grant::post_id> post_id{this, primary_key};
    Column<&Grant::role> role{this, type::String(20)};
    Grants() : Model("grants", blog_metadata) {}
};
const Grants grants;

template <class Expected, class Actual>
void expect_type(const Actual&) {
    static_assert(std::is_same_v<Expected, Actual>);
}

class TypedFunctionsTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_ = make_engine();
        blog_metadata.drop_all(engine_);
        blog_metadata.create_all(engine_);
        auto conn = engine_.connect();
        // johndoe wrote 12 posts, janedoe 6, carol 1; the newest of each is titled "latest".
        const char* names[] = {"johndoe", "janedoe", "admin", "bob", "carol", "jim"};
        for (int i = 0; i < 6; ++i)
            conn.execute(insert(users).values({{"username", names[i]},
                                               {"email", std::string(names[i]) + "@example.com"},
                                               {"is_active", i != 3},
                                               {"created_at", epoch_ + days(i)}}));
        std::vector<std::vector<Assignment>> rows;
        for (auto [user, count] : {std::pair{1, 12}, std::pair{2, 6}, std::pair{5, 1}})
            for (int i = 0; i < count; ++i)
                rows.push_back(
                    {{"title", i == 0 ? std::string("latest") : "post " + std::to_string(i)},
                     {"user_id", user},
                     {"is_published", i % 2 == 0},
                     {"created_at", epoch_ - days(i * 10)},
                     {"score", i % 3 == 0 ? Value(null) : Value(i * 1.5)}});
        conn.execute(insert(posts).values_many(rows));
        conn.commit();
    }
    void TearDown() override { blog_metadata.drop_all(engine_); }

    // 2024-03-15 13:45:30 UTC
    DateTime epoch_ =
        DateTime(local_days(year(2024) / 3 / 15) + hours(13) + minutes(45) + seconds(30));
    Engine engine_ = create_engine("sqlite://");
};
RETORT_ON_BOTH_BACKENDS(TypedFunctionsTest);

TEST_P(TypedFunctionsTest, the_seeds_querying_with_functions_needs_no_row_types) {
    auto conn = engine_.connect();
    auto by_status = conn.execute(select(users.is_active, func::count(users.id).label("user_count"))
                                      .group_by({users.is_active})
                                      .order_by({users.is_active}))
                         .all();
    expect_type<std::vector<std::tuple<bool, std::int64_t>>>(by_status);
    EXPECT_EQ(by_status, (decltype(by_status){{false, 1}, {true, 5}}));

    auto post_count = func::count(posts.id).label("post_count");
    auto top = conn.execute(select(users.username, post_count)
                                .join(posts)
                                .group_by({users.id, users.username})
                                .order_by({post_count.desc()})
                                .limit(5))
                   .all();
    expect_type<std::vector<std::tuple<std::string, std::int64_t>>>(top);
    EXPECT_EQ(top, (decltype(top){{"johndoe", 12}, {"janedoe", 6}, {"carol", 1}}));

    // CASE with plain values in its branches: no literal().
    auto n = func::count(posts.id);
    auto category = case_(when(n > 10, "Prolific"), when(n > 5, "Active"), when(n > 0, "Beginner"))
                        .else_("Inactive");
    auto categories = conn.execute(select(users.username, category.label("category"))
                                       .outerjoin(posts)
                                       .group_by({users.username})
                                       .order_by({users.username}))
                          .all();
    expect_type<std::vector<std::tuple<std::string, std::string>>>(categories);
    EXPECT_EQ(categories, (decltype(categories){{"admin", "Inactive"},
                                                {"bob", "Inactive"},
                                                {"carol", "Beginner"},
                                                {"janedoe", "Active"},
                                                {"jim", "Inactive"},
                                                {"johndoe", "Prolific"}}));
    // NULL in a branch, or no else_(): the CASE may be NULL, and says so.
    expect_type<Expr<std::optional<std::string>>>(case_(when(n > 0, "some")).else_(null));
    auto maybe =
        conn.execute(select(case_(when(users.id < 2, "first"))).order_by({users.id}).limit(2))
            .scalars();
    EXPECT_EQ(maybe, (std::vector<std::optional<std::string>>{"first", std::nullopt}));
}

TEST_P(TypedFunctionsTest, the_seeds_subqueries_and_joins_need_no_row_types) {
    auto conn = engine_.connect();
    auto max_date = func::max(posts.created_at).label("max_date");
    auto latest = select(posts.user_id, max_date).group_by({posts.user_id}).subquery("latest");
    auto rows = conn.execute(select(users.username, posts.title)
                                 .select_from(users)
                                 .join(latest, users.id == latest.c(posts.user_id))
                                 .join(posts, posts.user_id == latest.c<0>() &&
                                                  posts.created_at == latest.c(max_date))
                                 .order_by({users.username}))
                    .all();
    expect_type<std::vector<std::tuple<std::string, std::string>>>(rows);
    EXPECT_EQ(rows,
              (decltype(rows){{"carol", "latest"}, {"janedoe", "latest"}, {"johndoe", "latest"}}));
    expect_type<Expr<std::optional<DateTime>>>(latest.c<1>());

    // A correlated scalar subquery, typed std::optional of its column, and EXISTS.
    auto counts =
        conn.execute(select(users.username,
                            scalar_subquery(select(func::count()).where(posts.user_id == users.id))
                                .label("n"))
                         .where(exists(select(posts.id).where(posts.user_id == users.id)))
                         .order_by({users.username}))
            .all();
    expect_type<std::vector<std::tuple<std::string, std::optional<std::int64_t>>>>(counts);
    EXPECT_EQ(counts, (decltype(counts){{"carol", 1}, {"janedoe", 6}, {"johndoe", 12}}));

    // A subquery column with no name cannot be referred to: said, not guessed.
    auto unnamed = select(posts.user_id, func::count()).group_by({posts.user_id}).subquery("u");
    EXPECT_THROW(unnamed.c<1>(), ArgumentError);
}

TEST_P(TypedFunctionsTest, cast_coalesce_nullif_greatest_and_least_keep_their_types) {
    auto conn = engine_.connect();
    // coalesce over a nullable aggregate and a plain value is not optional.
    auto average = func::coalesce(func::avg(posts.score), 0.0);
    expect_type<Expr<double>>(average);
    auto averages = conn.execute(select(users.username, average.label("avg"))
                                     .outerjoin(posts)
                                     .group_by({users.username})
                                     .order_by({users.username}))
                        .all();
    ASSERT_EQ(averages.size(), 6u);
    EXPECT_EQ(std::get<1>(averages[0]), 0.0);         // admin: no posts
    EXPECT_DOUBLE_EQ(std::get<1>(averages[2]), 0.0);  // carol: one post, score NULL
    EXPECT_DOUBLE_EQ(std::get<1>(averages[3]), 4.5);  // janedoe: 1.5, 3, 6, 7.5 (and NULLs)

    // Numbers widen: an integer column with a double gives a double.
    auto widened = func::coalesce(posts.score, posts.user_id);
    expect_type<Expr<double>>(widened);
    auto casted = cast<std::string>(users.id);
    expect_type<Expr<std::string>>(casted);
    auto first = conn.execute(select(casted, cast<double>(users.id) / 2, widened)
                                  .select_from(users)
                                  .join(posts)
                                  .order_by({posts.id})
                                  .limit(1))
                     .one();
    EXPECT_EQ(first, (std::tuple<std::string, double, double>{"1", 0.5, 1.0}));

    auto [none, kept, top, bottom] =
        conn.execute(select(func::nullif(users.username, "johndoe"),
                            func::nullif(users.username, "nobody"), func::greatest(users.id, 3, 2),
                            func::least(users.id, 3, 2))
                         .where(users.id == 1))
            .one();
    EXPECT_EQ(none, std::nullopt);
    EXPECT_EQ(kept, "johndoe");
    EXPECT_EQ(top, 3);
    EXPECT_EQ(bottom, 1);
    expect_type<std::int64_t>(top);
}

TEST_P(TypedFunctionsTest, string_functions_agree_on_both_backends) {
    auto conn = engine_.connect();
    auto name = users.username;
    auto row =
        conn.execute(select(func::substr(name, 2, 3), func::substr(name, 5),
                            func::replace(name, "doe", "-"), func::left(name, 4),
                            func::right(name, 3), func::right(name, 0), func::right(name, 50),
                            func::char_length(name), func::upper(name) + "!")
                         .where(users.id == 1))
            .one();
    EXPECT_EQ(row, (std::tuple<std::string, std::string, std::string, std::string, std::string,
                               std::string, std::string, std::int64_t, std::string>{
                       "ohn", "doe", "john-", "john", "doe", "", "johndoe", 7, "JOHNDOE!"}));
    auto padded = func::replace(name, "j", "  xj") + "x  ";
    auto trimmed = conn.execute(select(func::trim(padded), func::ltrim(padded), func::rtrim(padded),
                                       func::trim(padded, " x"), func::ltrim(name, "j"),
                                       func::rtrim(name, "e"))
                                    .where(users.id == 1))
                       .one();
    EXPECT_EQ(
        trimmed,
        (std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>{
            "xjohndoex", "xjohndoex  ", "  xjohndoex", "johndoe", "ohndoe", "johndo"}));
    // string_agg / group_concat: one spelling.
    auto joined =
        conn.execute(select(func::string_agg(users.username, ",")).where(users.username.like("j%")))
            .scalar();
    ASSERT_TRUE(joined.has_value());
    std::vector<std::string> parts;
    for (std::size_t at = 0, next; at <= joined->size(); at = next + 1) {
        next = joined->find(',', at);
        if (next == std::string::npos) next = joined->size();
        parts.push_back(joined->substr(at, next - at));
    }
    std::sort(parts.begin(), parts.end());
    EXPECT_EQ(parts, (std::vector<std::string>{"janedoe", "jim", "johndoe"}));
    EXPECT_EQ(
        conn.execute(select(func::string_agg(users.username, ",")).where(users.id > 99)).scalar(),
        std::nullopt);
}

TEST_P(TypedFunctionsTest, number_functions_agree_on_both_backends) {
    auto conn = engine_.connect();
    auto score = cast<double>(posts.id) * 1.25 - 7;  // -5.75 for post 1
    auto row =
        conn.execute(select(func::abs(score), func::ceil(score), func::floor(score),
                            func::round(score), func::round(score, 1), func::abs(users.id - 3))
                         .select_from(posts)
                         .join(users)
                         .where(posts.id == 1))
            .one();
    EXPECT_EQ(row, (std::tuple<double, double, double, double, double, std::int64_t>{
                       5.75, -5.0, -6.0, -6.0, -5.8, 2}));
    auto randoms = conn.execute(select(func::random()).select_from(posts)).scalars();
    ASSERT_EQ(randoms.size(), 19u);
    for (double r : randoms) {
        EXPECT_GE(r, 0.0);
        EXPECT_LT(r, 1.0);
    }
    EXPECT_GT(std::set<double>(randoms.begin(), randoms.end()).size(), 10u);
}

TEST_P(TypedFunctionsTest, date_parts_and_truncation_are_typed) {
    auto conn = engine_.connect();
    auto row = conn.execute(select(func::extract("year", users.created_at),
                                   func::extract("month", users.created_at),
                                   func::extract("day", users.created_at),
                                   func::extract("hour", users.created_at),
                                   func::extract("second", users.created_at),
                                   func::date_trunc("month", users.created_at))
                                .where(users.id == 1))
                   .one();
    expect_type<
        std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::int64_t, DateTime>>(
        row);
    EXPECT_EQ(
        row,
        (std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::int64_t, DateTime>{
            2024, 3, 15, 13, 30, DateTime(local_days(year(2024) / 3 / 1))}));
}

TEST_P(TypedFunctionsTest, window_functions_keep_their_types) {
    auto conn = engine_.connect();
    auto position = func::row_number().over(
        {.partition_by = {posts.user_id}, .order_by = {posts.created_at.desc()}});
    expect_type<Expr<std::int64_t>>(position);
    auto ranked = select(posts.user_id, posts.title, position.label("position")).subquery("r");
    auto firsts = conn.execute(select(ranked.c(posts.user_id), ranked.c(posts.title))
                                   .where(ranked.c<2>() == 1)
                                   .order_by({ranked.c<0>()}))
                      .all();
    expect_type<std::vector<std::tuple<std::int64_t, std::string>>>(firsts);
    EXPECT_EQ(firsts, (decltype(firsts){{1, "latest"}, {2, "latest"}, {5, "latest"}}));
}

TEST_P(TypedFunctionsTest, row_values_compare_composite_keys) {
    auto conn = engine_.connect();
    conn.execute(
        insert(grants).values_many({{{"user_id", 1}, {"post_id", 1}, {"role", "owner"}},
                                    {{"user_id", 1}, {"post_id", 2}, {"role", "editor"}},
                                    {{"user_id", 2}, {"post_id", 2}, {"role", "owner"}},
                                    {{"user_id", 2}, {"post_id", 13}, {"role", "owner"}}}));
    auto key = tuple_(grants.user_id, grants.post_id);
    auto roles = conn.execute(select(grants.role)
                                  .where(key.in_({{1, 2}, {2, 2}, {9, 9}}))
                                  .order_by({grants.role}))
                     .scalars();
    EXPECT_EQ(roles, (std::vector<std::string>{"editor", "owner"}));
    EXPECT_EQ(conn.execute(select(func::count()).select_from(grants).where(key.not_in({{1, 1}})))
                  .scalar(),
              3);
    EXPECT_EQ(conn.execute(select(func::count())
                               .select_from(grants)
                               .where(key.in_(std::vector<decltype(key)::row_type>{})))
                  .scalar(),
              0);
    EXPECT_EQ(conn.execute(select(grants.role).where(key == std::tuple{2, 13})).scalars(),
              (std::vector<std::string>{"owner"}));
    // Row against row: grants whose (user, post) is a post of that user.
    auto own = conn.execute(select(grants.role, grants.post_id)
                                .join(posts, tuple_(grants.user_id, grants.post_id) ==
                                                 tuple_(posts.user_id, posts.id))
                                .order_by({grants.post_id}))
                   .all();
    EXPECT_EQ(own, (decltype(own){{"owner", 1}, {"editor", 2}, {"owner", 13}}));
    // IN a subquery of two columns.
    auto authored = select(posts.user_id, posts.id).where(posts.title == "latest");
    EXPECT_EQ(
        conn.execute(select(func::count()).select_from(grants).where(key.in_(authored))).scalar(),
        2);
}

TEST_P(TypedFunctionsTest, plain_values_need_no_literal_in_lists_and_function_calls) {
    auto conn = engine_.connect();
    EXPECT_EQ(conn.execute(select(users.username)
                               .where(users.id.in_({1, 2}) && users.username.not_in({"janedoe"}))
                               .order_by({users.id}))
                  .scalars(),
              (std::vector<std::string>{"johndoe"}));
    EXPECT_TRUE(conn.execute(select(users.id).where(users.id.in_({}))).scalars().empty());
    // Any function by name, with values as arguments, typed when asked.
    auto shortened = func::call<std::string>("replace", users.username, "doe", "");
    expect_type<Expr<std::string>>(shortened);
    EXPECT_EQ(conn.execute(select(shortened).where(users.id == 2)).scalar(), "jane");
    EXPECT_EQ(
        conn.execute(select(users.username).where(func::call("lower", users.username) == "admin"))
            .scalars(),
        (std::vector<std::string>{"admin"}));
}

TEST_P(TypedFunctionsTest, cte_columns_keep_their_types_recursive_ones_too) {
    auto conn = engine_.connect();
    // A CTE of posts per user, joined back to users: the row type is inferred.
    auto post_count = func::count(posts.id).label("post_count");
    auto counts = select(posts.user_id, post_count).group_by({posts.user_id}).cte("counts");
    auto rows = conn.execute(select(users.username, counts.c(post_count))
                                 .join(counts, users.id == counts.c(posts.user_id))
                                 .where(counts.c<1>() > 1)
                                 .order_by({counts.c<1>().desc()}))
                    .all();
    expect_type<std::vector<std::tuple<std::string, std::int64_t>>>(rows);
    EXPECT_EQ(rows, (decltype(rows){{"johndoe", 12}, {"janedoe", 6}}));

    // WITH RECURSIVE: 1..5, each row one more than the last, typed like the anchor.
    auto counter = select(literal(1).label("n"), literal("x").label("path")).cte("counter", true);
    auto numbers = counter.union_all(
        select((counter.c<0>() + 1).label("n"), (counter.c<1>() + "x").label("path"))
            .where(counter.c<0>() < 5));
    auto counted =
        conn.execute(select(numbers.c<0>(), numbers.c<1>()).order_by({numbers.c<0>()})).all();
    expect_type<std::vector<std::tuple<std::int64_t, std::string>>>(counted);
    ASSERT_EQ(counted.size(), 5u);
    EXPECT_EQ(counted.back(), std::make_tuple(std::int64_t{5}, std::string("xxxxx")));
    auto total = conn.execute(select(func::sum(numbers.c<0>()))).scalar();
    EXPECT_EQ(total, 15);
}

TEST_P(TypedFunctionsTest, casts_to_dates_times_and_documents_keep_their_values) {
    // SQLite's CAST AS DATETIME has NUMERIC affinity (2024 of '2024-03-16 ...'): these are
    // cast to TEXT there, a date by date().
    auto conn = engine_.connect();
    auto [day, stamp, moment, document] =
        conn.execute(select(cast<Date>(users.created_at),
                            cast<DateTime>(literal("2024-03-16 10:00:00")),
                            cast<Time>(literal("10:30:00")), cast<Json>(literal(R"({"a": 1})")))
                         .where(users.id == 1))
            .one();
    EXPECT_EQ(day, Date(year(2024) / 3 / 15));
    EXPECT_EQ(stamp, DateTime(local_days(year(2024) / 3 / 16) + hours(10)));
    EXPECT_EQ(moment, Time{hours(10) + minutes(30)});
    EXPECT_EQ(document, Json(R"({"a": 1})"));
}

TEST_P(TypedFunctionsTest, timestamps_and_dates_move_by_intervals) {
    auto conn = engine_.connect();
    // users.created_at of user 1 is 2024-03-15 13:45:30.
    auto later = users.created_at + Interval{.months = 1, .days = 2, .time = hours(1) + 500ms};
    auto earlier = users.created_at - Interval{.days = 15};
    auto next_month = cast<Date>(users.created_at) + Interval{.months = 1};
    expect_type<Expr<DateTime>>(later);
    expect_type<Expr<Date>>(next_month);
    auto [moved, back, day] =
        conn.execute(select(later, earlier, next_month).where(users.id == 1)).one();
    EXPECT_EQ(moved, DateTime(local_days(year(2024) / 4 / 17) + hours(14) + minutes(45) +
                              seconds(30) + milliseconds(500)));
    EXPECT_EQ(back, DateTime(local_days(year(2024) / 2 / 29) + hours(13) + minutes(45) +
                             seconds(30)));  // a leap year
    EXPECT_EQ(day, Date(year(2024) / 4 / 15));
    // As a filter: users created within two days of user 1.
    auto near = conn.execute(select(func::count(users.id))
                                 .where(users.created_at <= epoch_ + days(0) &&
                                        users.created_at + Interval{.days = 2} > epoch_ + days(1)))
                    .scalar();
    EXPECT_EQ(near, 1);
    // A date moves by whole days: a time of day is refused, not dropped.
    EXPECT_THROW((void)(cast<Date>(users.created_at) + Interval{.time = hours(1)}), ArgumentError);
}

TEST_P(TypedFunctionsTest, the_time_between_two_timestamps_is_an_interval) {
    auto conn = engine_.connect();
    // users.created_at of user 1 is 2024-03-15 13:45:30; epoch_ is that moment too.
    auto later = users.created_at + Interval{.days = 2, .time = hours(1) + 500ms};
    auto forward = later - users.created_at;
    expect_type<Expr<Interval>>(forward);
    auto [ahead, behind, month, since] =
        conn.execute(select(forward, users.created_at - later,
                            (users.created_at + Interval{.months = 1}) - users.created_at,
                            users.created_at - (epoch_ - days(3)))
                         .where(users.id == 1))
            .one();
    EXPECT_EQ(ahead, (Interval{.days = 2, .time = hours(1) + 500ms}));
    EXPECT_EQ(behind, (Interval{.days = -2, .time = -(hours(1) + 500ms)}));
    EXPECT_EQ(month, (Interval{.days = 31}));  // a month later, counted in days
    EXPECT_EQ(since, (Interval{.days = 3}));
}

}  // namespace
}  // namespace retort::testing
