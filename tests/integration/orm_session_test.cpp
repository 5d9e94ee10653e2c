// The ORM Session on both backends: the seed's models, CRUD, sessions and transactions, and
// unit-of-work scenarios after SQLAlchemy's test_unitofwork.py, test_session.py and
// test_transaction.py.
#include <set>
#include <thread>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using namespace retort::orm;

// The seed's User and Post (Defining Models with SQLAlchemy ORM).
struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::string password_hash;
    bool is_active = true;
    DateTime created_at{};
};

struct Post {
    std::int64_t id = 0;
    std::string title;
    std::string content;
    std::int64_t user_id = 0;
    bool is_published = false;
    DateTime created_at{};
    DateTime updated_at{};
};

struct Document {  // optimistic locking
    std::int64_t id = 0;
    std::string body;
    std::int64_t version = 0;
};

struct Notice {  // values the server fills in
    std::int64_t id = 0;
    std::string body;
    std::optional<bool> is_active;
    std::optional<DateTime> created_at;
};

struct Membership {  // a composite primary key, no generated values
    std::int64_t user_id = 0;
    std::string group_name;
    std::optional<std::string> role{};
};

MetaData orm_metadata;

struct Users : Model<User> {
    Column<&User::id> id{this, primary_key};
    Column<&User::username> username{this, type::String(50), unique};
    Column<&User::email> email{this, type::String(100), unique};
    Column<&User::password_hash> password_hash{this, type::String(128)};
    Column<&User::is_active> is_active{this};
    Column<&User::created_at> created_at{this, default_([] { return utc_now(); })};
    Users() : Model("users", orm_metadata) {}
};
const Users users;

struct Posts : Model<Post> {
    Column<&Post::id> id{this, primary_key};
    Column<&Post::title> title{this, type::String(200)};
    Column<&Post::content> content{this, type::Text()};
    Column<&Post::user_id> user_id{this, ForeignKey("users.id")};
    Column<&Post::is_published> is_published{this};
    Column<&Post::created_at> created_at{this, default_([] { return utc_now(); })};
    Column<&Post::updated_at> updated_at{this, default_([] { return utc_now(); }),
                                         onupdate([] { return utc_now(); })};
    Posts() : Model("posts", orm_metadata) {}
};
const Posts posts;

struct Documents : Model<Document> {
    Column<&Document::id> id{this, primary_key};
    Column<&Document::body> body{this, type::Text()};
    Column<&Document::version> version{this, version_id};
    Documents() : Model("documents", orm_metadata) {}
};
const Documents documents;

struct Notices : Model<Notice> {
    Column<&Notice::id> id{this, primary_key};
    Column<&Notice::body> body{this, type::Text()};
    Column<&Notice::is_active> is_active{this, not_null, server_default(literal(true))};
    Column<&Notice::created_at> created_at{this, not_null, server_default(func::now())};
    Notices() : Model("notices", orm_metadata) {}
};
const Notices notices;

struct Memberships : Model<Membership> {
    Column<&Membership::user_id> user_id{this, primary_key, ForeignKey("users.id")};
    Column<&Membership::group_name> group_name{this, primary_key, type::String(40)};
    Column<&Membership::role> role{this};
    Memberships() : Model("memberships", orm_metadata) {}
};
const Memberships memberships;

User make_user(const std::string& name) {
    return User{.username = name, .email = name + "@example.com", .password_hash = "x"};
}

class SessionTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_.emplace(make_engine());
        orm_metadata.create_all(*engine_);
        engine_->events().before_execute.push_back(
            [this](const ExecuteInfo& info) { statements_.emplace_back(info.sql); });
    }
    Engine& engine() { return *engine_; }
    std::int64_t count_of(const std::string& table) {
        auto conn = engine().connect();
        return conn.execute(text("SELECT count(*) FROM " + table)).scalar<std::int64_t>();
    }
    /// Statements run since the last call, without BEGIN/COMMIT.
    std::vector<std::string> take_statements() {
        std::vector<std::string> taken;
        for (auto& s : statements_)
            if (s.rfind("SELECT count", 0) != 0) taken.push_back(s);
        statements_.clear();
        return taken;
    }
    static bool starts_with(const std::string& s, const std::string& prefix) {
        return s.rfind(prefix, 0) == 0;
    }

    std::optional<Engine> engine_;
    std::vector<std::string> statements_;
};
RETORT_ON_BOTH_BACKENDS(SessionTest);

TEST_P(SessionTest, count_leaves_out_an_order_that_cannot_change_it_and_keeps_limits) {
    Session session(engine());
    for (int i = 0; i < 5; ++i) session.add(make_user("counted" + std::to_string(i)));
    session.commit();
    statements_.clear();
    EXPECT_EQ(session.query(users).order_by(users.username.desc()).count(), 5);
    ASSERT_FALSE(statements_.empty());
    EXPECT_EQ(statements_.back().find("ORDER BY"), std::string::npos) << statements_.back();
    // With limits the order decides which rows are counted: it stays.
    EXPECT_EQ(session.query(users).order_by(users.username).limit(2).offset(1).count(), 2);
    EXPECT_NE(statements_.back().find("ORDER BY"), std::string::npos) << statements_.back();
    EXPECT_EQ(session.query(users).order_by(users.username).offset(4).count(), 1);
}

