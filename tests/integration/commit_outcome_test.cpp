// Lost COMMIT replies: Retort learns each writing transaction's id before COMMIT and, when the
// reply is lost, asks the server what happened. Every outcome it reports must be what the
// server did: the row is there exactly when commit() said it committed.
#include "support/faults.hpp"

namespace retort::testing {
namespace {

using namespace std::chrono_literals;

class CommitOutcomeTest : public ::testing::Test {
  protected:
    void SetUp() override {
        table_ = table_name("ledger");
        direct_.transaction([&](Connection& conn) {
            conn.execute(text("CREATE TABLE " + table_ + " (id INTEGER PRIMARY KEY, n INTEGER)"));
            conn.execute(text("INSERT INTO " + table_ + " VALUES (0, 0)"));
        });
    }
    void TearDown() override {
        direct_.transaction([&](Connection& conn) { conn.execute(text("DROP TABLE " + table_)); });
    }
    bool row_exists(int id) {
        auto conn = direct_.connect();
        return conn.execute(text("SELECT count(*) FROM " + table_ + " WHERE id = :id"),
                            {{"id", id}})
                   .scalar<std::int64_t>() == 1;
    }
    std::int64_t counter() {
        auto conn = direct_.connect();
        return conn.execute(text("SELECT n FROM " + table_ + " WHERE id = 0"))
            .scalar<std::int64_t>();
    }
    void insert(Connection& conn, int id) {
        conn.execute(text("INSERT INTO " + table_ + " VALUES (:id, 1)"), {{"id", id}});
    }
    // Commits and says what commit() reported: true committed, false rolled back.
    static bool commit_reports(Connection& conn) {
        try {
            conn.commit();
            return true;
        } catch (const CommitOutcomeUnknown& error) {
            ADD_FAILURE() << "the outcome stayed unknown: " << error.what();
            throw;
        } catch (const OperationalError& error) {
            EXPECT_TRUE(error.is_disconnect()) << error.what();
            EXPECT_NE(std::string(error.what()).find("rolled back"), std::string::npos)
                << error.what();
            return false;
        }
    }

