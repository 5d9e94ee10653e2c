// ORM behaviour that must match SQLAlchemy's, found by running its own test fixture through
// Retort: the order of joined collections, loader options that cannot apply.
#include "relationship_models.hpp"

namespace retort::testing {
namespace {

using namespace retort::orm;
using namespace relationships;

class OrmFidelityTest : public RelationshipTest {
  protected:
    // SQLAlchemy's users 7..10 and addresses 1..5 as authors and articles; article 2 is
    // rewritten after the others, so that a join that does not sort finds it last.
    void SetUp() override {
        RelationshipTest::SetUp();
        auto conn = engine().connect();
        for (int id : {7, 8, 9, 10})
            conn.execute(
                insert(authors).values({{"id", id}, {"username", "user" + std::to_string(id)}}));
        for (auto [id, author] : {std::pair{1, 7}, {2, 8}, {3, 8}, {4, 8}, {5, 9}})
            conn.execute(insert(articles).values({{"id", id},
                                                  {"title", "a" + std::to_string(id)},
                                                  {"author_id", author},
                                                  {"is_published", true}}));
        conn.execute(update(articles).values({{"title", "a2"}}).where(articles.id == 2));
        for (int id : {1, 2, 3})
            conn.execute(insert(keywords).values({{"id", id}, {"word", "k" + std::to_string(id)}}));
        // Article 2's keywords, linked in the reverse of their key order.
        for (int keyword : {3, 1, 2})
            conn.execute(
                insert(article_keywords).values({{"article_id", 2}, {"keyword_id", keyword}}));
        conn.commit();
    }

