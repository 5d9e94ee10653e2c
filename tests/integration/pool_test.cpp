// The pool against a real PostgreSQL server: limits, timeouts, broken connections, pre-ping.
#include <atomic>
#include <thread>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

// An engine whose connections carry a unique application_name, so that the server can count
// exactly them in pg_stat_activity.
Engine tagged_engine(const std::string& tag, EngineOptions options) {
    Url url = Url::parse(postgresql_url());
    url.query.emplace_back("application_name", tag);
    return create_engine(url.render_with_password(), std::move(options));
}

std::int64_t server_connections(const std::string& tag) {
    static Engine observer =
        create_engine(postgresql_url(), {.isolation_level = IsolationLevel::autocommit});
    return observer.connect()
        .execute(text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :tag"),
                 {{"tag", tag}})
        .scalar<std::int64_t>();
}

// A closed connection's backend leaves pg_stat_activity a moment after the client hangs up;
// wait (up to 5 s) for the count to settle at or below `limit`, and return it.
std::int64_t settled_server_connections(const std::string& tag, std::int64_t limit) {
    std::int64_t n = server_connections(tag);
    for (int i = 0; i < 250 && n > limit; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        n = server_connections(tag);
    }
    return n;
}

TEST(Pool, many_threads_never_exceed_pool_size_plus_overflow) {
    const std::string tag = table_name("pool");
    auto engine = tagged_engine(
        tag, {.pool_size = 4, .max_overflow = 4, .pool_timeout = std::chrono::seconds(60)});
    std::atomic<std::int64_t> max_seen{0};
    std::atomic<int> checkouts{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 32; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                try {
                    auto conn = engine.connect();
                    auto n = conn.execute(text("SELECT :x::bigint"), {{"x", t * 1000 + i}})
                                 .scalar<std::int64_t>();
                    if (n != t * 1000 + i) ++failures;
                    ++checkouts;
                    if (i % 50 == 0) {
                        EXPECT_LE(engine.pool_status().size, 8);
                        // Backends of overflow connections closed just now may linger an
                        // instant: a real excess persists, that lag does not.
                        std::int64_t now = settled_server_connections(tag, 8);
                        std::int64_t seen = max_seen.load();
                        while (now > seen && !max_seen.compare_exchange_weak(seen, now)) {
                        }
                    }
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(checkouts.load(), 32 * 200);
    EXPECT_LE(max_seen.load(), 8);
    EXPECT_GE(max_seen.load(), 1);
    auto status = engine.pool_status();
    EXPECT_LE(status.size, 4);  // overflow connections closed when returned
    EXPECT_EQ(status.checked_out, 0);
    EXPECT_LE(settled_server_connections(tag, 4), 4);
}

TEST(Pool, exhausted_pool_raises_pool_timeout_naming_the_holders) {
    auto engine = create_engine(postgresql_url(), {.pool_size = 1,
                                                   .max_overflow = 1,
                                                   .pool_timeout = std::chrono::milliseconds(200),
                                                   .pool_debug = true});
    auto first = engine.connect();
    auto second = engine.connect();
    auto start = std::chrono::steady_clock::now();
    try {
        engine.connect();
        FAIL() << "a third connection was handed out";
    } catch (const PoolTimeout& error) {
        std::string message = error.what();
        EXPECT_NE(message.find("2 checked out"), std::string::npos) << message;
        EXPECT_NE(message.find("connection 2 - thread"), std::string::npos) << message;
    }
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(190));
    EXPECT_EQ(engine.pool_status().timeouts, 1u);
    second.close();
    EXPECT_NO_THROW(engine.connect());  // a returned connection is handed out again
}

TEST(Pool, a_waiting_checkout_gets_the_connection_returned_by_another_thread) {
    auto engine = create_engine(
        postgresql_url(),
        {.pool_size = 1, .max_overflow = 0, .pool_timeout = std::chrono::seconds(10)});
    auto held = engine.connect();
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        held.close();
    });
    auto conn = engine.connect();
    releaser.join();
    EXPECT_EQ(conn.execute(text("SELECT 1")).scalar<std::int64_t>(), 1);
    EXPECT_EQ(engine.pool_status().waits, 1u);
}

std::int64_t backend_pid(Connection& conn) {
    return conn.execute(text("SELECT pg_backend_pid()")).scalar<std::int64_t>();
}

