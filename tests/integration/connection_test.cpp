// Transactions, savepoints, isolation, batches and streaming on both backends.
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

class ConnectionTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_ = make_engine();
        table_ = table_name("accounts");
        engine_.transaction([&](Connection& conn) {
            conn.execute(
                text("CREATE TABLE " + table_ +
                     " (id INTEGER PRIMARY KEY, name VARCHAR(50) UNIQUE, balance BIGINT)"));
        });
    }
    std::int64_t count_rows() {
        return engine_.connect()
            .execute(text("SELECT count(*) FROM " + table_))
            .scalar<std::int64_t>();
    }
    TextClause insert() const {
        return text("INSERT INTO " + table_ + " (id, name, balance) VALUES (:id, :name, :balance)");
    }

    Engine engine_ = create_engine("sqlite://");
    std::string table_;
};
RETORT_ON_BOTH_BACKENDS(ConnectionTest);

TEST_P(ConnectionTest, commit_makes_rows_visible_to_other_connections) {
    auto conn = engine_.connect();
    conn.execute(insert(), {{"id", 1}, {"name", "ann"}, {"balance", 100}});
    EXPECT_TRUE(conn.in_transaction());
    conn.commit();
    EXPECT_EQ(count_rows(), 1);
}

TEST_P(ConnectionTest, returning_a_connection_rolls_back_what_was_not_committed) {
    {
        auto conn = engine_.connect();
        conn.execute(insert(), {{"id", 1}, {"name", "ann"}, {"balance", 100}});
    }
    EXPECT_EQ(count_rows(), 0);
}

TEST_P(ConnectionTest, an_exception_inside_a_transaction_scope_rolls_it_back) {
    EXPECT_THROW(engine_.transaction([&](Connection& conn) {
        conn.execute(insert(), {{"id", 1}, {"name", "ann"}, {"balance", 100}});
        throw std::runtime_error("business rule failed");
    }),
                 std::runtime_error);
    EXPECT_EQ(count_rows(), 0);
    auto conn = engine_.connect();
    {
        auto tx = conn.begin();
        conn.execute(insert(), {{"id", 2}, {"name", "bob"}, {"balance", 5}});
    }  // scope left without commit
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(count_rows(), 0);
}

TEST_P(ConnectionTest, savepoint_rollback_keeps_the_outer_transaction) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    conn.execute(insert(), {{"id", 1}, {"name", "ann"}, {"balance", 100}});
    {
        auto sp = conn.begin_nested();
        conn.execute(insert(), {{"id", 2}, {"name", "bob"}, {"balance", 50}});
        // The seed's example: a duplicate username inside the savepoint fails...
        EXPECT_THROW(conn.execute(insert(), {{"id", 3}, {"name", "ann"}, {"balance", 1}}),
                     IntegrityError);
        sp.rollback();  // ...and only the savepoint is rolled back
        EXPECT_FALSE(sp.is_active());
    }
    conn.execute(insert(), {{"id", 4}, {"name", "cid"}, {"balance", 7}});
    tx.commit();
    auto names = engine_.connect()
                     .execute(text("SELECT name FROM " + table_ + " ORDER BY id"))
                     .scalars<std::string>();
    EXPECT_EQ(names, (std::vector<std::string>{"ann", "cid"}));
}

TEST_P(ConnectionTest, savepoints_nest_to_any_depth) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    auto level1 = conn.begin_nested();
    conn.execute(insert(), {{"id", 1}, {"name", "l1"}, {"balance", 1}});
    auto level2 = conn.begin_nested();
    conn.execute(insert(), {{"id", 2}, {"name", "l2"}, {"balance", 2}});
    auto level3 = conn.begin_nested();
    conn.execute(insert(), {{"id", 3}, {"name", "l3"}, {"balance", 3}});
    level3.commit();
    level2.rollback();  // discards levels 2 and 3
    level1.commit();
    tx.commit();
    EXPECT_EQ(count_rows(), 1);
}

TEST_P(ConnectionTest, a_savepoint_left_in_scope_is_rolled_back) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    conn.execute(insert(), {{"id", 1}, {"name", "kept"}, {"balance", 1}});
    {
        auto sp = conn.begin_nested();
        conn.execute(insert(), {{"id", 2}, {"name", "dropped"}, {"balance", 2}});
    }
    tx.commit();
    EXPECT_EQ(count_rows(), 1);
}

