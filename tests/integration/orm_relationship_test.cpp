// Relationships on both backends: the seed's "Model Relationships" and "Working with
// Relationships", cascades, loading strategies and N+1 detection.
#include "relationship_models.hpp"

namespace retort::testing {
namespace {

using namespace retort::orm;
using namespace relationships;

RETORT_ON_BOTH_BACKENDS(RelationshipTest);

TEST_P(RelationshipTest, setting_the_author_adds_the_article_to_the_authors_collection) {
    // The seed's "Creating Related Objects": author=new_user, then session.add(new_user).
    auto blogger = make(Author{.username = "blogger"});
    auto article = make(Article{.title = "My First Post"});
    article->author = blogger;
    EXPECT_TRUE(std::as_const(blogger)->articles.contains(article));  // back_populates
    Session session(engine());
    session.add(blogger);  // the article is cascade-added
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles a JOIN authors u ON a.author_id = u.id "
                     "WHERE u.username = 'blogger' AND a.title = 'My First Post'"),
              1);
    EXPECT_EQ(inspect(article).state(), ObjectState::persistent);
}

TEST_P(RelationshipTest, appending_to_a_collection_sets_the_foreign_key_and_the_back_reference) {
    Session session(engine());
    auto author = session.add(Author{.username = "writer"});
    auto first = make(Article{.title = "one"});
    author->articles.add(first);
    author->articles.add(make(Article{.title = "two"}));
    EXPECT_EQ(std::as_const(first)->author.get(), author);
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles WHERE author_id = (SELECT id FROM authors)"),
              2);
}

TEST_P(RelationshipTest, lazy_loading_reads_on_first_access_and_many_to_one_uses_the_identity_map) {
    {
        Session session(engine());
        auto author = session.add(Author{.username = "lazy"});
        author->articles.add(make(Article{.title = "a"}));
        author->articles.add(make(Article{.title = "b"}));
        session.commit();
    }
    Session session(engine());
    auto author = session.query(authors).one();
    selects_ = 0;
    const auto& loaded = std::as_const(author)->articles;
    EXPECT_FALSE(loaded.loaded());
    ASSERT_EQ(loaded.size(), 2u);  // one SELECT
    EXPECT_EQ(selects_, 1);
    EXPECT_EQ(loaded[0]->title, "a");
    EXPECT_EQ(loaded[0]->author.get(), author);  // from the identity map
    EXPECT_EQ(selects_, 1);
}

TEST_P(RelationshipTest,
       selectin_loading_takes_two_statements_lazy_takes_one_per_object_and_warns) {
    {
        Session session(engine());
        for (int i = 0; i < 100; ++i) {
            auto author = session.add(Author{.username = "u" + std::to_string(i)});
            for (int j = 0; j < 3; ++j) author->articles.add(make(Article{.title = "t"}));
        }
        session.commit();
    }
    {
        Session session(engine());
        selects_ = 0;
        auto all = session.query(authors).options(selectinload(authors.articles)).all();
        std::size_t total = 0;
        for (const auto& author : std::as_const(all)) total += author->articles.size();
        EXPECT_EQ(total, 300u);
        EXPECT_EQ(selects_, 2);
        EXPECT_TRUE(warnings_.empty());
    }
    {
        Session session(engine());
        selects_ = 0;
        auto all = session.query(authors).all();
        std::size_t total = 0;
        for (const auto& author : std::as_const(all)) total += author->articles.size();
        EXPECT_EQ(total, 300u);
        EXPECT_EQ(selects_, 101);
        ASSERT_EQ(warnings_.size(), 1u);
        EXPECT_NE(warnings_[0].find("authors.articles"), std::string::npos) << warnings_[0];
        EXPECT_NE(warnings_[0].find("selectinload"), std::string::npos) << warnings_[0];
    }
    {
        Session strict(engine(), {.raise_on_repeated_lazy_loads = true});
        auto all = strict.query(authors).all();
        EXPECT_THROW(
            {
                for (const auto& author : std::as_const(all)) (void)author->articles.size();
            },
            InvalidRequestError);
    }
}

TEST_P(RelationshipTest, deleting_the_parent_deletes_its_children_and_orphans_are_deleted) {
    Session session(engine());
    auto author = session.add(Author{.username = "gone"});
    auto kept = make(Article{.title = "kept"});
    auto orphan = make(Article{.title = "orphan"});
    author->articles.add(kept);
    author->articles.add(orphan);
    session.commit();
    author->articles.remove(orphan);  // delete-orphan
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 1);
    session.delete_(author);  // cascade delete, children first
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM authors"), 0);
}

