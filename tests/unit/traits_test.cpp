#include <gtest/gtest.h>

#include <cmath>

#include <retort/types/traits.hpp>

using namespace retort;

TEST(ValueTraits, integers_are_range_checked_when_read) {
    EXPECT_EQ(value_traits<std::int16_t>::from_field(Field::of_integer(-32768)), -32768);
    EXPECT_THROW(value_traits<std::int16_t>::from_field(Field::of_integer(40000)), DataError);
    EXPECT_THROW(value_traits<std::int32_t>::from_field(Field::of_integer(INT64_MAX)), DataError);
    EXPECT_EQ(value_traits<std::int64_t>::from_field(Field::of_text("-9223372036854775808")),
              INT64_MIN);
    EXPECT_THROW(value_traits<std::int64_t>::from_field(Field::of_text("9223372036854775808")),
                 DataError);
}

TEST(ValueTraits, null_reads_only_into_optional) {
    EXPECT_EQ(value_traits<std::optional<std::string>>::from_field(Field{}), std::nullopt);
    try {
        value_traits<std::string>::from_field(Field{});
        FAIL() << "NULL was read into a std::string";
    } catch (const DataError& error) {
        EXPECT_NE(std::string(error.what()).find("std::optional"), std::string::npos);
    }
}

TEST(ValueTraits, optional_binds_null_or_the_value) {
    EXPECT_EQ(to_value(std::optional<int>{}), Value{null});
    EXPECT_EQ(to_value(std::optional<int>{7}), Value{std::int64_t{7}});
    EXPECT_EQ(to_value("text"), Value{std::string("text")});
}

TEST(ValueTraits, floats_read_nan_and_infinity_from_postgresql_text) {
    EXPECT_TRUE(std::isnan(value_traits<double>::from_field(Field::of_text("NaN"))));
    EXPECT_EQ(value_traits<double>::from_field(Field::of_text("-Infinity")), -HUGE_VAL);
}

TEST(ValueTraits, booleans_accept_integers_and_postgresql_text) {
    EXPECT_TRUE(value_traits<bool>::from_field(Field::of_integer(1)));
    EXPECT_FALSE(value_traits<bool>::from_field(Field::of_text("f")));
    EXPECT_THROW(value_traits<bool>::from_field(Field::of_integer(2)), DataError);
}

struct NoCodec {};
TEST(ValueTraits, only_types_with_a_codec_are_sql_values) {
    static_assert(SqlValue<std::int64_t>);
    static_assert(SqlValue<std::optional<DateTime>>);
    static_assert(!SqlValue<NoCodec>);
    static_assert(!SqlValue<std::uint64_t>);  // deleted: no SQL type holds all of uint64
    SUCCEED();
}
