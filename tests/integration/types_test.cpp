// Every type round-trips exactly through both backends, NULL included.
#include <cmath>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using namespace std::chrono;

class TypesTest : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(TypesTest);

// Inserts `value` into a one-column table of `sql_type`, reads it back as T.
template <class T>
T round_trip(Connection& conn, const std::string& sql_type, const T& value) {
    std::string table = table_name("rt");
    conn.execute(text("DROP TABLE IF EXISTS " + table));
    conn.execute(text("CREATE TABLE " + table + " (v " + sql_type + ")"));
    conn.execute(text("INSERT INTO " + table + " (v) VALUES (:v)"), {{"v", value}});
    return conn.execute(text("SELECT v FROM " + table)).scalar<T>();
}

TEST_P(TypesTest, integers_at_their_limits) {
    auto conn = make_engine().connect();
    EXPECT_EQ(round_trip<std::int64_t>(conn, "BIGINT", INT64_MIN), INT64_MIN);
    EXPECT_EQ(round_trip<std::int64_t>(conn, "BIGINT", INT64_MAX), INT64_MAX);
    EXPECT_EQ(round_trip<std::int32_t>(conn, "INTEGER", INT32_MIN), INT32_MIN);
    EXPECT_EQ(round_trip<std::int16_t>(conn, "SMALLINT", INT16_MAX), INT16_MAX);
    EXPECT_EQ(round_trip<bool>(conn, "BOOLEAN", true), true);
    EXPECT_EQ(round_trip<bool>(conn, "BOOLEAN", false), false);
}

TEST_P(TypesTest, floating_point_extremes) {
    auto conn = make_engine().connect();
    EXPECT_EQ(round_trip<double>(conn, "DOUBLE PRECISION", 0.1), 0.1);
    EXPECT_EQ(round_trip<double>(conn, "DOUBLE PRECISION", 1.7976931348623157e308),
              1.7976931348623157e308);
    EXPECT_EQ(round_trip<double>(conn, "DOUBLE PRECISION", 4.9e-324), 4.9e-324);
    EXPECT_EQ(round_trip<double>(conn, "DOUBLE PRECISION", HUGE_VAL), HUGE_VAL);
    EXPECT_EQ(round_trip<double>(conn, "DOUBLE PRECISION", -HUGE_VAL), -HUGE_VAL);
    EXPECT_EQ(round_trip<float>(conn, "REAL", 3.25f), 3.25f);
    if (is_postgresql()) {
        EXPECT_TRUE(std::isnan(round_trip<double>(conn, "DOUBLE PRECISION", std::nan(""))));
    } else {
        // SQLite stores NaN as NULL: reading it into a non-optional double must say so.
        EXPECT_EQ(round_trip<std::optional<double>>(conn, "DOUBLE PRECISION", std::nan("")),
                  std::nullopt);
    }
}

TEST_P(TypesTest, decimals_keep_every_digit) {
    auto conn = make_engine().connect();
    // SQLite keeps exact digits only in a column without numeric affinity.
    std::string type = is_postgresql() ? "NUMERIC(40,10)" : "TEXT";
    Decimal big("12345678901234567890.1234567890");
    EXPECT_EQ(round_trip<Decimal>(conn, type, big).to_string(), "12345678901234567890.1234567890");
    EXPECT_EQ(round_trip<Decimal>(conn, type, Decimal("-0.0000000001")), Decimal("-0.0000000001"));
    if (is_postgresql()) {
        EXPECT_EQ(round_trip<Decimal>(conn, "NUMERIC", Decimal("123456789012345678901234567890"))
                      .to_string(),
                  "123456789012345678901234567890");
        EXPECT_TRUE(round_trip<Decimal>(conn, "NUMERIC", Decimal("NaN")).is_nan());
    }
}

TEST_P(TypesTest, strings_with_quotes_backslashes_and_emoji) {
    auto conn = make_engine().connect();
    for (std::string s :
         {std::string(""), std::string("it's \"quoted\""), std::string("back\\slash\\\\"),
          std::string("tab\tnew\nline"), std::string("emoji \xF0\x9F\x98\x80 \xE2\x82\xAC"),
          std::string("'; DROP TABLE users; --"), std::string(10000, 'x')}) {
        EXPECT_EQ(round_trip<std::string>(conn, "TEXT", s), s);
    }
}

TEST_P(TypesTest, bytes_with_nul_bytes) {
    auto conn = make_engine().connect();
    Bytes bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<std::byte>(i));
    bytes.push_back(std::byte{0});
    EXPECT_EQ(round_trip<Bytes>(conn, bytes_type(), bytes), bytes);
    EXPECT_EQ(round_trip<Bytes>(conn, bytes_type(), Bytes{}), Bytes{});
}

TEST_P(TypesTest, dates_and_times_far_from_the_epoch) {
    auto conn = make_engine().connect();
    for (DateTime t : {DateTime{local_days{1901y / December / 13} + 20h + 45min + 52s + 1us},
                       DateTime{local_days{1969y / December / 31} + 23h + 59min + 59s + 999999us},
                       DateTime{local_days{2038y / January / 19} + 3h + 14min + 8s},
                       DateTime{local_days{2262y / April / 11} + 23h + 47min + 16s + 854775us}}) {
        EXPECT_EQ(round_trip<DateTime>(conn, "TIMESTAMP", t), t) << format_datetime(t);
    }
    Date d = sys_days{1066y / October / 14};
    EXPECT_EQ(round_trip<Date>(conn, "DATE", d), d);
    Time clock{23h + 59min + 59s + 999999us};
    EXPECT_EQ(round_trip<Time>(conn, "TIME", clock), clock);
}