TEST_P(RelationshipTest, passive_deletes_leave_unloaded_children_to_the_database) {
    {
        Session session(engine());
        auto board = session.add(Board{.name = "unloaded"});
        for (int i = 0; i < 3; ++i) board->pins.add(make(Pin{.note = "pin"}));
        session.add(Board{.name = "loaded"})->pins.add(make(Pin{.note = "kept in memory"}));
        session.commit();
    }
    Session session(engine());
    auto unloaded = session.query(boards).filter(boards.name == "unloaded").one();
    selects_ = 0;
    session.delete_(unloaded);
    session.commit();
    EXPECT_EQ(selects_, 0);  // the pins were not read to be deleted: ON DELETE CASCADE was
    EXPECT_EQ(scalar("SELECT count(*) FROM pins"), 1);
    // Children already in memory are still deleted by the unit of work (SQLAlchemy's rule),
    // so the session does not go on holding rows the database removed.
    auto loaded = session.query(boards).one();
    auto pin = std::as_const(loaded)->pins[0];
    session.delete_(loaded);
    session.flush();
    EXPECT_EQ(inspect(pin).state(), ObjectState::deleted);
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM pins"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM boards"), 0);
}

TEST_P(RelationshipTest, a_one_to_one_child_is_reached_from_both_sides) {
    {
        Session session(engine());
        auto author = session.add(Author{.username = "with_profile"});
        author->profile = make(Profile{.bio = "hello"});
        session.commit();
    }
    Session session(engine());
    auto author = session.query(authors).one();
    const auto& profile = std::as_const(author)->profile.get();
    ASSERT_TRUE(profile);
    EXPECT_EQ(std::as_const(profile)->bio, std::optional<std::string>("hello"));
    EXPECT_EQ(std::as_const(profile)->author.get(), author);
}

TEST_P(RelationshipTest, a_self_referential_tree_five_levels_deep_loads_in_two_statements) {
    {
        Session session(engine());
        auto root = session.add(Category{.name = "level0"});
        auto node = root;
        for (int level = 1; level < 5; ++level) {
            auto child = make(Category{.name = "level" + std::to_string(level)});
            node->children.add(child);
            node = child;
        }
        session.commit();  // five waves: each child waits for its parent's key
    }
    Session session(engine());
    selects_ = 0;
    auto all = session.query(categories).options(selectinload(categories.children)).all();
    ASSERT_EQ(all.size(), 5u);
    auto root = session.query(categories).filter(categories.name == "level0").one();
    int depth = 0;
    for (Ptr<Category> node = root; node; ++depth) {
        const auto& children = std::as_const(node)->children;
        node = children.empty() ? Ptr<Category>() : children[0];
    }
    EXPECT_EQ(depth, 5);
    EXPECT_EQ(selects_, 3);  // the categories, their children, and the root again by name
}

TEST_P(RelationshipTest, an_unloaded_relationship_of_a_detached_object_raises) {
    {
        Session session(engine());
        session.add(Author{.username = "detached"});
        session.commit();
    }
    Ptr<Author> author;
    {
        Session session(engine());
        author = session.query(authors).one();
    }
    try {
        (void)std::as_const(author)->articles.size();
        FAIL() << "expected DetachedInstanceError";
    } catch (const DetachedInstanceError& error) {
        EXPECT_NE(std::string(error.what()).find("authors.articles"), std::string::npos)
            << error.what();
    }
}

