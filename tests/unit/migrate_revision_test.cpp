// Revision files and the revision graph, without a database.
#include <gtest/gtest.h>

#include <retort/errors.hpp>
#include <retort/migrate/revision.hpp>

namespace retort::migrate {
namespace {

TEST(SplitStatements, semicolons_inside_quotes_comments_and_dollar_bodies_do_not_split) {
    const std::string sql =
        "CREATE TABLE \"a;b\" (x TEXT DEFAULT 'it''s; fine');\n"
        "-- a comment; with a semicolon\n"
        "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN RETURN NEW; END $body$ "
        "LANGUAGE plpgsql;\n"
        "/* block; comment */ SELECT 1;\n"
        "-- only a comment at the end;\n";
    const auto statements = split_statements(sql);
    ASSERT_EQ(statements.size(), 3u);
    EXPECT_EQ(statements[0], "CREATE TABLE \"a;b\" (x TEXT DEFAULT 'it''s; fine')");
    EXPECT_NE(statements[1].find("RETURN NEW; END $body$ LANGUAGE plpgsql"), std::string::npos);
    EXPECT_NE(statements[2].find("SELECT 1"), std::string::npos);
}

TEST(RevisionFile, a_revision_reads_back_as_it_was_written) {
    Revision revision{"5c1f0e2a9b7d",
                      {"1a2b3c4d5e6f", "77aa88bb99cc"},
                      "add nickname; and more",
                      {"ALTER TABLE \"users\" ADD COLUMN \"nickname\" VARCHAR(30)",
                       "UPDATE \"users\" SET \"nickname\" = 'x;y'"},
                      {"ALTER TABLE \"users\" DROP COLUMN \"nickname\""}};
    Revision back = parse_revision_file(revision_file_text(revision));
    EXPECT_EQ(back.id, revision.id);
    EXPECT_EQ(back.parents, revision.parents);
    EXPECT_EQ(back.message, revision.message);
    EXPECT_EQ(back.upgrade, revision.upgrade);
    EXPECT_EQ(back.downgrade, revision.downgrade);
    EXPECT_EQ(back.checksum(), revision.checksum());
    EXPECT_EQ(revision_file_name(revision), "5c1f0e2a9b7d_add_nickname_and_more.sql");
}

TEST(RevisionFile, an_edit_changes_the_checksum_and_a_malformed_file_is_refused) {
    Revision revision{"aa", {}, "m", {"SELECT 1"}, {}};
    Revision edited = revision;
    edited.upgrade[0] = "SELECT 2";
    EXPECT_NE(edited.checksum(), revision.checksum());
    EXPECT_THROW(parse_revision_file("-- parents:\n-- upgrade\nSELECT 1;\n", "x.sql"),
                 ArgumentError);
    EXPECT_THROW(parse_revision_file("-- retort revision: aa\n-- upgrade\n", "x.sql"),
                 ArgumentError);
}

Migrations history() {
    Migrations m;
    m.add(Revision{"a1", {}, "base", {"SELECT 1"}, {}});
    m.add(Revision{"b2", {"a1"}, "left", {"SELECT 2"}, {}});
    m.add(Revision{"c3", {"a1"}, "right", {"SELECT 3"}, {}});
    return m;
}

TEST(RevisionGraph, two_branches_are_two_heads_until_merged) {
    Migrations m = history();
    EXPECT_EQ(m.heads(), (std::vector<std::string>{"b2", "c3"}));
    EXPECT_EQ(m.bases(), std::vector<std::string>{"a1"});
    EXPECT_THROW(m.head(), ArgumentError);
    m.add(Revision{"d4", {"b2", "c3"}, "merge", {}, {}});
    EXPECT_EQ(m.head(), "d4");
    EXPECT_EQ(m.ancestry("d4"), (std::vector<std::string>{"a1", "b2", "c3", "d4"}));
    EXPECT_EQ(m.ancestry("b2"), (std::vector<std::string>{"a1", "b2"}));
}

TEST(RevisionGraph, prefixes_find_revisions_and_broken_graphs_are_refused) {
    Migrations m = history();
    EXPECT_EQ(m.find("b").id, "b2");
    EXPECT_THROW(m.find("zz"), ArgumentError);
    EXPECT_THROW(m.add(Revision{"a1", {}, "again", {}, {}}), ArgumentError);
    m.add(Revision{"e5", {"nope"}, "orphan", {}, {}});
    EXPECT_THROW(m.validate(), ArgumentError);
}

}  // namespace
}  // namespace retort::migrate
