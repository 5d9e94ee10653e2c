// The seed's schemas and its "Advanced Querying" sections, written with the Core API and run on
// both backends with the results asserted.
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using namespace std::chrono;

struct BlogSchema {
    MetaData metadata;
    Table users{"users",
                metadata,
                Column("id", type::Integer(), primary_key),
                Column("username", type::String(50), unique, not_null),
                Column("email", type::String(100), unique, not_null),
                Column("password_hash", type::String(128), not_null, server_default("'x'")),
                Column("is_active", type::Boolean(), server_default(literal(true))),
                Column("created_at", type::DateTime())};
    Table posts{"posts",
                metadata,
                Column("id", type::Integer(), primary_key),
                Column("title", type::String(200), not_null),
                Column("content", type::Text(), not_null),
                Column("user_id", type::Integer(),
                       ForeignKey("users.id", {.on_delete = ReferentialAction::cascade}), not_null),
                Column("is_published", type::Boolean(), server_default(literal(false))),
                Column("created_at", type::DateTime()),
                Index{"ix_posts_user_created", {"user_id", "created_at"}}};
    Table tags{"tags", metadata, Column("id", type::Integer(), primary_key),
               Column("name", type::String(50), unique, not_null)};
    Table post_tag{"post_tag", metadata,
                   Column("post_id", type::Integer(), ForeignKey("posts.id"), primary_key),
                   Column("tag_id", type::Integer(), ForeignKey("tags.id"), primary_key)};
    Table profiles{"profiles", metadata, Column("id", type::Integer(), primary_key),
                   Column("user_id", type::Integer(), ForeignKey("users.id"), unique, not_null),
                   Column("bio", type::Text())};
    Table products{"products",
                   metadata,
                   Column("id", type::Integer(), primary_key),
                   Column("name", type::String(100), not_null),
                   Column("sku", type::String(20), not_null),
                   Column("price", type::Numeric(10, 2), not_null),
                   Column("stock", type::Integer(), not_null, server_default(literal(0))),
                   UniqueConstraint{{"sku"}, "uq_product_sku"},
                   CheckConstraint{column("price") > 0, "check_positive_price"},
                   CheckConstraint{column("stock") >= 0, "check_non_negative_stock"},
                   Index{"ix_product_name_price", {"name", "price"}}};
};

class SeedQueriesTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_ = make_engine();
        schema_.metadata.create_all(engine_);
        auto conn = engine_.connect();
        auto u = schema_.users;
        DateTime now = utc_now();
        struct Person {
            int id;
            const char* username;
            const char* email;
            bool active;
        };
        for (Person p :
             {Person{1, "johndoe", "john@example.com", true},
              Person{2, "janedoe", "jane@gmail.com", true},
              Person{3, "admin", "admin@gmail.com", true}, Person{4, "bob", "bob@gmail.com", false},
              Person{5, "carol", "carol@example.com", true},
              Person{6, "jim", "jim@old.com", true}}) {
            // No explicit ids: the database numbers them 1..6 in this order.
            conn.execute(insert(u).values({{"username", p.username},
                                           {"email", p.email},
                                           {"is_active", p.active},
                                           {"created_at", now - days(p.id)}}));
        }
        // Posts: john 12, jane 6, carol 1, jim 0; the newest post of each author is titled
        // "latest".
        int id = 0;
        std::vector<std::vector<Assignment>> rows;
        for (auto [user, count] : {std::pair{1, 12}, std::pair{2, 6}, std::pair{5, 1}}) {
            for (int i = 0; i < count; ++i) {
                ++id;
                rows.push_back(
                    {{"title", i == 0 ? std::string("latest") : "post " + std::to_string(id)},
                     {"content", "text"},
                     {"user_id", user},
                     {"is_published", i % 2 == 0},
                     {"created_at", now - days(i * 10)}});
            }
        }
        conn.execute(insert(schema_.posts).values_many(rows));
        conn.commit();
    }
    void TearDown() override {
        schema_.metadata.drop_all(engine_);
        for (const auto* table : schema_.metadata.sorted_tables())
            EXPECT_FALSE(engine_.has_table(table->name, table->schema)) << table->name;
    }

    BlogSchema schema_;
    Engine engine_ = create_engine("sqlite://");
};
RETORT_ON_BOTH_BACKENDS(SeedQueriesTest);

