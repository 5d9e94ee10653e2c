// session.query() of several entities and columns, on both backends: typed rows, the identity
// map, joins along relationships, outer joins typed std::optional, grouping.
#include "relationship_models.hpp"

namespace retort::testing {
namespace {

using namespace retort::orm;
using namespace relationships;

class MultiQueryTest : public RelationshipTest {
  protected:
    // ann wrote two articles (one published), bob one, cyd none.
    void seed() {
        Session session(engine());
        auto ann = session.add(Author{.username = "ann"});
        auto bob = session.add(Author{.username = "bob"});
        session.add(Author{.username = "cyd"});
        ann->articles.add(make(Article{.title = "a1", .is_published = true}));
        ann->articles.add(make(Article{.title = "a2"}));
        bob->articles.add(make(Article{.title = "b1", .is_published = true}));
        session.commit();
    }
};
RETORT_ON_BOTH_BACKENDS(MultiQueryTest);

TEST_P(MultiQueryTest, two_entities_joined_along_a_relationship_come_back_as_typed_pairs) {
    seed();
    Session session(engine());
    std::vector<std::tuple<Ptr<Author>, Ptr<Article>>> rows =
        session.query(authors, articles).join(authors.articles).order_by(articles.title).all();
    ASSERT_EQ(rows.size(), 3u);
    std::vector<std::string> seen;
    for (const auto& [author, article] : rows)
        seen.push_back(std::as_const(author)->username + "/" + std::as_const(article)->title);
    EXPECT_EQ(seen, (std::vector<std::string>{"ann/a1", "ann/a2", "bob/b1"}));
    // Through the identity map: ann's two rows hold one object, the one get() returns.
    EXPECT_EQ(std::get<0>(rows[0]), std::get<0>(rows[1]));
    EXPECT_EQ(std::get<0>(rows[0]), session.get(authors, std::as_const(std::get<0>(rows[0]))->id));
    EXPECT_EQ(inspect(std::get<1>(rows[2])).state(), ObjectState::persistent);
}

TEST_P(MultiQueryTest, an_entity_with_an_aggregate_over_an_outer_join_counts_zero_for_none) {
    seed();
    Session session(engine());
    auto rows = session.query(authors, func::count(articles.id))
                    .outerjoin(authors.articles)
                    .group_by(authors.id, authors.username)
                    .order_by(authors.username)
                    .all();
    static_assert(
        std::is_same_v<decltype(rows)::value_type, std::tuple<Ptr<Author>, std::int64_t>>);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(std::as_const(std::get<0>(rows[0]))->username, "ann");
    EXPECT_EQ(std::get<1>(rows[0]), 2);
    EXPECT_EQ(std::get<1>(rows[1]), 1);
    EXPECT_EQ(std::as_const(std::get<0>(rows[2]))->username, "cyd");
    EXPECT_EQ(std::get<1>(rows[2]), 0);
}

TEST_P(MultiQueryTest, columns_of_the_outer_joined_side_are_optional_and_its_entity_may_be_null) {
    seed();
    Session session(engine());
    auto rows = session.query(authors.username, articles.title, articles)
                    .outerjoin(authors.articles)
                    .filter(authors.username == "cyd")
                    .all();
    static_assert(
        std::is_same_v<decltype(rows)::value_type,
                       std::tuple<std::string, std::optional<std::string>, Ptr<Article>>>);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(std::get<0>(rows[0]), "cyd");
    EXPECT_EQ(std::get<1>(rows[0]), std::nullopt);
    EXPECT_FALSE(std::get<2>(rows[0]));
}

TEST_P(MultiQueryTest, filters_labels_limits_and_one_shape_the_rows) {
    seed();
    Session session(engine());
    auto published = session.query(articles.title, authors)
                         .join(authors.articles)
                         .filter(articles.is_published == true)
                         .order_by(articles.title.desc())
                         .limit(1)
                         .all();
    ASSERT_EQ(published.size(), 1u);
    EXPECT_EQ(std::get<0>(published[0]), "b1");
    EXPECT_EQ(std::as_const(std::get<1>(published[0]))->username, "bob");

    auto [name, total] = session.query(authors.username, func::count(articles.id).label("total"))
                             .join(authors.articles)
                             .group_by(authors.username)
                             .having(func::count(articles.id) > 1)
                             .one();
    EXPECT_EQ(name, "ann");
    EXPECT_EQ(total, 2);
    EXPECT_FALSE(session.query(authors, articles)
                     .join(authors.articles)
                     .filter(authors.username == "nobody")
                     .first());
    EXPECT_THROW(session.query(authors, articles).join(authors.articles).one(),
                 MultipleResultsFound);
    // A limit the caller set is kept: one row asked for is one row, not "more than one".
    EXPECT_TRUE(session.query(authors, articles).join(authors.articles).limit(1).one_or_none());
}

TEST_P(MultiQueryTest, a_model_joined_on_a_condition_and_an_unjoined_table_are_both_accepted) {
    seed();
    Session session(engine());
    auto joined = session.query(authors, articles)
                      .join(articles, articles.author_id == authors.id)
                      .filter(articles.is_published == true)
                      .order_by(authors.username)
                      .all();
    ASSERT_EQ(joined.size(), 2u);
    EXPECT_EQ(std::as_const(std::get<1>(joined[1]))->title, "b1");
    // No join at all: both tables in FROM, as SQLAlchemy's implicit FROM list does.
    auto crossed = session.query(authors.username, articles.title)
                       .filter(articles.author_id == authors.id)
                       .filter(authors.username == "bob")
                       .all();
    ASSERT_EQ(crossed.size(), 1u);
    EXPECT_EQ(crossed[0], std::make_tuple(std::string("bob"), std::string("b1")));
    // Columns only: the join starts from the first column's table that is not the one joined.
    auto columns = session.query(articles.title, authors.username)
                       .join(articles, articles.author_id == authors.id)
                       .filter(authors.username == "bob")
                       .all();
    EXPECT_EQ(columns, (std::vector<std::tuple<std::string, std::string>>{{"b1", "bob"}}));
}

TEST_P(MultiQueryTest, the_2_0_spelling_selects_entities_and_runs_in_a_session) {
    seed();
    Session session(engine());
    auto statement = select(authors, func::count(articles.id))
                         .outerjoin(authors.articles)
                         .group_by(authors.id, authors.username)
                         .order_by(authors.username);
    std::vector<std::tuple<Ptr<Author>, std::int64_t>> rows = session.execute(statement).all();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(std::get<1>(rows[0]), 2);
    EXPECT_EQ(std::get<1>(rows[2]), 0);
    // The same statement in another session gives that session's objects.
    Session other(engine());
    auto again = other.execute(statement).all();
    EXPECT_NE(std::get<0>(again[0]), std::get<0>(rows[0]));
    EXPECT_EQ(std::as_const(std::get<0>(again[0]))->id, std::as_const(std::get<0>(rows[0]))->id);
    // select(model) alone is still Core's select of the model's columns (which remembers its
    // model for session.scalars()).
    static_assert(std::is_base_of_v<Select, decltype(select(authors))>);
    // A statement not given to a session says where it runs.
    EXPECT_THROW(statement.all(), InvalidRequestError);
}

TEST_P(MultiQueryTest, a_query_of_one_model_joins_another_on_a_condition) {
    seed();
    Session session(engine());
    // SQLAlchemy's query(User).join(Address, User.id == Address.user_id).
    auto writers = session.query(authors)
                       .join(articles, articles.author_id == authors.id)
                       .filter(articles.is_published == true)
                       .order_by({authors.username})
                       .all();
    ASSERT_EQ(writers.size(), 2u);
    EXPECT_EQ(std::as_const(writers[0])->username, "ann");
    EXPECT_EQ(std::as_const(writers[1])->username, "bob");
    // Two foreign keys link the tables: without ON the join is ambiguous, and says so.
    EXPECT_THROW(session.query(authors).join(articles).all(), ArgumentError);
    // An alias, and an eager load beside the join (a relationship with extra criteria, which
    // would name the joined table, loads by a second statement instead).
    auto other = aliased(articles);
    auto ann = session.query(authors)
                   .join(other, other.author_id == authors.id)
                   .filter(other.title == "a2")
                   .options(joinedload(authors.published))
                   .one();
    EXPECT_EQ(std::as_const(ann)->username, "ann");
    ASSERT_EQ(std::as_const(ann)->published.size(), 1u);
    EXPECT_EQ(std::as_const(ann)->published[0]->title, "a1");
}

TEST_P(MultiQueryTest, with_entities_keeps_the_querys_joins_criteria_and_order) {
    seed();
    Session session(engine());
    auto query = session.query(authors)
                     .join(authors.articles)
                     .filter(articles.is_published == true)
                     .order_by(authors.username);
    std::vector<std::tuple<std::string, std::string>> rows =
        query.with_entities(authors.username, articles.title).all();
    EXPECT_EQ(rows,
              (std::vector<std::tuple<std::string, std::string>>{{"ann", "a1"}, {"bob", "b1"}}));
    EXPECT_EQ(query.all().size(), 2u);  // the query itself is unchanged
    EXPECT_THROW(session.query(authors)
                     .options(selectinload(authors.articles))
                     .with_entities(authors.username),
                 ArgumentError);
    auto [author, count] = session.query(authors)
                               .filter(authors.username == "ann")
                               .with_entities(authors, func::count(authors.id))
                               .group_by(authors.id, authors.username)
                               .one();
    EXPECT_EQ(std::as_const(author)->username, "ann");
    EXPECT_EQ(count, 1);
}

TEST_P(MultiQueryTest, pending_changes_are_flushed_before_the_rows_are_read) {
    seed();
    Session session(engine());
    auto bob = session.query(authors).filter(authors.username == "bob").one();
    bob->articles.add(make(Article{.title = "b2"}));  // autoflush writes it first
    auto rows = session.query(authors, articles)
                    .join(authors.articles)
                    .filter(authors.username == "bob")
                    .order_by(articles.title)
                    .all();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(std::get<0>(rows[1]), bob);
    EXPECT_EQ(std::as_const(std::get<1>(rows[1]))->title, "b2");
}

TEST_P(MultiQueryTest, a_value_that_does_not_fit_its_column_type_names_the_item) {
    seed();
    Session session(engine());
    // An expression typed by hand, wrongly: a name read as a number. The DataError says which
    // item of the query it was.
    try {
        session.query(authors, Expr<std::int64_t>(authors.username)).all();
        FAIL() << "a name read as std::int64_t was accepted";
    } catch (const DataError& error) {
        EXPECT_NE(std::string(error.what()).find("item 2 of session.query()"), std::string::npos)
            << error.what();
    }
}

TEST_P(MultiQueryTest, an_alias_self_joins_a_tree_and_loads_through_the_identity_map) {
    {
        Session session(engine());
        auto root = session.add(Category{.name = "root"});
        root->children.add(make(Category{.name = "leaf a"}));
        root->children.add(make(Category{.name = "leaf b"}));
        session.commit();
    }
    Session session(engine());
    auto parent = aliased(categories);
    static_assert(std::is_same_v<decltype(parent), Categories>);
    // Node and parent, typed: each parent is the object the identity map holds.
    auto pairs = session.query(categories, parent)
                     .join(parent, categories.parent_id == parent.id)
                     .order_by(categories.name)
                     .all();
    static_assert(
        std::is_same_v<decltype(pairs)::value_type, std::tuple<Ptr<Category>, Ptr<Category>>>);
    ASSERT_EQ(pairs.size(), 2u);
    EXPECT_EQ(std::as_const(std::get<0>(pairs[0]))->name, "leaf a");
    EXPECT_EQ(std::as_const(std::get<1>(pairs[0]))->name, "root");
    EXPECT_EQ(std::get<1>(pairs[0]), std::get<1>(pairs[1]));
    EXPECT_EQ(std::get<1>(pairs[0]),
              session.query(categories).filter(categories.name == "root").one());
    // A node with its parent's name, no string column names: the alias's columns are typed.
    auto named = session.query(categories.name, parent.name)
                     .join(categories, categories.parent_id == parent.id)
                     .filter(parent.name == "root")
                     .order_by(categories.name.desc())
                     .all();
    EXPECT_EQ(named, (std::vector<std::tuple<std::string, std::string>>{{"leaf b", "root"},
                                                                        {"leaf a", "root"}}));
    // Entities load from the alias alone, and Core selects from it too.
    auto roots = session.query(parent).filter(parent.parent_id == null).all();
    ASSERT_EQ(roots.size(), 1u);
    EXPECT_EQ(roots[0], std::get<1>(pairs[0]));
    auto conn = engine().connect();
    auto leaves = conn.execute(select(categories.name)
                                   .select_from(categories)
                                   .join(parent, categories.parent_id == parent.id)
                                   .where(parent.name == "root")
                                   .order_by({categories.name}))
                      .scalars();
    EXPECT_EQ(leaves, (std::vector<std::string>{"leaf a", "leaf b"}));
    // A query keeps what it needs of an alias: the alias may be a temporary.
    auto stored = session.query(categories, aliased(categories, "up"));
    EXPECT_EQ(stored.all().size(), 9u);  // every pair of the three
    // An alias's relationships would join from the table instead of the alias: refused.
    EXPECT_THROW(session.query(categories, parent).join(parent.children), NotSupportedError);
}

TEST_P(MultiQueryTest, two_aliases_join_the_same_table_twice) {
    seed();
    Session session(engine());
    auto first = aliased(articles);
    auto second = aliased(articles);
    EXPECT_NE(first.c("id").node(), second.c("id").node());
    // Authors who wrote both "a1" and "a2" (SQLAlchemy's users having two addresses).
    auto both = session.query(authors, first.title)
                    .join(first, first.author_id == authors.id)
                    .join(second, second.author_id == authors.id)
                    .filter(first.title == "a1" && second.title == "a2")
                    .all();
    ASSERT_EQ(both.size(), 1u);
    EXPECT_EQ(std::as_const(std::get<0>(both[0]))->username, "ann");
    EXPECT_EQ(std::get<1>(both[0]), "a1");
    // Named aliases keep their names; an unnamed one takes the lowest free number.
    auto named = aliased(articles, "older");
    EXPECT_NE(select(named.id).to_string().find("articles AS older"), std::string::npos);
    // A number stays taken while a statement holds its alias, after the descriptor is gone,
    // so that a statement joining a newer alias to it never names two tables alike.
    std::optional<Select> kept;
    std::string kept_name;
    {
        auto third = aliased(articles);
        kept = select(third.id);
        kept_name = kept->to_string();
    }
    auto fourth = aliased(articles);
    EXPECT_EQ(select(fourth.id).to_string().find(kept_name.substr(kept_name.find(" AS "))),
              std::string::npos)
        << kept_name;
    kept.reset();
    {
        auto fifth = aliased(articles);
        const std::string fifth_sql = select(fifth.id).to_string();
        EXPECT_NE(fifth_sql.find(kept_name.substr(kept_name.find(" AS "))), std::string::npos)
            << "a number nothing holds any more is the lowest free one again: " << fifth_sql;
    }
}

TEST_P(MultiQueryTest, a_core_select_of_columns_joins_along_relationships) {
    seed();
    {
        Session session(engine());
        auto a1 = session.query(articles).filter(articles.title == "a1").one();
        a1->keywords.add(make(Keyword{.word = "orm"}));
        a1->keywords.add(make(Keyword{.word = "sql"}));
        session.commit();
    }
    auto conn = engine().connect();
    auto rows = conn.execute(select(authors.username, articles.title)
                                 .join(authors.articles)
                                 .order_by({articles.title}))
                    .all();
    EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::string>>{
                        {"ann", "a1"}, {"ann", "a2"}, {"bob", "b1"}}));
    // Outer: the related model's columns are std::optional, decided at compile time.
    auto everyone = conn.execute(select(authors.username, articles.title)
                                     .outerjoin(authors.articles)
                                     .order_by({authors.username, articles.title}))
                        .all();
    static_assert(std::is_same_v<decltype(everyone)::value_type,
                                 std::tuple<std::string, std::optional<std::string>>>);
    ASSERT_EQ(everyone.size(), 4u);
    EXPECT_EQ(everyone[3], std::make_tuple(std::string("cyd"), std::optional<std::string>()));
    // Many-to-many without naming the association table.
    auto words = conn.execute(select(articles.title, keywords.word)
                                  .join(articles.keywords)
                                  .order_by({keywords.word}))
                     .all();
    EXPECT_EQ(words,
              (std::vector<std::tuple<std::string, std::string>>{{"a1", "orm"}, {"a1", "sql"}}));
    // The join starts from the relationship's owner, whichever column comes first.
    auto reversed = conn.execute(select(keywords.word, articles.title)
                                     .join(articles.keywords)
                                     .order_by({keywords.word}))
                        .all();
    EXPECT_EQ(reversed,
              (std::vector<std::tuple<std::string, std::string>>{{"orm", "a1"}, {"sql", "a1"}}));
    auto titles_first = conn.execute(select(articles.title, authors.username)
                                         .outerjoin(authors.articles)
                                         .order_by({authors.username, articles.title}))
                            .all();
    ASSERT_EQ(titles_first.size(), 4u);
    EXPECT_EQ(titles_first[3], std::make_tuple(std::optional<std::string>(), std::string("cyd")));
}

