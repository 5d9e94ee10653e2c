// Autogenerate's comparison on both backends: a database made from the models compares clean;
// each kind of model change yields its operation, which, applied, leaves nothing to compare;
// its inverse takes the database back to the first models.
#include <retort/dialects/postgresql/driver.hpp>
#include <retort/dialects/sqlite/driver.hpp>
#include <retort/migrate/compare.hpp>
#include <retort/migrate/lint.hpp>

#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using migrate::Operation;

class MigrateCompareTest : public BackendTest {
  protected:
    void SetUp() override { engine_ = make_engine(); }

    std::vector<Operation> compare(const MetaData& models) {
        Connection conn = engine_.connect();
        return migrate::compare(models, conn);
    }
    std::vector<std::string> differences(const MetaData& models) {
        Connection conn = engine_.connect();
        return migrate::differences(models, conn);
    }
    void apply(const std::vector<Operation>& operations) {
        engine_.transaction([&](Connection& conn) {
            for (const auto& op : operations)
                for (const auto& sql : migrate::render(op, conn.dialect())) conn.execute(text(sql));
        });
    }
    std::vector<std::string> kinds(const std::vector<Operation>& operations) {
        std::vector<std::string> out;
        for (const auto& op : operations) {
            std::string line = migrate::describe(op, engine_.dialect());
            out.push_back(line.substr(0, line.find(' ', line.find(' ') + 1)));
        }
        return out;
    }

    Engine engine_ = create_engine("sqlite://");
};
RETORT_ON_BOTH_BACKENDS(MigrateCompareTest);

// Models with every kind of column, default and constraint the comparison looks at.
void shop_models(MetaData& metadata, bool with_enum) {
    Table("customers", metadata, Column("id", type::Integer(), primary_key),
          Column("email", type::String(100), not_null, unique),
          Column("name", type::Text(), comment("shown on invoices")),
          Column("is_active", type::Boolean(), not_null, server_default(literal(true))),
          Column("created_at", type::DateTime(), not_null, server_default(func::now())),
          Column("country", type::String(2), server_default("'NL'")),
          Column("credit", type::Numeric(10, 2), server_default(literal(0))),
          Index{"ix_customers_name_active", {"name", "is_active"}});
    if (with_enum)
        Table("orders", metadata, Column("id", type::BigInteger(), primary_key),
              Column("customer_id", type::Integer(), not_null,
                     ForeignKey("customers.id", {.on_delete = ReferentialAction::cascade})),
              Column("total", type::Numeric(10, 2), not_null),
              Column("status", type::Enum("order_status", {"new", "paid", "shipped"})),
              Column("placed_on", type::Date(), indexed),
              CheckConstraint{column("total") >= 0, "total_not_negative"});
    else
        Table("orders", metadata, Column("id", type::BigInteger(), primary_key),
              Column("customer_id", type::Integer(), not_null,
                     ForeignKey("customers.id", {.on_delete = ReferentialAction::cascade})),
              Column("total", type::Numeric(10, 2), not_null),
              Column("placed_on", type::Date(), indexed),
              CheckConstraint{column("total") >= 0, "total_not_negative"});
}

TEST_P(MigrateCompareTest, a_database_made_from_the_models_compares_clean) {
    MetaData models;
    shop_models(models, is_postgresql());
    models.create_all(engine_);
    EXPECT_EQ(differences(models), std::vector<std::string>{});
    migrate::verify(models, engine_);  // nothing to report: no throw
}

TEST_P(MigrateCompareTest, models_ahead_of_the_database_are_reported_by_verify) {
    MetaData live;
    Table("customers", live, Column("id", type::Integer(), primary_key));
    live.create_all(engine_);
    MetaData wanted;
    shop_models(wanted, false);
    try {
        migrate::verify(wanted, engine_);
        ADD_FAILURE() << "verify() found no difference";
    } catch (const migrate::SchemaDriftError& error) {
        const std::string what = error.what();
        EXPECT_NE(what.find("create table orders"), std::string::npos) << what;
        EXPECT_NE(what.find("add column customers.email"), std::string::npos) << what;
        EXPECT_GE(error.differences().size(), 7u);
    }
}

// One model change: the models before, the models after, the operations compare() gives.
struct Change {
    std::string name;
    std::function<void(MetaData&)> before, after;
    std::vector<std::string> expected;  // each operation's first two words
    bool sqlite_in_place = true;        // false: SQLite needs the batch mode (refused clearly)
    bool postgresql_only = false;
};