TEST_P(SessionTest, the_flushs_statements_report_the_rows_they_changed_to_after_execute) {
    std::int64_t updated = 0, deleted = 0, inserted = 0;
    engine().events().after_execute.push_back(
        [&](const ExecuteInfo& info, std::chrono::nanoseconds) {
            if (starts_with(std::string(info.sql), "UPDATE")) updated += info.rows_affected;
            if (starts_with(std::string(info.sql), "DELETE")) deleted += info.rows_affected;
            if (starts_with(std::string(info.sql), "INSERT")) inserted += info.rows_affected;
        });
    Session session(engine());
    auto a = session.add(make_user("a"));
    auto b = session.add(make_user("b"));
    auto c = session.add(make_user("c"));
    session.flush();
    EXPECT_EQ(inserted, 3);
    a->email = "a@new";
    b->email = "b@new";
    session.delete_(c);
    session.commit();
    EXPECT_EQ(updated, 2);  // however the dialect batches them
    EXPECT_EQ(deleted, 1);
}

TEST_P(SessionTest, add_and_commit_fetches_the_generated_key_and_applies_client_defaults) {
    Session session(engine());
    auto john = session.add(make_user("johndoe"));
    EXPECT_EQ(inspect(john).state(), ObjectState::pending);
    EXPECT_EQ(std::as_const(john)->id, 0);
    session.commit();
    EXPECT_EQ(inspect(john).state(), ObjectState::persistent);
    EXPECT_TRUE(inspect(john).expired());   // expire_on_commit
    EXPECT_GT(std::as_const(john)->id, 0);  // reloads
    EXPECT_NE(std::as_const(john)->created_at, DateTime{});
    EXPECT_TRUE(std::as_const(john)->is_active);

    auto conn = engine().connect();
    auto row = conn.execute(text("SELECT username, email FROM users WHERE id = :id"),
                            {{"id", std::as_const(john)->id}})
                   .one();
    EXPECT_EQ(row.get<std::string>(0), "johndoe");
    EXPECT_EQ(row.get<std::string>(1), "johndoe@example.com");
}

TEST_P(SessionTest, the_identity_map_gives_one_object_per_primary_key) {
    std::int64_t id;
    {
        Session session(engine());
        auto u = session.add(make_user("alice"));
        session.flush();
        id = std::as_const(u)->id;
        EXPECT_EQ(session.get<User>(id), u);  // from the identity map, no SELECT
        session.commit();
    }
    Session session(engine());
    auto a = session.get<User>(id);
    auto b = session.query(users).filter(users.username == "alice").one();
    auto c = session.execute(select(users).where(users.id == id)).scalars<User>();
    ASSERT_TRUE(a);
    EXPECT_EQ(a, b);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0], a);
    EXPECT_EQ(session.identity_map_size(), 1u);
    EXPECT_FALSE(session.get<User>(id + 1000));
}

TEST_P(SessionTest,
       an_update_sets_only_the_changed_columns_and_nothing_changed_means_no_statement) {
    Session session(engine());
    auto u = session.add(make_user("bob"));
    session.commit();
    (void)std::as_const(u)->id;  // reload after expire_on_commit
    take_statements();

    u->username = "bob";  // opened for writing, but the same value
    session.flush();
    EXPECT_TRUE(take_statements().empty());

    u->email = "bob@new.example.com";
    session.flush();
    auto sent = take_statements();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_TRUE(starts_with(sent[0], "UPDATE users SET email = ")) << sent[0];
    EXPECT_EQ(sent[0].find("username"), std::string::npos) << sent[0];
    session.commit();
    EXPECT_EQ(count_of("users WHERE email = 'bob@new.example.com'"), 1);
}

TEST_P(SessionTest, onupdate_values_are_applied_when_a_row_changes) {
    Session session(engine());
    auto author = session.add(make_user("writer"));
    session.flush();
    auto post =
        session.add(Post{.title = "t", .content = "c", .user_id = std::as_const(author)->id});
    session.flush();
    DateTime first = std::as_const(post)->updated_at;
    EXPECT_NE(first, DateTime{});
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    post->is_published = true;
    session.flush();
    EXPECT_GT(std::as_const(post)->updated_at, first);
    session.commit();
    EXPECT_GT(std::as_const(post)->updated_at, first);  // reloaded: the database has it too
    EXPECT_TRUE(std::as_const(post)->is_published);
}

TEST_P(SessionTest, a_flush_orders_inserts_parents_first_and_deletes_children_first) {
    Session session(engine());
    // Added child-table objects first: the flush must still insert users before posts.
    auto author =
        session.add(User{.id = 500, .username = "p", .email = "p@x", .password_hash = "h"});
    auto post = session.add(posts, Post{.id = 900, .title = "a", .content = "b", .user_id = 500});
    auto membership = session.add(Membership{.user_id = 500, .group_name = "admins"});
    take_statements();
    session.flush();
    auto sent = take_statements();
    ASSERT_GE(sent.size(), 3u);
    EXPECT_TRUE(starts_with(sent[0], "INSERT INTO users")) << sent[0];
    session.commit();
    EXPECT_EQ(count_of("posts"), 1);
    EXPECT_EQ(count_of("memberships"), 1);

    session.delete_(author);
    session.delete_(post);
    session.delete_(membership);
    take_statements();
    session.commit();
    sent = take_statements();
    ASSERT_GE(sent.size(), 3u);
    // users is deleted last: posts and memberships refer to it.
    std::vector<std::string> deletes;
    for (auto& s : sent)
        if (starts_with(s, "DELETE")) deletes.push_back(s);
    ASSERT_EQ(deletes.size(), 3u);
    EXPECT_TRUE(starts_with(deletes[2], "DELETE FROM users")) << deletes[2];
    EXPECT_EQ(count_of("users"), 0);
    EXPECT_EQ(inspect(author).state(), ObjectState::detached);
}

