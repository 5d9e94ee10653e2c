// Golden SQL: each construct as PostgreSQL and SQLite spell it, values as parameters.
#include <gtest/gtest.h>

#include <retort/dialects/postgresql/driver.hpp>
#include <retort/dialects/sqlite/driver.hpp>
#include <retort/retort.hpp>

namespace retort {
namespace {

struct Schema {
    MetaData metadata;
    Table users{"users",
                metadata,
                Column("id", type::Integer(), primary_key),
                Column("username", type::String(50), not_null, unique),
                Column("email", type::String(100)),
                Column("is_active", type::Boolean())};
    Table posts{"posts",
                metadata,
                Column("id", type::Integer(), primary_key),
                Column("title", type::String(200)),
                Column("user_id", type::Integer(), ForeignKey("users.id")),
                Column("created_at", type::DateTime())};
};

std::string pg(const Executable& statement) {
    return postgresql::dialect().compile(statement).sql;
}
std::string lite(const Executable& statement) {
    return sqlite::dialect().compile(statement).sql;
}

TEST(Compiler, select_with_where_binds_every_value) {
    Schema s;
    auto stmt = select(s.users.c("id"), s.users.c("username"))
                    .where(s.users.c("is_active") == true && s.users.c("username").like("j%"));
    EXPECT_EQ(pg(stmt),
              "SELECT users.id, users.username FROM users WHERE users.is_active = $1 AND "
              "users.username LIKE $2");
    EXPECT_EQ(lite(stmt),
              "SELECT users.id, users.username FROM users WHERE users.is_active = ?1 AND "
              "users.username LIKE ?2");
    auto compiled = postgresql::dialect().compile(stmt);
    ASSERT_EQ(compiled.binds.size(), 2u);
    EXPECT_EQ(*compiled.binds[0].value, Value{true});
    EXPECT_EQ(*compiled.binds[1].value, Value{std::string("j%")});
}

TEST(Compiler, boolean_logic_is_parenthesised_by_precedence) {
    Schema s;
    auto u = s.users;
    auto stmt = select(u.c("id")).where(
        and_({u.c("is_active") == true,
              or_({u.c("username").like("j%"), u.c("email").like("%@gmail.com")}),
              not_(u.c("username") == "admin")}));
    EXPECT_EQ(
        pg(stmt),
        "SELECT users.id FROM users WHERE users.is_active = $1 AND (users.username LIKE $2 OR "
        "users.email LIKE $3) AND NOT users.username = $4");
    EXPECT_EQ(pg(select(u.c("id")).where((u.c("id") + 1) * 2 > 3 - (u.c("id") - 1))),
              "SELECT users.id FROM users WHERE (users.id + $1) * $2 > $3 - (users.id - $4)");
}

TEST(Compiler, null_comparisons_become_is_null) {
    Schema s;
    EXPECT_EQ(pg(select(s.users.c("id")).where(s.users.c("email") == null)),
              "SELECT users.id FROM users WHERE users.email IS NULL");
    EXPECT_EQ(pg(select(s.users.c("id")).where(s.users.c("email") != std::nullopt)),
              "SELECT users.id FROM users WHERE users.email IS NOT NULL");
}

TEST(Compiler, in_lists_and_empty_in) {
    Schema s;
    auto id = s.users.c("id");
    EXPECT_EQ(pg(select(id).where(id.in_({1, 2, 3}))),
              "SELECT users.id FROM users WHERE users.id IN ($1, $2, $3)");
    EXPECT_EQ(pg(select(id).where(id.in_({}))), "SELECT users.id FROM users WHERE 1 = 0");
    EXPECT_EQ(pg(select(id).where(id.not_in({}))), "SELECT users.id FROM users WHERE 1 = 1");
}

TEST(Compiler, ilike_is_emulated_on_sqlite) {
    Schema s;
    auto stmt = select(s.users.c("id")).where(s.users.c("email").ilike("%@EXAMPLE.com"));
    EXPECT_EQ(pg(stmt), "SELECT users.id FROM users WHERE users.email ILIKE $1");
    EXPECT_EQ(lite(stmt), "SELECT users.id FROM users WHERE lower(users.email) LIKE lower(?1)");
}

TEST(Compiler, startswith_escapes_wildcards_in_the_value) {
    Schema s;
    auto compiled = postgresql::dialect().compile(
        select(s.users.c("id")).where(s.users.c("username").startswith("50%_off")));
    EXPECT_EQ(compiled.sql, "SELECT users.id FROM users WHERE users.username LIKE $1 ESCAPE '/'");
    EXPECT_EQ(*compiled.binds[0].value, Value{std::string("50/%/_off%")});
}

TEST(Compiler, join_infers_the_on_clause_from_the_foreign_key) {
    Schema s;
    auto stmt = select(s.users.c("username"), func::count(s.posts.c("id")).label("post_count"))
                    .join(s.posts)
                    .group_by({s.users.c("username")})
                    .order_by({column("post_count").desc()})
                    .limit(5);
    EXPECT_EQ(pg(stmt),
              "SELECT users.username, count(posts.id) AS post_count FROM users JOIN posts ON "
              "posts.user_id = "
              "users.id GROUP BY users.username ORDER BY post_count DESC LIMIT $1");
}

TEST(Compiler, offset_without_limit_on_sqlite) {
    Schema s;
    auto stmt = select(s.users.c("id")).offset(10);
    EXPECT_EQ(pg(stmt), "SELECT users.id FROM users OFFSET $1");
    EXPECT_EQ(lite(stmt), "SELECT users.id FROM users LIMIT -1 OFFSET ?1");
}

TEST(Compiler, correlated_subquery_leaves_the_outer_table_out) {
    Schema s;
    auto count =
        scalar_subquery(select(func::count()).where(s.posts.c("user_id") == s.users.c("id")));
    EXPECT_EQ(pg(select(s.users.c("username"), count.label("n"))),
              "SELECT users.username, (SELECT count(*) FROM posts WHERE posts.user_id = users.id) "
              "AS n FROM users");
    EXPECT_EQ(pg(select(s.users.c("id"))
                     .where(exists(
                         select(s.posts.c("id")).where(s.posts.c("user_id") == s.users.c("id"))))),
              "SELECT users.id FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE "
              "posts.user_id = users.id)");
}

TEST(Compiler, insert_update_delete_with_returning) {
    Schema s;
    EXPECT_EQ(pg(insert(s.users)
                     .values({{"username", "ann"}, {"email", "a@x"}})
                     .returning({s.users.c("id")})),
              "INSERT INTO users (username, email) VALUES ($1, $2) RETURNING id");
    EXPECT_EQ(lite(insert(s.users).values_many({{{"username", "a"}}, {{"username", "b"}}})),
              "INSERT INTO users (username) VALUES (?1), (?2)");
    EXPECT_EQ(pg(update(s.users)
                     .values({{"is_active", false}})
                     .where(s.users.c("email").like("%@old.com"))),
              "UPDATE users SET is_active = $1 WHERE users.email LIKE $2");
    EXPECT_EQ(pg(delete_(s.users).where(s.users.c("id") == 3).returning({s.users.c("username")})),
              "DELETE FROM users WHERE users.id = $1 RETURNING username");
}

TEST(Compiler, identifiers_are_quoted_when_they_must_be) {
    MetaData metadata;
    Table odd("order", metadata, Column("select", type::Integer(), primary_key),
              Column("Mixed Case", type::Text()), Column("quote\"d", type::Text()));
    EXPECT_EQ(pg(select(odd.c("select"), odd.c("Mixed Case"), odd.c("quote\"d"))),
              "SELECT \"order\".\"select\", \"order\".\"Mixed Case\", \"order\".\"quote\"\"d\" "
              "FROM \"order\"");
}

TEST(Compiler, case_cast_coalesce_and_portable_functions) {
    Schema s;
    auto n = func::count(s.posts.c("id"));
    auto category =
        case_({{n > 10, literal("Prolific")}, {n > 0, literal("Beginner")}}, literal("Inactive"));
    EXPECT_EQ(pg(select(category.label("category"))),
              "SELECT CASE WHEN count(posts.id) > $1 THEN $2 WHEN count(posts.id) > $3 THEN $4 "
              "ELSE $5 END AS "
              "category FROM posts");
    EXPECT_EQ(pg(select(cast(s.users.c("id"), type::Text()),
                        func::coalesce({s.users.c("email"), literal("-")}))),
              "SELECT CAST(users.id AS TEXT), coalesce(users.email, $1) FROM users");
    EXPECT_EQ(pg(select(func::date_trunc("month", s.posts.c("created_at")))),
              "SELECT date_trunc('month', posts.created_at) FROM posts");
    EXPECT_EQ(lite(select(func::date_trunc("month", s.posts.c("created_at")))),
              "SELECT strftime('%Y-%m-01 00:00:00', posts.created_at) FROM posts");
    EXPECT_EQ(lite(select(func::extract("year", s.posts.c("created_at")))),
              "SELECT CAST(strftime('%Y', posts.created_at) AS INTEGER) FROM posts");
    EXPECT_THROW(func::date_trunc("month'; DROP TABLE x; --", s.posts.c("created_at")),
                 ArgumentError);
}

TEST(Compiler, typed_functions_are_spelled_by_each_dialect) {
    Schema s;
    Expr<std::string> name(s.users.c("username"));
    Expr<std::int64_t> id(s.users.c("id"));
    Expr<DateTime> created(s.posts.c("created_at"));
    auto both = [](const Select& statement, const std::string& postgres,
                   const std::string& sqlite) {
        EXPECT_EQ(pg(statement), postgres);
        EXPECT_EQ(lite(statement), sqlite);
    };
    both(select(func::left(name, 2), func::right(name, 3)),
         "SELECT left(users.username, $1), right(users.username, $2) FROM users",
         "SELECT substr(users.username, 1, ?1), substr(users.username, -(?2), ?2) FROM users");
    both(select(func::trim(name, "x"), func::char_length(name), func::string_agg(name, ",")),
         "SELECT btrim(users.username, $1), char_length(users.username), "
         "string_agg(users.username, $2) FROM users",
         "SELECT trim(users.username, ?1), length(users.username), "
         "group_concat(users.username, ?2) FROM users");
    both(select(func::greatest(id, 3), func::least(id, 3), func::round(cast<double>(id), 2)),
         "SELECT greatest(users.id, $1), least(users.id, $2), round(CAST(CAST(users.id AS DOUBLE "
         "PRECISION) AS NUMERIC), $3) FROM users",
         "SELECT max(users.id, ?1), min(users.id, ?2), round(CAST(users.id AS DOUBLE PRECISION), "
         "?3) FROM users");
    both(select(func::extract("year", created)),
         "SELECT CAST(floor(EXTRACT(year FROM posts.created_at)) AS BIGINT) FROM posts",
         "SELECT CAST(strftime('%Y', posts.created_at) AS INTEGER) FROM posts");
    both(select(id).where(tuple_(id, name).in_({{1, "a"}, {2, "b"}})),
         "SELECT users.id FROM users WHERE (users.id, users.username) IN (($1, $2), ($3, $4))",
         "SELECT users.id FROM users WHERE (users.id, users.username) IN ((?1, ?2), (?3, ?4))");
    auto category = case_(when(id > 10, "many")).else_("few");
    auto labelled = category.label("c");
    both(select(labelled).order_by({labelled}),
         "SELECT CASE WHEN users.id > $1 THEN $2 ELSE $3 END AS c FROM users ORDER BY c",
         "SELECT CASE WHEN users.id > ?1 THEN ?2 ELSE ?3 END AS c FROM users ORDER BY c");
    EXPECT_THROW(sql::portable_call("pg_sleep", {}), ArgumentError);
}

TEST(Compiler, a_label_outside_its_select_list_is_its_expression_or_in_order_by_its_name) {
    Schema s;
    auto total = (s.users.c("id") + 1).label("total");
    EXPECT_EQ(pg(select(total).where(total * 2 > 4).order_by({total.desc()})),
              "SELECT users.id + $1 AS total FROM users WHERE (users.id + $2) * $3 > $4 ORDER BY "
              "total DESC");
    // Not in this select list, or inside an expression: the expression, not the name.
    EXPECT_EQ(pg(select(s.users.c("id")).order_by({total.desc()})),
              "SELECT users.id FROM users ORDER BY (users.id + $1) DESC");
    EXPECT_EQ(pg(select(total).order_by({-total})),
              "SELECT users.id + $1 AS total FROM users ORDER BY -(users.id + $2)");
}

TEST(Compiler, named_bindparams_are_reused_by_name) {
    Schema s;
    auto compiled = postgresql::dialect().compile(
        select(s.users.c("id"))
            .where(s.users.c("id") == bindparam("x") || s.users.c("id") > bindparam("x")));
    EXPECT_EQ(compiled.sql, "SELECT users.id FROM users WHERE users.id = $1 OR users.id > $1");
    ASSERT_EQ(compiled.binds.size(), 1u);
    EXPECT_EQ(compiled.binds[0].name, "x");
}

TEST(Compiler, to_string_lists_parameters_separately) {
    Schema s;
    EXPECT_EQ(select(s.users.c("id")).where(s.users.c("username") == "o'brien").to_string(),
              "SELECT users.id FROM users WHERE users.username = $1\n[parameters: 'o'brien']");
}

TEST(Ddl, create_table_with_constraints_in_each_dialect) {
    MetaData metadata;
    Table users("users", metadata, Column("id", type::Integer(), primary_key),
                Column("username", type::String(50), unique, not_null),
                Column("created_at", type::DateTime(), server_default(func::now())));
    Table posts("posts", metadata, Column("id", type::BigInteger(), primary_key),
                Column("user_id", type::Integer(), not_null,
                       ForeignKey("users.id", {.on_delete = ReferentialAction::cascade})),
                Column("price", type::Numeric(10, 2)),
                CheckConstraint{column("price") >= 0, "price_positive"},
                Index{"ix_posts_user_price", {"user_id", "price"}, {}, false, column("price") > 0});
    EXPECT_EQ(
        create_table_ddl(users.definition(), postgresql::dialect())[0],
        "CREATE TABLE users (\n\tid INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n\tusername "
        "VARCHAR(50) NOT NULL,\n\tcreated_at TIMESTAMP WITHOUT TIME ZONE DEFAULT "
        "(now()),\n\tCONSTRAINT pk_users "
        "PRIMARY KEY (id),\n\tCONSTRAINT uq_users_username UNIQUE (username)\n)");
    auto ddl = create_table_ddl(posts.definition(), sqlite::dialect());
    EXPECT_EQ(
        ddl[0],
        "CREATE TABLE posts (\n\tid INTEGER NOT NULL,\n\tuser_id INTEGER NOT NULL,\n\tprice "
        "NUMERIC(10, 2),\n\t"
        "CONSTRAINT pk_posts PRIMARY KEY (id),\n\tCONSTRAINT price_positive CHECK (price >= "
        "0),\n\tCONSTRAINT "
        "fk_posts_user_id_users FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE\n)");
    EXPECT_EQ(ddl[1], "CREATE INDEX ix_posts_user_price ON posts (user_id, price) WHERE price > 0");
}

TEST(Ddl, mistakes_in_a_table_are_named) {
    MetaData metadata;
    EXPECT_THROW(Table("t", metadata, Column("a", type::Integer()), Column("a", type::Text())),
                 ArgumentError);
    EXPECT_THROW(Table("u", metadata, Column("a", type::Integer(), primary_key),
                       PrimaryKeyConstraint{{"b"}}),
                 ArgumentError);
    EXPECT_THROW(Table("v", metadata, Column("a", type::Integer()), UniqueConstraint{{"nope"}}),
                 ArgumentError);
    Table w("w", metadata, Column("a", type::Integer()));
    EXPECT_THROW(Table("w", metadata, Column("a", type::Integer())), ArgumentError);
    EXPECT_THROW(w.c("missing"), ArgumentError);
}

TEST(Ddl, sorted_tables_put_referred_tables_first) {
    MetaData metadata;
    Table c("c", metadata, Column("id", type::Integer(), primary_key),
            Column("b_id", type::Integer(), ForeignKey("b.id")));
    Table b("b", metadata, Column("id", type::Integer(), primary_key),
            Column("a_id", type::Integer(), ForeignKey("a.id")));
    Table a("a", metadata, Column("id", type::Integer(), primary_key));
    auto sorted = metadata.sorted_tables();
    ASSERT_EQ(sorted.size(), 3u);
    EXPECT_EQ(sorted[0]->name, "a");
    EXPECT_EQ(sorted[1]->name, "b");
    EXPECT_EQ(sorted[2]->name, "c");
}

TEST(Compiler, upsert_in_both_dialects) {
    Schema s;
    auto stmt = insert(s.users)
                    .values({{"username", "ann"}, {"email", "a@x"}})
                    .on_conflict_do_update({"username"}, {{"email", excluded("email")}},
                                           s.users.c("is_active") == true);
    EXPECT_EQ(pg(stmt),
              "INSERT INTO users (username, email) VALUES ($1, $2) ON CONFLICT (username) DO "
              "UPDATE SET email = "
              "excluded.email WHERE users.is_active = $3");
    EXPECT_EQ(lite(insert(s.users).values({{"username", "ann"}}).on_conflict_do_nothing()),
              "INSERT INTO users (username) VALUES (?1) ON CONFLICT DO NOTHING");
}

TEST(Compiler, recursive_cte_and_window_functions_in_both_dialects) {
    Schema s;
    auto anchor = select(s.users.c("id")).where(s.users.c("id") == 1).cte("chain", true);
    auto chain = anchor.union_all(select(s.posts.c("id"))
                                      .select_from(s.posts)
                                      .join(anchor, s.posts.c("user_id") == anchor.c("id")));
    auto stmt = select(chain.c("id"));
    EXPECT_EQ(lite(stmt),
              "WITH RECURSIVE chain(id) AS (SELECT users.id FROM users WHERE users.id = ?1 UNION "
              "ALL SELECT posts.id "
              "FROM posts JOIN chain ON posts.user_id = chain.id) SELECT chain.id FROM chain");
    auto ranked = select(s.posts.c("id"),
                         func::rank().over({.partition_by = {s.posts.c("user_id")},
                                            .order_by = {s.posts.c("created_at").desc()},
                                            .frame = Frame{false, FrameBound{-2}, FrameBound{}}}));
    EXPECT_EQ(pg(ranked),
              "SELECT posts.id, rank() OVER (PARTITION BY posts.user_id ORDER BY posts.created_at "
              "DESC RANGE BETWEEN 2 "
              "PRECEDING AND UNBOUNDED FOLLOWING) FROM posts");
}

TEST(Compiler, locking_and_distinct_from_per_dialect) {
    Schema s;
    auto stmt = select(s.users.c("id"))
                    .where(s.users.c("email").is_distinct_from(null))
                    .for_update({.nowait = true, .of = {s.users}});
    EXPECT_EQ(pg(stmt),
              "SELECT users.id FROM users WHERE users.email IS DISTINCT FROM NULL FOR UPDATE OF "
              "users NOWAIT");
    EXPECT_EQ(lite(stmt), "SELECT users.id FROM users WHERE users.email IS DISTINCT FROM NULL");
    EXPECT_EQ(pg(update(s.posts)
                     .values({{"title", "x"}})
                     .from(s.users)
                     .where(s.users.c("id") == s.posts.c("user_id"))),
              "UPDATE posts SET title = $1 FROM users WHERE users.id = posts.user_id");
    EXPECT_THROW(
        lite(delete_(s.posts).using_(s.users).where(s.users.c("id") == s.posts.c("user_id"))),
        NotSupportedError);
}

TEST(Compiler, builders_leave_a_named_statement_unchanged) {
    Schema s;
    auto base = select(s.users.c("id")).where(s.users.c("is_active") == true);
    auto by_name = base.where(s.users.c("username") == "ann");
    auto by_email = base.where(s.users.c("email") == "a@x").limit(1);
    EXPECT_EQ(pg(base), "SELECT users.id FROM users WHERE users.is_active = $1");
    EXPECT_EQ(pg(by_name),
              "SELECT users.id FROM users WHERE users.is_active = $1 AND users.username = $2");
    EXPECT_EQ(
        pg(by_email),
        "SELECT users.id FROM users WHERE users.is_active = $1 AND users.email = $2 LIMIT $3");
    const Select& shared = by_name;
    auto copy = Select(shared).order_by({s.users.c("id")});  // a temporary sharing its node: copied
    EXPECT_EQ(pg(by_name),
              "SELECT users.id FROM users WHERE users.is_active = $1 AND users.username = $2");
    EXPECT_EQ(pg(copy),
              "SELECT users.id FROM users WHERE users.is_active = $1 AND users.username = $2 ORDER "
              "BY users.id");
}

TEST(Compiler, update_and_delete_subqueries_correlate_with_the_target_row) {
    Schema s;
    auto has_posts = exists(select(s.posts.c("id")).where(s.posts.c("user_id") == s.users.c("id")));
    EXPECT_EQ(pg(delete_(s.users).where(has_posts)),
              "DELETE FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = "
              "users.id)");
    EXPECT_EQ(pg(update(s.users).values({{"is_active", false}}).where(!has_posts)),
              "UPDATE users SET is_active = $1 WHERE NOT EXISTS (SELECT posts.id FROM posts WHERE "
              "posts.user_id = users.id)");
}

TEST(Compiler, order_by_subqueries_correlate_and_from_subqueries_do_not) {
    Schema s;
    auto n = scalar_subquery(select(func::count()).where(s.posts.c("user_id") == s.users.c("id")));
    EXPECT_EQ(pg(select(s.users.c("id")).order_by({n.desc()})),
              "SELECT users.id FROM users ORDER BY (SELECT count(*) FROM posts WHERE posts.user_id "
              "= users.id) DESC");
}

TEST(Compiler, an_ordering_keeps_its_direction_on_another_sort_key) {
    Schema s;
    auto ordering = s.users.c("username").desc().nulls_last();
    auto page = select(s.users.c("id"), ordering.sort_key().label("k")).subquery("page");
    EXPECT_EQ(pg(select(page.c("id")).order_by({ordering.with_sort_key(page.c("k"))})),
              "SELECT page.id FROM (SELECT users.id, users.username AS k FROM users) AS page "
              "ORDER BY page.k DESC NULLS LAST");
    EXPECT_EQ(pg(select(page.c("id")).order_by({s.users.c("id").with_sort_key(page.c("k"))})),
              "SELECT page.id FROM (SELECT users.id, users.username AS k FROM users) AS page "
              "ORDER BY page.k");
}

TEST(Compiler, precedence_corner_cases) {
    Schema s;
    auto id = s.users.c("id");
    EXPECT_EQ(pg(select(id).order_by({id.desc().nulls_last()})),
              "SELECT users.id FROM users ORDER BY users.id DESC NULLS LAST");
    EXPECT_EQ(pg(select(id).where((id == 1) == true)),
              "SELECT users.id FROM users WHERE (users.id = $1) = $2");
    EXPECT_EQ(lite(select(func::concat({id + 1, literal("x")}))),
              "SELECT (users.id + ?1) || ?2 FROM users");
    EXPECT_EQ(pg(select(-(-id))), "SELECT -(-users.id) FROM users");
}

TEST(Compiler, a_union_member_with_its_own_limit_is_refused) {
    Schema s;
    auto stmt = select(s.users.c("id")).union_(select(s.posts.c("id")).limit(1));
    EXPECT_THROW(pg(stmt), ArgumentError);
}

TEST(Ddl, operator_classes_and_literals_cannot_inject) {
    MetaData metadata;
    Index bad{"ix_bad", {"name"}};
    bad.operator_classes = {"text_pattern_ops); DROP TABLE users; --"};
    Table t("t", metadata, Column("id", type::Integer(), primary_key), Column("name", type::Text()),
            Column("doc", type::Json(), server_default(literal(Json(R"({"n":"O'Brien"})")))), bad);
    EXPECT_THROW(create_table_ddl(t.definition(), postgresql::dialect()), ArgumentError);
    MetaData other;
    Table u("u", other, Column("id", type::Integer(), primary_key),
            Column("doc", type::Json(), server_default(literal(Json(R"({"n":"O'Brien"})")))));
    EXPECT_NE(create_table_ddl(u.definition(), postgresql::dialect())[0].find(
                  R"(DEFAULT ('{"n":"O''Brien"}'))"),
              std::string::npos);
}

TEST(Compiler, text_fragments_keep_their_literals_and_chained_ctes_come_in_order) {
    Schema s;
    EXPECT_EQ(
        lite(select(s.users.c("id")).where(text_expr(text("label = '$1.99' AND users.id = :id")))),
        "SELECT users.id FROM users WHERE label = '$1.99' AND users.id = ?1");
    auto c1 = select(s.users.c("id")).cte("c1");
    auto c2 = select(c1.c("id"), func::count().label("n")).group_by({c1.c("id")}).cte("c2");
    EXPECT_EQ(pg(select(c2.c("id"))),
              "WITH c1(id) AS (SELECT users.id FROM users), c2(id, n) AS (SELECT c1.id, count(*) "
              "AS n FROM c1 GROUP BY "
              "c1.id) SELECT c2.id FROM c2");
    auto unnamed = select(s.users.c("id"), func::count()).group_by({s.users.c("id")}).cte("u");
    EXPECT_EQ(
        pg(select(unnamed.c("id"))),
        "WITH u AS (SELECT users.id, count(*) FROM users GROUP BY users.id) SELECT u.id FROM u");
}

}  // namespace
}  // namespace retort

namespace retort {
namespace {

TEST(Compiler, operators_on_documents_are_spelled_by_the_dialect_or_refused_by_name) {
    MetaData metadata;
    Table events("events", metadata, Column("id", type::Integer(), primary_key),
                 Column("data", type::Jsonb()));
    const Expr<Json> data(events.c("data"));
    auto by_name = select(events.c("id")).where(data["name"].astext() == "x");
    EXPECT_EQ(pg(by_name), "SELECT events.id FROM events WHERE events.data ->> $1 = $2");
    EXPECT_EQ(lite(by_name), "SELECT events.id FROM events WHERE events.data ->> ?1 = ?2");

    auto containing = select(events.c("id")).where(data.contains(Json(R"({"a":1})")));
    EXPECT_EQ(pg(containing), "SELECT events.id FROM events WHERE events.data @> $1");
    try {
        (void)lite(containing);
        FAIL() << "SQLite was given PostgreSQL's @>";
    } catch (const NotSupportedError& error) {
        EXPECT_EQ(std::string(error.what()), "the sqlite dialect has no SQL for contains()");
    }
    // Printing uses PostgreSQL's spelling.
    EXPECT_NE(containing.to_string().find("events.data @> $1"), std::string::npos);
}

}  // namespace
}  // namespace retort

namespace retort {
namespace {

TEST(StatementCache, a_statement_executed_again_keeps_its_sql_and_a_changed_one_does_not) {
    Schema s;
    const auto& dialect = postgresql::dialect();
    auto statement = select(s.users.c("id")).where(s.users.c("id") == bindparam("id"));
    {
        auto first = dialect.compile_cached(statement);
        auto again = dialect.compile_cached(statement);
        EXPECT_EQ(again.sql, first.sql);      // the very text remembered, not compiled again
        EXPECT_EQ(again.binds, first.binds);  // shared, not copied
        ASSERT_EQ(again.binds->size(), 1u);
        EXPECT_EQ((*again.binds)[0].name, "id");
    }
    // Each dialect keeps its own spelling.
    EXPECT_EQ(*sqlite::dialect().compile_cached(statement).sql,
              "SELECT users.id FROM users WHERE users.id = ?1");
    EXPECT_EQ(*dialect.compile_cached(statement).sql,
              "SELECT users.id FROM users WHERE users.id = $1");
    // A copy changed by a builder compiles to its own SQL; so does the statement itself when
    // a builder changes it in place (it is the temporary's only owner).
    auto narrower = statement.where(s.users.c("is_active") == true);
    EXPECT_EQ(*dialect.compile_cached(narrower).sql,
              "SELECT users.id FROM users WHERE users.id = $1 AND users.is_active = $2");
    EXPECT_EQ(*dialect.compile_cached(statement).sql,
              "SELECT users.id FROM users WHERE users.id = $1");
    const void* node = statement.statement_node().get();
    auto moved = std::move(statement).where(s.users.c("email") == "x");
    EXPECT_EQ(moved.statement_node().get(), node);  // changed in place
    EXPECT_EQ(*dialect.compile_cached(moved).sql,
              "SELECT users.id FROM users WHERE users.id = $1 AND users.email = $2");
    ASSERT_EQ(dialect.compile_cached(moved).binds->size(), 2u);
    EXPECT_EQ(*(*dialect.compile_cached(moved).binds)[1].value, Value("x"));
}

}  // namespace
}  // namespace retort

namespace retort {
namespace {

TEST(RowWrites, a_many_row_update_casts_its_arrays_without_cutting_values_short) {
    const SqlType code = type::CustomType("CHAR(3)"), flags = type::CustomType("BIT(8)"),
                  name = type::String(20), amount = type::Numeric(10, 2), key = type::BigInteger();
    sql::KeyedUpdate update{
        .table = {.name = "items"},
        .set = {{"code", &code}, {"flags", &flags}, {"name", &name}, {"amount", &amount}},
        .key = {{"id", &key}},
        .rows = 3,
        .column_arrays = true};
    // A length would cut each value to it (CHAR alone is CHAR(1)): none is given, and CHAR
    // and BIT become their unbounded forms.
    EXPECT_EQ(postgresql::dialect().keyed_update_sql(update),
              "UPDATE items AS retort_target SET code = retort_rows.p0, flags = retort_rows.p1, "
              "name = retort_rows.p2, amount = retort_rows.p3 FROM unnest($1::BPCHAR[], "
              "$2::VARBIT[], $3::VARCHAR[], $4::NUMERIC[], $5::BIGINT[]) AS retort_rows (p0, p1, "
              "p2, p3, p4) WHERE retort_target.id = retort_rows.p4");
    EXPECT_THROW(sqlite::dialect().keyed_update_sql(update), NotSupportedError);
}

}  // namespace
}  // namespace retort
