// COPY: copy_from / copy_to on PostgreSQL, exact for every supported type, aborted cleanly;
// Session::bulk_insert on both backends.
#include <cmath>
#include <retort/dialects/postgresql/functions.hpp>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using namespace std::chrono;
using namespace retort::orm;

struct CopySample {
    std::int64_t id = 0;
    std::optional<std::int16_t> small;
    std::int32_t medium = 0;
    bool flag = false;
    std::optional<double> real;
    std::optional<Decimal> amount;
    std::optional<std::string> note;
    std::optional<Bytes> blob;
    std::optional<Date> day;
    std::optional<Time> at;
    std::optional<DateTime> stamp;
    std::optional<DateTimeTz> moment;
    std::optional<Interval> span;
    std::optional<Uuid> uid;
    std::optional<Json> doc;
    std::optional<Json> docb;
    std::vector<std::optional<std::string>> words;
    std::optional<std::vector<std::int32_t>> numbers;
    friend bool operator==(const CopySample&, const CopySample&) = default;
};

MetaData copy_metadata;

struct CopySamples : Model<CopySample> {
    Column<&CopySample::id> id{this, primary_key, no_autoincrement};
    Column<&CopySample::small> small{this};
    Column<&CopySample::medium> medium{this};
    Column<&CopySample::flag> flag{this};
    Column<&CopySample::real> real{this};
    Column<&CopySample::amount> amount{this};
    Column<&CopySample::note> note{this, type::Text()};
    Column<&CopySample::blob> blob{this};
    Column<&CopySample::day> day{this};
    Column<&CopySample::at> at{this};
    Column<&CopySample::stamp> stamp{this};
    Column<&CopySample::moment> moment{this};
    Column<&CopySample::span> span{this};
    Column<&CopySample::uid> uid{this};
    Column<&CopySample::doc> doc{this};
    Column<&CopySample::docb> docb{this, type::Jsonb()};
    Column<&CopySample::words> words{this, type::Array(type::Text())};
    Column<&CopySample::numbers> numbers{this};
    explicit CopySamples(std::string name) : Model(std::move(name), copy_metadata) {}
};
const CopySamples samples("copy_samples");
const CopySamples copies("copy_samples_again");