std::vector<Change> changes() {
    auto people = [](std::vector<Column> extra, std::vector<Index> indexes = {}) {
        return [extra, indexes](MetaData& m) {
            std::vector<TableItem> items{Column("id", type::Integer(), primary_key),
                                         Column("name", type::String(50), not_null)};
            for (const auto& c : extra) items.emplace_back(c);
            for (const auto& ix : indexes) items.emplace_back(ix);
            Table("people", m, std::nullopt, std::move(items));
        };
    };
    auto none = [](MetaData&) {};
    // people.team_id, with the foreign key given (none: a plain column); teams and squads.
    auto people_in_team = [](std::optional<ForeignKey> key) {
        return [key](MetaData& m) {
            Table("squads", m, Column("id", type::Integer(), primary_key));
            Table("teams", m, Column("id", type::Integer(), primary_key));
            if (key)
                Table("people", m, Column("id", type::Integer(), primary_key),
                      Column("team_id", type::Integer(), *key));
            else
                Table("people", m, Column("id", type::Integer(), primary_key),
                      Column("team_id", type::Integer()));
        };
    };
    return {
        {"new table", none, people({}), {"create table"}},
        {"table gone", people({}), none, {"drop table"}},
        {"new column", people({}), people({Column("nickname", type::String(30))}), {"add column"}},
        {"column gone",
         people({Column("nickname", type::String(30))}),
         people({}),
         {"drop column"}},
        {"column renamed by a hint",
         people({Column("nickname", type::String(30))}),
         people({Column("handle", type::String(30), renamed_from("nickname"))}),
         {"rename column"}},
        {"new index",
         people({}),
         people({}, {Index{"ix_people_name", {"name"}}}),
         {"create index"}},
        {"index gone", people({}, {Index{"ix_people_name", {"name"}}}), people({}), {"drop index"}},
        {"new unique index",
         people({}),
         people({}, {Index{"ix_people_name", {"name"}, {}, true}}),
         {"create unique"}},
        {"index becomes unique",
         people({}, {Index{"ix_people_name", {"name"}}}),
         people({}, {Index{"ix_people_name", {"name"}, {}, true}}),
         {"drop index", "create unique"}},
        {"wider varchar",
         people({Column("nickname", type::String(30))}),
         people({Column("nickname", type::String(60))}),
         {"alter column"},
         false},
        {"integer becomes bigint",
         people({Column("score", type::Integer())}),
         people({Column("score", type::BigInteger())}),
         {"alter column"},
         false},
        {"becomes not null",
         people({Column("nickname", type::String(30))}),
         people({Column("nickname", type::String(30), not_null, server_default("'x'"))}),
         {"alter column"},
         false},
        {"new server default",
         people({Column("score", type::Integer())}),
         people({Column("score", type::Integer(), server_default(literal(0)))}),
         {"alter column"},
         false},
        {"server default gone",
         people({Column("score", type::Integer(), server_default(literal(0)))}),
         people({Column("score", type::Integer())}),
         {"alter column"},
         false},
        {"new comment",
         people({Column("score", type::Integer())}),
         people({Column("score", type::Integer(), comment("points"))}),
         {"alter column"},
         true,
         true},
        {"new unique constraint",
         people({}),
         people({Column("email", type::String(80), unique)}),
         {"add column", "add unique"},
         false},
        {"new check",
         people({Column("score", type::Integer())}),
         [](MetaData& m) {
             Table("people", m, Column("id", type::Integer(), primary_key),
                   Column("name", type::String(50), not_null), Column("score", type::Integer()),
                   CheckConstraint{column("score") >= 0, "score_not_negative"});
         },
         {"add check"},
         false},
        {"new foreign key",
         [](MetaData& m) {
             Table("teams", m, Column("id", type::Integer(), primary_key));
             Table("people", m, Column("id", type::Integer(), primary_key),
                   Column("team_id", type::Integer()));
         },
         [](MetaData& m) {
             Table("teams", m, Column("id", type::Integer(), primary_key));
             Table("people", m, Column("id", type::Integer(), primary_key),
                   Column("team_id", type::Integer(), ForeignKey("teams.id")));
         },
         {"add foreign"},
         false},
        {"enum gains a label",
         [](MetaData& m) {
             Table("tickets", m, Column("id", type::Integer(), primary_key),
                   Column("state", type::Enum("ticket_state", {"open", "closed"})));
         },
         [](MetaData& m) {
             Table("tickets", m, Column("id", type::Integer(), primary_key),
                   Column("state", type::Enum("ticket_state", {"open", "waiting", "closed"})));
         },
         {"add value"},
         false,
         true},
        {"enum loses a label",
         [](MetaData& m) {
             Table("tickets", m, Column("id", type::Integer(), primary_key),
                   Column("state", type::Enum("ticket_state", {"open", "waiting", "closed"})));
         },
         [](MetaData& m) {
             Table("tickets", m, Column("id", type::Integer(), primary_key),
                   Column("state", type::Enum("ticket_state", {"open", "closed"})));
         },
         {"replace labels"},
         false,
         true},
        {"becomes nullable",
         people({Column("nickname", type::String(30), not_null, server_default("'x'"))}),
         people({Column("nickname", type::String(30), server_default("'x'"))}),
         {"alter column"},
         false},
        {"narrower varchar",
         people({Column("nickname", type::String(60))}),
         people({Column("nickname", type::String(30))}),
         {"alter column"},
         false},
        {"numeric precision changes",
         people({Column("balance", type::Numeric(10, 2))}),
         people({Column("balance", type::Numeric(12, 2))}),
         {"alter column"},
         false},
        {"text becomes integer",
         people({Column("score", type::Text())}),
         people({Column("score", type::Integer())}),
         {"alter column"},
         false},
        {"timestamp gains a time zone",
         people({Column("seen_at", type::DateTime())}),
         people({Column("seen_at", type::DateTime(true))}),
         {"alter column"},
         false,
         true},
        {"server default changes",
         people({Column("score", type::Integer(), server_default(literal(0)))}),
         people({Column("score", type::Integer(), server_default(literal(1)))}),
         {"alter column"},
         false},
        {"comment changes",
         people({Column("score", type::Integer(), comment("points"))}),
         people({Column("score", type::Integer(), comment("points this season"))}),
         {"alter column"},
         true,
         true},
        {"comment gone",
         people({Column("score", type::Integer(), comment("points"))}),
         people({Column("score", type::Integer())}),
         {"alter column"},
         true,
         true},
        {"new not-null column with a server default",
         people({}),
         people({Column("level", type::Integer(), not_null, server_default(literal(1)))}),
         {"add column"}},
        {"new partial index",
         people({}),
         people({}, {Index{"ix_people_named", {"name"}, {}, false, column("name") != ""}}),
         {"create index"}},
        {"index becomes partial",
         people({}, {Index{"ix_people_named", {"name"}}}),
         people({}, {Index{"ix_people_named", {"name"}, {}, false, column("name") != ""}}),
         {"drop index", "create index"}},
        {"new expression index",
         people({}),
         people({}, {Index{"ix_people_lower_name", {}, {func::lower(column("name"))}}}),
         {"create index"}},
        {"index gains a column",
         people({Column("score", type::Integer())}, {Index{"ix_people_name", {"name"}}}),
         people({Column("score", type::Integer())}, {Index{"ix_people_name", {"name", "score"}}}),
         {"drop index", "create index"}},
        {"unique index gone",
         people({}, {Index{"ix_people_name", {"name"}, {}, true}}),
         people({}),
         {"drop index"}},
        {"new GIN index",
         people({Column("tags", type::Jsonb())}),
         people({Column("tags", type::Jsonb())},
                {Index{"ix_people_tags", {"tags"}, {}, false, {}, "gin"}}),
         {"create index"},
         true,
         true},
        {"index method changes",
         people({}, {Index{"ix_people_name", {"name"}}}),
         people({}, {Index{"ix_people_name", {"name"}, {}, false, {}, "hash"}}),
         {"drop index", "create index"},
         true,
         true},
        {"unique constraint gone",
         people({Column("email", type::String(80), unique)}),
         people({Column("email", type::String(80))}),
         {"drop unique"},
         false},
        {"new unique constraint on two columns",
         people({Column("email", type::String(80))}),
         [](MetaData& m) {
             Table("people", m, Column("id", type::Integer(), primary_key),
                   Column("name", type::String(50), not_null), Column("email", type::String(80)),
                   UniqueConstraint{{"name", "email"}, "uq_people_name_email"});
         },
         {"add unique"},
         false},
        {"check gone",
         [](MetaData& m) {
             Table("people", m, Column("id", type::Integer(), primary_key),
                   Column("name", type::String(50), not_null), Column("score", type::Integer()),
                   CheckConstraint{column("score") >= 0, "score_not_negative"});
         },
         people({Column("score", type::Integer())}),
         {"drop check"},
         false},
        {"primary key gains a column",
         people({}),
         [](MetaData& m) {
             Table("people", m, Column("id", type::Integer(), primary_key),
                   Column("name", type::String(50), not_null, primary_key));
         },
         {"drop primary", "add primary"},
         false},
        {"foreign key gone",
         people_in_team(ForeignKey("teams.id")),
         people_in_team(std::nullopt),
         {"drop foreign"},
         false},
        {"foreign key gains on delete cascade",
         people_in_team(ForeignKey("teams.id")),
         people_in_team(ForeignKey("teams.id", {.on_delete = ReferentialAction::cascade})),
         {"drop foreign", "add foreign"},
         false},
        {"foreign key points at another table",
         people_in_team(ForeignKey("teams.id")),
         people_in_team(ForeignKey("squads.id")),
         {"drop foreign", "add foreign"},
         false},
        {"new tables, one referring to the other",
         none,
         people_in_team(ForeignKey("teams.id")),
         {"create table", "create table", "create table"}},
        {"tables gone, the referring one first",
         people_in_team(ForeignKey("teams.id")),
         none,
         {"drop table", "drop table", "drop table"}},
        {"enum column gone, its type with it",
         [](MetaData& m) {
             Table("tickets", m, Column("id", type::Integer(), primary_key),
                   Column("state", type::Enum("ticket_state", {"open", "closed"})));
         },
         [](MetaData& m) { Table("tickets", m, Column("id", type::Integer(), primary_key)); },
         {"drop column", "drop enum"},
         true,
         true},
        {"new sequence",
         people({}),
         [people](MetaData& m) {
             people({})(m);
             m.add_sequence(Sequence{"ticket_numbers", 100, 10});
         },
         {"create sequence"},
         true,
         true},
        {"sequence gone",
         [people](MetaData& m) {
             people({})(m);
             m.add_sequence(Sequence{"ticket_numbers", 100, 10});
         },
         people({}),
         {"drop sequence"},
         true,
         true},
        {"sequence increment and start change",
         [people](MetaData& m) {
             people({})(m);
             m.add_sequence(Sequence{"ticket_numbers", 100, 10});
         },
         [people](MetaData& m) {
             people({})(m);
             m.add_sequence(Sequence{"ticket_numbers", 1000, 5});
         },
         {"alter sequence"},
         true,
         true},
        {"new column numbered by a sequence",
         people({}),
         people({Column("badge", type::BigInteger(), Sequence{"badge_numbers", 1, 1})}),
         {"create sequence", "add column"},
         true,
         true},
        {"new enum column",
         [](MetaData& m) { Table("tickets", m, Column("id", type::Integer(), primary_key)); },
         [](MetaData& m) {
             Table("tickets", m, Column("id", type::Integer(), primary_key),
                   Column("state", type::Enum("ticket_state", {"open", "closed"})));
         },
         {"create enum", "add column"},
         true,
         true},
    };
}

