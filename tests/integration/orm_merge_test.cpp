// Session::merge along relationships (SQLAlchemy's "merge" cascade), on both backends: detached
// graphs brought back, collections a struct carries replacing the stored ones (and only those),
// references following what was merged, cycles ending where they began.
#include <fmt/format.h>

#include "relationship_models.hpp"

namespace retort::testing {
namespace {

using namespace retort::orm;
using namespace relationships;

class MergeTest : public RelationshipTest {
  protected:
    // An author with two articles, "first" and "second"; returns the author's id.
    std::int64_t add_author(const std::string& username) {
        Session session(engine());
        auto author = session.add(Author{.username = username});
        author->articles.add(make(Article{.title = "first"}));
        author->articles.add(make(Article{.title = "second"}));
        session.commit();
        return scalar(fmt::format("SELECT id FROM authors WHERE username = '{}'", username));
    }
    std::int64_t article_id(const std::string& title) {
        return scalar(fmt::format("SELECT id FROM articles WHERE title = '{}'", title));
    }
};
RETORT_ON_BOTH_BACKENDS(MergeTest);

TEST_P(MergeTest, a_detached_parent_brings_its_edited_and_new_children) {
    Ptr<Author> detached;
    {
        Session session(engine(), {.expire_on_commit = false});
        detached = session.add(Author{.username = "wanderer"});
        detached->articles.add(make(Article{.title = "first"}));
        detached->articles.add(make(Article{.title = "second"}));
        session.commit();
    }
    ASSERT_EQ(inspect(detached).state(), ObjectState::detached);
    Ptr<Article> first = std::as_const(detached)->articles[0];
    first->title = "first, edited";
    auto third = make(Article{.title = "third"});
    detached->articles.add(third);

    Session session(engine());
    auto merged = session.merge(detached);
    EXPECT_NE(merged, detached);  // the session's own object; the argument stays as it was
    EXPECT_EQ(inspect(detached).state(), ObjectState::detached);
    EXPECT_EQ(inspect(third).state(), ObjectState::transient);
    EXPECT_EQ(inspect(merged).state(), ObjectState::persistent);
    const auto& held = std::as_const(merged)->articles;
    ASSERT_EQ(held.size(), 3u);
    for (const auto& article : held) {
        EXPECT_EQ(std::as_const(article)->author.get(), merged);  // the cycle ends at `merged`
        EXPECT_NE(article, first);
        EXPECT_NE(article, third);
    }
    EXPECT_EQ(inspect(held[0]).state(), ObjectState::persistent);
    EXPECT_EQ(held[0]->title, "first, edited");
    EXPECT_EQ(inspect(held[2]).state(), ObjectState::pending);
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles a JOIN authors u ON a.author_id = u.id "
                     "WHERE u.username = 'wanderer'"),
              3);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles WHERE title = 'first, edited'"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 3);
}

TEST_P(MergeTest, a_collection_the_struct_never_touched_is_left_alone) {
    // A struct built from scratch cannot say "no articles" by leaving the member as it is: a
    // member it never set is not carried, so the stored articles (delete-orphan) survive.
    const std::int64_t id = add_author("keeper");
    Session session(engine());
    auto merged = session.merge(Author{.id = id, .username = "renamed"});
    EXPECT_EQ(std::as_const(merged)->username, "renamed");
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 2);
    EXPECT_EQ(scalar("SELECT count(*) FROM authors WHERE username = 'renamed'"), 1);
}

TEST_P(MergeTest, a_carried_collection_replaces_the_stored_one_and_orphans_go) {
    const std::int64_t id = add_author("pruner");
    const std::int64_t first = article_id("first");
    {
        Author given{.id = id, .username = "pruner"};
        given.articles.add(make(Article{.id = first, .title = "only this one", .author_id = id}));
        given.articles.add(make(Article{.title = "brand new"}));
        Session session(engine());
        auto merged = session.merge(given);
        EXPECT_EQ(std::as_const(merged)->articles.size(), 2u);
        session.commit();
    }
    // "second" left the collection: an orphan, deleted (delete-orphan); "brand new" was added.
    EXPECT_EQ(scalar(fmt::format("SELECT count(*) FROM articles WHERE author_id = {}", id)), 2);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles WHERE title = 'second'"), 0);
    EXPECT_EQ(scalar(fmt::format("SELECT count(*) FROM articles WHERE id = {} AND title = 'only "
                                 "this one'",
                                 first)),
              1);
    {
        Author emptied{.id = id, .username = "pruner"};
        emptied.articles.clear();  // says "no articles", unlike a member left untouched
        Session session(engine());
        session.merge(emptied);
        session.commit();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM authors"), 1);
}

TEST_P(MergeTest, a_new_object_is_added_with_copies_of_its_new_children) {
    Author given{.username = "newcomer"};
    auto article = make(Article{.title = "debut"});
    given.articles.add(article);
    Session session(engine());
    auto merged = session.merge(given);
    EXPECT_EQ(inspect(merged).state(), ObjectState::pending);
    ASSERT_EQ(std::as_const(merged)->articles.size(), 1u);
    EXPECT_NE(std::as_const(merged)->articles[0], article);
    EXPECT_EQ(inspect(article).state(), ObjectState::transient);
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles a JOIN authors u ON a.author_id = u.id "
                     "WHERE u.username = 'newcomer' AND a.title = 'debut'"),
              1);
}