void terminate_backend(std::int64_t pid) {
    auto admin = create_engine(postgresql_url(), {.poolclass = PoolClass::null}).connect();
    EXPECT_TRUE(admin.execute(text("SELECT pg_terminate_backend(:pid::int)"), {{"pid", pid}})
                    .scalar<bool>());
    // Wait until the backend is gone so that the next use sees a dead socket.
    for (int i = 0; i < 100; ++i) {
        auto n = admin
                     .execute(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid::int"),
                              {{"pid", pid}})
                     .scalar<std::int64_t>();
        if (n == 0) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

TEST(Pool, a_killed_backend_is_invalidated_and_the_next_checkout_works) {
    auto engine = create_engine(postgresql_url(), {.pool_size = 2});
    std::int64_t pid;
    {
        auto conn = engine.connect();
        pid = backend_pid(conn);
        terminate_backend(pid);
        EXPECT_THROW(conn.execute(text("SELECT 1")), OperationalError);
        // The transaction died with the backend: that must be acknowledged, never papered over.
        EXPECT_THROW(conn.execute(text("SELECT 1")), InvalidRequestError);
        EXPECT_THROW(conn.commit(), InvalidRequestError);
        // After the rollback, the same Connection carries on over a new backend.
        EXPECT_NE(backend_pid(conn), pid);
        conn.rollback();
    }
    EXPECT_EQ(engine.pool_status().invalidated, 1u);
    auto conn = engine.connect();
    EXPECT_NE(backend_pid(conn), pid);
}

TEST(Pool, pre_ping_replaces_a_connection_killed_while_idle) {
    auto engine = create_engine(postgresql_url(), {.pool_size = 1, .pool_pre_ping = true});
    std::int64_t pid;
    {
        auto conn = engine.connect();
        pid = backend_pid(conn);
    }
    terminate_backend(pid);
    auto conn = engine.connect();  // the idle connection is dead: pre-ping reconnects
    std::int64_t fresh = 0;
    EXPECT_NO_THROW(fresh = backend_pid(conn));
    EXPECT_NE(fresh, pid);
}

TEST(Pool, without_pre_ping_a_dead_idle_connection_fails_once_and_is_replaced) {
    auto engine = create_engine(postgresql_url(), {.pool_size = 1});
    std::int64_t pid;
    {
        auto conn = engine.connect();
        pid = backend_pid(conn);
    }
    terminate_backend(pid);
    {
        auto conn = engine.connect();
        EXPECT_THROW(backend_pid(conn), OperationalError);
    }
    auto conn = engine.connect();
    EXPECT_NE(backend_pid(conn), pid);
}

TEST(Pool, recycle_replaces_old_connections) {
    auto engine =
        create_engine(postgresql_url(), {.pool_size = 1, .pool_recycle = std::chrono::seconds(0)});
    std::int64_t first, second;
    {
        auto conn = engine.connect();
        first = backend_pid(conn);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    {
        auto conn = engine.connect();
        second = backend_pid(conn);
    }
    EXPECT_NE(first, second);
}

TEST(Pool, null_pool_closes_every_returned_connection) {
    const std::string tag = table_name("nullpool");
    auto engine = tagged_engine(tag, {.poolclass = PoolClass::null});
    engine.connect().execute(text("SELECT 1"));
    EXPECT_EQ(engine.pool_status().size, 0);
    EXPECT_EQ(settled_server_connections(tag, 0), 0);
}

TEST(Pool, dispose_closes_idle_connections) {
    const std::string tag = table_name("dispose");
    auto engine = tagged_engine(tag, {.pool_size = 3});
    {
        auto a = engine.connect();
        auto b = engine.connect();
        a.execute(text("SELECT 1"));
        b.execute(text("SELECT 1"));
    }
    EXPECT_EQ(server_connections(tag), 2);
    engine.dispose();
    EXPECT_EQ(engine.pool_status().size, 0);
    EXPECT_EQ(settled_server_connections(tag, 0), 0);
}

TEST(Pool, sqlite_memory_database_is_shared_through_one_connection) {
    auto engine = create_engine("sqlite://");
    {
        auto conn = engine.connect();
        conn.execute(text("CREATE TABLE t (x INTEGER)"));
        conn.execute(text("INSERT INTO t VALUES (1)"));
        conn.commit();
    }
    EXPECT_EQ(engine.connect().execute(text("SELECT count(*) FROM t")).scalar<std::int64_t>(), 1);
    EXPECT_EQ(engine.pool_status().size, 1);
}

TEST(Pool, lifo_reuses_the_most_recently_returned_connection_and_fifo_the_oldest) {
    for (bool lifo : {true, false}) {
        auto engine = create_engine(postgresql_url(), {.pool_size = 2, .pool_use_lifo = lifo});
        std::int64_t first_pid, second_pid;
        {
            auto first = engine.connect();
            auto second = engine.connect();
            first_pid = backend_pid(first);
            second_pid = backend_pid(second);
            first.close();   // returned first
            second.close();  // returned last
        }
        auto next = engine.connect();
        EXPECT_EQ(backend_pid(next), lifo ? second_pid : first_pid) << (lifo ? "LIFO" : "FIFO");
    }
}

}  // namespace
}  // namespace retort::testing