TEST_P(MigrateCompareTest, each_model_change_gives_its_operation_and_its_inverse_undoes_it) {
    for (const Change& change : changes()) {
        SCOPED_TRACE(change.name);
        if (change.postgresql_only && !is_postgresql()) continue;
        engine_ = make_engine();
        engine_.transaction([](Connection& conn) {  // a clean slate for each change
            Inspector inspector(conn);
            for (const auto& table : {"people", "squads", "teams", "tickets"})
                if (inspector.has_table(table))
                    conn.execute(text(std::string("DROP TABLE ") + table));
        });
        if (is_postgresql())
            engine_.transaction([](Connection& conn) {
                conn.execute(text("DROP TYPE IF EXISTS ticket_state"));
                conn.execute(text("DROP SEQUENCE IF EXISTS ticket_numbers, badge_numbers"));
            });
        MetaData before, after;
        change.before(before);
        change.after(after);
        before.create_all(engine_);
        ASSERT_EQ(differences(before), std::vector<std::string>{});

        const auto operations = compare(after);
        // What SQLite cannot alter in place, its batch mode rebuilds (move and copy).
        if (!is_postgresql() && !change.sqlite_in_place)
            EXPECT_EQ(kinds(operations), std::vector<std::string>{"rebuild table"});
        else
            EXPECT_EQ(kinds(operations), change.expected);
        apply(operations);
        EXPECT_EQ(differences(after), std::vector<std::string>{});

        std::vector<Operation> undo;
        for (auto it = operations.rbegin(); it != operations.rend(); ++it)
            if (auto back = migrate::inverse(*it)) undo.push_back(std::move(*back));
        if (undo.size() != operations.size()) continue;  // ADD VALUE has no inverse
        apply(undo);
        EXPECT_EQ(differences(before), std::vector<std::string>{});
    }
}

