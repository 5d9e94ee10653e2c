#include <gtest/gtest.h>

#include <retort/sql/text.hpp>

using retort::ParamStyle;
using retort::text;

TEST(TextClause, named_markers_become_positional_placeholders) {
    auto clause = text("SELECT * FROM users WHERE id = :id AND name = :name");
    EXPECT_EQ(clause.compiled(ParamStyle::dollar_numeric),
              "SELECT * FROM users WHERE id = $1 AND name = $2");
    EXPECT_EQ(clause.compiled(ParamStyle::question_numeric),
              "SELECT * FROM users WHERE id = ?1 AND name = ?2");
    EXPECT_EQ(clause.param_names(), (std::vector<std::string>{"id", "name"}));
}

TEST(TextClause, a_name_used_twice_is_one_parameter) {
    auto clause = text("SELECT :x + :y + :x");
    EXPECT_EQ(clause.compiled(ParamStyle::dollar_numeric), "SELECT $1 + $2 + $1");
    EXPECT_EQ(clause.param_names().size(), 2u);
}

TEST(TextClause, casts_strings_comments_and_dollar_quotes_are_left_alone) {
    auto clause = text(
        "SELECT :a::int, ':not', \"col:umn\", $$ :nor $$, $tag$ :this $tag$ -- :comment\n"
        "/* :block */ FROM t WHERE x = :b AND t = '10:30' AND s = 'it''s :z'");
    EXPECT_EQ(clause.param_names(), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(clause.compiled(ParamStyle::dollar_numeric),
              "SELECT $1::int, ':not', \"col:umn\", $$ :nor $$, $tag$ :this $tag$ -- :comment\n"
              "/* :block */ FROM t WHERE x = $2 AND t = '10:30' AND s = 'it''s :z'");
}

TEST(TextClause, escaped_colon_is_literal) {
    auto clause = text("SELECT '\\:x', a\\:b FROM t");
    EXPECT_TRUE(clause.param_names().empty());
    EXPECT_EQ(clause.compiled(ParamStyle::dollar_numeric), "SELECT '\\:x', a:b FROM t");
}

TEST(TextClause, positional_dollar_parameters_are_not_dollar_quotes) {
    auto clause = text("SELECT $1, :v");
    EXPECT_EQ(clause.compiled(ParamStyle::dollar_numeric), "SELECT $1, $1");
}