TEST_P(RelationshipTest, joinedload_reads_parents_and_children_in_one_statement) {
    {
        Session session(engine());
        for (int i = 0; i < 100; ++i) {
            auto author = session.add(Author{.username = "j" + std::to_string(i)});
            for (int j = 0; j < 3; ++j) author->articles.add(make(Article{.title = "t"}));
        }
        session.add(Author{.username = "no_articles"});
        session.commit();
    }
    Session session(engine());
    selects_ = 0;
    auto all =
        session.query(authors).options(joinedload(authors.articles)).order_by(authors.id).all();
    ASSERT_EQ(all.size(), 101u);
    std::size_t total = 0;
    for (const auto& author : std::as_const(all)) total += author->articles.size();
    EXPECT_EQ(total, 300u);
    EXPECT_TRUE(std::as_const(all.back())->articles.empty());
    EXPECT_EQ(selects_, 1);
    // LIMIT / OFFSET count authors, not joined rows: a page of 5 has every article of each.
    session.expunge_all();
    selects_ = 0;
    auto page = session.query(authors)
                    .options(joinedload(authors.articles))
                    .order_by(authors.username.desc())
                    .limit(5)
                    .offset(2)
                    .all();
    ASSERT_EQ(page.size(), 5u);
    EXPECT_EQ(std::as_const(page[0])->username, "j98");  // after no_articles and j99
    for (const auto& author : std::as_const(page)) EXPECT_EQ(author->articles.size(), 3u);
    EXPECT_EQ(selects_, 1);
    auto first = session.query(authors)
                     .options(joinedload(authors.articles))
                     .filter(authors.username.like("j1%"))
                     .order_by(authors.username)
                     .first();
    ASSERT_TRUE(first);
    EXPECT_EQ(std::as_const(first)->username, "j1");
    EXPECT_EQ(std::as_const(first)->articles.size(), 3u);
    EXPECT_EQ(selects_, 2);
    EXPECT_EQ(
        paginate(session.query(authors).options(joinedload(authors.articles)), 3, 40).items.size(),
        21u);
    EXPECT_THROW(session.query(authors)
                     .join(authors.articles)
                     .options(contains_eager(authors.articles))
                     .limit(5)
                     .all(),
                 NotSupportedError);
    // innerjoin: the author without articles is left out; still one statement.
    session.expunge_all();
    std::string sql;
    engine().events().before_execute.push_back([&](const ExecuteInfo& info) { sql = info.sql; });
    selects_ = 0;
    auto inner = session.query(authors)
                     .options(joinedload(authors.articles, {.innerjoin = true}))
                     .order_by(authors.id)
                     .all();
    EXPECT_EQ(inner.size(), 100u);
    EXPECT_EQ(std::as_const(inner.front())->articles.size(), 3u);
    EXPECT_EQ(selects_, 1);
    EXPECT_EQ(sql.find("OUTER"), std::string::npos) << sql;
    EXPECT_NE(sql.find(" JOIN "), std::string::npos) << sql;
}

TEST_P(RelationshipTest, queries_join_and_test_relationships) {
    {
        Session session(engine());
        auto alice = session.add(Author{.username = "alice"});
        auto bob = session.add(Author{.username = "bob"});
        session.add(Author{.username = "carol"});
        alice->articles.add(make(Article{.title = "draft"}));
        alice->articles.add(make(Article{.title = "news", .is_published = true}));
        alice->articles.add(make(Article{.title = "more news", .is_published = true}));
        bob->articles.add(make(Article{.title = "bob's draft"}));
        session.commit();
    }
    Session session(engine());
    // The seed's "users who have published posts": a join, one row per user.
    auto publishers = session.query(authors)
                          .join(authors.articles)
                          .filter(articles.is_published == true)
                          .distinct()
                          .all();
    ASSERT_EQ(publishers.size(), 1u);
    EXPECT_EQ(std::as_const(publishers[0])->username, "alice");
    // any() / has()
    EXPECT_EQ(session.query(authors).filter(authors.articles.any()).count(), 2);
    EXPECT_EQ(session.query(authors).filter(!authors.articles.any()).count(), 1);
    EXPECT_EQ(session.query(authors)
                  .filter(authors.articles.any(articles.title == "bob's draft"))
                  .count(),
              1);
    EXPECT_EQ(
        session.query(articles).filter(articles.author.has(authors.username == "alice")).count(),
        3);
    // contains_eager: the collection holds only the rows the query's join matched.
    session.expunge_all();
    auto eager = session.query(authors)
                     .join(authors.articles)
                     .filter(articles.is_published == true)
                     .options(contains_eager(authors.articles))
                     .all();
    ASSERT_EQ(eager.size(), 1u);
    EXPECT_EQ(std::as_const(eager[0])->articles.size(), 2u);
    EXPECT_THROW(session.query(authors).options(contains_eager(authors.articles)).all(),
                 InvalidRequestError);
    session.expunge_all();
    // A relationship with extra criteria: only the published ones.
    auto alice = session.query(authors).filter(authors.username == "alice").one();
    EXPECT_EQ(std::as_const(alice)->published.size(), 2u);
    EXPECT_EQ(std::as_const(alice)->articles.size(), 3u);
}

