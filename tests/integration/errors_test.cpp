// Errors: classified by SQLSTATE / result code, naming the statement, never the password.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

class ErrorsTest : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(ErrorsTest);

TEST_P(ErrorsTest, unique_violation_is_an_integrity_error) {
    auto conn = make_engine().connect();
    std::string table = table_name("uniq");
    conn.execute(text("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, email TEXT CONSTRAINT " +
                      table + "_email_key UNIQUE)"));
    conn.execute(text("INSERT INTO " + table + " VALUES (1, 'a@x')"));
    try {
        conn.execute(text("INSERT INTO " + table + " VALUES (2, :e)"), {{"e", "a@x"}});
        FAIL() << "no IntegrityError";
    } catch (const IntegrityError& error) {
        std::string message = error.what();
        EXPECT_NE(message.find("INSERT INTO " + table), std::string::npos)
            << message;  // names the statement
        if (is_postgresql()) {
            EXPECT_EQ(error.sqlstate(), "23505");
            EXPECT_EQ(error.constraint_name(), table + "_email_key");
        } else {
            EXPECT_EQ(error.sqlstate(), "SQLITE_CONSTRAINT_UNIQUE");
        }
    }
}

TEST_P(ErrorsTest, syntax_and_unknown_tables_are_programming_errors) {
    auto conn = make_engine().connect();
    EXPECT_THROW(conn.execute(text("SELEC 1")), ProgrammingError);
    if (is_postgresql()) conn.rollback();
    EXPECT_THROW(conn.execute(text("SELECT * FROM no_such_table_anywhere")), ProgrammingError);
}

TEST_P(ErrorsTest, foreign_keys_are_enforced) {
    auto conn = make_engine().connect();
    std::string parent = table_name("parent"), child = table_name("child");
    conn.execute(text("CREATE TABLE " + parent + " (id INTEGER PRIMARY KEY)"));
    conn.execute(text("CREATE TABLE " + child +
                      " (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES " + parent +
                      "(id))"));
    EXPECT_THROW(conn.execute(text("INSERT INTO " + child + " VALUES (1, 42)")), IntegrityError);
}

TEST(ConnectErrors, wrong_password_is_an_operational_error_without_the_password) {
    Url url = Url::parse(postgresql_url());
    url.password = "definitely-Wrong-pw-1234";
    auto engine = create_engine(url.render_with_password());
    try {
        engine.connect();
        FAIL() << "connected with a wrong password";
    } catch (const OperationalError& error) {
        std::string message = error.what();
        EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
        EXPECT_EQ(message.find("definitely-Wrong-pw-1234"), std::string::npos) << message;
    }
    EXPECT_EQ(engine.url().str().find("definitely-Wrong-pw-1234"), std::string::npos);
}

TEST(ConnectErrors, unreachable_port_fails_within_connect_timeout) {
    // Only loopback is used: a closed port refuses at once; a listener that never answers must
    // be given up on within connect_timeout.
    auto refused = create_engine("postgresql://u:p@127.0.0.1:1/db?connect_timeout=2");
    EXPECT_THROW(refused.connect(), OperationalError);

    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    int port = ntohs(address.sin_port);
    auto silent = create_engine("postgresql://u:p@127.0.0.1:" + std::to_string(port) +
                                "/db?connect_timeout=2");
    auto start = std::chrono::steady_clock::now();
    try {
        silent.connect();
        FAIL() << "connected to a silent listener";
    } catch (const OperationalError& error) {
        EXPECT_NE(std::string(error.what()).find("connect_timeout"), std::string::npos)
            << error.what();
    }
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(4));
    EXPECT_GE(elapsed, std::chrono::milliseconds(1900));
    ::close(fd);
}

TEST(ConnectErrors, malformed_url_and_unknown_scheme_are_argument_errors) {
    EXPECT_THROW(create_engine("postgresql://u:p@host:notaport/db"), ArgumentError);
    EXPECT_THROW(create_engine("mysql://u:p@host/db"), ArgumentError);
    EXPECT_THROW(create_engine("sqlite:///x.db?bogus=1").connect(), ArgumentError);
}