TEST_P(MultiQueryTest, contains_filters_on_a_collection_holding_an_object) {
    seed();
    Session session(engine());
    auto b1 = session.query(articles).filter(articles.title == "b1").one();
    auto a2 = session.query(articles).filter(articles.title == "a2").one();
    auto owners = session.query(authors).filter(authors.articles.contains(b1)).all();
    ASSERT_EQ(owners.size(), 1u);
    EXPECT_EQ(std::as_const(owners[0])->username, "bob");
    // Many-to-many: through the association table.
    a2->keywords.add(make(Keyword{.word = "orm"}));
    session.commit();
    auto orm_word = session.query(keywords).filter(keywords.word == "orm").one();
    auto tagged = session.query(articles).filter(articles.keywords.contains(orm_word)).all();
    ASSERT_EQ(tagged.size(), 1u);
    EXPECT_EQ(tagged[0], a2);
    EXPECT_TRUE(session.query(articles)
                    .filter(articles.keywords.contains(orm_word) && articles.title == "b1")
                    .all()
                    .empty());
    // An object with no row has no key to compare.
    EXPECT_THROW(authors.articles.contains(make(Article{.title = "new"})), InvalidRequestError);

    // Self-referential: the category whose children hold `leaf`, and members following `bea`.
    auto root = session.add(Category{.name = "root"});
    auto leaf = make(Category{.name = "leaf"});
    root->children.add(leaf);
    root->children.add(make(Category{.name = "other"}));
    auto ann = session.add(Member{.name = "ann"});
    auto bea = session.add(Member{.name = "bea"});
    session.add(Member{.name = "cat"})->following.add(ann);
    ann->following.add(bea);
    session.commit();
    auto parents = session.query(categories).filter(categories.children.contains(leaf)).all();
    ASSERT_EQ(parents.size(), 1u);
    EXPECT_EQ(parents[0], root);
    auto fans = session.query(members).filter(members.following.contains(bea)).all();
    ASSERT_EQ(fans.size(), 1u);
    EXPECT_EQ(fans[0], ann);
}

