// run_transaction(): a transaction that failed in a way a new attempt can fix runs again; one
// that may have committed, or failed for good, does not.
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

struct Note {
    std::int64_t id = 0;
    std::string text;
};
MetaData retry_metadata;
struct Notes : Model<Note> {
    Column<&Note::id> id{this, primary_key};
    Column<&Note::text> text{this, type::String(40)};
    Notes() : Model("retry_notes", retry_metadata) {}
};
const Notes notes;

class RetryTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_ = make_engine();
        table_ = table_name("accounts");
        auto conn = engine_.connect();
        conn.execute(text("CREATE TABLE " + table_ + " (id INTEGER PRIMARY KEY, balance INTEGER)"));
        conn.execute(text("INSERT INTO " + table_ + " VALUES (1, 100)"));
        conn.commit();
    }
    void TearDown() override {
        auto conn = engine_.connect();
        conn.execute(text("DROP TABLE " + table_));
        conn.commit();
    }
    std::int64_t balance() {
        auto conn = engine_.connect();
        return conn.execute(text("SELECT balance FROM " + table_ + " WHERE id = 1"))
            .scalar<std::int64_t>();
    }
    Engine engine_ = create_engine("sqlite://");
    std::string table_;
};
RETORT_ON_BOTH_BACKENDS(RetryTest);

TEST_P(RetryTest, a_retryable_failure_runs_the_transaction_again_and_commits_once) {
    int attempts = 0;
    std::vector<std::string> causes;
    auto result = engine_.run_transaction(
        [&](Connection& conn) {
            conn.execute(text("UPDATE " + table_ + " SET balance = balance - 10 WHERE id = 1"));
            if (++attempts == 1) throw OperationalError("deadlock detected", "40P01");
            return attempts;
        },
        {.backoff = std::chrono::milliseconds(1),
         .on_retry = [&](int attempt, const DatabaseError& error) {
             causes.push_back(std::to_string(attempt) + ":" + error.sqlstate());
         }});
    EXPECT_EQ(result, 2);
    EXPECT_EQ(causes, (std::vector<std::string>{"1:40P01"}));
    EXPECT_EQ(balance(), 90);  // the failed attempt was rolled back
}

TEST_P(RetryTest, other_failures_and_unknown_commits_are_not_retried) {
    int attempts = 0;
    EXPECT_THROW(engine_.run_transaction([&](Connection& conn) {
        ++attempts;
        conn.execute(text("INSERT INTO " + table_ + " VALUES (1, 5)"));  // duplicate key
    }),
                 IntegrityError);
    EXPECT_EQ(attempts, 1);
    attempts = 0;
    EXPECT_THROW(engine_.run_transaction([&](Connection&) {
        ++attempts;
        throw CommitOutcomeUnknown("the reply to COMMIT was lost", "08006");
    }),
                 CommitOutcomeUnknown);
    EXPECT_EQ(attempts, 1);
    attempts = 0;
    EXPECT_THROW(engine_.run_transaction(
                     [&](Connection&) {
                         ++attempts;
                         throw OperationalError("could not serialize access", "40001");
                     },
                     {.max_attempts = 3, .backoff = std::chrono::milliseconds(1)}),
                 OperationalError);
    EXPECT_EQ(attempts, 3);
}

TEST_P(RetryTest, a_session_transaction_is_retried_in_a_fresh_session) {
    retry_metadata.create_all(engine_);
    orm::SessionFactory factory(engine_);
    int attempts = 0;
    auto id = factory.run_transaction(
        [&](orm::Session& session) {
            auto note = session.add(Note{.text = "once"});
            session.flush();
            if (++attempts == 1) throw OperationalError("could not serialize access", "40001");
            return std::as_const(note)->id;
        },
        {.backoff = std::chrono::milliseconds(1)});
    EXPECT_EQ(attempts, 2);
    orm::Session check(engine_);
    EXPECT_EQ(check.query(notes).count(), 1);  // the first attempt's row was rolled back
    const auto stored = check.query(notes).one();
    EXPECT_EQ(stored->id, id);
    check.close();
    EXPECT_THROW(
        factory.run_transaction([](orm::Session&) {}, {.isolation = IsolationLevel::serializable}),
        ArgumentError);
    retry_metadata.drop_all(engine_);
}

TEST(RetryPostgres, a_real_serialization_failure_is_retried) {
    Engine engine = create_engine(postgresql_url());
    const std::string table = table_name("accounts");
    engine.transaction([&](Connection& conn) {
        conn.execute(text("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, balance INTEGER)"));
        conn.execute(text("INSERT INTO " + table + " VALUES (1, 100)"));
    });
    int attempts = 0;
    std::vector<std::string> causes;
    engine.run_transaction(
        [&](Connection& conn) {
            conn.execute(text("SELECT balance FROM " + table + " WHERE id = 1"));  // snapshot
            if (++attempts == 1) {  // another transaction changes the row meanwhile
                auto other = engine.connect();
                other.execute(text("UPDATE " + table + " SET balance = balance + 1 WHERE id = 1"));
                other.commit();
            }
            conn.execute(text("UPDATE " + table + " SET balance = balance - 10 WHERE id = 1"));
        },
        {.backoff = std::chrono::milliseconds(1),
         .isolation = IsolationLevel::repeatable_read,
         .on_retry = [&](int, const DatabaseError& error) { causes.push_back(error.sqlstate()); }});
    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(causes, (std::vector<std::string>{"40001"}));
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(text("SELECT balance FROM " + table)).scalar<std::int64_t>(), 91);
}

TEST(RetryPostgres, a_connection_lost_before_commit_is_retried_on_a_new_one) {
    Engine engine = create_engine(postgresql_url());
    Engine admin = create_engine(postgresql_url(), {.isolation_level = IsolationLevel::autocommit});
    const std::string table = table_name("accounts");
    engine.transaction([&](Connection& conn) {
        conn.execute(text("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, balance INTEGER)"));
        conn.execute(text("INSERT INTO " + table + " VALUES (1, 100)"));
    });
    int attempts = 0;
    engine.run_transaction(
        [&](Connection& conn) {
            conn.execute(text("UPDATE " + table + " SET balance = balance - 10 WHERE id = 1"));
            if (++attempts == 1) {
                auto pid = conn.execute(text("SELECT pg_backend_pid()")).scalar<std::int64_t>();
                admin.connect().execute(text("SELECT pg_terminate_backend(:pid)"), {{"pid", pid}});
            }
            conn.execute(text("SELECT 1"));
        },
        {.backoff = std::chrono::milliseconds(1)});
    EXPECT_EQ(attempts, 2);
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(text("SELECT balance FROM " + table)).scalar<std::int64_t>(), 90);
}

}  // namespace
}  // namespace retort::testing