// ALTER TYPE ... ADD VALUE changes the catalog only: the table keeps its data file (no
// rewrite, no long exclusive lock). A label removed cannot be done in place: the columns are
// converted to a new type, and the table is rewritten (its rows kept).
TEST(MigrateEnums, a_label_added_rewrites_no_table_and_a_label_removed_rewrites_it) {
    Engine engine = create_engine(postgresql_url());
    engine.transaction([](Connection& conn) {
        conn.execute(text("DROP TABLE IF EXISTS enum_probe"));
        conn.execute(text("DROP TYPE IF EXISTS probe_state"));
    });
    auto models = [](std::vector<std::string> labels) {
        auto metadata = std::make_unique<MetaData>();
        Table("enum_probe", *metadata, Column("id", type::Integer(), primary_key),
              Column("state", type::Enum("probe_state", std::move(labels))));
        return metadata;
    };
    models({"open", "closed"})->create_all(engine);
    engine.transaction([](Connection& conn) {
        conn.execute(
            text("INSERT INTO enum_probe SELECT n, 'open' FROM generate_series(1, 1000) n"));
    });
    auto data_file = [&] {
        return engine.connect()
            .execute(text("SELECT pg_relation_filenode('enum_probe')"))
            .scalar<std::int64_t>();
    };
    auto change_to = [&](const MetaData& wanted) {
        Connection conn = engine.connect();
        std::vector<std::string> kinds;
        for (const auto& op : migrate::compare(wanted, conn)) {
            kinds.push_back(migrate::describe(op, conn.dialect()));
            for (const auto& sql : migrate::render(op, conn.dialect())) conn.execute(text(sql));
        }
        conn.commit();
        return kinds;
    };
    const std::int64_t before = data_file();

    const auto added = change_to(*models({"open", "waiting", "closed"}));
    ASSERT_EQ(added.size(), 1u);
    EXPECT_EQ(added[0].rfind("add value 'waiting'", 0), 0u) << added[0];
    EXPECT_EQ(data_file(), before);  // the same file: not rewritten

    const auto removed = change_to(*models({"open", "waiting"}));
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0].rfind("replace labels", 0), 0u) << removed[0];
    EXPECT_NE(data_file(), before);  // rewritten through the new type
    EXPECT_EQ(engine.connect()
                  .execute(text("SELECT count(*) FROM enum_probe WHERE state = 'open'"))
                  .scalar<std::int64_t>(),
              1000);
    engine.transaction([](Connection& conn) {
        conn.execute(text("DROP TABLE enum_probe"));
        conn.execute(text("DROP TYPE probe_state"));
    });
}