TEST_P(RelationshipTest, two_relationships_to_one_table_use_their_own_foreign_keys) {
    Session session(engine());
    auto writer = session.add(Author{.username = "writer"});
    auto editor = session.add(Author{.username = "editor"});
    auto article = make(Article{.title = "reviewed"});
    writer->articles.add(article);
    article->reviewer = editor;
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles a JOIN authors w ON a.author_id = w.id JOIN "
                     "authors r ON a.reviewer_id = r.id WHERE w.username = 'writer' AND "
                     "r.username = 'editor'"),
              1);
}

TEST_P(RelationshipTest, a_saved_parent_is_read_again_when_no_one_holds_it) {
    {
        Session session(engine());
        auto author = session.add(Author{.username = "parent"});
        author->articles.add(make(Article{.title = "child"}));
        session.commit();
    }
    Session session(engine());
    auto article = session.query(articles).one();
    {
        auto author = std::as_const(article)->author.get();  // loads and holds it
        EXPECT_EQ(std::as_const(author)->username, "parent");
    }  // the only Ptr is gone: the article does not keep its parent alive
    EXPECT_EQ(std::as_const(article)->author->username, "parent");  // read again
}

TEST_P(RelationshipTest, an_association_object_links_articles_and_tags_with_its_own_column) {
    {
        Session session(engine());
        auto author = session.add(Author{.username = "tagger"});
        auto article = make(Article{.title = "tagged"});
        author->articles.add(article);
        auto python = make(Tag{.name = "python"});
        auto sql = make(Tag{.name = "sql"});
        for (const auto& tag : {python, sql}) {
            auto link = make(ArticleTag{.added_by = "editor"});
            link->tag = tag;
            article->tagged.add(link);
        }
        session.commit();  // authors, then articles and tags, then the links: three waves
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM article_tags WHERE added_by = 'editor'"), 2);
    Session session(engine());
    auto article = session.query(articles)
                       .options(selectinload(articles.tagged).then(selectinload(article_tags.tag)))
                       .one();
    std::vector<std::string> names;
    for (const auto& link : std::as_const(article)->tagged)
        names.push_back(std::as_const(link)->tag->name);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"python", "sql"}));
    auto python = session.query(tags).filter(tags.name == "python").one();
    EXPECT_EQ(std::as_const(python)->tagged.size(), 1u);
    // Removing the link deletes it (delete-orphan); the tag stays.
    article->tagged.remove(std::as_const(article)->tagged[0]);
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM article_tags"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM tags"), 2);
}

TEST_P(RelationshipTest, raiseload_and_noload_options_control_lazy_loading) {
    {
        Session session(engine());
        session.add(Author{.username = "opt"})->articles.add(make(Article{.title = "x"}));
        session.commit();
    }
    Session session(engine());
    auto raising = session.query(authors).options(raiseload(authors.articles)).one();
    try {
        (void)std::as_const(raising)->articles.size();
        FAIL() << "expected InvalidRequestError";
    } catch (const InvalidRequestError& error) {
        EXPECT_NE(std::string(error.what()).find("authors.articles"), std::string::npos);
    }
    session.expunge_all();
    auto empty = session.query(authors).options(noload(authors.articles)).one();
    EXPECT_TRUE(std::as_const(empty)->articles.empty());
    session.expunge_all();
    auto lazy = session.query(authors).one();
    EXPECT_EQ(std::as_const(lazy)->articles.size(), 1u);
}

TEST_P(RelationshipTest, many_to_many_rows_follow_the_collections) {
    {
        Session session(engine());
        auto article = make(Article{.title = "keyworded"});
        auto python = make(Keyword{.word = "python"});
        auto databases = make(Keyword{.word = "databases"});
        article->keywords.add(python);
        article->keywords.add(databases);
        EXPECT_TRUE(std::as_const(python)->articles.contains(article));  // back_populates
        session.add(Author{.username = "owner"})->articles.add(article);
        session.commit();  // the association rows after both ends have keys
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM article_keywords"), 2);
    {
        Session session(engine());
        auto article = session.query(articles).one();
        ASSERT_EQ(std::as_const(article)->keywords.size(), 2u);
        auto python = session.query(keywords).filter(keywords.word == "python").one();
        EXPECT_TRUE(std::as_const(python)->articles.contains(article));
        EXPECT_EQ(session.query(keywords).filter(keywords.articles.any()).count(), 2);
        article->keywords.remove(python);
        session.commit();
        EXPECT_EQ(scalar("SELECT count(*) FROM article_keywords"), 1);
        // Adding to a persistent article from the other side.
        auto fresh = session.query(articles).one();
        python = session.query(keywords).filter(keywords.word == "python").one();
        python->articles.add(fresh);
        session.commit();
        EXPECT_EQ(scalar("SELECT count(*) FROM article_keywords"), 2);
        // Eager loading of both sides.
        session.expunge_all();
        auto all = session.query(keywords).options(selectinload(keywords.articles)).all();
        for (const auto& keyword : std::as_const(all)) EXPECT_EQ(keyword->articles.size(), 1u);
    }
    {
        Session session(engine());
        session.delete_(session.query(authors).one());  // the article goes too, with its rows
        session.commit();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM article_keywords"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM keywords"), 2);
}