TEST_P(SessionTest, many_inserts_come_back_with_their_own_keys) {
    Session session(engine(), SessionOptions{.batch_rows = 100});
    std::vector<User> batch;
    for (int i = 0; i < 1234; ++i) batch.push_back(make_user("user" + std::to_string(i)));
    auto added = session.add_all(std::move(batch));
    session.flush();
    std::set<std::int64_t> ids;
    for (const auto& u : std::as_const(added)) ids.insert(u->id);
    EXPECT_EQ(ids.size(), 1234u);
    session.commit();
    // Each object's key is its own row's.
    auto conn = engine().connect();
    for (int i : {0, 1, 99, 100, 777, 1233}) {
        auto name = conn.execute(text("SELECT username FROM users WHERE id = :id"),
                                 {{"id", std::as_const(added[i])->id}})
                        .scalar<std::string>();
        EXPECT_EQ(name, "user" + std::to_string(i));
    }
}

TEST_P(SessionTest, many_updates_in_one_flush_write_every_row) {
    Session session(engine(), SessionOptions{.batch_rows = 50});
    std::vector<User> batch;
    for (int i = 0; i < 120; ++i) batch.push_back(make_user("u" + std::to_string(i)));
    session.add_all(std::move(batch));
    session.commit();
    auto loaded = session.query(users).order_by(users.id).all();
    ASSERT_EQ(loaded.size(), 120u);
    for (std::size_t i = 0; i < loaded.size(); i += 2)
        loaded[i]->email = "even" + std::to_string(i);
    session.commit();
    EXPECT_EQ(count_of("users WHERE email LIKE 'even%'"), 60);
    EXPECT_EQ(std::as_const(loaded[4])->email, "even4");
}

TEST_P(SessionTest, expire_and_refresh_reload_from_the_database) {
    Session session(engine());
    auto u = session.add(make_user("carol"));
    session.commit();  // expires u and returns the connection
    auto change_email = [&](const std::string& email) {
        auto conn = engine().connect();
        conn.execute(text("UPDATE users SET email = :e WHERE username = 'carol'"), {{"e", email}});
        conn.commit();
    };
    change_email("changed@x");
    EXPECT_EQ(std::as_const(u)->email, "changed@x");  // reloaded on access
    session.commit();  // ends the reading transaction (SQLite would lock out the writer)

    change_email("again@x");
    u->email = "local";  // reloads first, then changes in memory only
    EXPECT_TRUE(inspect(u).modified());
    session.refresh(u);  // discards the change
    EXPECT_EQ(std::as_const(u)->email, "again@x");
    EXPECT_FALSE(inspect(u).modified());

    session.expire(u);
    EXPECT_TRUE(inspect(u).expired());
    EXPECT_EQ(std::as_const(u)->username, "carol");
    EXPECT_FALSE(inspect(u).expired());
}

TEST_P(SessionTest, a_detached_object_cannot_load_and_merge_brings_it_back) {
    Ptr<User> detached;
    {
        Session session(engine());
        detached = session.add(make_user("dave"));
        session.commit();
    }
    EXPECT_EQ(inspect(detached).state(), ObjectState::detached);
    EXPECT_THROW((void)std::as_const(detached)->email, DetachedInstanceError);

    Session other(engine(), SessionOptions{.expire_on_commit = false});
    auto loaded = other.query(users).filter(users.username == "dave").one();
    other.commit();  // end the read: objects stay loaded without expire_on_commit
    User copy = *std::as_const(loaded);
    Session third(engine());
    copy.email = "merged@x";
    auto merged = third.merge(copy);
    EXPECT_EQ(inspect(merged).state(), ObjectState::persistent);
    EXPECT_TRUE(inspect(merged).modified());
    third.commit();
    EXPECT_EQ(count_of("users WHERE email = 'merged@x'"), 1);
    // merge of an object without a row adds it
    auto fresh = third.merge(make_user("eve"));
    EXPECT_EQ(inspect(fresh).state(), ObjectState::pending);
    third.commit();
    EXPECT_EQ(count_of("users"), 2);
}

TEST_P(SessionTest, rollback_restores_the_in_memory_state) {
    Session session(engine());
    auto kept = session.add(make_user("kept"));
    session.commit();
    kept->email = "changed";
    auto added = session.add(make_user("added"));
    session.flush();
    EXPECT_EQ(inspect(added).state(), ObjectState::persistent);
    session.rollback();
    EXPECT_EQ(inspect(added).state(), ObjectState::transient);
    EXPECT_EQ(std::as_const(added)->id, 0);  // the rolled-back key is forgotten
    EXPECT_EQ(std::as_const(kept)->email, "kept@example.com");
    EXPECT_EQ(count_of("users"), 1);
}

