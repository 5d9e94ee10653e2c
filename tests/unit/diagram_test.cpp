// ER diagrams of a MetaData (to_mermaid, to_dot): columns with types and keys, and each foreign
// key with the cardinality its columns imply.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <retort/core.hpp>

namespace retort {
namespace {

struct BlogSchema {
    MetaData metadata;
    Table users{"users", metadata, Column("id", type::Integer(), primary_key),
                Column("username", type::String(50), not_null, unique),
                Column("balance", type::Numeric(10, 2))};
    Table profiles{"profiles", metadata, Column("id", type::Integer(), primary_key),
                   Column("user_id", type::Integer(), ForeignKey("users.id"), not_null, unique)};
    Table posts{"posts",
                metadata,
                Column("id", type::Integer(), primary_key),
                Column("user_id", type::Integer(), ForeignKey("users.id"), not_null),
                Column("reviewer_id", type::Integer(), ForeignKey("users.id")),
                Column("published_at", type::DateTime(true))};
    Table tags{"tags", metadata, Column("id", type::Integer(), primary_key),
               Column("name", type::String(40), not_null)};
    Table post_tags{"post_tags", metadata,
                    Column("post_id", type::Integer(), ForeignKey("posts.id"), primary_key),
                    Column("tag_id", type::Integer(), ForeignKey("tags.id"), primary_key)};
};

TEST(Diagram, mermaid_lists_tables_keys_and_the_cardinality_of_each_foreign_key) {
    BlogSchema schema;
    const std::string mermaid = to_mermaid(schema.metadata);
    EXPECT_EQ(mermaid.rfind("erDiagram\n", 0), 0u) << mermaid;
    // Columns: type, name, keys; a nullable column says so; a comma or space becomes _.
    EXPECT_NE(mermaid.find("    users {\n"
                           "        INTEGER id PK\n"
                           "        VARCHAR(50) username UK\n"
                           "        NUMERIC(10_2) balance \"nullable\"\n"
                           "    }\n"),
              std::string::npos)
        << mermaid;
    EXPECT_NE(mermaid.find("        TIMESTAMP_WITH_TIME_ZONE published_at \"nullable\"\n"),
              std::string::npos)
        << mermaid;
    EXPECT_NE(mermaid.find("        INTEGER post_id PK, FK\n"), std::string::npos) << mermaid;
    // A NOT NULL foreign key: exactly one parent, any number of children.
    EXPECT_NE(mermaid.find("    users ||..o{ posts : \"user_id\"\n"), std::string::npos) << mermaid;
    // A nullable one: zero or one parent.
    EXPECT_NE(mermaid.find("    users |o..o{ posts : \"reviewer_id\"\n"), std::string::npos)
        << mermaid;
    // A unique one: one-to-one.
    EXPECT_NE(mermaid.find("    users ||..o| profiles : \"user_id\"\n"), std::string::npos)
        << mermaid;
    // Part of the child's primary key: identifying (a solid line), as in an association table.
    EXPECT_NE(mermaid.find("    posts ||--o{ post_tags : \"post_id\"\n"), std::string::npos)
        << mermaid;
    EXPECT_NE(mermaid.find("    tags ||--o{ post_tags : \"tag_id\"\n"), std::string::npos)
        << mermaid;
    // Referred tables come first.
    EXPECT_LT(mermaid.find("    users {"), mermaid.find("    posts {"));
}

TEST(Diagram, dot_draws_a_node_per_table_and_an_edge_per_foreign_key) {
    BlogSchema schema;
    const std::string dot = to_dot(schema.metadata);
    EXPECT_EQ(dot.rfind("digraph schema {\n", 0), 0u) << dot;
    EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
    EXPECT_NE(dot.find("<TR><TD ALIGN=\"LEFT\" PORT=\"username\">username</TD>"
                       "<TD ALIGN=\"LEFT\">VARCHAR(50)</TD><TD>UK</TD></TR>"),
              std::string::npos)
        << dot;
    EXPECT_NE(dot.find("    \"posts\":\"reviewer_id\" -> \"users\":\"id\" [arrowtail=crowodot, "
                       "arrowhead=teeodot, style=dashed, label=\"reviewer_id\"];\n"),
              std::string::npos)
        << dot;
    EXPECT_NE(dot.find("    \"profiles\":\"user_id\" -> \"users\":\"id\" [arrowtail=teeodot, "
                       "arrowhead=teetee, style=dashed, label=\"user_id\"];\n"),
              std::string::npos)
        << dot;
    EXPECT_NE(dot.find("    \"post_tags\":\"post_id\" -> \"posts\":\"id\" [arrowtail=crowodot, "
                       "arrowhead=teetee, style=solid, label=\"post_id\"];\n"),
              std::string::npos)
        << dot;
}

// Graphviz itself reads it (scripts/bootstrap installs graphviz).
TEST(Diagram, graphviz_renders_the_dot_to_svg) {
    BlogSchema schema;
    const auto directory = std::filesystem::temp_directory_path() / "retort_diagram_test";
    std::filesystem::create_directories(directory);
    const auto dot_file = directory / "schema.dot";
    const auto svg_file = directory / "schema.svg";
    std::ofstream(dot_file) << to_dot(schema.metadata);
    const std::string command =
        "dot -Tsvg '" + dot_file.string() + "' -o '" + svg_file.string() + "' 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream svg(svg_file);
    const std::string text((std::istreambuf_iterator<char>(svg)), {});
    EXPECT_NE(text.find("<svg"), std::string::npos);
    EXPECT_NE(text.find("post_tags"), std::string::npos);
    std::filesystem::remove_all(directory);
}

TEST(Diagram, names_that_html_or_mermaid_would_misread_are_escaped) {
    MetaData metadata;
    Table odd{"odd table", metadata, Column("id", type::Integer(), primary_key),
              Column("a<b", type::Text())};
    EXPECT_NE(to_mermaid(metadata).find("    odd_table {\n"), std::string::npos);
    EXPECT_NE(to_mermaid(metadata).find("        TEXT a_b \"nullable\"\n"), std::string::npos);
    EXPECT_NE(to_dot(metadata).find(">a&lt;b</TD>"), std::string::npos) << to_dot(metadata);
}

}  // namespace
}  // namespace retort