TEST_P(ConnectionTest, begin_twice_is_refused) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    EXPECT_THROW((void)conn.begin(), InvalidRequestError);
}

TEST_P(ConnectionTest, isolation_level_is_what_the_server_reports) {
    auto conn = engine_.connect();
    if (is_postgresql()) {
        auto tx = conn.begin(IsolationLevel::serializable);
        EXPECT_EQ(conn.execute(text("SHOW transaction_isolation")).scalar<std::string>(),
                  "serializable");
        tx.rollback();
        auto engine = make_engine({.isolation_level = IsolationLevel::repeatable_read});
        auto other = engine.connect();
        EXPECT_EQ(other.execute(text("SHOW transaction_isolation")).scalar<std::string>(),
                  "repeatable read");
    } else {
        auto tx = conn.begin(IsolationLevel::read_uncommitted);
        EXPECT_EQ(conn.execute(text("PRAGMA read_uncommitted")).scalar<std::int64_t>(), 1);
        tx.rollback();
        EXPECT_THROW((void)conn.begin(IsolationLevel::repeatable_read), ArgumentError);
    }
}

TEST_P(ConnectionTest, autocommit_commits_each_statement) {
    auto engine = create_engine(engine_.url().render_with_password(),
                                {.isolation_level = IsolationLevel::autocommit});
    {
        auto conn = engine.connect();
        conn.execute(insert(), {{"id", 1}, {"name", "ann"}, {"balance", 1}});
        EXPECT_FALSE(conn.in_transaction());
    }
    EXPECT_EQ(count_rows(), 1);
}

TEST_P(ConnectionTest, execute_many_sends_every_parameter_set) {
    std::vector<Params> rows;
    for (int i = 0; i < 2500; ++i)
        rows.push_back({{"id", i}, {"name", "user" + std::to_string(i)}, {"balance", i * 10}});
    auto conn = engine_.connect();
    EXPECT_EQ(conn.execute_many(insert(), rows), 2500);
    conn.commit();
    EXPECT_EQ(count_rows(), 2500);
    auto sum = engine_.connect()
                   .execute(text("SELECT sum(balance) FROM " + table_))
                   .scalar<std::int64_t>();
    EXPECT_EQ(sum, 10 * (2499 * 2500 / 2));
}

TEST_P(ConnectionTest, execute_many_is_all_or_nothing_inside_its_transaction) {
    auto conn = engine_.connect();
    std::vector<Params> rows{{{"id", 1}, {"name", "a"}, {"balance", 1}},
                             {{"id", 2}, {"name", "a"}, {"balance", 2}},  // duplicate name
                             {{"id", 3}, {"name", "c"}, {"balance", 3}}};
    EXPECT_THROW(conn.execute_many(insert(), rows), IntegrityError);
    conn.rollback();
    EXPECT_EQ(count_rows(), 0);
    // The connection is usable afterwards.
    conn.execute(insert(), {{"id", 9}, {"name", "z"}, {"balance", 9}});
    conn.commit();
    EXPECT_EQ(count_rows(), 1);
}

TEST_P(ConnectionTest, parameters_are_bound_never_spliced) {
    auto conn = engine_.connect();
    std::string hostile = "x'); DROP TABLE " + table_ + "; --";
    conn.execute(insert(), {{"id", 1}, {"name", hostile}, {"balance", 0}});
    conn.commit();
    EXPECT_EQ(engine_.connect().execute(text("SELECT name FROM " + table_)).scalar<std::string>(),
              hostile);
}

TEST_P(ConnectionTest, missing_and_unknown_parameters_are_argument_errors) {
    auto conn = engine_.connect();
    EXPECT_THROW(conn.execute(insert(), {{"id", 1}, {"name", "x"}}), ArgumentError);
    EXPECT_THROW(conn.execute(insert(), {{"id", 1}, {"name", "x"}, {"balance", 1}, {"typo", 2}}),
                 ArgumentError);
}