TEST_P(SessionTest, a_failed_flush_rolls_back_and_demands_rollback_nothing_half_written) {
    Session session(engine());
    session.add(make_user("taken"));
    session.commit();
    auto first = session.add(make_user("first"));
    auto duplicate =
        session.add(User{.username = "taken", .email = "other@x", .password_hash = "h"});
    EXPECT_THROW(session.flush(), IntegrityError);
    EXPECT_EQ(inspect(first).state(), ObjectState::pending);  // still to be written
    EXPECT_EQ(std::as_const(first)->id, 0);
    EXPECT_THROW(session.query(users).all(), InvalidRequestError);
    EXPECT_THROW(session.commit(), InvalidRequestError);
    session.rollback();
    EXPECT_EQ(count_of("users"), 1);  // "first" was not half-written
    // The session works again.
    session.add(make_user("after"));
    session.commit();
    EXPECT_EQ(count_of("users"), 2);
    (void)duplicate;
}

TEST_P(SessionTest, the_seeds_savepoint_example_keeps_the_outer_work) {
    Session session(engine());
    auto new_user = session.add(
        User{.username = "savepoint_test", .email = "savepoint@example.com", .password_hash = "h"});
    bool inner_failed = false;
    try {
        auto nested = session.begin_nested();
        session.add(User{
            .username = "savepoint_test", .email = "duplicate@example.com", .password_hash = "h"});
        nested.commit();
    } catch (const IntegrityError&) {
        inner_failed = true;
    }
    EXPECT_TRUE(inner_failed);
    session.add(Post{.title = "Savepoint Post",
                     .content = "Test content",
                     .user_id = std::as_const(new_user)->id});
    session.commit();
    EXPECT_EQ(count_of("users"), 1);
    EXPECT_EQ(count_of("posts WHERE title = 'Savepoint Post'"), 1);
}

TEST_P(SessionTest, a_begin_scope_commits_when_it_ends_normally) {
    Session session(engine());
    {
        auto transaction = session.begin();
        session.add(make_user("scoped"));
        EXPECT_TRUE(transaction.is_active());
    }                                                           // committed here
    EXPECT_EQ(count_of("users WHERE username = 'scoped'"), 1);  // seen by another connection
    EXPECT_FALSE(session.in_transaction());
}