TEST_P(RelationshipTest, reparenting_clearing_and_orphan_adoption_reach_the_database) {
    {
        Session session(engine());
        auto first = session.add(Author{.username = "first"});
        first->articles.add(make(Article{.title = "moving"}));
        first->articles.add(make(Article{.title = "adopted"}));
        auto reviewed = make(Article{.title = "reviewed"});
        reviewed->reviewer = first;
        first->articles.add(reviewed);
        session.commit();
    }
    Session session(engine());
    auto moving = session.query(articles).filter(articles.title == "moving").one();
    auto second = session.add(Author{.username = "second"});  // inserted by the same flush
    second->articles.add(moving);
    auto reviewed = session.query(articles).filter(articles.title == "reviewed").one();
    reviewed->reviewer = nullptr;
    auto first = session.query(authors).filter(authors.username == "first").one();
    auto adopted = session.query(articles).filter(articles.title == "adopted").one();
    first->articles.remove(adopted);  // an orphan (delete-orphan)...
    second->articles.add(adopted);    // ...taken in by another parent: not deleted
    session.commit();
    EXPECT_EQ(scalar("SELECT count(*) FROM articles a JOIN authors u ON a.author_id = u.id WHERE "
                     "u.username = 'second'"),
              2);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles WHERE reviewer_id IS NOT NULL"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM articles"), 3);
}

TEST_P(RelationshipTest, parents_in_the_session_cost_no_statement_and_no_warning) {
    {
        Session session(engine());
        auto author = session.add(Author{.username = "prolific"});
        for (int i = 0; i < 15; ++i) author->articles.add(make(Article{.title = "a"}));
        session.commit();
    }
    Session session(engine(), {.raise_on_repeated_lazy_loads = true});
    auto author = session.query(authors).one();
    auto all = session.query(articles).all();
    selects_ = 0;
    for (const auto& article : std::as_const(all)) EXPECT_EQ(article->author.get(), author);
    EXPECT_EQ(selects_, 0);
    EXPECT_TRUE(warnings_.empty());
    auto eager = session.query(authors).options(joinedload(authors.articles)).first();
    EXPECT_EQ(eager, author);
}

TEST_P(RelationshipTest, a_copy_of_an_entity_does_not_load_relationships) {
    {
        Session session(engine());
        session.add(Author{.username = "copied"});
        session.commit();
    }
    Session session(engine());
    const auto original = session.query(authors).one();
    Author copy = *original;
    EXPECT_THROW((void)copy.articles.size(), DetachedInstanceError);
}

TEST_P(RelationshipTest, many_to_many_pairs_held_only_by_each_other_are_released) {
    {
        Session session(engine());
        auto article = session.add(Article{.title = "pair"});
        article->keywords.add(make(Keyword{.word = "cycle"}));
        session.add(Author{.username = "o"})->articles.add(article);
        session.commit();
    }
    Session session(engine());
    auto article = session.query(articles).one();
    for (const auto& keyword : std::as_const(article)->keywords)
        EXPECT_EQ(keyword->articles.size(), 1u);
    article = nullptr;  // only the pair's references remain: the session must let go safely
    session.close();
    EXPECT_EQ(session.identity_map_size(), 0u);
}