// Named apart from other tests' entities: g++ 12 gives MappedColumn<&Entity::member>
// external (weak) linkage even for an entity in an anonymous namespace, so two translation
// units' `Person::name` descriptors would be merged by the linker.
struct RenamedPerson {
    std::int64_t id = 0;
    std::string name;
};
// The same entity under two versions of its table: "people" (name), then "persons"
// (full_name), each rename hinted.
struct PeopleV1 : Model<RenamedPerson> {
    Column<&RenamedPerson::id> id{this, primary_key};
    Column<&RenamedPerson::name> name{this, type::String(50), not_null};
    explicit PeopleV1(MetaData& metadata) : Model("people", metadata) {}
};
struct PeopleV2 : Model<RenamedPerson> {
    Column<&RenamedPerson::id> id{this, primary_key};
    Column<&RenamedPerson::name> name{this, type::String(50), not_null, column_name("full_name"),
                                      renamed_from("name")};
    explicit PeopleV2(MetaData& metadata) : Model("persons", metadata) { was_named("people"); }
};

TEST_P(MigrateCompareTest, renamed_tables_and_columns_keep_their_rows) {
    MetaData before, after;
    const PeopleV1 v1(before);
    const PeopleV2 v2(after);
    before.create_all(engine_);
    engine_.transaction(
        [](Connection& c) { c.execute(text("INSERT INTO people (id, name) VALUES (1, 'ann')")); });
    const auto operations = compare(after);
    EXPECT_EQ(kinds(operations), (std::vector<std::string>{"rename table", "rename column"}));
    apply(operations);
    EXPECT_EQ(differences(after), std::vector<std::string>{});
    EXPECT_EQ(
        engine_.connect().execute(text("SELECT full_name FROM persons")).scalar<std::string>(),
        "ann");
    std::vector<Operation> undo;
    for (auto it = operations.rbegin(); it != operations.rend(); ++it)
        undo.push_back(*migrate::inverse(*it));
    apply(undo);
    EXPECT_EQ(differences(before), std::vector<std::string>{});
    EXPECT_EQ(engine_.connect().execute(text("SELECT name FROM people")).scalar<std::string>(),
              "ann");
}