TEST_P(SessionTest, a_begin_scope_left_by_an_exception_rolls_back) {
    Session session(engine());
    Ptr<User> added;
    try {
        auto transaction = session.begin();
        added = session.add(make_user("abandoned"));
        session.flush();  // the row is written in the transaction, then abandoned
        throw std::runtime_error("the request failed");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(count_of("users WHERE username = 'abandoned'"), 0);
    EXPECT_EQ(inspect(added).state(), ObjectState::transient);  // as SQLAlchemy: expunged
    session.add(make_user("afterwards"));                       // the session works again
    session.commit();
    EXPECT_EQ(count_of("users"), 1);
}

TEST_P(SessionTest, a_commit_failing_at_the_end_of_a_begin_scope_throws_there_and_rolls_back) {
    {
        Session first(engine());
        first.add(make_user("taken"));
        first.commit();
    }
    Session session(engine());
    auto block = [&] {
        auto transaction = session.begin();
        session.add(make_user("fine"));
        session.add(make_user("taken"));  // a duplicate username: the flush at commit fails
    };
    EXPECT_THROW(block(), IntegrityError);
    EXPECT_EQ(count_of("users WHERE username = 'fine'"), 0);
    EXPECT_FALSE(session.in_transaction());
    session.add(make_user("later"));  // rolled back already: usable
    session.commit();
    EXPECT_EQ(count_of("users WHERE username = 'later'"), 1);
}

TEST_P(SessionTest, begin_refuses_when_a_transaction_is_already_begun) {
    Session session(engine());
    (void)session.query(users).count();  // a statement begins the transaction (autobegin)
    EXPECT_THROW((void)session.begin(), InvalidRequestError);
    session.commit();
    auto transaction = session.begin();  // after commit, a new one may begin
    transaction.rollback();
    EXPECT_FALSE(transaction.is_active());
}

TEST_P(SessionTest, scalar_scalars_and_exists_read_typed_values_after_an_autoflush) {
    Session session(engine());
    session.add(make_user("bea"));
    session.add(make_user("abe"));  // pending: the statements below flush them first
    const std::int64_t users_count = session.scalar(select(func::count(users.id)));
    EXPECT_EQ(users_count, 2);
    const std::vector<std::string> names =
        session.scalars(select(users.username).order_by({users.username}));
    EXPECT_EQ(names, (std::vector<std::string>{"abe", "bea"}));
    const bool has_abe =
        session.scalar(select(session.query(users).filter(users.username == "abe").exists()));
    const bool has_cid =
        session.scalar(select(session.query(users).filter(users.username == "cid").exists()));
    EXPECT_TRUE(has_abe);
    EXPECT_FALSE(has_cid);
    EXPECT_THROW((void)session.scalar(select(users.username).where(users.username == "zed")),
                 NoResultFound);
}

TEST_P(SessionTest, a_version_conflict_raises_stale_data_and_overwrites_nothing) {
    Session first(engine());
    auto doc = first.add(Document{.body = "v1"});
    first.commit();
    EXPECT_EQ(std::as_const(doc)->version, 1);
    const std::int64_t id = std::as_const(doc)->id;
    first.commit();  // expires doc again, ends the read

    Session second(engine());
    auto same = second.get<Document>(id);
    same->body = "from second";
    second.commit();
    EXPECT_EQ(std::as_const(same)->version, 2);
    second.commit();

    doc->body = "from first";  // expired, so this reloads version 2 before the change
    first.commit();
    EXPECT_EQ(std::as_const(doc)->version, 3);
    first.commit();

    // A real conflict: both read version 3, then both write.
    Session a(engine(), SessionOptions{.expire_on_commit = false});
    Session b(engine(), SessionOptions{.expire_on_commit = false});
    auto in_a = a.get<Document>(id);
    auto in_b = b.get<Document>(id);
    a.commit();
    b.commit();  // both transactions end: the objects keep version 3 in memory
    in_a->body = "a wins";
    a.commit();
    in_b->body = "b loses";
    EXPECT_THROW(b.flush(), StaleDataError);
    b.rollback();
    auto conn = engine().connect();
    EXPECT_EQ(conn.execute(text("SELECT body FROM documents")).scalar<std::string>(), "a wins");
}

TEST_P(SessionTest, one_stale_row_among_many_changed_fails_the_whole_flush) {
    // Many changed rows of one shape go in one statement (PostgreSQL binds them as arrays);
    // a row another transaction changed since it was read is still caught.
    std::vector<std::int64_t> ids;
    {
        Session setup(engine());
        std::vector<Ptr<Document>> added;
        for (int i = 0; i < 5; ++i) added.push_back(setup.add(Document{.body = "v1"}));
        setup.commit();
        for (auto& doc : added) ids.push_back(std::as_const(doc)->id);
    }
    Session stale(engine(), SessionOptions{.expire_on_commit = false});
    std::vector<Ptr<Document>> read;
    for (auto id : ids) read.push_back(stale.get<Document>(id));
    stale.commit();
    {
        Session other(engine());
        other.get<Document>(ids[3])->body = "changed meanwhile";
        other.commit();
    }
    for (auto& doc : read) doc->body = "overwrite";
    EXPECT_THROW(stale.flush(), StaleDataError);
    stale.rollback();
    EXPECT_EQ(count_of("documents WHERE body = 'overwrite'"), 0);
    // Without the conflict the same flush writes every row, version counters raised.
    Session fresh(engine());
    auto every_document = fresh.query(documents).all();
    for (auto& doc : every_document) doc->body = "rewritten";
    take_statements();
    fresh.commit();
    auto sent = take_statements();
    if (is_postgresql()) {  // one statement for the five rows, whose text does not count them
        std::vector<std::string> updates;
        std::copy_if(sent.begin(), sent.end(), std::back_inserter(updates),
                     [](const std::string& sql) { return starts_with(sql, "UPDATE"); });
        ASSERT_EQ(updates.size(), 1u);
        EXPECT_NE(updates[0].find("FROM unnest($1"), std::string::npos) << updates[0];
    }
    EXPECT_EQ(count_of("documents WHERE body = 'rewritten' AND version >= 2"), 5);
}

TEST_P(SessionTest, server_defaults_are_read_back_or_loaded_on_first_access) {
    Session session(engine());
    std::vector<Ptr<Notice>> added;
    for (int i = 0; i < 3; ++i)
        added.push_back(session.add(Notice{.body = "n", .is_active = {}, .created_at = {}}));
    take_statements();
    session.flush();
    auto inserts = take_statements();
    ASSERT_FALSE(inserts.empty());
    for (const auto& sql : inserts) {
        // SQLite builds a temporary table for each RETURNING: it reports the key instead, and
        // the defaults wait for the first access. PostgreSQL reads them back with the rows.
        EXPECT_EQ(sql.find("RETURNING") != std::string::npos, is_postgresql()) << sql;
    }
    for (const auto& notice : added) {
        EXPECT_GT(std::get<std::int64_t>(inspect(notice).identity().at(0)), 0);
        EXPECT_EQ(std::as_const(notice)->is_active, true);  // the server's value, loaded
        EXPECT_TRUE(std::as_const(notice)->created_at.has_value());
    }
    auto loads = take_statements();
    EXPECT_EQ(loads.size(), is_postgresql() ? 0u : 1u) << "the flush's objects load together";
    // Changed after that first access, the object is written as any other.
    added[0]->is_active = false;
    session.commit();
    EXPECT_EQ(count_of("notices WHERE is_active = " + std::string(is_postgresql() ? "false" : "0")),
              1);

    // Rolled back, a flushed object is new again and readable (SQLite: its server values blank
    // as it gave them).
    auto undone = session.add(Notice{.body = "undone", .is_active = {}, .created_at = {}});
    session.flush();
    session.rollback();
    EXPECT_EQ(inspect(undone).state(), ObjectState::transient);
    EXPECT_EQ(std::as_const(undone)->body, "undone");
    if (!is_postgresql()) {  // never read back there; PostgreSQL's RETURNING had filled it
        EXPECT_FALSE(std::as_const(undone)->is_active.has_value());
    }

    // Read before the session closes, the server's values stay with the object after it.
    Session kept(engine(), SessionOptions{.expire_on_commit = false});
    auto notice = kept.add(Notice{.body = "kept", .is_active = {}, .created_at = {}});
    kept.flush();
    EXPECT_EQ(std::as_const(notice)->is_active, true);
    kept.commit();
    kept.close();
    EXPECT_EQ(std::as_const(notice)->body, "kept");
    // Never read, and no session left to read them: refused, not read as blank.
    Session closed(engine(), SessionOptions{.expire_on_commit = false});
    auto unread = closed.add(Notice{.body = "unread", .is_active = {}, .created_at = {}});
    closed.commit();
    closed.close();
    if (!is_postgresql()) {
        EXPECT_THROW((void)std::as_const(unread)->is_active, DetachedInstanceError);
    } else {
        EXPECT_EQ(std::as_const(unread)->is_active, true);  // read back by RETURNING
    }
}

TEST_P(SessionTest, query_api_filters_orders_limits_counts_and_paginates) {
    Session session(engine());
    std::vector<User> batch;
    for (int i = 0; i < 25; ++i) {
        User u = make_user("q" + std::to_string(100 + i));
        u.is_active = i % 5 != 0;
        batch.push_back(u);
    }
    session.add_all(std::move(batch));
    session.commit();

    auto active =
        session.query(users).filter(users.is_active == true).order_by(users.username.desc()).all();
    ASSERT_EQ(active.size(), 20u);
    EXPECT_EQ(std::as_const(active[0])->username, "q124");
    EXPECT_EQ(session.query(users).filter_by({{"is_active", false}}).count(), 5);
    auto first = session.query(users).order_by(users.username).first();
    EXPECT_EQ(std::as_const(first)->username, "q100");
    EXPECT_FALSE(session.query(users).filter(users.username == "nobody").first());
    EXPECT_THROW(session.query(users).one(), MultipleResultsFound);
    EXPECT_THROW(session.query(users).filter(users.username == "nobody").one(), NoResultFound);
    auto some = session.query(users).order_by(users.id).limit(5).offset(10).all();
    ASSERT_EQ(some.size(), 5u);
    EXPECT_EQ(std::as_const(some[0])->username, "q110");

    auto page = paginate(session.query(users).order_by(users.id), 3, 10);
    EXPECT_EQ(page.total, 25);
    EXPECT_EQ(page.pages, 3);
    EXPECT_EQ(page.items.size(), 5u);
    EXPECT_FALSE(page.has_next);
    EXPECT_TRUE(page.has_prev);
    EXPECT_THROW(paginate(session.query(users), 0, 10), ArgumentError);

    // Without the count: one extra row says whether another page follows.
    auto second = paginate(session.query(users).order_by(users.id), 2, 10, PageTotal::skip);
    EXPECT_FALSE(second.total.has_value());
    EXPECT_FALSE(second.pages.has_value());
    ASSERT_EQ(second.items.size(), 10u);
    EXPECT_EQ(std::as_const(second.items[0])->username, "q110");
    EXPECT_EQ(std::as_const(second.items[9])->username, "q119");
    EXPECT_TRUE(second.has_next);
    EXPECT_TRUE(second.has_prev);
    auto last = paginate(session.query(users).order_by(users.id), 5, 5, PageTotal::skip);
    EXPECT_EQ(last.items.size(), 5u);  // exactly the last five rows: no page after them
    EXPECT_FALSE(last.has_next);
    auto beyond = paginate(session.query(users).order_by(users.id), 4, 10, PageTotal::skip);
    EXPECT_TRUE(beyond.items.empty());
    EXPECT_FALSE(beyond.has_next);

    auto counts = session
                      .execute(select(users.is_active, func::count(users.id))
                                   .group_by({users.is_active})
                                   .order_by({users.is_active}))
                      .all();
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts[0], std::make_tuple(false, std::int64_t{5}));
}