TEST_P(ConnectionTest, exec_driver_sql_passes_positional_parameters_through) {
    auto conn = engine_.connect();
    std::string placeholder = is_postgresql() ? "$1" : "?1";
    auto value = conn.exec_driver_sql("SELECT " + placeholder + " + 1", {Value{std::int64_t{41}}})
                     .scalar<std::int64_t>();
    EXPECT_EQ(value, 42);
}

TEST_P(ConnectionTest, streamed_results_read_every_row) {
    std::vector<Params> rows;
    for (int i = 0; i < 1000; ++i)
        rows.push_back({{"id", i}, {"name", "u" + std::to_string(i)}, {"balance", i}});
    auto conn = engine_.connect();
    conn.execute_many(insert(), rows);
    auto result = conn.execute(text("SELECT id, balance FROM " + table_ + " ORDER BY id"), {},
                               {.stream = true});
    std::int64_t n = 0, sum = 0;
    for (auto [id, balance] : result.tuples<std::int64_t, std::int64_t>()) {
        EXPECT_EQ(id, n);
        sum += balance;
        ++n;
    }
    EXPECT_EQ(n, 1000);
    EXPECT_EQ(sum, 999 * 1000 / 2);
    // A stream closed half-way leaves the connection usable.
    auto partial =
        conn.execute(text("SELECT id FROM " + table_ + " ORDER BY id"), {}, {.stream = true});
    EXPECT_EQ(partial.fetchmany(10).size(), 10u);
    partial.close();
    EXPECT_EQ(conn.execute(text("SELECT count(*) FROM " + table_)).scalar<std::int64_t>(), 1000);
}

TEST_P(ConnectionTest, a_result_outliving_its_connection_fails_cleanly) {
    Result result;
    {
        auto conn = engine_.connect();
        conn.execute(insert(), {{"id", 1}, {"name", "a"}, {"balance", 1}});
        result = conn.execute(text("SELECT id FROM " + table_), {}, {.stream = true});
    }
    // SQLite and PostgreSQL streams read from the connection: closed with it, never dangling.
    EXPECT_THROW(result.all(), InterfaceError);
}

TEST_P(ConnectionTest, every_prepare_mode_runs_statements) {
    for (PrepareMode mode : {PrepareMode::named, PrepareMode::unnamed, PrepareMode::never}) {
        auto engine = create_engine(engine_.url().render_with_password(), {.prepare = mode});
        auto conn = engine.connect();
        for (int i = 0; i < 3; ++i) {
            EXPECT_EQ(
                conn.execute(text("SELECT :a + :b"), {{"a", i}, {"b", 1}}).scalar<std::int64_t>(),
                i + 1);
            EXPECT_EQ(conn.execute(text("SELECT 7")).scalar<std::int64_t>(), 7);
        }
    }
}

TEST_P(ConnectionTest, a_small_statement_cache_still_runs_every_statement) {
    auto engine =
        create_engine(engine_.url().render_with_password(), {.prepared_statement_cache_size = 2});
    auto conn = engine.connect();
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(conn.execute(text("SELECT " + std::to_string(i) + " + :x"), {{"x", 1}})
                      .scalar<std::int64_t>(),
                  i + 1);
}

TEST_P(ConnectionTest, a_statement_run_again_after_a_schema_change_reports_the_new_columns) {
    auto conn = engine_.connect();
    conn.execute(insert(), {{"id", 1}, {"name", "a"}, {"balance", 1}});
    const std::string everything = "SELECT * FROM " + table_;
    EXPECT_EQ(conn.execute(text(everything)).keys(),
              (std::vector<std::string>{"id", "name", "balance"}));
    conn.execute(text("ALTER TABLE " + table_ + " ADD COLUMN note TEXT"));
    auto result = conn.execute(text(everything));
    EXPECT_EQ(result.keys(), (std::vector<std::string>{"id", "name", "balance", "note"}));
    EXPECT_EQ(result.all().at(0).get<std::optional<std::string>>("note"), std::nullopt);
}

