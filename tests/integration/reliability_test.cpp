// Failures a program must be able to recover from, and to tell apart: lost connections, failed
// reconnects, names the server would cut, secrets the server quotes back.
#include "support/faults.hpp"

namespace retort::testing {
namespace {

// A login role of its own, so that a test can refuse its logins for a while.
class LoginRole {
  public:
    explicit LoginRole(Connection& admin) : admin_(admin), name_(table_name("role")) {
        admin_.execute(text("CREATE ROLE " + name_ + " LOGIN PASSWORD 'role-password-1'"));
        admin_.execute(text("GRANT ALL ON SCHEMA " + current_schema() + " TO " + name_));
    }
    ~LoginRole() {
        try {
            admin_.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                "usename = :name"),
                           {{"name", name_}});
            admin_.execute(text("DROP OWNED BY " + name_));
            admin_.execute(text("DROP ROLE " + name_));
        } catch (const Error& error) {
            ADD_FAILURE() << "dropping the role failed: " << error.what();
        }
    }
    std::string url() const {
        Url url = Url::parse(postgresql_url());
        url.username = name_;
        url.password = "role-password-1";
        return url.render_with_password();
    }
    void allow_login(bool allowed) {
        admin_.execute(text("ALTER ROLE " + name_ + (allowed ? " LOGIN" : " NOLOGIN")));
    }

  private:
    std::string current_schema() {
        return admin_.execute(text("SELECT current_schema()")).scalar<std::string>();
    }
    Connection& admin_;
    std::string name_;
};

Engine admin_engine() {
    return create_engine(postgresql_url(), {.isolation_level = IsolationLevel::autocommit});
}

TEST(Reliability, a_connection_whose_reconnect_failed_tries_again_on_the_next_call) {
    Engine admin = admin_engine();
    auto admin_conn = admin.connect();
    LoginRole role(admin_conn);
    Engine engine = create_engine(role.url(), {.pool_size = 1, .max_overflow = 0});
    auto conn = engine.connect();
    auto pid = conn.execute(text("SELECT pg_backend_pid()")).scalar<std::int64_t>();

    role.allow_login(false);  // the server refuses the replacement for a while
    admin_conn.execute(text("SELECT pg_terminate_backend(:pid)"), {{"pid", pid}});
    try {
        conn.execute(text("SELECT 1"));
        ADD_FAILURE() << "a statement on a terminated connection succeeded";
    } catch (const DatabaseError& error) {
        EXPECT_TRUE(error.is_disconnect()) << error.sqlstate() << " " << error.what();
    }
    conn.rollback();
    try {
        conn.execute(text("SELECT 1"));
        ADD_FAILURE() << "a login the server refuses succeeded";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.sqlstate(), "08001") << error.what();
        EXPECT_TRUE(error.is_disconnect());
        EXPECT_EQ(std::string(error.what()).find("role-password-1"), std::string::npos);
    }
    EXPECT_FALSE(conn.closed());

    role.allow_login(true);  // the server is back: the next call reconnects
    EXPECT_EQ(conn.execute(text("SELECT 1")).scalar<std::int64_t>(), 1);
    conn.close();
}

TEST(Reliability, names_postgresql_would_cut_are_refused_and_generated_ones_shortened) {
    Engine engine = create_engine(postgresql_url());
    MetaData metadata;
    const std::string long_name(64, 'a');
    Table too_long(long_name, metadata, Column("id", type::Integer(), primary_key));
    try {
        metadata.create_all(engine);
        ADD_FAILURE() << "a 64-byte table name was sent to PostgreSQL";
    } catch (const ArgumentError& error) {
        EXPECT_NE(std::string(error.what()).find("63 bytes"), std::string::npos) << error.what();
    }
    EXPECT_FALSE(engine.has_table(long_name.substr(0, 63), std::nullopt));

    // 30 two-byte characters: 60 bytes, so "pk_" + the name is 63 + 3 bytes and is shortened,
    // never cut inside a character.
    MetaData unicode;
    std::string name;
    for (int i = 0; i < 30; ++i) name += "\xc3\xa9";  // é
    Table accented(name, unicode, Column("id", type::Integer(), primary_key),
                   Column("code", type::String(10), unique));
    unicode.create_all(engine);
    EXPECT_TRUE(engine.has_table(name, std::nullopt));
    unicode.drop_all(engine);
    EXPECT_FALSE(engine.has_table(name, std::nullopt));
}

// An engine whose connections go through `proxy`, with a 1 s statement deadline and a 2 s
// grace for the cancel.
constexpr auto deadline_and_grace = std::chrono::seconds(1 + 2);