TEST_P(SessionTest, autoflush_lets_a_query_see_the_sessions_own_changes) {
    Session session(engine());
    session.add(make_user("pending"));
    EXPECT_EQ(session.query(users).count(), 1);
    {
        Session::NoAutoflush guard(session);
        session.add(make_user("held"));
        EXPECT_EQ(session.query(users).count(), 1);
    }
    EXPECT_EQ(session.query(users).count(), 2);
}

TEST_P(SessionTest, bulk_update_and_delete_synchronise_the_session) {
    Session session(engine());
    std::vector<User> batch;
    for (int i = 0; i < 6; ++i) batch.push_back(make_user("b" + std::to_string(i)));
    auto objects = session.add_all(std::move(batch));
    session.flush();
    auto n = session.query(users)
                 .filter(users.username.in_(std::vector<std::string>{"b1", "b2", "b3"}))
                 .update({{"is_active", false}});
    EXPECT_EQ(n, 3);
    EXPECT_FALSE(std::as_const(objects[1])->is_active);  // fetched back
    EXPECT_TRUE(std::as_const(objects[0])->is_active);
    auto gone = session.query(users).filter(users.is_active == false).delete_();
    EXPECT_EQ(gone, 3);
    EXPECT_EQ(inspect(objects[2]).state(), ObjectState::deleted);
    session.commit();
    EXPECT_EQ(count_of("users"), 3);
}