TEST_P(SeedQueriesTest, complex_filtering_with_and_or_not) {
    auto u = schema_.users;
    auto conn = engine_.connect();
    auto with_functions =
        select(u.c("username"))
            .where(and_({u.c("is_active") == true,
                         or_({u.c("username").like("j%"), u.c("email").like("%@gmail.com")}),
                         not_(u.c("username") == "admin")}))
            .order_by({u.c("username")});
    auto names = conn.execute(with_functions).scalars<std::string>();
    EXPECT_EQ(names, (std::vector<std::string>{"janedoe", "jim", "johndoe"}));
    auto with_operators =
        select(u.c("username"))
            .where((u.c("is_active") == true) &&
                   (u.c("username").like("j%") || u.c("email").like("%@gmail.com")) &&
                   !(u.c("username") == "admin"))
            .order_by({u.c("username")});
    EXPECT_EQ(conn.execute(with_operators).scalars<std::string>(), names);
}

TEST_P(SeedQueriesTest, counting_users_by_status) {
    auto u = schema_.users;
    auto rows = engine_.connect()
                    .execute(select(u.c("is_active"), func::count(u.c("id")).label("user_count"))
                                 .group_by({u.c("is_active")})
                                 .order_by({u.c("is_active")}))
                    .all<bool, std::int64_t>();
    EXPECT_EQ(rows, (std::vector<std::tuple<bool, std::int64_t>>{{false, 1}, {true, 5}}));
}

TEST_P(SeedQueriesTest, top_posters_and_categories) {
    auto u = schema_.users;
    auto p = schema_.posts;
    auto conn = engine_.connect();
    auto top = conn.execute(select(u.c("username"), func::count(p.c("id")).label("post_count"))
                                .join(p)
                                .group_by({u.c("id"), u.c("username")})
                                .order_by({column("post_count").desc()})
                                .limit(5))
                   .all<std::string, std::int64_t>();
    EXPECT_EQ(top, (std::vector<std::tuple<std::string, std::int64_t>>{
                       {"johndoe", 12}, {"janedoe", 6}, {"carol", 1}}));

    auto n = func::count(p.c("id"));
    auto category = case_(
        {{n > 10, literal("Prolific")}, {n > 5, literal("Active")}, {n > 0, literal("Beginner")}},
        literal("Inactive"));
    auto categories = conn.execute(select(u.c("username"), category.label("category"))
                                       .outerjoin(p)
                                       .group_by({u.c("username")})
                                       .order_by({u.c("username")}))
                          .all<std::string, std::string>();
    EXPECT_EQ(categories,
              (std::vector<std::tuple<std::string, std::string>>{{"admin", "Inactive"},
                                                                 {"bob", "Inactive"},
                                                                 {"carol", "Beginner"},
                                                                 {"janedoe", "Active"},
                                                                 {"jim", "Inactive"},
                                                                 {"johndoe", "Prolific"}}));
}

TEST_P(SeedQueriesTest, subqueries_and_joins) {
    auto u = schema_.users;
    auto p = schema_.posts;
    auto conn = engine_.connect();
    DateTime last_month = utc_now() - days(30);
    // Users who posted in the last month (IN a subquery).
    auto recent =
        conn.execute(select(u.c("username"))
                         .where(u.c("id").in_(
                             select(p.c("user_id")).where(p.c("created_at") >= last_month)))
                         .order_by({u.c("username")}))
            .scalars<std::string>();
    EXPECT_EQ(recent, (std::vector<std::string>{"carol", "janedoe", "johndoe"}));

    // Each user with their most recent post, through a named subquery.
    auto latest = select(p.c("user_id"), func::max(p.c("created_at")).label("max_date"))
                      .group_by({p.c("user_id")})
                      .subquery("most_recent_post");
    auto rows = conn.execute(select(u.c("username"), p.c("title"))
                                 .select_from(u)
                                 .join(latest, u.c("id") == latest.c("user_id"))
                                 .join(p, p.c("user_id") == latest.c("user_id") &&
                                              p.c("created_at") == latest.c("max_date"))
                                 .order_by({u.c("username")}))
                    .all<std::string, std::string>();
    EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::string>>{
                        {"carol", "latest"}, {"janedoe", "latest"}, {"johndoe", "latest"}}));

    // A correlated scalar subquery and EXISTS.
    auto counts =
        conn.execute(
                select(u.c("username"),
                       scalar_subquery(select(func::count()).where(p.c("user_id") == u.c("id")))
                           .label("n"))
                    .where(exists(select(p.c("id")).where(p.c("user_id") == u.c("id"))))
                    .order_by({u.c("username")}))
            .all<std::string, std::int64_t>();
    EXPECT_EQ(counts, (std::vector<std::tuple<std::string, std::int64_t>>{
                          {"carol", 1}, {"janedoe", 6}, {"johndoe", 12}}));
}