TEST(SqliteErrors, read_only_mode_refuses_writes) {
    std::string url = sqlite_file_url();
    {
        auto conn = create_engine(url).connect();
        conn.execute(text("CREATE TABLE t (x INTEGER)"));
        conn.commit();
    }
    auto conn = create_engine(url + "?mode=ro").connect();
    EXPECT_EQ(conn.execute(text("SELECT count(*) FROM t")).scalar<std::int64_t>(), 0);
    EXPECT_THROW(conn.execute(text("INSERT INTO t VALUES (1)")), OperationalError);
}

TEST(PostgresqlErrors, commit_of_a_failed_transaction_raises_instead_of_silently_rolling_back) {
    auto conn = create_engine(postgresql_url()).connect();
    std::string table = table_name("failed");
    conn.execute(text("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY)"));
    conn.commit();
    conn.execute(text("INSERT INTO " + table + " VALUES (1)"));
    EXPECT_THROW(conn.execute(text("INSERT INTO " + table + " VALUES (1)")), IntegrityError);
    EXPECT_THROW(conn.commit(), InvalidRequestError);
    EXPECT_EQ(conn.execute(text("SELECT count(*) FROM " + table)).scalar<std::int64_t>(), 0);
}

TEST(PostgresqlErrors, statement_timeout_cancels_on_the_client_side) {
    auto engine =
        create_engine(postgresql_url(), {.statement_timeout = std::chrono::milliseconds(300)});
    auto conn = engine.connect();
    auto start = std::chrono::steady_clock::now();
    try {
        conn.execute(text("SELECT pg_sleep(10)"));
        FAIL() << "pg_sleep(10) was not cancelled";
    } catch (const OperationalError& error) {
        EXPECT_EQ(error.sqlstate(), "57014");
        EXPECT_NE(std::string(error.what()).find("statement_timeout"), std::string::npos)
            << error.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
    conn.rollback();
    EXPECT_EQ(conn.execute(text("SELECT 1")).scalar<std::int64_t>(), 1);  // still usable
}

TEST(SqliteErrors, statement_timeout_interrupts_a_long_query) {
    auto engine = create_engine("sqlite://", {.statement_timeout = std::chrono::milliseconds(200)});
    auto conn = engine.connect();
    EXPECT_THROW(
        conn.execute(text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                          "SELECT count(*) FROM c"))
            .scalar<std::int64_t>(),
        OperationalError);
    EXPECT_EQ(conn.execute(text("SELECT 1")).scalar<std::int64_t>(), 1);
}

}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {

TEST(PostgresqlErrors, serialization_failures_are_recognisable_for_retry) {
    std::string url = postgresql_url();
    auto engine = create_engine(url, {.isolation_level = IsolationLevel::serializable});
    std::string table = table_name("ser");
    {
        auto conn = engine.connect();
        conn.execute(text("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, n INTEGER)"));
        conn.execute(text("INSERT INTO " + table + " VALUES (1, 0)"));
        conn.commit();
    }
    auto a = engine.connect();
    auto b = engine.connect();
    a.execute(text("SELECT n FROM " + table + " WHERE id = 1"));
    b.execute(text("SELECT n FROM " + table + " WHERE id = 1"));
    a.execute(text("UPDATE " + table + " SET n = n + 1 WHERE id = 1"));
    a.commit();
    try {
        b.execute(text("UPDATE " + table + " SET n = n + 1 WHERE id = 1"));
        b.commit();
        FAIL() << "concurrent serializable updates both committed";
    } catch (const OperationalError& error) {
        EXPECT_EQ(error.sqlstate(), "40001");
        EXPECT_TRUE(error.is_retryable());
    }
}

TEST(PostgresqlErrors, commit_on_a_lost_connection_reports_an_unknown_outcome) {
    auto engine = create_engine(postgresql_url());
    auto conn = engine.connect();
    auto pid = conn.execute(text("SELECT pg_backend_pid()")).scalar<std::int64_t>();
    create_engine(postgresql_url(), {.isolation_level = IsolationLevel::autocommit})
        .connect()
        .execute(text("SELECT pg_terminate_backend(:pid::int)"), {{"pid", pid}});
    // The client cannot know whether a COMMIT it could not complete took effect.
    EXPECT_THROW(conn.commit(), CommitOutcomeUnknown);
}

}  // namespace
}  // namespace retort::testing