TEST_P(RelationshipTest, join_and_joinedload_go_through_an_association_table) {
    {
        Session session(engine());
        auto author = session.add(Author{.username = "owner"});
        auto first = make(Article{.title = "first"});
        auto second = make(Article{.title = "second"});
        auto bare = make(Article{.title = "bare"});
        auto python = make(Keyword{.word = "python"});
        first->keywords.add(python);
        first->keywords.add(make(Keyword{.word = "databases"}));
        second->keywords.add(python);
        for (auto* article : {&first, &second, &bare}) author->articles.add(*article);
        session.commit();
    }
    Session session(engine());
    auto with_python = session.query(articles)
                           .join(articles.keywords)
                           .filter(keywords.word == "python")
                           .order_by(articles.title)
                           .all();
    ASSERT_EQ(with_python.size(), 2u);
    EXPECT_EQ(with_python[0]->title, "first");

    session.expunge_all();
    selects_ = 0;
    auto all = session.query(articles)
                   .options(joinedload(articles.keywords))
                   .order_by(articles.title)
                   .all();
    EXPECT_EQ(selects_, 1);  // parents and keywords in one statement
    ASSERT_EQ(all.size(), 3u);
    EXPECT_TRUE(std::as_const(all[0])->keywords.empty());   // "bare": outer join, no keywords
    EXPECT_EQ(std::as_const(all[1])->keywords.size(), 2u);  // "first"
    EXPECT_EQ(std::as_const(all[2])->keywords.size(), 1u);  // "second"
    EXPECT_EQ(selects_, 1);
}