TEST_P(SeedQueriesTest, pagination) {
    auto p = schema_.posts;
    auto conn = engine_.connect();
    const std::int64_t per_page = 5;
    auto total = conn.execute(select(func::count()).select_from(p)).scalar<std::int64_t>();
    EXPECT_EQ(total, 19);
    std::vector<std::int64_t> seen;
    for (std::int64_t page = 1; page <= (total + per_page - 1) / per_page; ++page) {
        auto ids = conn.execute(select(p.c("id"))
                                    .order_by({p.c("created_at").desc(), p.c("id")})
                                    .offset((page - 1) * per_page)
                                    .limit(per_page))
                       .scalars<std::int64_t>();
        EXPECT_EQ(ids.size(), page < 4 ? 5u : 4u);
        seen.insert(seen.end(), ids.begin(), ids.end());
    }
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(seen.size(), 19u);
    EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

TEST_P(SeedQueriesTest, update_and_delete_with_returning) {
    auto u = schema_.users;
    auto conn = engine_.connect();
    auto changed = conn.execute(
        update(u).values({{"is_active", false}}).where(u.c("email").like("%@old.com")));
    EXPECT_EQ(changed.rows_affected(), 1);
    auto deleted = conn.execute(delete_(u).where(u.c("username") == "bob").returning({u.c("id")}))
                       .scalars<std::int64_t>();
    EXPECT_EQ(deleted, (std::vector<std::int64_t>{4}));
    auto inserted = conn.execute(insert(u)
                                     .values({{"username", "new"}, {"email", "new@x.org"}})
                                     .returning({u.c("id"), u.c("is_active")}))
                        .one<std::int64_t, bool>();
    EXPECT_GT(std::get<0>(inserted), 6);  // numbered by the database
    EXPECT_TRUE(std::get<1>(inserted));   // the server default
    conn.commit();
}

TEST_P(SeedQueriesTest, constraints_declared_in_the_schema_hold) {
    auto pr = schema_.products;
    auto conn = engine_.connect();
    conn.execute(
        insert(pr).values({{"name", "Laptop"}, {"sku", "LAP-1"}, {"price", Decimal("999.99")}}));
    auto sp = conn.begin_nested();
    EXPECT_THROW(conn.execute(insert(pr).values(
                     {{"name", "Bad"}, {"sku", "BAD"}, {"price", Decimal("-1")}})),
                 IntegrityError);
    sp.rollback();
    auto sp2 = conn.begin_nested();
    EXPECT_THROW(conn.execute(insert(pr).values(
                     {{"name", "Dup"}, {"sku", "LAP-1"}, {"price", Decimal("1")}})),
                 IntegrityError);
    sp2.rollback();
    EXPECT_EQ(conn.execute(select(pr.c("price")).where(pr.c("sku") == "LAP-1")).scalar<Decimal>(),
              Decimal("999.99"));
}

TEST_P(SeedQueriesTest, injection_through_values_and_patterns_is_inert) {
    auto u = schema_.users;
    auto conn = engine_.connect();
    std::string hostile = "x' OR '1'='1";
    EXPECT_TRUE(conn.execute(select(u.c("id")).where(u.c("username") == hostile))
                    .scalars<std::int64_t>()
                    .empty());
    EXPECT_TRUE(conn.execute(select(u.c("id")).where(u.c("username").contains("%")))
                    .scalars<std::int64_t>()
                    .empty());
    EXPECT_EQ(
        conn.execute(
                select(func::count()).select_from(u).where(u.c("email").endswith("@gmail.com")))
            .scalar<std::int64_t>(),
        3);
}

TEST_P(SeedQueriesTest, odd_identifiers_are_quoted) {
    MetaData metadata;
    Table odd("order", metadata, Column("select", type::Integer(), primary_key),
              Column("Mixed Case", type::Text()), Column("it's \"quoted\"", type::Text()));
    metadata.create_all(engine_);
    auto conn = engine_.connect();
    conn.execute(
        insert(odd).values({{"select", 1}, {"Mixed Case", "a"}, {"it's \"quoted\"", "b"}}));
    auto row =
        conn.execute(
                select(odd.c("Mixed Case"), odd.c("it's \"quoted\"")).where(odd.c("select") == 1))
            .one<std::string, std::string>();
    EXPECT_EQ(row, std::make_tuple(std::string("a"), std::string("b")));
    conn.commit();
    metadata.drop_all(engine_);
}

// Reflection must give back what create_all declared: the migration tool diffs on it.
void expect_same_table(const TableDefinition& declared, const TableDefinition& reflected) {
    SCOPED_TRACE("table " + declared.name);
    ASSERT_EQ(declared.columns.size(), reflected.columns.size());
    for (std::size_t i = 0; i < declared.columns.size(); ++i) {
        const Column& d = declared.columns[i];
        const Column& r = reflected.columns[i];
        SCOPED_TRACE("column " + d.name);
        EXPECT_EQ(d.name, r.name);
        EXPECT_EQ(d.type, r.type);
        EXPECT_EQ(d.is_nullable(), r.is_nullable());
        EXPECT_EQ(d.server_default.has_value(), r.server_default.has_value());
    }
    EXPECT_EQ(declared.primary_key.columns, reflected.primary_key.columns);
    EXPECT_EQ(declared.primary_key.name, reflected.primary_key.name);
    auto by_name = [](auto list) {
        std::sort(list.begin(), list.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        return list;
    };
    auto du = by_name(declared.uniques), ru = by_name(reflected.uniques);
    ASSERT_EQ(du.size(), ru.size());
    for (std::size_t i = 0; i < du.size(); ++i) {
        EXPECT_EQ(du[i].name, ru[i].name);
        EXPECT_EQ(du[i].columns, ru[i].columns);
    }
    auto dc = by_name(declared.checks), rc = by_name(reflected.checks);
    ASSERT_EQ(dc.size(), rc.size());
    for (std::size_t i = 0; i < dc.size(); ++i) EXPECT_EQ(dc[i].name, rc[i].name);
    auto df = by_name(declared.foreign_keys), rf = by_name(reflected.foreign_keys);
    ASSERT_EQ(df.size(), rf.size());
    for (std::size_t i = 0; i < df.size(); ++i) {
        EXPECT_EQ(df[i].name, rf[i].name);
        EXPECT_EQ(df[i].columns, rf[i].columns);
        EXPECT_EQ(df[i].referred_table, rf[i].referred_table);
        EXPECT_EQ(df[i].referred_columns, rf[i].referred_columns);
        EXPECT_EQ(df[i].options.on_delete, rf[i].options.on_delete);
    }
    auto di = by_name(declared.indexes), ri = by_name(reflected.indexes);
    ASSERT_EQ(di.size(), ri.size());
    for (std::size_t i = 0; i < di.size(); ++i) {
        EXPECT_EQ(di[i].name, ri[i].name);
        EXPECT_EQ(di[i].columns, ri[i].columns);
        EXPECT_EQ(di[i].unique, ri[i].unique);
        EXPECT_EQ(di[i].where.has_value(), ri[i].where.has_value());
    }
}

TEST_P(SeedQueriesTest, reflected_schema_equals_the_declared_one) {
    auto conn = engine_.connect();
    Inspector inspector(conn);
    std::vector<std::string> names = inspector.table_names();
    EXPECT_EQ(names, (std::vector<std::string>{"post_tag", "posts", "products", "profiles", "tags",
                                               "users"}));
    for (const auto* declared : schema_.metadata.sorted_tables())
        expect_same_table(*declared, inspector.table(declared->name));

    MetaData reflected;
    auto tables = reflected.reflect(engine_);
    ASSERT_EQ(tables.size(), 6u);
    auto users = std::find_if(tables.begin(), tables.end(),
                              [](const Table& t) { return t.name() == "users"; });
    ASSERT_NE(users, tables.end());
    EXPECT_EQ(
        engine_.connect()
            .execute(select(func::count()).select_from(*users).where(users->c("is_active") == true))
            .scalar<std::int64_t>(),
        5);
}

TEST_P(SeedQueriesTest, partial_and_method_indexes_are_reflected) {
    MetaData metadata;
    Table events("events", metadata, Column("id", type::Integer(), primary_key),
                 Column("kind", type::String(20)), Column("done", type::Boolean()),
                 Index{"ix_events_pending", {"kind"}, {}, false, column("done") == false});
    metadata.create_all(engine_);
    auto conn = engine_.connect();
    auto indexes = Inspector(conn).indexes("events");
    ASSERT_EQ(indexes.size(), 1u);
    EXPECT_EQ(indexes[0].name, "ix_events_pending");
    EXPECT_EQ(indexes[0].columns, (std::vector<std::string>{"kind"}));
    ASSERT_TRUE(indexes[0].where.has_value());
    conn.commit();
    metadata.drop_all(engine_);
}

}  // namespace
}  // namespace retort::testing
