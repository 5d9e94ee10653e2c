// subqueryload on both backends: one statement per relationship whatever the number of
// owners, the query's own criteria and page re-run as its subquery, chained levels, and
// the objects of multi-entity queries.
#include <fmt/format.h>

#include "relationship_models.hpp"

namespace retort::testing {
namespace {

using namespace retort::orm;
using namespace relationships;

class SubqueryLoadTest : public RelationshipTest {
  protected:
    void SetUp() override {
        RelationshipTest::SetUp();
        engine_->events().before_execute.push_back(
            [this](const ExecuteInfo& info) { statements_.emplace_back(info.sql); });
    }
    // `authors` authors "a000".., each with `per_author` articles; every article of an author
    // whose number is even has the keyword "even".
    void add_authors(int count, int per_author) {
        Session session(engine());
        auto even = session.add(Keyword{.word = "even"});
        for (int i = 0; i < count; ++i) {
            auto author = session.add(Author{.username = fmt::format("a{:03}", i)});
            for (int j = 0; j < per_author; ++j) {
                auto article = make(Article{.title = fmt::format("a{:03}-{}", i, j)});
                if (i % 2 == 0) article->keywords.add(even);
                author->articles.add(article);
            }
        }
        session.commit();
        statements_.clear();
        selects_ = 0;
    }
    std::vector<std::string> statements_;
};

RETORT_ON_BOTH_BACKENDS(SubqueryLoadTest);

TEST_P(SubqueryLoadTest, loads_every_owners_collection_with_one_statement_whatever_their_number) {
    add_authors(600, 2);  // more owners than one selectin statement takes (500)
    {
        Session session(engine());
        auto all = session.query(authors).options(subqueryload(authors.articles)).all();
        ASSERT_EQ(all.size(), 600u);
        EXPECT_EQ(selects_, 2);  // the authors, then every article of theirs
        for (const auto& author : std::as_const(all)) {
            ASSERT_TRUE(author->articles.loaded());
            ASSERT_EQ(author->articles.size(), 2u);
            EXPECT_EQ(author->articles[0]->title, author->username + "-0");
            EXPECT_EQ(author->articles[1]->title, author->username + "-1");
            EXPECT_EQ(author->articles[0]->author.get(), author);
        }
        EXPECT_EQ(selects_, 2);  // nothing more on access
    }
    {
        Session session(engine());
        selects_ = 0;
        auto all = session.query(authors).options(selectinload(authors.articles)).all();
        EXPECT_EQ(selects_, 3);  // selectin: one more statement per 500 owners
    }
}

TEST_P(SubqueryLoadTest, the_subquery_is_the_querys_own_criteria_and_joins) {
    add_authors(20, 2);
    Session session(engine());
    auto some = session.query(authors)
                    .join(authors.articles)
                    .filter(authors.username < "a005")
                    .filter(articles.title.like("%-1"))
                    .distinct()
                    .order_by({authors.username})
                    .options(subqueryload(authors.articles))
                    .all();
    ASSERT_EQ(some.size(), 5u);
    EXPECT_EQ(selects_, 2);
    const std::string& related = statements_.back();
    EXPECT_NE(related.find("IN (SELECT"), std::string::npos) << related;
    EXPECT_EQ(related.find("ORDER BY authors.username"), std::string::npos) << related;
    // The collections are whole: the join's filter chose the owners, not their articles.
    for (const auto& author : std::as_const(some)) EXPECT_EQ(author->articles.size(), 2u);
    // Only those owners' articles were read.
    EXPECT_EQ(session.identity_map_size(), 5u + 10u);
}

TEST_P(SubqueryLoadTest, a_page_keeps_its_order_and_limits_in_the_subquery) {
    add_authors(20, 3);
    Session session(engine());
    auto page = session.query(authors)
                    .order_by({authors.username.desc()})
                    .limit(3)
                    .offset(2)
                    .options(subqueryload(authors.articles))
                    .all();
    ASSERT_EQ(page.size(), 3u);
    EXPECT_EQ(std::as_const(page[0])->username, "a017");
    EXPECT_EQ(std::as_const(page[2])->username, "a015");
    EXPECT_EQ(selects_, 2);
    EXPECT_NE(statements_.back().find("LIMIT"), std::string::npos) << statements_.back();
    for (const auto& author : std::as_const(page)) {
        ASSERT_EQ(author->articles.size(), 3u);
        EXPECT_EQ(author->articles[2]->title, author->username + "-2");
    }
    EXPECT_EQ(session.identity_map_size(), 3u + 9u);  // the page's articles, no others

    // first(): LIMIT 1 in the subquery too.
    Session other(engine());
    auto first = other.query(authors)
                     .order_by({authors.username})
                     .options(subqueryload(authors.articles))
                     .first();
    ASSERT_TRUE(first);
    EXPECT_EQ(std::as_const(first)->articles.size(), 3u);
    EXPECT_EQ(other.identity_map_size(), 1u + 3u);
}

TEST_P(SubqueryLoadTest, chained_levels_take_one_statement_each_many_to_many_included) {
    add_authors(30, 2);
    Session session(engine());
    auto all = session.query(authors)
                   .filter(authors.username >= "a010")
                   .options(subqueryload(authors.articles).then(subqueryload(articles.keywords)))
                   .all();
    ASSERT_EQ(all.size(), 20u);
    EXPECT_EQ(selects_, 3);
    for (const auto& author : std::as_const(all))
        for (const auto& article : author->articles) {
            ASSERT_TRUE(article->keywords.loaded());
            const bool even = (std::stoi(author->username.substr(1)) % 2) == 0;
            ASSERT_EQ(article->keywords.size(), even ? 1u : 0u) << article->title;
            if (even) {
                EXPECT_EQ(article->keywords[0]->word, "even");
            }
        }
    EXPECT_EQ(selects_, 3);
    // The third statement nests the second's, which nests the query's criteria.
    const std::string& keywords_sql = statements_.back();
    EXPECT_NE(keywords_sql.find("article_keywords"), std::string::npos) << keywords_sql;
    EXPECT_NE(keywords_sql.find("authors.username >="), std::string::npos) << keywords_sql;
}

TEST_P(SubqueryLoadTest, loads_many_to_one_references_and_self_referential_collections) {
    add_authors(10, 2);
    {
        Session session(engine());
        auto some = session.query(articles)
                        .filter(articles.title.like("%-0"))
                        .options(subqueryload(articles.author))
                        .all();
        ASSERT_EQ(some.size(), 10u);
        EXPECT_EQ(selects_, 2);
        for (const auto& article : std::as_const(some))
            EXPECT_EQ(article->author->username + "-0", article->title);
        EXPECT_EQ(selects_, 2);
    }
    {
        Session session(engine());
        auto root = session.add(Category{.name = "root"});
        for (int i = 0; i < 3; ++i) {
            auto child = make(Category{.name = fmt::format("child{}", i)});
            child->children.add(make(Category{.name = fmt::format("grandchild{}", i)}));
            root->children.add(child);
        }
        session.commit();
    }
    Session session(engine());
    selects_ = 0;
    auto children = session.query(categories)
                        .filter(categories.name.like("child%"))
                        .order_by({categories.name})
                        .options(subqueryload(categories.children))
                        .all();
    ASSERT_EQ(children.size(), 3u);
    EXPECT_EQ(selects_, 2);
    for (std::size_t i = 0; i < children.size(); ++i) {
        const auto& grandchildren = std::as_const(children[i])->children;
        ASSERT_EQ(grandchildren.size(), 1u);
        EXPECT_EQ(grandchildren[0]->name, fmt::format("grandchild{}", i));
    }
    EXPECT_EQ(selects_, 2);
}

TEST_P(SubqueryLoadTest, loads_the_entities_of_a_multi_entity_query) {
    add_authors(12, 2);
    Session session(engine());
    auto rows = session.query(articles, authors.username)
                    .join(articles.author)
                    .filter(authors.username < "a004")
                    .order_by({articles.title})
                    .options(subqueryload(articles.keywords))
                    .all();
    ASSERT_EQ(rows.size(), 8u);
    EXPECT_EQ(selects_, 2);
    for (const auto& [article, username] : rows) {
        const bool even = (std::stoi(username.substr(1)) % 2) == 0;
        EXPECT_EQ(std::as_const(article)->keywords.size(), even ? 1u : 0u);
    }
    EXPECT_EQ(selects_, 2);
    EXPECT_NE(statements_.back().find("IN (SELECT"), std::string::npos) << statements_.back();
}

TEST_P(SubqueryLoadTest, below_a_selectinload_it_still_takes_one_statement) {
    add_authors(520, 1);
    Session session(engine());
    auto all = session.query(authors)
                   .options(selectinload(authors.articles).then(subqueryload(articles.keywords)))
                   .all();
    EXPECT_EQ(selects_, 4);  // authors, articles in two selectin chunks, keywords in one
    std::size_t keyworded = 0;
    for (const auto& author : std::as_const(all))
        for (const auto& article : author->articles) keyworded += article->keywords.size();
    EXPECT_EQ(keyworded, 260u);
    EXPECT_EQ(selects_, 4);
}

TEST_P(SubqueryLoadTest, a_select_of_a_model_carries_loader_options_to_the_session) {
    add_authors(6, 2);
    Session session(engine());
    // SQLAlchemy's session.execute(select(User).options(selectinload(User.posts))).scalars().
    auto base = select(authors).options(selectinload(authors.articles));
    std::vector<Ptr<Author>> some =
        session.execute(base.where(authors.username < "a003").order_by({authors.username.desc()}))
            .scalars();
    ASSERT_EQ(some.size(), 3u);
    EXPECT_EQ(std::as_const(some[0])->username, "a002");
    EXPECT_EQ(selects_, 2);
    for (const auto& author : std::as_const(some)) {
        ASSERT_TRUE(author->articles.loaded());
        EXPECT_EQ(author->articles.size(), 2u);
    }
    EXPECT_EQ(selects_, 2);

    Session other(engine());
    selects_ = 0;
    statements_.clear();
    auto all = other.scalars(select(authors).options(
        subqueryload(authors.articles).then(selectinload(articles.keywords))));
    ASSERT_EQ(all.size(), 6u);
    EXPECT_EQ(selects_, 3);
    EXPECT_NE(statements_[1].find("retort_owners"), std::string::npos) << statements_[1];
    std::size_t keyworded = 0;
    for (const auto& author : std::as_const(all))
        for (const auto& article : author->articles) keyworded += article->keywords.size();
    EXPECT_EQ(keyworded, 6u);  // a000, a002, a004: two articles each
    EXPECT_EQ(selects_, 3);

    Session third(engine());
    selects_ = 0;
    Ptr<Author> one = third.scalar(
        select(authors).where(authors.username == "a004").options(raiseload(authors.articles)));
    ASSERT_TRUE(one);
    EXPECT_THROW((void)std::as_const(one)->articles.size(), InvalidRequestError);
}

TEST_P(SubqueryLoadTest, loader_options_a_select_cannot_apply_are_refused) {
    add_authors(2, 1);
    Session session(engine());
    // Core does not load objects: a select carrying loader options is refused, not run bare.
    auto conn = engine().connect();
    EXPECT_THROW(conn.execute(select(authors).options(selectinload(authors.articles))),
                 ArgumentError);
    // An option the select's objects cannot reach, as in session.query().
    EXPECT_THROW(session.execute(select(authors).options(selectinload(keywords.articles))),
                 ArgumentError);
    EXPECT_THROW((void)select(authors).options(contains_eager(authors.articles)), ArgumentError);
    // Without options, Core runs select(model) as before.
    EXPECT_EQ(conn.execute(select(authors)).all().size(), 2u);
}

}  // namespace
}  // namespace retort::testing