TEST(Reliability, a_statement_returns_within_its_deadline_when_the_network_stalls) {
    FaultProxy proxy = proxy_to_server();
    Engine engine = engine_through(proxy);
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(text("SELECT 1")).scalar<std::int64_t>(), 1);
    proxy.stall_for(std::chrono::seconds(40));  // a silent peer: nothing answers, nothing closes
    const auto start = std::chrono::steady_clock::now();
    try {
        conn.execute(text("SELECT 2"));
        ADD_FAILURE() << "a statement through a stalled network succeeded";
    } catch (const DatabaseError& error) {
        EXPECT_TRUE(error.is_disconnect()) << error.what();
        EXPECT_NE(std::string(error.what()).find("outcome is unknown"), std::string::npos)
            << error.what();
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    // Abandoned after the deadline and the configured grace, not the 5 s default.
    EXPECT_GE(elapsed, deadline_and_grace - std::chrono::milliseconds(100));
    EXPECT_LT(elapsed, deadline_and_grace + std::chrono::milliseconds(1500));
    proxy.resume();
    conn.rollback();
    EXPECT_EQ(conn.execute(text("SELECT 3")).scalar<std::int64_t>(), 3);  // a new connection
}

TEST(Reliability, copy_data_a_stalled_server_stops_taking_is_abandoned_within_its_deadline) {
    Engine direct = create_engine(postgresql_url());
    MetaData metadata;
    Table bulk(table_name("bulk"), metadata, Column("id", type::Integer()),
               Column("payload", type::Text()));
    metadata.create_all(direct);
    FaultProxy proxy = proxy_to_server();
    Engine engine = engine_through(proxy);
    auto conn = engine.connect();
    std::chrono::steady_clock::time_point stalled_at;
    try {
        conn.copy_from(bulk, {}, [&](CopyWriter& writer) {
            proxy.stall_for(std::chrono::seconds(40));  // once the COPY has started
            stalled_at = std::chrono::steady_clock::now();
            const std::string payload(10'000, 'x');  // 40 MB: more than the sockets buffer
            for (std::int64_t id = 0; id < 4'000; ++id) writer.row(id, payload);
        });
        ADD_FAILURE() << "40 MB of COPY data went through a stalled network";
    } catch (const DatabaseError& error) {
        EXPECT_TRUE(error.is_disconnect()) << error.what();
        EXPECT_NE(std::string(error.what()).find("outcome is unknown"), std::string::npos)
            << error.what();
    }
    // The rows written before the sockets' buffers filled count too: a wider margin.
    EXPECT_LT(std::chrono::steady_clock::now() - stalled_at,
              deadline_and_grace + std::chrono::seconds(3));
    proxy.resume();
}

TEST(Reliability, a_connect_to_a_stalled_server_ends_within_the_statement_deadline) {
    FaultProxy proxy = proxy_to_server();
    Engine engine = engine_through(proxy);
    proxy.stall_for(std::chrono::seconds(40));
    const auto start = std::chrono::steady_clock::now();
    try {
        engine.connect().execute(text("SELECT 1"));
        ADD_FAILURE() << "a connection was made through a stalled network";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.sqlstate(), "08001") << error.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start,
              deadline_and_grace + std::chrono::milliseconds(1500));
    proxy.resume();
}

TEST(Reliability, a_commit_whose_reply_stalls_ends_as_outcome_unknown_within_its_deadline) {
    Engine direct = create_engine(postgresql_url());
    const std::string table = table_name("ledger");
    direct.transaction([&](Connection& conn) {
        conn.execute(text("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY)"));
    });
    FaultProxy proxy = proxy_to_server();
    Engine engine = engine_through(proxy);
    auto conn = engine.connect();
    conn.execute(text("INSERT INTO " + table + " VALUES (1)"));
    proxy.stall_for(std::chrono::seconds(40));  // the server cannot be asked either
    const auto start = std::chrono::steady_clock::now();
    try {
        conn.commit();
        ADD_FAILURE() << "a COMMIT through a stalled network succeeded";
    } catch (const CommitOutcomeUnknown& error) {
        EXPECT_FALSE(error.transaction_id().empty()) << error.what();
        EXPECT_NE(std::string(error.what()).find("resolve_commit"), std::string::npos)
            << error.what();
    }
    // The COMMIT's own wait, then one attempt to ask the server on a new connection.
    EXPECT_LT(std::chrono::steady_clock::now() - start,
              2 * deadline_and_grace + std::chrono::milliseconds(1500));
    proxy.resume();
}

struct Entry {
    std::int64_t id = 0;
    std::string memo;
};
MetaData entries_metadata;
struct Entries : Model<Entry> {
    Column<&Entry::id> id{this, primary_key};
    Column<&Entry::memo> memo{this, type::String(20)};
    Entries() : Model("reliability_entries", entries_metadata) {}
};
const Entries entries;

TEST(Reliability, a_copy_flush_cancelled_at_its_deadline_says_so) {
    Engine engine =
        create_engine(postgresql_url(), {.statement_timeout = std::chrono::milliseconds(300)});
    entries_metadata.create_all(engine);
    engine.transaction([](Connection& conn) {  // every row takes a millisecond to insert
        conn.execute(text(R"(
            CREATE FUNCTION slow_entry() RETURNS trigger AS $$
            BEGIN PERFORM pg_sleep(0.001); RETURN NEW; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER slow_entry BEFORE INSERT ON reliability_entries
                FOR EACH ROW EXECUTE FUNCTION slow_entry();)"));
    });
    orm::Session session(engine);
    for (int i = 1; i <= 2000; ++i) session.add(Entry{.id = i, .memo = "x"});  // a COPY flush
    try {
        session.commit();
        ADD_FAILURE() << "a flush of 2000 slow rows finished within 300 ms";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.sqlstate(), "57014") << error.what();
        EXPECT_NE(std::string(error.what()).find("statement_timeout expired"), std::string::npos)
            << error.what();
    }
}

TEST(Reliability, a_pipeline_cut_by_the_server_names_the_statement_and_the_servers_reason) {
    Engine engine = create_engine(postgresql_url());
    const std::string first = table_name("first");
    const std::string second = table_name("second");
    engine.transaction([&](Connection& conn) {
        conn.execute(text("CREATE TABLE " + first + " (id INTEGER)"));
        conn.execute(text("CREATE TABLE " + second + " (id INTEGER)"));
        conn.execute(text(  // the second table's insert ends its own connection
            "CREATE FUNCTION " + second +
            "_cut() RETURNS trigger AS $$ BEGIN "
            "PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$ "
            "LANGUAGE plpgsql; CREATE TRIGGER cut BEFORE INSERT ON " +
            second + " FOR EACH ROW EXECUTE FUNCTION " + second + "_cut();"));
    });
    auto conn = engine.connect();
    const std::string insert_first = "INSERT INTO " + first + " VALUES ($1)";
    const std::string insert_second = "INSERT INTO " + second + " VALUES ($1)";
    const std::string insert_third = "INSERT INTO " + first + " VALUES (99)";
    Value one{std::int64_t{1}};
    std::vector<std::vector<const Value*>> sets{{&one}};
    std::vector<std::vector<const Value*>> no_values{{}};
    std::vector<BatchStatement> batch{
        {insert_first, sets}, {insert_second, sets}, {insert_third, no_values}};
    try {
        conn.execute_batch(batch, [](std::size_t, std::size_t, DriverResult&) {});
        ADD_FAILURE() << "a pipeline whose connection was terminated succeeded";
    } catch (const DatabaseError& error) {
        const std::string message = error.what();
        EXPECT_TRUE(error.is_disconnect()) << error.sqlstate() << " " << message;
        EXPECT_NE(message.find("terminating connection"), std::string::npos) << message;
        EXPECT_EQ(error.statement(), insert_second) << message;
    }
}

TEST(Reliability, deadline_grace_is_refused_where_it_does_not_apply) {
    Engine engine = create_engine("sqlite://", {.deadline_grace = std::chrono::seconds(1)});
    EXPECT_THROW(engine.connect(), ArgumentError);
}

class ReliabilityTest : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(ReliabilityTest);

TEST_P(ReliabilityTest, a_secret_the_server_quotes_back_is_masked) {
    std::vector<std::string> logged;
    Engine engine = make_engine({.echo = true, .log_sink = [&](const LogRecord& record) {
                                     logged.emplace_back(record.message);
                                 }});
    auto conn = engine.connect();
    try {
        conn.execute(text("SELECT CAST(:v AS INTEGER) + 1"),
                     {{"v", secret(std::string("hidden-value"))}});
        if (is_postgresql()) ADD_FAILURE() << "PostgreSQL read 'hidden-value' as an integer";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(std::string(error.what()).find("hidden-value"), std::string::npos)
            << error.what();
        EXPECT_NE(std::string(error.what()).find("***"), std::string::npos) << error.what();
    }
    for (const auto& line : logged) EXPECT_EQ(line.find("hidden-value"), std::string::npos) << line;
}

}  // namespace
}  // namespace retort::testing