    Engine direct_ = create_engine(postgresql_url());
    FaultProxy proxy_ = proxy_to_server();
    Engine engine_ = engine_through(proxy_, 1s);
    std::string table_;
};

TEST_F(CommitOutcomeTest, a_committed_transaction_whose_reply_is_lost_reports_committed) {
    auto conn = engine_.connect();
    insert(conn, 1);
    proxy_.drop_replies_on_existing();  // the server commits; its answer never arrives
    EXPECT_TRUE(commit_reports(conn));
    EXPECT_TRUE(row_exists(1));
    EXPECT_EQ(conn.execute(text("SELECT 1")).scalar<std::int64_t>(), 1);  // usable again
}

TEST_F(CommitOutcomeTest, a_commit_that_never_reached_the_server_reports_rolled_back) {
    auto conn = engine_.connect();
    insert(conn, 1);
    proxy_.cut_when_client_sends("COMMIT", false);
    EXPECT_FALSE(commit_reports(conn));
    EXPECT_EQ(proxy_.triggered(), 1);
    EXPECT_FALSE(row_exists(1));
}

TEST_F(CommitOutcomeTest, a_commit_cut_as_it_is_delivered_reports_what_the_server_did) {
    for (int id = 1; id <= 6; ++id) {
        auto conn = engine_.connect();
        insert(conn, id);
        proxy_.cut_when_client_sends("COMMIT", true);
        const bool committed = commit_reports(conn);
        EXPECT_EQ(committed, row_exists(id)) << "transaction " << id;
    }
}

TEST_F(CommitOutcomeTest, a_stalled_commit_ends_the_old_server_process_and_reports_its_outcome) {
    auto conn = engine_.connect();
    insert(conn, 1);
    proxy_.stall_existing();  // COMMIT waits in the proxy; new connections get through
    const bool committed = commit_reports(conn);
    EXPECT_FALSE(committed);  // it never reached the server, whose process was then ended
    proxy_.resume();          // the COMMIT held in the proxy arrives late, to no one
    std::this_thread::sleep_for(200ms);
    EXPECT_FALSE(row_exists(1));
}

TEST_F(CommitOutcomeTest, a_lost_reply_of_a_transaction_that_wrote_nothing_loses_nothing) {
    auto conn = engine_.connect();
    conn.execute(text("UPDATE " + table_ + " SET n = 5 WHERE id = -1"));  // no row: no write
    proxy_.cut_when_client_sends("COMMIT", true);
    EXPECT_NO_THROW(conn.commit());
    EXPECT_EQ(proxy_.triggered(), 1);
}

TEST_F(CommitOutcomeTest, a_transaction_of_queries_only_stays_unknown_and_says_why) {
    // Its id is asked with the first INSERT, UPDATE, DELETE... never with a SELECT, which
    // would cost every read-only transaction work: a SELECT may still write (a function).
    auto conn = engine_.connect();
    conn.execute(text("SELECT n FROM " + table_));
    proxy_.cut_when_client_sends("COMMIT", true);
    try {
        conn.commit();
        ADD_FAILURE() << "a lost COMMIT reply of a transaction of queries was reported known";
    } catch (const CommitOutcomeUnknown& error) {
        EXPECT_TRUE(error.transaction_id().empty());
        EXPECT_NE(std::string(error.what()).find("first INSERT"), std::string::npos)
            << error.what();
    }
}

TEST_F(CommitOutcomeTest, an_unknown_outcome_is_resolved_later_by_the_engine) {
    auto conn = engine_.connect();
    insert(conn, 1);
    proxy_.stall_for(40s);  // neither the reply nor a new connection gets through
    std::optional<CommitOutcomeUnknown> lost;
    try {
        conn.commit();
    } catch (const CommitOutcomeUnknown& error) {
        lost = error;
    }
    ASSERT_TRUE(lost.has_value());
    EXPECT_GT(lost->backend_pid(), 0);
    proxy_.resume();
    const CommitOutcome outcome = engine_.resolve_commit(*lost);
    ASSERT_NE(outcome, CommitOutcome::unknown);
    EXPECT_EQ(outcome == CommitOutcome::committed, row_exists(1));
}

TEST_F(CommitOutcomeTest, run_transaction_applies_a_transaction_once_whatever_happens_to_commit) {
    // Lost before the server (rolled back: run again), lost after it (committed: not again),
    // and cut as it is delivered: the counter goes up by exactly one each time.
    const std::pair<bool, bool> faults[] = {{false, false}, {true, false}, {true, true}};
    std::int64_t expected = 0;
    for (const auto& fault : faults) {
        const bool deliver = fault.first;  // named, not bound: clang 14 cannot capture bindings
        const bool drop_replies = fault.second;
        int attempts = 0;
        engine_.run_transaction(
            [&](Connection& conn) {
                conn.execute(text("UPDATE " + table_ + " SET n = n + 1 WHERE id = 0"));
                if (++attempts == 1) {
                    if (drop_replies)
                        proxy_.drop_replies_on_existing();
                    else
                        proxy_.cut_when_client_sends("COMMIT", deliver);
                }
            },
            {.backoff = 10ms});
        proxy_.resume();
        EXPECT_EQ(counter(), ++expected) << "deliver " << deliver << " drop " << drop_replies;
    }
}

struct Entry {
    std::int64_t id = 0;
    std::int64_t n = 0;
};
MetaData outcome_metadata;
struct Entries : Model<Entry> {
    Column<&Entry::id> id{this, primary_key};
    Column<&Entry::n> n{this};
    Entries() : Model("commit_outcome_entries", outcome_metadata) {}
};
const Entries entries;

TEST_F(CommitOutcomeTest, orm_flushes_by_pipeline_and_by_copy_learn_the_id_too) {
    outcome_metadata.create_all(direct_);
    for (int rows : {3, 2000}) {  // a few rows go as INSERTs, many as COPY
        orm::Session session(engine_);
        for (int i = 1; i <= rows; ++i) session.add(Entry{.id = rows * 10000 + i, .n = i});
        proxy_.cut_when_client_sends("COMMIT", false);
        try {
            session.commit();
            ADD_FAILURE() << "a COMMIT that never reached the server succeeded";
        } catch (const CommitOutcomeUnknown& error) {
            ADD_FAILURE() << rows << " rows: the outcome stayed unknown: " << error.what();
        } catch (const OperationalError& error) {
            EXPECT_NE(std::string(error.what()).find("rolled back"), std::string::npos)
                << error.what();
        }
        auto conn = direct_.connect();
        EXPECT_EQ(conn.execute(text("SELECT count(*) FROM commit_outcome_entries"))
                      .scalar<std::int64_t>(),
                  0);
    }
    outcome_metadata.drop_all(direct_);
}

}  // namespace
}  // namespace retort::testing
