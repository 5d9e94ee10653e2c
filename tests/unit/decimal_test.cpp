#include <gtest/gtest.h>

#include <retort/errors.hpp>
#include <retort/types/decimal.hpp>

using retort::Decimal;

TEST(Decimal, keeps_every_digit_of_a_thirty_digit_value) {
    Decimal d("123456789012345678901234567890.123456789");
    EXPECT_EQ(d.to_string(), "123456789012345678901234567890.123456789");
    EXPECT_EQ(d.scale(), 9);
}

TEST(Decimal, equality_is_numeric_and_scale_is_kept) {
    EXPECT_EQ(Decimal("1.50"), Decimal("1.5"));
    EXPECT_EQ(Decimal("1.50").to_string(), "1.50");
    EXPECT_EQ(Decimal("-0.050").to_string(), "-0.050");
    EXPECT_EQ(Decimal("-0.0"), Decimal("0"));
    EXPECT_NE(Decimal("0.1"), Decimal("0.01"));
    EXPECT_NE(Decimal("-1"), Decimal("1"));
}

TEST(Decimal, exponents_expand_to_plain_notation) {
    EXPECT_EQ(Decimal("1e-3").to_string(), "0.001");
    EXPECT_EQ(Decimal("1.5E+3").to_string(), "1500");
}

TEST(Decimal, integers_are_exact_including_the_extremes) {
    EXPECT_EQ(Decimal(INT64_MIN).to_string(), "-9223372036854775808");
    EXPECT_EQ(Decimal(INT64_MAX).to_string(), "9223372036854775807");
}

TEST(Decimal, nan_and_malformed_text) {
    EXPECT_TRUE(Decimal("NaN").is_nan());
    EXPECT_EQ(Decimal("NaN").to_string(), "NaN");
    EXPECT_THROW(Decimal("12a"), retort::DataError);
    EXPECT_THROW(Decimal(""), retort::DataError);
    EXPECT_THROW(Decimal("."), retort::DataError);
}