TEST_P(ConnectionTest, a_statement_can_run_outside_any_transaction) {
    auto conn = engine_.connect();
    // VACUUM refuses a transaction on both backends: it runs only outside one.
    conn.exec_driver_sql("VACUUM", {}, {.outside_transaction = true});
    conn.execute(insert(), {{"id", 1}, {"name", "a"}, {"balance", 1}});  // begins one
    EXPECT_THROW(conn.exec_driver_sql("VACUUM", {}, {.outside_transaction = true}), ArgumentError);
    conn.commit();
    conn.exec_driver_sql("VACUUM", {}, {.outside_transaction = true});
    EXPECT_EQ(count_rows(), 1);
}

TEST_P(ConnectionTest, savepoints_work_on_an_autocommit_engine) {
    auto engine = create_engine(engine_.url().render_with_password(),
                                {.isolation_level = IsolationLevel::autocommit});
    auto conn = engine.connect();
    auto sp = conn.begin_nested();
    EXPECT_TRUE(sp.is_active());
    conn.execute(insert(), {{"id", 1}, {"name", "kept"}, {"balance", 1}});
    sp.commit();
    conn.commit();
    EXPECT_EQ(count_rows(), 1);
}

TEST_P(ConnectionTest, a_transaction_follows_its_connection_when_it_moves) {
    auto conn = engine_.connect();
    auto tx = conn.begin();
    Connection moved = std::move(conn);
    moved.execute(insert(), {{"id", 1}, {"name", "ann"}, {"balance", 1}});
    EXPECT_TRUE(tx.is_active());
    tx.commit();
    EXPECT_EQ(count_rows(), 1);
    auto other = moved.begin();
    moved.close();
    EXPECT_FALSE(other.is_active());  // closed with its connection, and harmless to destroy
}

TEST_P(ConnectionTest, a_transaction_of_a_replaced_connection_never_touches_the_new_one) {
    auto conn = engine_.connect();
    auto old = conn.begin();
    conn = engine_.connect();
    auto fresh = conn.begin();
    conn.execute(insert(), {{"id", 1}, {"name", "ann"}, {"balance", 1}});
    EXPECT_FALSE(old.is_active());
    old.rollback();  // must not roll back `fresh`
    fresh.commit();
    EXPECT_EQ(count_rows(), 1);
}

TEST_P(ConnectionTest, rollback_with_a_stream_open_discards_it_and_rolls_back) {
    std::vector<Params> rows;
    for (int i = 0; i < 500; ++i)
        rows.push_back({{"id", i}, {"name", "u" + std::to_string(i)}, {"balance", i}});
    auto conn = engine_.connect();
    conn.execute_many(insert(), rows);
    auto stream = conn.execute(text("SELECT id FROM " + table_), {}, {.stream = true});
    EXPECT_TRUE(stream.fetchone().has_value());
    conn.rollback();
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(conn.execute(text("SELECT count(*) FROM " + table_)).scalar<std::int64_t>(), 0);
}

TEST_P(ConnectionTest, execute_many_accepts_parameter_sets_of_different_types) {
    auto conn = engine_.connect();
    TextClause insert_any =
        text("INSERT INTO " + table_ + " (id, name, balance) VALUES (:id, :name, :balance)");
    conn.execute_many(insert_any, {{{"id", 1}, {"name", "a"}, {"balance", 5}},
                                   {{"id", 2}, {"name", "b"}, {"balance", null}},
                                   {{"id", 3}, {"name", "c"}, {"balance", Decimal("7")}}});
    conn.commit();
    auto balances = engine_.connect()
                        .execute(text("SELECT balance FROM " + table_ + " ORDER BY id"))
                        .scalars<std::optional<std::int64_t>>();
    EXPECT_EQ(balances, (std::vector<std::optional<std::int64_t>>{5, std::nullopt, 7}));
}

TEST(PostgresqlStreams, a_stream_that_fails_midway_leaves_later_streams_alone) {
    auto conn = create_engine(postgresql_url()).connect();
    auto failing = conn.execute(text("SELECT 1 / (g - 500) FROM generate_series(1, 1000) AS g"), {},
                                {.stream = true});
    EXPECT_THROW(failing.all(), DataError);  // division by zero at row 500
    conn.rollback();
    auto good =
        conn.execute(text("SELECT g FROM generate_series(1, 1000) AS g"), {}, {.stream = true});
    failing = Result{};  // destroying the failed stream must not read from the connection
    EXPECT_EQ(good.scalars<std::int64_t>().size(), 1000u);
}