namespace retort::testing {
namespace {

TEST(SqliteErrors, a_write_blocked_by_another_writer_is_busy_retryable_and_retried) {
    const std::string url = sqlite_file_url();
    Engine engine = create_engine(url + "?timeout=0.1");  // wait 100 ms for the lock, then busy
    {
        auto setup = engine.connect();
        setup.execute(text("CREATE TABLE counter (n INTEGER)"));
        setup.execute(text("INSERT INTO counter VALUES (0)"));
        setup.commit();
    }
    auto holder = engine.connect();  // holds the write lock until it commits
    holder.execute(text("UPDATE counter SET n = n + 1"));
    auto blocked = engine.connect();
    try {
        blocked.execute(text("UPDATE counter SET n = n + 10"));
        ADD_FAILURE() << "a second writer got the lock";
    } catch (const DatabaseError& error) {
        EXPECT_TRUE(error.is_retryable()) << error.sqlstate() << " " << error.what();
        EXPECT_EQ(error.sqlstate().rfind("SQLITE_BUSY", 0), 0u) << error.sqlstate();
    }
    blocked.rollback();
    // run_transaction waits it out: the holder commits while it backs off.
    int attempts = 0;
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        holder.commit();
    });
    engine.run_transaction(
        [&](Connection& conn) {
            ++attempts;
            conn.execute(text("UPDATE counter SET n = n + 10"));
        },
        {.max_attempts = 20, .backoff = std::chrono::milliseconds(50)});
    release.join();
    EXPECT_GE(attempts, 2);
    EXPECT_EQ(engine.connect().execute(text("SELECT n FROM counter")).scalar<std::int64_t>(), 11);
}

// Two transactions that each read, then write, at the same time: with SQLite's default
// deferred BEGIN the second to write finds the first holding the write lock while it holds a
// read lock itself, and SQLite refuses it at once (SQLITE_BUSY, no waiting: waiting could
// deadlock). begin=immediate takes the write lock at BEGIN, where the busy timeout waits, so
// both succeed one after the other.
// `both_read_first`: neither writes before both have read (with begin=immediate the second
// cannot read before the first commits, so it must not wait for that).
int read_then_write_concurrently(const std::string& url, bool both_read_first) {
    Engine engine = create_engine(url);
    engine.transaction([](Connection& conn) {
        conn.execute(text("CREATE TABLE IF NOT EXISTS tally (n INTEGER)"));
        conn.execute(text("DELETE FROM tally"));
    });
    std::atomic<int> failures{0};
    std::atomic<int> reading{0};
    auto writer = [&] {
        try {
            engine.transaction([&](Connection& conn) {
                conn.execute(text("SELECT count(*) FROM tally")).scalar<std::int64_t>();
                ++reading;
                while (both_read_first && reading < 2) std::this_thread::yield();
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                conn.execute(text("INSERT INTO tally VALUES (1)"));
            });
        } catch (const DatabaseError& error) {
            EXPECT_EQ(error.sqlstate().rfind("SQLITE_BUSY", 0), 0u) << error.what();
            ++failures;
        }
    };
    std::thread a(writer), b(writer);
    a.join();
    b.join();
    return failures;
}

TEST(SqliteTransactions, begin_immediate_lets_readers_that_then_write_wait_their_turn) {
    EXPECT_EQ(read_then_write_concurrently(sqlite_file_url() + "?timeout=5", true), 1);
    EXPECT_EQ(read_then_write_concurrently(sqlite_file_url() + "?timeout=5&begin=immediate", false),
              0);
    EXPECT_EQ(read_then_write_concurrently(sqlite_file_url() + "?begin=immediate&journal_mode=wal",
                                           false),
              0);
    Engine wal = create_engine(sqlite_file_url() + "?journal_mode=wal");
    EXPECT_EQ(wal.connect().execute(text("PRAGMA journal_mode")).scalar<std::string>(), "wal");
    EXPECT_THROW(create_engine(sqlite_file_url() + "?begin=later").connect(), ArgumentError);
    EXPECT_THROW(create_engine(sqlite_file_url() + "?journal_mode=fast").connect(), ArgumentError);
    EXPECT_THROW(create_engine("sqlite://?journal_mode=wal").connect(), ArgumentError);
}

}  // namespace
}  // namespace retort::testing
