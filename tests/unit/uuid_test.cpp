#include <gtest/gtest.h>

#include <retort/errors.hpp>
#include <retort/types/uuid.hpp>

using retort::Uuid;

TEST(Uuid, parses_all_common_spellings) {
    Uuid u = Uuid::parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11");
    EXPECT_EQ(u.to_string(), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    EXPECT_EQ(Uuid::parse("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"), u);
    EXPECT_EQ(Uuid::parse("a0eebc999c0b4ef8bb6d6bb9bd380a11"), u);
    EXPECT_THROW(Uuid::parse("a0eebc99-9c0b-4ef8-bb6d"), retort::DataError);
    EXPECT_THROW(Uuid::parse("g0eebc999c0b4ef8bb6d6bb9bd380a11"), retort::DataError);
}

TEST(Uuid, random_uuids_are_version_4_and_distinct) {
    Uuid a = Uuid::random();
    Uuid b = Uuid::random();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.to_string()[14], '4');
}