// BEGIN waits for the transaction's first statement and shares its round trip. Whatever
// that statement is (a script, a statement with parameters, a stream, a batch, a COPY), it
// must run inside the transaction, with the transaction's isolation level.
class PostgresqlBegin : public ::testing::Test {
  protected:
    void SetUp() override {
        table_ = table_name("begin_rides");
        conn_.execute(text("CREATE TABLE " + table_ + " (id INTEGER PRIMARY KEY)"));
        conn_.commit();
    }
    std::string isolation(Result result) { return result.scalar<std::string>(); }
    std::int64_t rows_seen_elsewhere() {
        return engine_.connect()
            .execute(text("SELECT count(*) FROM " + table_))
            .scalar<std::int64_t>();
    }
    Engine engine_ = create_engine(postgresql_url());
    Connection conn_ = engine_.connect();
    std::string table_;
};

TEST_F(PostgresqlBegin, a_first_statement_of_any_kind_runs_inside_the_transaction) {
    const std::string ask = "SELECT current_setting('transaction_isolation')";
    {
        auto tx = conn_.begin(IsolationLevel::serializable);  // first: a script
        EXPECT_EQ(isolation(conn_.execute(text(ask))), "serializable");
    }
    {
        auto tx = conn_.begin(IsolationLevel::repeatable_read);  // first: with a parameter
        EXPECT_EQ(isolation(conn_.execute(text(ask + " || :nothing"), {{"nothing", ""}})),
                  "repeatable read");
    }
    {
        auto tx = conn_.begin(IsolationLevel::serializable);  // first: a stream
        EXPECT_EQ(isolation(conn_.execute(text(ask), {}, {.stream = true})), "serializable");
    }
    {
        auto tx = conn_.begin(IsolationLevel::serializable);  // first: a batch, then rolled back
        const auto insert = text("INSERT INTO " + table_ + " (id) VALUES (:id)");
        EXPECT_EQ(conn_.execute_many(insert, {{{"id", 1}}, {{"id", 2}}}), 2);
        EXPECT_EQ(isolation(conn_.execute(text(ask))), "serializable");
        tx.rollback();
    }
    EXPECT_EQ(rows_seen_elsewhere(), 0);
    {
        auto tx = conn_.begin();  // first: a COPY, then rolled back
        conn_.copy_from_sql("COPY " + table_ + " (id) FROM STDIN", 1,
                            [](CopyWriter& w) { w.row(std::int64_t{7}); });
        EXPECT_EQ(conn_.execute(text("SELECT count(*) FROM " + table_)).scalar<std::int64_t>(), 1);
        tx.rollback();
    }
    EXPECT_EQ(rows_seen_elsewhere(), 0);
    {
        auto tx = conn_.begin();  // first: a write, committed
        conn_.execute(text("INSERT INTO " + table_ + " (id) VALUES (:id)"), {{"id", 3}});
        tx.commit();
    }
    EXPECT_EQ(rows_seen_elsewhere(), 1);
}

// A stream that is the transaction's first statement shares a pipeline with BEGIN; however it
// ends (read out, empty, failed at once or midway, abandoned), the connection is usable after.
TEST_F(PostgresqlBegin, a_first_streamed_query_leaves_the_connection_usable_however_it_ends) {
    const std::string rows = "SELECT g FROM generate_series(1, 1000) AS g";
    auto next_works = [&] {
        EXPECT_EQ(conn_.execute(text("SELECT 41 + 1")).scalar<std::int64_t>(), 42);
        conn_.rollback();
    };
    {
        auto tx = conn_.begin();
        EXPECT_EQ(conn_.execute(text(rows), {}, {.stream = true}).scalars<std::int64_t>().size(),
                  1000u);
    }
    next_works();
    {
        auto tx = conn_.begin();
        EXPECT_TRUE(conn_.execute(text(rows + " WHERE false"), {}, {.stream = true}).all().empty());
    }
    next_works();
    {
        auto tx = conn_.begin();
        EXPECT_THROW(
            conn_.execute(text("SELECT no_such_column FROM " + table_), {}, {.stream = true}),
            ProgrammingError);
    }
    next_works();
    {
        auto tx = conn_.begin();
        auto failing = conn_.execute(
            text("SELECT 1 / (g - 500) FROM generate_series(1, 1000) AS g"), {}, {.stream = true});
        EXPECT_THROW(failing.all(), DataError);  // division by zero at row 500
    }
    next_works();
    {
        auto tx = conn_.begin();
        auto unread = conn_.execute(text(rows), {}, {.stream = true});
        EXPECT_TRUE(unread.fetchone().has_value());
        tx.rollback();  // with the stream still open: it is abandoned
    }
    next_works();
}