    static std::vector<std::int64_t> ids(const Many<Article>& collection) {
        std::vector<std::int64_t> out;
        for (const auto& article : collection) out.push_back(std::as_const(article)->id);
        return out;
    }
    static std::vector<std::int64_t> ids(const Many<Keyword>& collection) {
        std::vector<std::int64_t> out;
        for (const auto& keyword : collection) out.push_back(std::as_const(keyword)->id);
        return out;
    }
    // Author 8's articles as a query with `option` loads them.
    std::vector<std::int64_t> articles_of_8(const LoadOption& option) {
        Session session(engine());
        auto loaded = session.query(authors).options(option).order_by(authors.id).all();
        for (const auto& author : loaded)
            if (std::as_const(author)->id == 8) return ids(std::as_const(author)->articles);
        ADD_FAILURE() << "author 8 was not loaded";
        return {};
    }
};
RETORT_ON_BOTH_BACKENDS(OrmFidelityTest);

TEST_P(OrmFidelityTest, every_loader_gives_a_collection_in_key_order) {
    const std::vector<std::int64_t> expected{2, 3, 4};
    EXPECT_EQ(articles_of_8(joinedload(authors.articles)), expected);
    EXPECT_EQ(articles_of_8(selectinload(authors.articles)), expected);
    EXPECT_EQ(articles_of_8(lazyload(authors.articles)), expected);
    EXPECT_EQ(articles_of_8(joinedload(authors.articles, {.innerjoin = true})), expected);
}

TEST_P(OrmFidelityTest, joined_collections_are_ordered_after_the_callers_order) {
    Session session(engine());
    std::vector<std::string> statements;
    engine().events().before_execute.push_back(
        [&](const ExecuteInfo& info) { statements.emplace_back(info.sql); });
    auto loaded = session.query(authors)
                      .options(joinedload(authors.articles).then(joinedload(articles.keywords)))
                      .order_by(authors.username.desc())
                      .all();
    ASSERT_EQ(loaded.size(), 4u);
    EXPECT_EQ(std::as_const(loaded[0])->username, "user9");  // the caller's order comes first
    EXPECT_EQ(std::as_const(loaded[1])->username, "user8");
    EXPECT_EQ(ids(std::as_const(loaded[1])->articles), (std::vector<std::int64_t>{2, 3, 4}));
    const auto& article_2 = std::as_const(loaded[1])->articles[0];
    EXPECT_EQ(ids(std::as_const(article_2)->keywords), (std::vector<std::int64_t>{1, 2, 3}));
    ASSERT_FALSE(statements.empty());
    const std::string& sql = statements.back();
    EXPECT_NE(sql.find("ORDER BY authors.username DESC, retort_articles_1.id, "
                       "retort_keywords_2.id"),
              std::string::npos)
        << sql;
}

TEST_P(OrmFidelityTest, paged_joined_collections_are_in_key_order_too) {
    Session session(engine());
    auto page = session.query(authors)
                    .options(joinedload(authors.articles).then(joinedload(articles.keywords)))
                    .order_by(authors.id)
                    .limit(2)
                    .offset(1)
                    .all();
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(std::as_const(page[0])->id, 8);
    EXPECT_EQ(ids(std::as_const(page[0])->articles), (std::vector<std::int64_t>{2, 3, 4}));
    const auto& article_2 = std::as_const(page[0])->articles[0];
    EXPECT_EQ(ids(std::as_const(article_2)->keywords), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_P(OrmFidelityTest, a_loader_option_the_query_cannot_reach_is_refused) {
    Session session(engine());
    try {
        session.query(authors).options(selectinload(articles.keywords));
        ADD_FAILURE() << "an option for another model's relationship was accepted";
    } catch (const ArgumentError& error) {
        EXPECT_NE(std::string(error.what()).find("'articles.keywords'"), std::string::npos)
            << error.what();
        EXPECT_NE(std::string(error.what()).find("query of 'authors'"), std::string::npos)
            << error.what();
    }
    EXPECT_THROW(session.query(authors).options(joinedload(articles.author)), ArgumentError);
    // A chain must continue from the objects its parent loads.
    EXPECT_THROW(session.query(authors).options(
                     selectinload(authors.articles).then(selectinload(authors.profile))),
                 ArgumentError);
}

TEST_P(OrmFidelityTest, a_loader_option_reached_through_an_earlier_one_loads) {
    Session session(engine());
    auto loaded = session.query(authors)
                      .options(selectinload(authors.articles), selectinload(articles.keywords))
                      .order_by(authors.id)
                      .all();
    selects_ = 0;
    const auto& article_2 = std::as_const(loaded.at(1))->articles[0];
    EXPECT_TRUE(std::as_const(article_2)->keywords.loaded());
    EXPECT_EQ(ids(std::as_const(article_2)->keywords), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(selects_, 0);
}

TEST_P(OrmFidelityTest, reading_through_a_writable_ptr_does_not_make_an_object_dirty) {
    Session session(engine());
    auto all = session.query(authors).order_by(authors.id).all();
    std::size_t total = 0;
    for (auto& author : all) total += author->username.size();  // opens each for writing
    EXPECT_EQ(total, 21u);                                      // user7 user8 user9 user10
    EXPECT_TRUE(session.dirty().empty());
    EXPECT_FALSE(is_modified(all[0]));

    all[1]->username = "renamed";
    auto fresh = session.add(Author{.username = "new"});
    session.delete_(all[2]);
    ASSERT_EQ(session.dirty().size(), 1u);
    EXPECT_EQ(session.dirty()[0], all[1].instance());
    EXPECT_TRUE(is_modified(all[1]));
    ASSERT_EQ(session.new_objects().size(), 1u);
    EXPECT_EQ(session.new_objects()[0], fresh.instance());
    ASSERT_EQ(session.deleted_objects().size(), 1u);
    EXPECT_EQ(session.deleted_objects()[0], all[2].instance());

    all[1]->username = "user8";  // back to what was loaded: no longer dirty
    EXPECT_TRUE(session.dirty().empty());
}

TEST_P(OrmFidelityTest, string_keyed_filters_and_updates_are_checked) {
    Session session(engine());
    try {
        session.query(authors).filter_by({{"usernme", "user7"}});
        ADD_FAILURE() << "a misspelt column was accepted";
    } catch (const ArgumentError& error) {
        EXPECT_NE(std::string(error.what()).find("did you mean 'username'?"), std::string::npos)
            << error.what();
    }
    try {
        session.query(authors).filter_by({{"username", 5}});
        ADD_FAILURE() << "an integer was accepted for a string column";
    } catch (const ArgumentError& error) {
        EXPECT_NE(std::string(error.what()).find("authors.username is a string column"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_THROW(session.query(articles).update({{"is_published", 42}}), ArgumentError);
    EXPECT_THROW(session.query(articles).update({{"titel", "x"}}), ArgumentError);
    EXPECT_THROW(session.query(articles).update({{"title", Value{}}}), ArgumentError);  // NOT NULL
    EXPECT_EQ(session.query(authors).filter_by({{"username", Value{}}}).count(), 0);  // IS NULL
    // The right spellings still work.
    EXPECT_EQ(session.query(authors).filter_by({{"username", "user7"}}).count(), 1);
    EXPECT_EQ(session.query(articles).filter_by({{"reviewer_id", Value{}}}).count(), 5);
    EXPECT_EQ(session.query(articles).filter(articles.author_id == 8).update({{"title", "t"}}), 3);
}

TEST_P(OrmFidelityTest, load_only_selects_only_the_named_columns_of_plain_members) {
    std::vector<std::string> statements;
    engine().events().before_execute.push_back(
        [&](const ExecuteInfo& info) { statements.emplace_back(info.sql); });
    Session session(engine());
    auto partial =
        session.query(articles).options(load_only(articles.title)).order_by(articles.id).all();
    ASSERT_EQ(partial.size(), 5u);
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_NE(statements[0].find("articles.title"), std::string::npos) << statements[0];
    EXPECT_EQ(statements[0].find("is_published"), std::string::npos) << statements[0];
    // Foreign keys stay loaded: relationships find related objects through them.
    EXPECT_NE(statements[0].find("articles.author_id"), std::string::npos) << statements[0];
    const auto& second = std::as_const(partial[1]);
    EXPECT_EQ(second->title, "a2");
    EXPECT_FALSE(second->is_published);  // not loaded: the member's default
    EXPECT_EQ(inspect(partial[1]).unloaded(), (std::vector<std::string>{"is_published"}));
    EXPECT_FALSE(inspect(partial[1]).attribute_loaded(3));
    const auto author = second->author.get();
    EXPECT_EQ(author->id, 8);

    // Opening one for writing loads what was left out, for the whole query's objects at once,
    // so that every assignment is seen, even of the member's default.
    statements.clear();
    partial[1]->title = "renamed";
    partial[2]->is_published = false;
    EXPECT_EQ(statements.size(), 1u) << ::testing::PrintToString(statements);
    EXPECT_TRUE(inspect(partial[4]).unloaded().empty());
    EXPECT_TRUE(std::as_const(partial[4])->is_published);
    session.commit();
    auto conn = engine().connect();
    EXPECT_EQ(conn.execute(text("SELECT id FROM articles WHERE NOT is_published"))
                  .scalars<std::int64_t>(),
              (std::vector<std::int64_t>{3}));
    EXPECT_EQ(conn.execute(text("SELECT title FROM articles WHERE id = 2")).scalar<std::string>(),
              "renamed");
    conn.close();

    // refresh() and a later full load fill what was left out.
    Session again(engine());
    auto first =
        again.query(articles).options(load_only(articles.title)).order_by(articles.id).all();
    again.refresh(first[1]);
    EXPECT_TRUE(inspect(first[1]).unloaded().empty());
    auto full = again.query(articles).order_by(articles.id).all();
    EXPECT_EQ(full[3], first[3]);  // the identity map's object, now complete
    EXPECT_TRUE(std::as_const(first[3])->is_published);
    EXPECT_TRUE(inspect(first[3]).unloaded().empty());
}

TEST_P(OrmFidelityTest, load_only_applies_to_joined_loading_too) {
    std::vector<std::string> statements;
    engine().events().before_execute.push_back(
        [&](const ExecuteInfo& info) { statements.emplace_back(info.sql); });
    Session session(engine());
    auto loaded = session.query(articles)
                      .options(load_only(articles.title), joinedload(articles.keywords))
                      .order_by(articles.id)
                      .all();
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0].find("articles.is_published"), std::string::npos) << statements[0];
    EXPECT_EQ(inspect(loaded[1]).unloaded(), (std::vector<std::string>{"is_published"}));
    EXPECT_EQ(ids(std::as_const(loaded[1])->keywords), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_P(OrmFidelityTest, options_below_a_lazy_load_are_refused_rather_than_ignored) {
    Session session(engine());
    EXPECT_THROW(session.query(authors).options(
                     lazyload(authors.articles).then(selectinload(articles.keywords))),
                 ArgumentError);
    // Not reachable through a lazy load either.
    EXPECT_THROW(
        session.query(authors).options(lazyload(authors.articles), selectinload(articles.keywords)),
        ArgumentError);
}

}  // namespace
}  // namespace retort::testing