TEST_P(RelationshipTest, a_self_referential_many_to_many_follows_both_ways) {
    {
        Session session(engine());
        auto ann = session.add(Member{.name = "ann"});
        auto bob = session.add(Member{.name = "bob"});
        auto cy = session.add(Member{.name = "cy"});
        ann->following.add(bob);
        ann->following.add(cy);
        bob->following.add(cy);
        EXPECT_TRUE(std::as_const(cy)->followers.contains(ann));  // back_populates
        session.commit();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM follows"), 3);
    EXPECT_EQ(scalar("SELECT count(*) FROM follows f JOIN members m ON m.id = f.follower_id "
                     "WHERE m.name = 'ann'"),
              2);
    {
        Session session(engine());
        auto cy = session.query(members).filter(members.name == "cy").one();
        EXPECT_EQ(std::as_const(cy)->followers.size(), 2u);  // lazily
        EXPECT_TRUE(std::as_const(cy)->following.empty());
        EXPECT_EQ(session.query(members).filter(members.followers.any()).count(), 2);
        EXPECT_EQ(session.query(members).filter(members.following.any()).count(), 2);

        session.expunge_all();
        selects_ = 0;
        auto everyone = session.query(members)
                            .options(joinedload(members.following))
                            .order_by(members.name)
                            .all();
        EXPECT_EQ(selects_, 1);
        ASSERT_EQ(everyone.size(), 3u);
        EXPECT_EQ(std::as_const(everyone[0])->following.size(), 2u);  // ann
        EXPECT_EQ(std::as_const(everyone[1])->following.size(), 1u);  // bob
        EXPECT_TRUE(std::as_const(everyone[2])->following.empty());   // cy

        session.expunge_all();
        auto by_selectin = session.query(members)
                               .options(selectinload(members.followers))
                               .order_by(members.name)
                               .all();
        EXPECT_TRUE(std::as_const(by_selectin[0])->followers.empty());
        EXPECT_EQ(std::as_const(by_selectin[2])->followers.size(), 2u);

        // Unfollowing removes the row.
        by_selectin[0]->following.remove(by_selectin[1]);
        session.commit();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM follows"), 2);
}

TEST_P(RelationshipTest, joinedload_of_a_self_referential_tree_aliases_the_children) {
    {
        Session session(engine());
        auto root = session.add(Category{.name = "root"});
        for (const char* name : {"a", "b"}) {
            auto child = make(Category{.name = name});
            child->parent = root;
        }
        session.commit();
    }
    Session session(engine());
    selects_ = 0;
    auto roots = session.query(categories)
                     .filter(categories.parent_id.is_null())
                     .options(joinedload(categories.children))
                     .all();
    ASSERT_EQ(roots.size(), 1u);
    EXPECT_EQ(std::as_const(roots[0])->children.size(), 2u);
    EXPECT_EQ(selects_, 1);
    EXPECT_THROW(session.query(categories).join(categories.children), NotSupportedError);
}

TEST_P(RelationshipTest, a_foreign_key_assigned_directly_wins_over_an_untouched_reference) {
    {
        Session session(engine());
        auto first = session.add(Author{.username = "first"});
        first->articles.add(make(Article{.title = "moving"}));
        session.add(Author{.username = "second"});
        session.commit();
    }
    const std::int64_t second = scalar("SELECT id FROM authors WHERE username = 'second'");
    Session session(engine());
    auto article = session.query(articles).one();
    const Ptr<Author> first = std::as_const(article)->author.get();  // loaded, and held
    ASSERT_EQ(first->username, "first");
    article->author_id = second;
    session.commit();
    EXPECT_EQ(scalar("SELECT author_id FROM articles"), second);
    EXPECT_EQ(std::as_const(article)->author->username, "second");  // read again by the key
    EXPECT_FALSE(first->articles.contains(article));
    // Assigning the reference still sets the key.
    article->author = first;
    session.commit();
    EXPECT_NE(scalar("SELECT author_id FROM articles"), second);
}

}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {

using namespace retort::orm;
using namespace relationships;

TEST_P(RelationshipTest, chained_and_side_by_side_joinedloads_share_one_statement) {
    {
        Session session(engine());
        for (int i = 0; i < 3; ++i) {
            auto author = session.add(Author{.username = "c" + std::to_string(i)});
            author->profile = make(Profile{.bio = "bio"});
            for (int j = 0; j < 2; ++j) {
                const std::string name = std::to_string(i) + std::to_string(j);
                auto article = make(Article{.title = "a" + name, .is_published = j == 0});
                article->keywords.add(make(Keyword{.word = "k" + name}));
                article->keywords.add(make(Keyword{.word = "x" + name}));
                author->articles.add(article);
            }
        }
        session.add(Author{.username = "lonely"});
        session.commit();
    }
    Session session(engine());
    const auto articles_and_keywords =
        joinedload(authors.articles).then(joinedload(articles.keywords));
    selects_ = 0;
    auto all = session.query(authors)
                   .options(articles_and_keywords, joinedload(authors.profile))
                   .order_by(authors.username)
                   .all();
    EXPECT_EQ(selects_, 1);
    ASSERT_EQ(all.size(), 4u);
    for (std::size_t i = 0; i < 3; ++i) {
        const Author& author = *std::as_const(all[i]);
        ASSERT_EQ(author.articles.size(), 2u) << author.username;
        for (const auto& article : author.articles)
            EXPECT_EQ(std::as_const(article)->keywords.size(), 2u);
        ASSERT_TRUE(author.profile.get());
    }
    EXPECT_TRUE(std::as_const(all[3])->articles.empty());
    EXPECT_FALSE(std::as_const(all[3])->profile.get());
    EXPECT_EQ(selects_, 1);  // nothing was left to load lazily

    // Paged: the limit counts authors, and the chain still comes in the same statement.
    session.expunge_all();
    selects_ = 0;
    auto page = session.query(authors)
                    .options(articles_and_keywords)
                    .order_by(authors.username)
                    .limit(2)
                    .all();
    ASSERT_EQ(page.size(), 2u);
    for (const auto& author : std::as_const(page))
        for (const auto& article : author->articles)
            EXPECT_EQ(std::as_const(article)->keywords.size(), 2u);
    EXPECT_EQ(selects_, 1);

    // Many-to-one, then one-to-one: articles with their authors and the authors' profiles.
    session.expunge_all();
    selects_ = 0;
    auto listed = session.query(articles)
                      .options(joinedload(articles.author).then(joinedload(authors.profile)))
                      .all();
    ASSERT_EQ(listed.size(), 6u);
    for (const auto& article : std::as_const(listed)) {
        const Ptr<Author>& author = article->author.get();
        ASSERT_TRUE(author);
        const Ptr<Profile>& profile = std::as_const(author)->profile.get();
        ASSERT_TRUE(profile);
        EXPECT_EQ(std::as_const(profile)->bio, std::optional<std::string>("bio"));
    }
    EXPECT_EQ(selects_, 1);

    // `published` has extra criteria naming articles itself, so it is joined unaliased, beside
    // the aliased join of `articles`: still one statement.
    session.expunge_all();
    selects_ = 0;
    auto both = session.query(authors)
                    .options(joinedload(authors.articles), joinedload(authors.published))
                    .filter(authors.username == "c0")
                    .all();
    ASSERT_EQ(both.size(), 1u);
    EXPECT_EQ(std::as_const(both[0])->articles.size(), 2u);
    EXPECT_EQ(std::as_const(both[0])->published.size(), 1u);
    EXPECT_EQ(selects_, 1);
    // When the query's own join() names articles already, an alias would hide the criteria
    // from it: selectin loads it instead (one more statement, the same objects).
    session.expunge_all();
    selects_ = 0;
    auto joined = session.query(authors)
                      .join(authors.articles)
                      .filter(authors.username == "c0" && articles.title == "a00")
                      .options(joinedload(authors.published))
                      .all();
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_EQ(std::as_const(joined[0])->published.size(), 1u);
    EXPECT_EQ(selects_, 2);

    // join() along the relationship a joinedload fills: the eager join is aliased and loads
    // every article (contains_eager would keep only the ones the filter matched).
    session.expunge_all();
    auto writers = session.query(authors)
                       .join(authors.articles)
                       .filter(articles.is_published == true)
                       .options(joinedload(authors.articles))
                       .order_by(authors.username)
                       .all();
    ASSERT_EQ(writers.size(), 3u);
    for (const auto& author : std::as_const(writers)) EXPECT_EQ(author->articles.size(), 2u);

    // The same relationship in two chains is joined once; both chains are filled.
    session.expunge_all();
    selects_ = 0;
    auto merged = session.query(authors)
                      .options(articles_and_keywords,
                               joinedload(authors.articles).then(joinedload(articles.reviewer)))
                      .filter(authors.username == "c1")
                      .all();
    ASSERT_EQ(merged.size(), 1u);
    ASSERT_EQ(std::as_const(merged[0])->articles.size(), 2u);
    const Ptr<Article>& first_article = std::as_const(merged[0])->articles[0];
    EXPECT_EQ(std::as_const(first_article)->keywords.size(), 2u);
    EXPECT_FALSE(std::as_const(first_article)->reviewer.get());
    EXPECT_EQ(selects_, 1);

    // An inner join chained below an outer one stays outer: "lonely" is still there.
    session.expunge_all();
    auto everyone = session.query(authors)
                        .options(joinedload(authors.articles)
                                     .then(joinedload(articles.keywords, {.innerjoin = true})))
                        .all();
    EXPECT_EQ(everyone.size(), 4u);
}

TEST_P(RelationshipTest, joinedload_pages_count_owners_whatever_the_order_and_joins) {
    {
        Session session(engine());
        for (int i = 0; i < 3; ++i) {
            auto author = session.add(Author{.username = "p" + std::to_string(i)});
            for (int j = 0; j < 2; ++j)
                author->articles.add(make(Article{
                    .title = "t" + std::to_string(i) + std::to_string(j), .is_published = j == 0}));
        }
        session.add(Author{.username = "z_without_articles"});
        session.commit();
    }
    Session session(engine());
    // Sorted by a column of a table only the page's subquery joins.
    selects_ = 0;
    auto by_title = session.query(authors)
                        .join(authors.articles)
                        .filter(articles.is_published == true)
                        .options(joinedload(authors.articles))
                        .order_by(articles.title.desc())
                        .limit(2)
                        .all();
    ASSERT_EQ(by_title.size(), 2u);
    EXPECT_EQ(std::as_const(by_title[0])->username, "p2");
    EXPECT_EQ(std::as_const(by_title[1])->username, "p1");
    for (const auto& author : std::as_const(by_title)) EXPECT_EQ(author->articles.size(), 2u);
    EXPECT_EQ(selects_, 1);

    // An inner joinedload leaves out authors without articles before the page is cut, so
    // the page is full and first() finds the first author that has articles.
    session.expunge_all();
    auto inner = session.query(authors)
                     .options(joinedload(authors.articles, {.innerjoin = true}))
                     .order_by(authors.username.desc())
                     .limit(2)
                     .all();
    ASSERT_EQ(inner.size(), 2u);
    EXPECT_EQ(std::as_const(inner[0])->username, "p2");
    auto first = session.query(authors)
                     .options(joinedload(authors.articles, {.innerjoin = true}))
                     .order_by(authors.username.desc())
                     .first();
    ASSERT_TRUE(first);
    EXPECT_EQ(std::as_const(first)->username, "p2");

    // contains_eager with one(): no LIMIT cuts the joined rows.
    session.expunge_all();
    auto only_published = session.query(authors)
                              .join(authors.articles)
                              .filter(authors.username == "p0" && articles.is_published == true)
                              .options(contains_eager(authors.articles))
                              .one();
    ASSERT_EQ(std::as_const(only_published)->articles.size(), 1u);
    EXPECT_EQ(std::as_const(only_published)->articles[0]->title, "t00");
}

}  // namespace
}  // namespace retort::testing