// Row i: every column, NULL in turn, and text with every character COPY must escape.
CopySample sample(std::int64_t i) {
    static const std::string awkward[] = {"plain",
                                          "tab\there",
                                          "new\nline",
                                          "carriage\rreturn",
                                          "back\\slash\\N",
                                          "\\.",
                                          "quote ' and \" both",
                                          "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
                                          "",
                                          "\\N"};
    CopySample s;
    s.id = i;
    const bool null = i % 7 == 3;
    if (!null) {
        s.small = static_cast<std::int16_t>(i % 30000 - 15000);
        s.real = i % 11 == 0 ? HUGE_VAL : static_cast<double>(i) / 7.0;
        s.amount = Decimal(std::to_string(i) + "." + std::to_string(i % 10000));
        s.note = awkward[i % 10] + std::to_string(i);
        s.blob = to_bytes(std::string("\0\t\n\\\xff", 5) + std::to_string(i));
        s.day = sys_days{2024y / January / 1} + days(i % 3000);
        s.at = Time{microseconds((i * 1'000'003) % 86'400'000'000)};
        s.stamp = DateTime{local_days{2000y / March / 1} + microseconds(i * 1'234'567)};
        s.moment = DateTimeTz{sys_days{1999y / December / 31} + microseconds(i * 7'654'321)};
        s.span = Interval{static_cast<std::int32_t>(i % 13), static_cast<std::int32_t>(i % 40),
                          microseconds(i * 1000)};
        char uuid[37];
        std::snprintf(uuid, sizeof uuid, "6f1b9f6e-3c1a-4a55-9b7e-%012lld",
                      static_cast<long long>(i));
        s.uid = Uuid::parse(uuid);
        s.doc = Json(R"({"i": )" + std::to_string(i) + R"(, "s": "a\tb"})");
        s.docb = Json(R"({"i": )" + std::to_string(i) + R"(, "t": ["x", null]})");
        s.numbers = std::vector<std::int32_t>{static_cast<std::int32_t>(i), -1};
    }
    s.medium = static_cast<std::int32_t>(i * 3);
    s.flag = i % 2 == 0;
    s.words = {awkward[(i + 3) % 10], std::nullopt, std::string("w") + std::to_string(i)};
    return s;
}

void write_samples(CopyWriter& writer, std::int64_t count) {
    for (std::int64_t i = 1; i <= count; ++i) {
        CopySample s = sample(i);
        writer.row(s.id, s.small, s.medium, s.flag, s.real, s.amount, s.note, s.blob, s.day, s.at,
                   s.stamp, s.moment, s.span, s.uid, s.doc, s.docb, s.words, s.numbers);
    }
}

TEST(Copy, a_hundred_thousand_rows_of_every_type_come_back_exactly) {
    constexpr std::int64_t count = 100'000;
    Engine engine = create_engine(postgresql_url());
    copy_metadata.create_all(engine);
    auto conn = engine.connect();
    EXPECT_EQ(conn.copy_from(samples, {}, [](CopyWriter& w) { write_samples(w, count); }), count);
    conn.commit();

    // Read back through SELECT: every value equal to what was written.
    std::int64_t checked = 0;
    for (auto& row : conn.execute(select(samples).order_by({samples.id})).entities(samples)) {
        ASSERT_EQ(row, sample(row.id)) << "row " << row.id;
        ++checked;
    }
    EXPECT_EQ(checked, count);

    // Export, import into a twin table, export again: byte-identical.
    std::string exported;
    std::vector<std::vector<std::optional<std::string>>> parsed;
    EXPECT_EQ(conn.copy_to(samples, {},
                           [&](std::string_view line) {
                               exported += line;
                               parsed.push_back(parse_copy_row(line));
                           }),
              count);
    EXPECT_EQ(conn.copy_from(copies, {},
                             [&](CopyWriter& w) {
                                 std::vector<Value> values;
                                 for (const auto& fields : parsed) {
                                     values.clear();
                                     for (const auto& f : fields)
                                         values.push_back(f ? Value{*f} : Value{null});
                                     w.row(std::span<const Value>(values));
                                 }
                             }),
              count);
    std::string again;
    conn.copy_to(copies, {}, [&](std::string_view line) { again += line; });
    EXPECT_EQ(again.size(), exported.size());
    EXPECT_TRUE(again == exported);
    // And a query export, without bound values.
    std::int64_t exported_rows = 0;
    conn.copy_to(select(samples.id, samples.note), [&](std::string_view) { ++exported_rows; });
    EXPECT_EQ(exported_rows, count);
    conn.commit();
    copy_metadata.drop_all(engine);
}

// A flush's UPDATE of many rows binds each column as one array literal: every value of every
// type must survive it, as it survives COPY.
TEST(Copy, a_flush_updating_many_rows_binds_arrays_and_keeps_every_value) {
    constexpr std::int64_t count = 3'000;
    Engine engine = create_engine(postgresql_url());
    copy_metadata.create_all(engine);
    {
        auto conn = engine.connect();
        conn.copy_from(samples, {}, [](CopyWriter& w) { write_samples(w, count); });
        conn.commit();
    }
    std::vector<std::string> statements;
    engine.events().before_execute.push_back(
        [&](const ExecuteInfo& info) { statements.emplace_back(info.sql); });
    Session session(engine);
    auto objects = session.query(samples).all();
    ASSERT_EQ(objects.size(), static_cast<std::size_t>(count));
    // Every scalar column takes row (i + 1)'s values (NULLs move too); the arrays stay.
    for (auto& object : objects) {
        CopySample next = sample(object->id % count + 1);
        next.id = object->id;
        next.words = object->words;
        next.numbers = object->numbers;
        *object = next;
    }
    statements.clear();
    session.commit();
    std::vector<std::string> updates;
    for (const auto& sql : statements)
        if (sql.rfind("UPDATE", 0) == 0) updates.push_back(sql);
    ASSERT_EQ(updates.size(), 1u);  // 3,000 rows, one statement
    EXPECT_NE(updates[0].find("FROM unnest("), std::string::npos) << updates[0];

    auto conn = engine.connect();
    std::int64_t checked = 0;
    for (auto& row : conn.execute(select(samples).order_by({samples.id})).entities(samples)) {
        CopySample expected = sample(row.id % count + 1);
        expected.id = row.id;
        expected.words = sample(row.id).words;
        expected.numbers = sample(row.id).numbers;
        ASSERT_EQ(row, expected) << "row " << row.id;
        ++checked;
    }
    EXPECT_EQ(checked, count);
    conn.commit();
    session.close();
    copy_metadata.drop_all(engine);
}

TEST(Copy, a_failure_midway_copies_nothing_and_names_the_cause) {
    Engine engine = create_engine(postgresql_url());
    copy_metadata.create_all(engine);
    auto conn = engine.connect();
    // A row of the wrong width, after 20,000 good ones (several chunks already sent).
    try {
        conn.copy_from(samples, {"id", "medium"}, [](CopyWriter& w) {
            for (std::int64_t i = 1; i <= 20'000; ++i) w.row(i, std::int32_t{1});
            w.row(std::int64_t{20'001});
        });
        FAIL() << "a short row was accepted";
    } catch (const ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("1 values for 2 columns"), std::string::npos)
            << e.what();
    }
    conn.rollback();
    EXPECT_EQ(conn.execute(select(func::count(samples.id))).scalar(), 0);

    // A value the server refuses: its error, and the connection usable after rollback.
    EXPECT_THROW(conn.copy_from(samples, {"id", "medium", "flag"},
                                [](CopyWriter& w) {
                                    w.row(std::int64_t{1}, std::string("not a number"), true);
                                }),
                 DataError);
    conn.rollback();
    EXPECT_EQ(conn.execute(select(func::count(samples.id))).scalar(), 0);

    // A NUL byte, which PostgreSQL text cannot hold, is refused by name before it is sent.
    try {
        conn.copy_from(samples, {"id", "note"},
                       [](CopyWriter& w) { w.row(std::int64_t{1}, std::string("a\0b", 3)); });
        FAIL() << "a NUL byte was copied";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("NUL byte"), std::string::npos) << e.what();
    }
    conn.rollback();

    // An exception from the caller's own code aborts the COPY too.
    EXPECT_THROW(conn.copy_from(samples, {"id", "medium"},
                                [](CopyWriter& w) {
                                    w.row(std::int64_t{1}, std::int32_t{1});
                                    throw std::runtime_error("the source file ended early");
                                }),
                 std::runtime_error);
    conn.rollback();
    EXPECT_EQ(conn.execute(select(func::count(samples.id))).scalar(), 0);

    // COPY of a query takes no parameters: refused rather than spliced.
    EXPECT_THROW(conn.copy_to(select(samples.id).where(samples.id > 5), [](std::string_view) {}),
                 ArgumentError);
    conn.rollback();
    copy_metadata.drop_all(engine);
}

TEST(Copy, sqlite_says_it_has_no_copy) {
    Engine engine = create_engine(sqlite_file_url());
    copy_metadata.create_all(engine);
    auto conn = engine.connect();
    EXPECT_THROW(conn.copy_from(samples, {}, [](CopyWriter&) {}), NotSupportedError);
}

// --- Session::bulk_insert ----------------------------------------------------------------

struct Reading {
    std::int64_t id = 0;
    std::string sensor;
    double value = 0;
    DateTime taken{};
    std::int64_t version = 0;
};
MetaData bulk_metadata;
struct Readings : Model<Reading> {
    Column<&Reading::id> id{this, primary_key};
    Column<&Reading::sensor> sensor{this, type::String(20)};
    Column<&Reading::value> value{this};
    Column<&Reading::taken> taken{this,
                                  default_([] { return DateTime{local_days{2025y / May / 5}}; })};
    Column<&Reading::version> version{this, version_id};
    Readings() : Model("readings", bulk_metadata) {}
};
const Readings readings;

class BulkInsert : public BackendTest {};
RETORT_ON_BOTH_BACKENDS(BulkInsert);

TEST_P(BulkInsert, inserts_untracked_rows_with_client_defaults_and_database_keys) {
    auto engine = make_engine();
    bulk_metadata.create_all(engine);
    std::vector<Reading> batch;
    for (int i = 0; i < 25'000; ++i)
        batch.push_back(Reading{0, "s" + std::to_string(i % 10), i * 0.5, {}, 0});
    Session session(engine);
    EXPECT_EQ(session.bulk_insert(batch), 25'000);
    EXPECT_EQ(session.identity_map_size(), 0u);  // untracked
    session.commit();

    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(select(func::count(readings.id))).scalar(), 25'000);
    auto [distinct_ids, max_value] =
        conn.execute(select(Expr<std::int64_t>(func::count_distinct(readings.id)),
                            func::max(readings.value)))
            .one();
    EXPECT_EQ(distinct_ids, 25'000);  // every row numbered by the database
    EXPECT_EQ(max_value, 24'999 * 0.5);
    EXPECT_EQ(conn.execute(select(func::count(readings.id))
                               .where(readings.taken == DateTime{local_days{2025y / May / 5}} &&
                                      readings.version == 1))
                  .scalar(),
              25'000);
    conn.commit();

    // Keys given in some rows only cannot go through one COPY: refused before anything is sent.
    std::vector<Reading> mixed{Reading{900'001, "x", 1, {}, 0}, Reading{0, "y", 2, {}, 0}};
    try {
        session.bulk_insert(mixed);
        FAIL() << "mixed keys were accepted";
    } catch (const ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("'id'"), std::string::npos) << e.what();
    }
    std::vector<Reading> keyed{Reading{900'001, "x", 1, {}, 0}, Reading{900'002, "y", 2, {}, 0}};
    EXPECT_EQ(session.bulk_insert(keyed), 2);
    session.commit();
    EXPECT_EQ(session.get<Reading>(std::int64_t{900'002})->sensor, "y");
    session.close();
    conn.close();
    bulk_metadata.drop_all(engine);
}

TEST(Copy, a_large_flush_of_objects_that_give_their_keys_goes_through_copy) {
    Engine engine = create_engine(postgresql_url());
    bulk_metadata.create_all(engine);
    std::vector<std::string> statements;
    engine.events().before_execute.push_back(
        [&](const ExecuteInfo& info) { statements.emplace_back(info.sql); });
    Session session(engine);
    std::vector<Ptr<Reading>> added;
    for (std::int64_t i = 1; i <= 2'000; ++i)
        added.push_back(session.add(Reading{i, "s", static_cast<double>(i), {}, 0}));
    session.flush();
    ASSERT_EQ(statements.size(), 1u) << statements.back();  // one COPY, no INSERT
    EXPECT_EQ(statements[0].rfind("COPY readings", 0), 0u) << statements[0];
    EXPECT_EQ(inspect(added.back()).state(), ObjectState::persistent);
    EXPECT_EQ(added.back()->version, 1);  // client-side values are set as for an INSERT
    session.commit();
    EXPECT_EQ(session.query(readings).count(), 2'000);

    // A key that exists already fails the whole COPY: nothing of it is written.
    for (std::int64_t i = 1'999; i <= 3'500; ++i) session.add(Reading{i, "t", 0, {}, 0});
    EXPECT_THROW(session.flush(), IntegrityError);
    session.rollback();
    EXPECT_EQ(session.query(readings).count(), 2'000);
    session.close();
    bulk_metadata.drop_all(engine);
}

// New objects numbered by the database: keys reserved from the sequence, then COPY.
struct Entry {
    std::int64_t id = 0;
    std::string body;
    std::optional<bool> flag;  // blank: the server default
};
MetaData entry_metadata;
struct Entries : Model<Entry> {
    Column<&Entry::id> id{this, primary_key};
    Column<&Entry::body> body{this, type::String(20), not_null};
    Column<&Entry::flag> flag{this, not_null, server_default(literal(true))};
    explicit Entries(std::string name) : Model(std::move(name), entry_metadata) {}
};
const Entries entries("entries");

TEST(Copy, a_large_flush_of_numbered_objects_reserves_their_keys_and_copies_them) {
    Engine engine = create_engine(postgresql_url());
    entry_metadata.drop_all(engine);
    entry_metadata.create_all(engine);
    std::vector<std::string> statements;
    engine.events().before_execute.push_back(
        [&](const ExecuteInfo& info) { statements.emplace_back(info.sql); });
    Session session(engine);
    std::vector<Ptr<Entry>> added;
    for (int i = 0; i < 2'500; ++i)
        added.push_back(session.add(Entry{.body = "e" + std::to_string(i), .flag = {}}));
    session.flush();
    // The sequence looked up, 2,500 keys reserved, one COPY: no INSERT, no RETURNING.
    ASSERT_EQ(statements.size(), 3u);
    EXPECT_NE(statements[1].find("nextval"), std::string::npos) << statements[1];
    EXPECT_EQ(statements[2].rfind("COPY entries (id, body)", 0), 0u) << statements[2];
    // Every object has its row's key, known before anything is read back.
    std::map<std::int64_t, std::string> bodies;
    for (const auto& entry : added) {
        auto key = std::get<std::int64_t>(inspect(entry).identity().at(0));
        EXPECT_EQ(inspect(entry).state(), ObjectState::persistent);
        EXPECT_TRUE(bodies.emplace(key, "").second) << "key " << key << " given twice";
    }
    statements.clear();
    auto conn_rows = session.query(entries.id, entries.body).all();
    ASSERT_EQ(conn_rows.size(), added.size());
    for (const auto& entry : added) {
        auto key = std::get<std::int64_t>(inspect(entry).identity().at(0));
        auto row = std::find_if(conn_rows.begin(), conn_rows.end(),
                                [&](const auto& r) { return std::get<0>(r) == key; });
        ASSERT_NE(row, conn_rows.end());
        EXPECT_EQ(std::get<1>(*row), std::as_const(entry)->body);  // loads the expired row
        EXPECT_EQ(std::as_const(entry)->flag, true);               // the server default
    }
    session.commit();

    // The next large flush reuses the sequence it found; keys go on from the last.
    statements.clear();
    std::vector<Ptr<Entry>> more;
    for (int i = 0; i < 1'200; ++i) more.push_back(session.add(Entry{.body = "m", .flag = false}));
    session.flush();
    ASSERT_EQ(statements.size(), 2u);
    EXPECT_GT(std::get<std::int64_t>(inspect(more.front()).identity().at(0)),
              bodies.rbegin()->first);

    // A row the server refuses fails the whole COPY: nothing written, the objects pending
    // again with their keys blank.
    session.rollback();
    {
        auto conn = engine.connect();
        conn.execute(
            text("CREATE UNIQUE INDEX entries_one_dup ON entries (body) WHERE body = 'dup'"));
        conn.commit();
    }
    std::vector<Ptr<Entry>> bad;
    for (int i = 0; i < 1'100; ++i)
        bad.push_back(session.add(Entry{.body = i % 700 == 0 ? "dup" : "b", .flag = {}}));
    EXPECT_THROW(session.flush(), IntegrityError);
    EXPECT_EQ(inspect(bad.front()).state(), ObjectState::pending);
    EXPECT_EQ(std::as_const(bad.front())->id, 0);
    session.rollback();
    EXPECT_EQ(session.query(entries).count(), 2'500);
    session.close();
    entry_metadata.drop_all(engine);
}

TEST(Copy, a_key_the_database_always_generates_is_read_back_instead) {
    Engine engine = create_engine(postgresql_url());
    entry_metadata.drop_all(engine);
    {
        auto conn = engine.connect();
        conn.execute(
            text("CREATE TABLE entries (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY "
                 "KEY, body VARCHAR(20) NOT NULL, flag BOOLEAN NOT NULL DEFAULT TRUE)"));
        conn.commit();
    }
    std::vector<std::string> statements;
    engine.events().before_execute.push_back(
        [&](const ExecuteInfo& info) { statements.emplace_back(info.sql); });
    Session session(engine);
    std::vector<Ptr<Entry>> added;
    for (int i = 0; i < 1'500; ++i) added.push_back(session.add(Entry{.body = "a", .flag = {}}));
    session.commit();
    for (const auto& sql : statements) EXPECT_EQ(sql.rfind("COPY", 0), std::string::npos) << sql;
    EXPECT_EQ(session.query(entries).count(), 1'500);
    EXPECT_GT(std::as_const(added.back())->id, std::as_const(added.front())->id);
    session.close();
    entry_metadata.drop_all(engine);
}

}  // namespace
}  // namespace retort::testing