TEST_P(MultiQueryTest, a_relationship_order_by_holds_in_every_loader) {
    seed();
    auto titles = [](const Ptr<Author>& author) {
        std::vector<std::string> seen;
        for (const auto& article : std::as_const(author)->titles_descending)
            seen.push_back(std::as_const(article)->title);
        return seen;
    };
    const std::vector<std::string> descending{"a2", "a1"};
    {
        Session session(engine());  // lazy
        EXPECT_EQ(titles(session.query(authors).filter(authors.username == "ann").one()),
                  descending);
    }
    {
        Session session(engine());
        auto ann = session.query(authors)
                       .options(selectinload(authors.titles_descending))
                       .filter(authors.username == "ann")
                       .one();
        EXPECT_EQ(titles(ann), descending);
    }
    {
        Session session(engine());  // joined: the order names the related table's alias
        auto everyone = session.query(authors)
                            .options(joinedload(authors.titles_descending))
                            .order_by(authors.username)
                            .all();
        ASSERT_EQ(everyone.size(), 3u);
        EXPECT_EQ(titles(everyone[0]), descending);
        EXPECT_EQ(titles(everyone[1]), (std::vector<std::string>{"b1"}));
    }
    {
        Session session(engine());  // subquery
        auto ann = session.query(authors)
                       .options(subqueryload(authors.titles_descending))
                       .filter(authors.username == "ann")
                       .one();
        EXPECT_EQ(titles(ann), descending);
    }
    // keywords.articles sorts by a column of the association table: newest article first.
    {
        Session session(engine());
        auto word = session.add(Keyword{.word = "all"});
        for (const auto& article : session.query(articles).order_by(articles.id).all())
            word->articles.add(article);
        session.commit();
    }
    const std::vector<std::string> newest_first{"b1", "a2", "a1"};
    auto linked = [](const Ptr<Keyword>& word) {
        std::vector<std::string> seen;
        for (const auto& article : std::as_const(word)->articles)
            seen.push_back(std::as_const(article)->title);
        return seen;
    };
    for (int loader = 0; loader < 4; ++loader) {
        Session session(engine());
        auto query = session.query(keywords).filter(keywords.word == "all");
        if (loader == 1) query.options(selectinload(keywords.articles));
        if (loader == 2) query.options(joinedload(keywords.articles));
        if (loader == 3) query.options(subqueryload(keywords.articles));
        EXPECT_EQ(linked(query.one()), newest_first) << "loader " << loader;
    }
}