// A first statement that fails before the server ran the BEGIN it carried (a value refused on
// this side; a statement the server cannot parse or prepare, which it refuses before running
// anything) must not end the transaction: later statements stay inside it. After a server
// error the transaction is aborted, as PostgreSQL would have left it, until rolled back.
TEST_F(PostgresqlBegin, a_first_statement_failing_before_begin_ran_keeps_the_transaction) {
    const auto insert = text("INSERT INTO " + table_ + " (id) VALUES (:id)");
    {
        auto tx = conn_.begin();
        EXPECT_THROW(conn_.execute(text("SELECT :v"), {{"v", std::string("a\0b", 3)}}), DataError);
        conn_.execute(insert, {{"id", 1}});  // still inside the transaction
        tx.rollback();
    }
    EXPECT_EQ(rows_seen_elsewhere(), 0);
    const std::vector<std::pair<std::string, Params>> refused = {
        {"SELEC 1", {}},                                                             // a script
        {"SELECT no_such_column FROM " + table_ + " WHERE id = :id", {{"id", 1}}}};  // prepared
    for (const auto& [sql, params] : refused) {
        auto tx = conn_.begin();
        EXPECT_THROW(conn_.execute(text(sql), params), ProgrammingError) << sql;
        EXPECT_THROW(conn_.execute(insert, {{"id", 2}}), InternalError) << sql;  // aborted
        tx.rollback();
        EXPECT_EQ(rows_seen_elsewhere(), 0) << sql;
    }
    {
        auto tx = conn_.begin();
        EXPECT_THROW(conn_.execute(text("SELEC 1")), ProgrammingError);
        EXPECT_THROW(tx.commit(), InvalidRequestError);  // did not commit, and says so
    }
    conn_.execute(insert, {{"id", 3}});
    conn_.commit();
    EXPECT_EQ(rows_seen_elsewhere(), 1);
}

TEST_F(PostgresqlBegin, a_transaction_that_runs_nothing_holds_nothing_on_the_server) {
    const auto pid = conn_.execute(text("SELECT pg_backend_pid()")).scalar<std::int64_t>();
    conn_.commit();
    auto state = [&] {
        return engine_.connect()
            .execute(text("SELECT state FROM pg_stat_activity WHERE pid = :pid"), {{"pid", pid}})
            .scalar<std::string>();
    };
    auto tx = conn_.begin(IsolationLevel::serializable);
    EXPECT_EQ(state(), "idle");  // no snapshot, no "idle in transaction" yet
    conn_.execute(text("SELECT 1"));
    EXPECT_EQ(state(), "idle in transaction");
    tx.commit();
    EXPECT_EQ(state(), "idle");
    auto empty = conn_.begin();
    empty.commit();  // nothing to send, and nothing fails
    EXPECT_FALSE(conn_.in_transaction());
}

TEST(SqliteIsolation, an_isolation_chosen_for_one_transaction_does_not_outlive_it) {
    auto engine = create_engine(sqlite_file_url(), {.pool_size = 1});
    {
        auto conn = engine.connect();
        auto tx = conn.begin(IsolationLevel::read_uncommitted);
    }
    EXPECT_EQ(engine.connect().execute(text("PRAGMA read_uncommitted")).scalar<std::int64_t>(), 0);
}

TEST(SqlitePool, an_invalidated_memory_connection_is_replaced_without_waiting) {
    auto engine = create_engine("sqlite://", {.pool_timeout = std::chrono::seconds(5)});
    auto conn = engine.connect();
    conn.invalidate();
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(conn.execute(text("SELECT 1")).scalar<std::int64_t>(), 1);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

}  // namespace
}  // namespace retort::testing
