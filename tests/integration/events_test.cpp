// Echo logging, hooks and statement statistics.
#include <mutex>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

class EventsTest : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(EventsTest);

struct CapturedLog {
    std::mutex mutex;
    std::vector<std::string> lines;
    LogSink sink() {
        return [this](const LogRecord& record) {
            std::lock_guard lock(mutex);
            lines.emplace_back(record.message);
        };
    }
    std::string all() {
        std::lock_guard lock(mutex);
        std::string text;
        for (const auto& line : lines) text += line + "\n";
        return text;
    }
};

TEST_P(EventsTest, echo_logs_statements_parameters_and_time_with_secrets_masked) {
    CapturedLog log;
    auto engine = make_engine({.echo = true, .log_sink = log.sink()});
    auto conn = engine.connect();
    conn.execute(text("SELECT :name AS n, :token AS t"),
                 {{"name", "visible-value"}, {"token", secret(std::string("s3cr3t-token"))}});
    conn.commit();
    std::string text = log.all();
    EXPECT_NE(text.find("BEGIN (implicit)"), std::string::npos) << text;
    EXPECT_NE(text.find("'visible-value'"), std::string::npos) << text;
    EXPECT_NE(text.find("***"), std::string::npos) << text;
    EXPECT_EQ(text.find("s3cr3t-token"), std::string::npos) << text;
    EXPECT_NE(text.find(" ms)"), std::string::npos) << text;
    EXPECT_NE(text.find("COMMIT"), std::string::npos) << text;
}

TEST(Events, the_password_never_reaches_the_log) {
    CapturedLog log;
    Url url = Url::parse(postgresql_url());
    auto engine = create_engine(url.render_with_password(), {.echo = true, .log_sink = log.sink()});
    engine.connect().execute(text("SELECT 1"));
    ASSERT_TRUE(url.password.has_value());
    EXPECT_EQ(log.all().find(*url.password), std::string::npos);
    EXPECT_EQ(engine.url().str().find(*url.password), std::string::npos);
}

TEST_P(EventsTest, hooks_see_each_execution_and_connection) {
    auto engine = make_engine();
    int connects = 0, checkouts = 0, before = 0, after = 0;
    std::string last_sql;
    engine.events().on_connect.push_back([&](DriverConnection&) { ++connects; });
    engine.events().on_checkout.push_back([&](DriverConnection&) { ++checkouts; });
    engine.events().before_execute.push_back([&](const ExecuteInfo& info) {
        ++before;
        last_sql = std::string(info.sql);
        ASSERT_EQ(info.params.size(), 1u);
        EXPECT_EQ(*info.params[0].value, Value{std::int64_t{5}});
    });
    engine.events().after_execute.push_back(
        [&](const ExecuteInfo&, std::chrono::nanoseconds elapsed) {
            ++after;
            EXPECT_GT(elapsed.count(), 0);
        });
    for (int i = 0; i < 3; ++i) engine.connect().execute(text("SELECT :x"), {{"x", 5}});
    EXPECT_EQ(connects, 1);  // pooled: one connection reused
    EXPECT_EQ(checkouts, 3);
    EXPECT_EQ(before, 3);
    EXPECT_EQ(after, 3);
    EXPECT_EQ(last_sql, is_postgresql() ? "SELECT $1" : "SELECT ?1");
}

TEST_P(EventsTest, after_execute_sees_the_rows_each_statement_changed) {
    auto engine = make_engine();
    std::vector<std::pair<std::string, std::int64_t>> seen;  // (first word, rows affected)
    engine.events().before_execute.push_back(
        [&](const ExecuteInfo& info) { EXPECT_EQ(info.rows_affected, -1); });
    engine.events().after_execute.push_back([&](const ExecuteInfo& info, std::chrono::nanoseconds) {
        seen.emplace_back(std::string(info.sql.substr(0, info.sql.find(' '))), info.rows_affected);
    });
    auto conn = engine.connect();
    conn.execute(text("CREATE TABLE counted (n INTEGER)"));
    conn.execute(text("INSERT INTO counted (n) VALUES (1), (2), (3)"));
    conn.execute_many(text("INSERT INTO counted (n) VALUES (:n)"), {{{"n", 4}}, {{"n", 5}}});
    conn.execute(text("UPDATE counted SET n = n + 10 WHERE n > 2"));
    conn.execute(text("SELECT n FROM counted")).all();
    conn.execute(text("DELETE FROM counted WHERE n = 1"));
    conn.commit();
    std::vector<std::pair<std::string, std::int64_t>> wanted = {
        {"INSERT", 3}, {"INSERT", 2}, {"UPDATE", 3}, {"SELECT", -1}, {"DELETE", 1}};
    std::vector<std::pair<std::string, std::int64_t>> counted;
    for (const auto& entry : seen)
        if (entry.first != "CREATE" && entry.first != "BEGIN" && entry.first != "COMMIT")
            counted.push_back(entry);
    EXPECT_EQ(counted, wanted);
}

TEST_P(EventsTest, statistics_count_and_time_each_statement) {
    auto engine = make_engine();
    auto conn = engine.connect();
    for (int i = 0; i < 4; ++i) conn.execute(text("SELECT :v + 1"), {{"v", i}});
    conn.execute(text("SELECT 2"));
    auto stats = engine.statistics();
    auto it = std::find_if(stats.begin(), stats.end(), [](const StatementStats& s) {
        return s.sql.find(" + 1") != std::string::npos;
    });
    ASSERT_NE(it, stats.end());
    EXPECT_EQ(it->count, 4u);
    EXPECT_GE(it->total, it->max);
    EXPECT_GT(it->max.count(), 0);
    engine.reset_statistics();
    EXPECT_TRUE(engine.statistics().empty());
}

}  // namespace
}  // namespace retort::testing