TEST_P(MergeTest, references_follow_the_merged_parent_or_the_merged_foreign_key) {
    const std::int64_t keeper = add_author("keeper");
    {
        Session session(engine());
        session.add(Author{.username = "other"});
        session.commit();
    }
    const std::int64_t other = scalar("SELECT id FROM authors WHERE username = 'other'");
    const std::int64_t first = article_id("first");
    const std::int64_t second = article_id("second");
    Session session(engine());
    // The old author is in memory and held by the article: a foreign key merged without an
    // object must still win at flush (not be overwritten from the old reference).
    auto loaded = session.query(articles).filter(articles.id == first).one();
    auto old_author = std::as_const(loaded)->author.get();
    ASSERT_EQ(std::as_const(old_author)->id, keeper);
    session.merge(Article{.id = first, .title = "first", .author_id = other});
    session.flush();
    const Ptr<Author> now = std::as_const(loaded)->author.get();
    EXPECT_EQ(now->username, "other");
    EXPECT_FALSE(std::as_const(old_author)->articles.contains(loaded));
    // A new parent given as an object is merged and becomes the reference.
    session.merge(Article{.id = second,
                          .title = "second",
                          .author_id = keeper,
                          .author = make(Author{.username = "adopter"})});
    session.commit();
    EXPECT_EQ(scalar(fmt::format("SELECT author_id FROM articles WHERE id = {}", first)), other);
    EXPECT_EQ(scalar(fmt::format("SELECT u.username = 'adopter' FROM articles a JOIN authors u "
                                 "ON a.author_id = u.id WHERE a.id = {}",
                                 second)),
              1);
}

TEST_P(MergeTest, many_to_many_rows_follow_a_merged_collection) {
    // From an object of another session (a closed session lets go of many-to-many
    // collections, see RelationshipOptions::secondary).
    Session elsewhere(engine(), {.expire_on_commit = false});
    auto article = elsewhere.add(Article{.title = "tagged"});
    article->author = make(Author{.username = "tagger"});
    article->keywords.add(make(Keyword{.word = "kept"}));
    article->keywords.add(make(Keyword{.word = "dropped"}));
    elsewhere.commit();
    Ptr<Keyword> dropped = std::as_const(article)->keywords[1];
    article->keywords.remove(dropped);
    article->keywords.add(make(Keyword{.word = "added"}));
    {
        Session session(engine());
        auto merged = session.merge(article);
        EXPECT_NE(merged, article);
        EXPECT_EQ(std::as_const(merged)->keywords.size(), 2u);
        session.commit();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM article_keywords ak JOIN keywords k ON k.id = "
                     "ak.keyword_id WHERE k.word IN ('kept', 'added')"),
              2);
    EXPECT_EQ(scalar("SELECT count(*) FROM article_keywords"), 2);
    EXPECT_EQ(scalar("SELECT count(*) FROM keywords"), 3);  // "dropped" stays, unpaired
}

TEST_P(MergeTest, an_expired_detached_object_merges_as_the_row_with_its_key) {
    Ptr<Author> expired;
    {
        Session session(engine());  // expire_on_commit: its values are gone after commit
        expired = session.add(Author{.username = "expired"});
        session.commit();
    }
    ASSERT_TRUE(inspect(expired).expired());
    {
        auto conn = engine().connect();
        conn.execute(text("UPDATE authors SET username = 'changed meanwhile'"));
        conn.commit();
    }
    {
        Session session(engine());
        auto merged = session.merge(expired);
        EXPECT_EQ(std::as_const(merged)->username, "changed meanwhile");
        EXPECT_FALSE(inspect(merged).modified());
    }
    {
        auto conn = engine().connect();
        conn.execute(text("DELETE FROM authors"));
        conn.commit();
    }
    Session session(engine());
    EXPECT_THROW(session.merge(expired), ObjectDeletedError);
}

TEST_P(MergeTest, a_relationship_without_the_merge_cascade_is_not_followed) {
    add_author("writer");
    const std::int64_t first = article_id("first");
    const std::int64_t writer = scalar("SELECT id FROM authors");
    Session session(engine());
    auto merged = session.merge(Article{.id = first,
                                        .title = "first",
                                        .author_id = writer,
                                        .reviewer = make(Author{.username = "not merged"})});
    EXPECT_FALSE(static_cast<bool>(std::as_const(merged)->reviewer));
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM authors"), 1);
}

}  // namespace
}  // namespace retort::testing