TEST_P(MigrateCompareTest, lint_flags_the_changes_that_lose_data_or_lock_tables) {
    MetaData before, after;
    Table("people", before, Column("id", type::Integer(), primary_key),
          Column("name", type::String(50)), Column("score", type::Integer()),
          Column("notes", type::Text()), Column("nickname", type::String(20)));
    Table("people", after, Column("id", type::Integer(), primary_key),
          Column("name", type::String(50), not_null, server_default("'?'")),
          Column("score", type::BigInteger()), Column("nickname", type::String(40)),
          Column("level", type::Integer(), not_null), Index{"ix_people_score", {"score"}});
    Table("badges", after, Column("id", type::Integer(), primary_key),
          Column("label", type::Text(), not_null), Index{"ix_badges_label", {"label"}});
    before.create_all(engine_);
    Connection conn = engine_.connect();
    const auto findings = migrate::lint(
        migrate::compare(after, conn, {.rebuild_where_needed = false}), engine_.dialect());
    std::string all;
    for (const auto& f : findings) all += f.operation + ": " + f.danger + "\n";
    auto flagged = [&](const std::string& what) { return all.find(what) != std::string::npos; };
    EXPECT_TRUE(flagged("drop column people.notes")) << all;
    EXPECT_TRUE(flagged("INTEGER to BIGINT: PostgreSQL rewrites")) << all;
    EXPECT_TRUE(flagged("SET NOT NULL scans")) << all;
    EXPECT_TRUE(flagged("NOT NULL column without a server default")) << all;
    EXPECT_FALSE(flagged("VARCHAR(20) to VARCHAR(40)")) << all;  // widened in place
    EXPECT_FALSE(flagged("badges")) << all;                      // a new table: nothing to lose
    EXPECT_EQ(flagged("without CONCURRENTLY: writes to people wait"), is_postgresql()) << all;
    EXPECT_EQ(findings.size(), is_postgresql() ? 5u : 4u) << all;
}

TEST(MigrateSqlite, an_alteration_sqlite_cannot_make_in_place_is_refused_by_name) {
    migrate::AlterColumn alter{{"people"}, "score"};
    alter.type = std::pair{type::Integer(), type::BigInteger()};
    try {
        migrate::render(alter, sqlite::dialect());
        ADD_FAILURE() << "rendered an ALTER COLUMN for SQLite";
    } catch (const NotSupportedError& error) {
        EXPECT_NE(std::string(error.what()).find("batch mode"), std::string::npos);
    }
    EXPECT_EQ(migrate::render(alter, postgresql::dialect()).size(), 1u);
}

TEST_P(MigrateCompareTest, spellings_of_one_type_and_equal_defaults_are_not_changes) {
    engine_.transaction([&](Connection& conn) {
        conn.execute(text(is_postgresql()
                              ? "CREATE TABLE things (id int4 PRIMARY KEY, label character "
                                "varying(40) DEFAULT 'x', flag bool NOT NULL DEFAULT true, n int8, "
                                "at timestamp without time zone DEFAULT now())"
                              : "CREATE TABLE things (id INTEGER PRIMARY KEY, label VARCHAR(40) "
                                "DEFAULT 'x', flag BOOLEAN NOT NULL DEFAULT (1), n BIGINT, at "
                                "DATETIME DEFAULT (CURRENT_TIMESTAMP))"));
    });
    MetaData models;
    Table("things", models, Column("id", type::Integer(), primary_key),
          Column("label", type::String(40), server_default("'x'")),
          Column("flag", type::Boolean(), not_null, server_default(literal(true))),
          Column("n", type::BigInteger()),
          Column("at", type::DateTime(), server_default(func::now())));
    EXPECT_EQ(differences(models), std::vector<std::string>{});
}

}  // namespace
}  // namespace retort::testing