TEST_P(TypesTest, timestamps_with_time_zone_are_instants) {
    auto conn = make_engine().connect();
    if (is_postgresql())
        conn.execute(text("SET TIME ZONE 'America/Los_Angeles'"));  // output in another zone
    for (DateTimeTz t : {DateTimeTz{sys_days{1950y / June / 1} + 12h + 1us},
                         DateTimeTz{sys_days{1883y / November / 18} + 19h},  // local mean time era
                         DateTimeTz{sys_days{2100y / February / 28} + 23h + 59min}}) {
        EXPECT_EQ(round_trip<DateTimeTz>(conn, timestamptz_type(), t), t) << format_datetime_tz(t);
    }
    if (is_postgresql()) {
        auto value = conn.execute(text("SELECT '2024-01-01 00:00:00+05:30'::timestamptz"))
                         .scalar<DateTimeTz>();
        EXPECT_EQ(value, DateTimeTz{sys_days{2023y / December / 31} + 18h + 30min});
        Date bc = sys_days{year{-43} / March / 15};
        EXPECT_EQ(round_trip<Date>(conn, "DATE", bc), bc);
    }
}

TEST_P(TypesTest, intervals_uuids_and_json) {
    auto conn = make_engine().connect();
    Interval span{14, -3, 4h + 5min + 6s + 7us};
    EXPECT_EQ(round_trip<Interval>(conn, is_postgresql() ? "INTERVAL" : "TEXT", span), span);
    Uuid id = Uuid::random();
    EXPECT_EQ(round_trip<Uuid>(conn, is_postgresql() ? "UUID" : "TEXT", id), id);
    Json doc(R"({"device": {"type": "mobile"}, "tags": ["a", "b"]})");
    Json back = round_trip<Json>(conn, is_postgresql() ? "JSONB" : "TEXT", doc);
    if (is_postgresql()) {
        EXPECT_EQ(back.text(),
                  R"({"tags": ["a", "b"], "device": {"type": "mobile"}})");  // jsonb's order
    } else {
        EXPECT_EQ(back, doc);
    }
}

TEST_P(TypesTest, null_in_every_type) {
    auto conn = make_engine().connect();
    std::string table = table_name("nulls");
    conn.execute(text(
        "CREATE TABLE " + table + " (b BOOLEAN, i BIGINT, d DOUBLE PRECISION, s TEXT, y " +
        bytes_type() + ", n NUMERIC, dt DATE, tm TIME, ts TIMESTAMP, tz " + timestamptz_type() +
        ", iv " + (is_postgresql() ? "INTERVAL" : "TEXT") + ", u " +
        (is_postgresql() ? "UUID" : "TEXT") + ", j " + (is_postgresql() ? "JSONB" : "TEXT") + ")"));
    conn.execute(text("INSERT INTO " + table +
                      " VALUES (:b, :i, :d, :s, :y, :n, :dt, :tm, :ts, :tz, :iv, :u, :j)"),
                 {{"b", std::optional<bool>{}},
                  {"i", std::optional<std::int64_t>{}},
                  {"d", std::optional<double>{}},
                  {"s", std::optional<std::string>{}},
                  {"y", std::optional<Bytes>{}},
                  {"n", std::optional<Decimal>{}},
                  {"dt", std::optional<Date>{}},
                  {"tm", std::optional<Time>{}},
                  {"ts", std::optional<DateTime>{}},
                  {"tz", std::optional<DateTimeTz>{}},
                  {"iv", std::optional<Interval>{}},
                  {"u", std::optional<Uuid>{}},
                  {"j", null}});
    auto row = conn.execute(text("SELECT * FROM " + table)).one();
    for (std::size_t i = 0; i < row.size(); ++i) EXPECT_TRUE(row.is_null(i)) << row.column_name(i);
    auto typed = conn.execute(text("SELECT * FROM " + table))
                     .one<std::optional<bool>, std::optional<std::int64_t>, std::optional<double>,
                          std::optional<std::string>, std::optional<Bytes>, std::optional<Decimal>,
                          std::optional<Date>, std::optional<Time>, std::optional<DateTime>,
                          std::optional<DateTimeTz>, std::optional<Interval>, std::optional<Uuid>,
                          std::optional<Json>>();
    EXPECT_FALSE(std::get<0>(typed).has_value());
    EXPECT_FALSE(std::get<12>(typed).has_value());
    try {
        conn.execute(text("SELECT s FROM " + table)).scalar<std::string>();
        FAIL() << "NULL was read into std::string";
    } catch (const DataError& error) {
        EXPECT_NE(std::string(error.what()).find("column 's'"), std::string::npos) << error.what();
    }
}

TEST_P(TypesTest, out_of_range_values_raise_data_error) {
    auto conn = make_engine().connect();
    if (is_postgresql()) {
        std::string table = table_name("small");
        conn.execute(text("CREATE TABLE " + table + " (v SMALLINT)"));
        EXPECT_THROW(conn.execute(text("INSERT INTO " + table + " VALUES (:v)"), {{"v", 40000}}),
                     DataError);
        conn.rollback();
        EXPECT_THROW(conn.execute(text("SELECT :v::text"), {{"v", std::string("nul\0byte", 8)}}),
                     DataError);
    }
    // Reading a value too wide for the C++ type is refused on both backends.
    EXPECT_THROW(conn.execute(text("SELECT 40000")).scalar<std::int16_t>(), DataError);
}

}  // namespace
}  // namespace retort::testing