TEST_P(MultiQueryTest, loader_options_load_the_relationships_of_the_rows_entities) {
    seed();
    Session session(engine());
    selects_ = 0;
    auto rows = session.query(authors, func::count(articles.id))
                    .outerjoin(authors.articles)
                    .group_by(authors.id, authors.username)
                    .order_by(authors.username)
                    .options(selectinload(authors.articles).then(selectinload(articles.keywords)))
                    .all();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(selects_, 3);  // the rows, the articles, their keywords
    std::size_t loaded = 0;
    for (const auto& [author, count] : rows) {
        EXPECT_EQ(static_cast<std::int64_t>(std::as_const(author)->articles.size()), count);
        for (const auto& article : std::as_const(author)->articles)
            loaded += std::as_const(article)->keywords.size();
    }
    EXPECT_EQ(loaded, 0u);
    EXPECT_EQ(selects_, 3);  // nothing more was loaded lazily
    // The 2.0 spelling takes them too (a new session: these keywords are loaded already);
    // an option for a model not selected is refused.
    Session fresh(engine());
    selects_ = 0;
    auto pairs = fresh
                     .execute(select(articles, authors.username)
                                  .join(articles.author)
                                  .options(selectinload(articles.keywords)))
                     .all();
    EXPECT_EQ(pairs.size(), 3u);
    EXPECT_EQ(selects_, 2);
    EXPECT_THROW(session.query(authors, articles.title).options(selectinload(keywords.articles)),
                 ArgumentError);
}

TEST_P(MultiQueryTest, session_scalars_of_a_model_select_gives_tracked_objects) {
    seed();
    Session session(engine());
    std::vector<Ptr<Author>> writers = session.scalars(select(authors)
                                                           .join(authors.articles)
                                                           .where(articles.is_published == true)
                                                           .distinct()
                                                           .order_by({authors.username}));
    ASSERT_EQ(writers.size(), 2u);
    EXPECT_EQ(std::as_const(writers[0])->username, "ann");
    EXPECT_EQ(writers[0], session.query(authors).filter(authors.username == "ann").one());
    Ptr<Author> bob = session.scalar(select(authors).where(authors.username == "bob"));
    ASSERT_TRUE(bob);
    EXPECT_EQ(std::as_const(bob)->username, "bob");
    EXPECT_FALSE(session.scalar(select(authors).where(authors.username == "nobody")));
}

}  // namespace
}  // namespace retort::testing
