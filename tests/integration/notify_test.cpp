// LISTEN / NOTIFY on PostgreSQL, and a clear refusal on SQLite.
#include <thread>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

TEST(Notify, a_listener_receives_what_another_connection_sends) {
    Engine engine =
        create_engine(postgresql_url(), {.isolation_level = IsolationLevel::autocommit});
    auto listener = engine.connect();
    listener.listen("job events");  // not a plain name: quoted
    auto sender = engine.connect();
    sender.notify("job events", "job 42 done; it's \"quoted\"");
    auto note = listener.wait_notification(std::chrono::seconds(5));
    ASSERT_TRUE(note);
    EXPECT_EQ(note->channel, "job events");
    EXPECT_EQ(note->payload, "job 42 done; it's \"quoted\"");
    EXPECT_GT(note->sender_pid, 0);

    // Nothing more: the wait ends at its timeout.
    auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(listener.wait_notification(std::chrono::milliseconds(200)));
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(190));

    // A notification sent while the listener waits wakes it.
    std::thread later([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        sender.notify("job events", "late");
    });
    auto late = listener.wait_notification(std::chrono::seconds(5));
    later.join();
    ASSERT_TRUE(late);
    EXPECT_EQ(late->payload, "late");

    listener.unlisten("job events");
    sender.notify("job events", "unheard");
    EXPECT_FALSE(listener.wait_notification(std::chrono::milliseconds(100)));
}

TEST(Notify, sqlite_has_none) {
    Engine engine = create_engine(sqlite_file_url());
    auto conn = engine.connect();
    EXPECT_THROW(conn.wait_notification(std::chrono::milliseconds(10)), NotSupportedError);
    // Refused by the dialect before anything is sent, naming what is missing.
    try {
        conn.listen("jobs");
        FAIL() << "LISTEN was sent to SQLite";
    } catch (const NotSupportedError& error) {
        EXPECT_NE(std::string(error.what()).find("LISTEN / NOTIFY"), std::string::npos)
            << error.what();
    }
    EXPECT_THROW(conn.notify("jobs", "x"), NotSupportedError);
}

}  // namespace
}  // namespace retort::testing