TEST_P(SessionTest, deleting_and_expunging_follow_sqlalchemys_states) {
    Session session(engine());
    auto u = session.add(make_user("gone"));
    EXPECT_THROW(session.delete_(u), InvalidRequestError);  // pending: nothing to delete
    session.commit();
    session.delete_(u);
    EXPECT_EQ(session.deleted_count(), 1u);
    session.flush();
    EXPECT_EQ(inspect(u).state(), ObjectState::deleted);
    session.commit();
    EXPECT_EQ(inspect(u).state(), ObjectState::detached);

    auto kept = session.add(make_user("kept"));
    session.expunge(kept);
    EXPECT_EQ(inspect(kept).state(), ObjectState::transient);
    session.commit();
    EXPECT_EQ(count_of("users"), 0);
}

TEST_P(SessionTest, composite_keys_identify_objects) {
    Session session(engine());
    auto owner = session.add(make_user("owner"));
    session.flush();
    auto id = std::as_const(owner)->id;
    session.add(Membership{.user_id = id, .group_name = "a", .role = "admin"});
    session.add(Membership{.user_id = id, .group_name = "b"});
    session.commit();
    Session other(engine());
    auto m = other.get<Membership>(id, std::string("a"));
    ASSERT_TRUE(m);
    EXPECT_EQ(std::as_const(m)->role, std::optional<std::string>("admin"));
    EXPECT_EQ(other.query(memberships).filter(memberships.group_name == "a").one(), m);
    EXPECT_FALSE(other.get<Membership>(id, std::string("b"))->role);
    // SQLAlchemy's spelling: the key as one tuple.
    EXPECT_EQ(other.get(memberships, std::tuple{id, "a"}), m);
    EXPECT_FALSE(other.get(memberships, std::tuple{id, "none"}));
}

TEST_P(SessionTest, mapper_and_session_events_fire) {
    std::vector<std::string> seen;
    Session session(engine());
    session.events().before_flush.push_back([&](Session&) { seen.push_back("before_flush"); });
    session.events().after_flush.push_back([&](Session&) { seen.push_back("after_flush"); });
    session.events().after_commit.push_back([&](Session&) { seen.push_back("after_commit"); });
    session.events().after_rollback.push_back([&](Session&) { seen.push_back("after_rollback"); });
    auto hooks = orm::model_events(documents);
    hooks.before_insert([&](Document& document) {
        document.body += " (stamped)";
        seen.push_back("before_insert");
    });
    session.add(Document{.body = "x"});
    session.commit();
    session.rollback();
    hooks.clear();
    EXPECT_EQ(seen, (std::vector<std::string>{"before_flush", "before_insert", "after_flush",
                                              "after_commit", "after_rollback"}));
    auto conn = engine().connect();
    EXPECT_EQ(conn.execute(text("SELECT body FROM documents")).scalar<std::string>(),
              "x (stamped)");
}

TEST_P(SessionTest, destroying_a_session_rolls_back_what_was_not_committed) {
    {
        Session session(engine());
        session.add(make_user("uncommitted"));
        session.flush();
    }
    EXPECT_EQ(count_of("users"), 0);
}

TEST_P(SessionTest, partitions_stream_objects_in_chunks) {
    Session session(engine());
    std::vector<User> batch;
    for (int i = 0; i < 250; ++i) batch.push_back(make_user("s" + std::to_string(i)));
    session.add_all(std::move(batch));
    session.commit();
    session.expunge_all();
    std::vector<std::size_t> sizes;
    session.query(users).order_by(users.id).partitions(
        100, [&](std::vector<Ptr<User>>& chunk) { sizes.push_back(chunk.size()); });
    EXPECT_EQ(sizes, (std::vector<std::size_t>{100, 100, 50}));
}

TEST_P(SessionTest, a_scoped_session_gives_each_thread_its_own) {
    ScopedSession registry{SessionFactory(engine())};
    Session* main_session = &registry();
    EXPECT_EQ(&registry(), main_session);
    Session* other = nullptr;
    std::thread([&] {
        other = &registry();
        registry().add(make_user("threaded"));
        registry().commit();
        registry.remove();
    }).join();
    EXPECT_NE(other, main_session);
    EXPECT_EQ(registry().query(users).count(), 1);
    registry.remove();
    EXPECT_FALSE(registry.has_session());
}

TEST(OrmMapping, a_model_without_primary_key_is_refused_with_its_name) {
    struct Loose {
        std::int64_t n = 0;
    };
    static MetaData loose_metadata;
    struct Looses : Model<Loose> {
        Column<&Loose::n> n{this};
        Looses() : Model("looses", loose_metadata) {}
    };
    static const Looses looses;
    try {
        Session::mapper_of(looses);
        FAIL() << "expected ArgumentError";
    } catch (const ArgumentError& error) {
        EXPECT_NE(std::string(error.what()).find("looses"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {
TEST_P(SessionTest, after_a_failed_commit_and_rollback_the_next_insert_gets_its_key) {
    Session session(engine());
    session.add(make_user("one"));
    session.commit();
    session.add(User{.username = "two", .email = "one@example.com", .password_hash = "h"});
    EXPECT_THROW(session.commit(), IntegrityError);
    session.rollback();
    EXPECT_EQ(session.query(users).order_by(users.id).offset(0).limit(100).all().size(), 1u);
    EXPECT_FALSE(session.query(users).filter(users.username == "three").first());
    auto three = session.add(make_user("three"));
    session.commit();
    session.refresh(three);
    EXPECT_GT(std::as_const(three)->id, 0);
    EXPECT_EQ(std::as_const(three)->username, "three");
}
}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {
// libpq keeps single-row mode into the first query of a pipeline that follows a streamed query.
TEST_P(SessionTest, a_batch_after_a_streamed_query_reads_its_returned_rows) {
    auto conn = engine().connect();
    conn.execute(
        text("INSERT INTO users (username, email, password_hash, is_active, created_at) "
             "VALUES ('a', 'a@x', 'h', TRUE, CURRENT_TIMESTAMP)"));
    auto streamed = conn.execute(text("SELECT username FROM users"), {}, {.stream = true}).all();
    ASSERT_EQ(streamed.size(), 1u);
    std::string sql = is_postgresql()
                          ? "INSERT INTO users (username, email, password_hash, is_active, "
                            "created_at) VALUES ($1, $2, 'h', TRUE, CURRENT_TIMESTAMP) RETURNING id"
                          : "INSERT INTO users (username, email, password_hash, is_active, "
                            "created_at) VALUES (?1, ?2, 'h', 1, CURRENT_TIMESTAMP) RETURNING id";
    std::vector<Value> b{Value{std::string("b")}, Value{std::string("b@x")}};
    std::vector<Value> c{Value{std::string("c")}, Value{std::string("c@x")}};
    std::vector<std::vector<const Value*>> sets{{&b[0], &b[1]}, {&c[0], &c[1]}};
    BatchStatement statement{sql, sets};
    std::vector<std::int64_t> ids;
    conn.execute_batch({&statement, 1}, [&](std::size_t, std::size_t, DriverResult& outcome) {
        while (outcome.next()) ids.push_back(outcome.field(0).integer);
    });
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_LT(ids[0], ids[1]);
}
}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {
TEST_P(SessionTest, an_object_whose_row_was_deleted_behind_the_session_gives_way) {
    Session session(engine());
    auto old = session.add(make_user("old"));
    session.flush();
    const std::int64_t id = std::as_const(old)->id;
    session.execute(delete_(users).where(users.id == id));  // Core: the session does not know
    auto reborn =
        session.add(User{.id = id, .username = "new", .email = "n@x", .password_hash = "h"});
    session.commit();
    EXPECT_EQ(inspect(reborn).state(), ObjectState::persistent);
    EXPECT_EQ(inspect(old).state(), ObjectState::detached);
    EXPECT_EQ(session.get<User>(id), reborn);
}

TEST_P(SessionTest, objects_added_by_a_hook_during_a_flush_wait_for_the_next_one) {
    Session session(engine());
    auto hooks = orm::model_events(documents);
    int extra = 0;
    hooks.after_insert([&](Document&) {
        if (extra++ == 0) session.add(Document{.body = "added by a hook"});
    });
    session.add(Document{.body = "first"});
    session.flush();
    EXPECT_EQ(session.pending_count(), 1u);
    session.commit();
    hooks.clear();
    EXPECT_EQ(count_of("documents"), 2);
}

TEST_P(SessionTest, a_flush_on_an_autocommit_engine_is_still_all_or_nothing) {
    Engine autocommit = make_engine({.isolation_level = IsolationLevel::autocommit});
    orm_metadata.create_all(autocommit);
    Session session(autocommit);
    session.add(make_user("a"));
    session.add(User{.username = "a", .email = "other@x", .password_hash = "h"});
    EXPECT_THROW(session.flush(), IntegrityError);
    session.rollback();
    EXPECT_EQ(
        autocommit.connect().execute(text("SELECT count(*) FROM users")).scalar<std::int64_t>(), 0);
}

TEST_P(SessionTest, a_value_too_long_for_its_column_is_an_error_not_cut_short) {
    Session session(engine());
    session.add(make_user(std::string(60, 'x')));  // the first row of a multi-row INSERT
    session.add(make_user("short"));
    if (is_postgresql()) {
        EXPECT_THROW(session.flush(), DataError);
        session.rollback();
        EXPECT_EQ(count_of("users"), 0);
    } else {  // SQLite does not enforce lengths: the value is kept whole
        session.commit();
        EXPECT_EQ(count_of("users WHERE length(username) = 60"), 1);
    }
}
}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {
// Keys spaced by a power of two all fall on a few slots of the identity map's table: the map
// must notice and still find every object.
TEST_P(SessionTest, the_identity_map_finds_objects_whose_keys_cluster) {
    Session session(engine());
    std::vector<Ptr<Document>> added;
    for (std::int64_t k = 1; k <= 3000; ++k)
        added.push_back(session.add(Document{.id = k * 4096, .body = "d"}));
    session.flush();
    ASSERT_EQ(session.identity_map_size(), 3000u);
    for (std::int64_t k = 1; k <= 3000; ++k)
        ASSERT_EQ(session.get<Document>(k * 4096), added[static_cast<std::size_t>(k - 1)]);
    session.expunge(added[10]);
    EXPECT_EQ(session.identity_map_size(), 2999u);
    EXPECT_EQ(session.get<Document>(std::int64_t{11 * 4096}).state().state(),
              ObjectState::persistent);  // read again from the database: a new object
}
}  // namespace
}  // namespace retort::testing
