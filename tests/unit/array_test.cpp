// The array literal codec: what PostgreSQL prints is read, what it reads is written.
#include <gtest/gtest.h>

#include <retort/types/array.hpp>
#include <retort/types/range.hpp>

using namespace retort;

namespace {
template <class T>
std::string literal_of(const T& value) {
    return std::get<std::string>(retort::to_value(value));
}
template <class T>
T read(std::string_view literal) {
    return value_traits<T>::from_field(Field::of_text(literal));
}
}  // namespace

TEST(ArrayLiteral, writes_numbers_bare_and_text_quoted_and_escaped) {
    EXPECT_EQ(literal_of(std::vector<std::int64_t>{1, -2, 3}), "{1,-2,3}");
    EXPECT_EQ(literal_of(std::vector<std::string>{"a b", "", "NULL", "q\"b\\"}),
              R"({"a b","","NULL","q\"b\\"})");
    EXPECT_EQ(literal_of(std::vector<std::optional<std::string>>{std::nullopt, "x"}),
              R"({NULL,"x"})");
    EXPECT_EQ(literal_of(std::vector<std::vector<std::int32_t>>{{1, 2}, {3, 4}}), "{{1,2},{3,4}}");
    EXPECT_EQ(literal_of(std::vector<bool>{true, false}), "{t,f}");
    EXPECT_EQ(literal_of(std::vector<Bytes>{to_bytes("\x01\xff")}), R"({"\\x01ff"})");
    EXPECT_EQ(literal_of(std::vector<int>{}), "{}");
}

TEST(ArrayLiteral, reads_what_postgresql_prints) {
    EXPECT_EQ(read<std::vector<std::string>>(R"({abc,"with space","q\"b\\",NULL-ish})"),
              (std::vector<std::string>{"abc", "with space", "q\"b\\", "NULL-ish"}));
    EXPECT_EQ(read<std::vector<std::optional<std::int32_t>>>("{1,NULL,null}"),
              (std::vector<std::optional<std::int32_t>>{1, std::nullopt, std::nullopt}));
    EXPECT_EQ(read<std::vector<std::optional<std::string>>>(R"({"NULL",NULL})"),
              (std::vector<std::optional<std::string>>{"NULL", std::nullopt}));
    EXPECT_EQ(read<std::vector<std::vector<std::string>>>(R"({{a,"}"},{"{",d}})"),
              (std::vector<std::vector<std::string>>{{"a", "}"}, {"{", "d"}}));
    EXPECT_EQ(read<std::vector<std::int32_t>>("[2:3]={5,6}"), (std::vector<std::int32_t>{5, 6}));
    EXPECT_EQ(read<std::vector<std::int32_t>>("{ 1 , 2 }"), (std::vector<std::int32_t>{1, 2}));
    EXPECT_EQ(read<std::vector<Bytes>>(R"({"\\x00ff"})"),
              (std::vector<Bytes>{to_bytes(std::string("\0\xff", 2))}));
    EXPECT_TRUE(read<std::vector<double>>("{}").empty());
}

TEST(ArrayLiteral, refuses_what_is_not_an_array) {
    EXPECT_THROW(read<std::vector<std::int32_t>>("1,2"), DataError);
    EXPECT_THROW(read<std::vector<std::int32_t>>("{1,2"), DataError);
    EXPECT_THROW(read<std::vector<std::string>>(R"({"open})"), DataError);
    EXPECT_THROW(read<std::vector<std::int32_t>>("{1,2} x"), DataError);
    EXPECT_THROW(read<std::vector<std::int32_t>>("{1,NULL}"), DataError);  // not optional
    EXPECT_THROW(read<std::vector<std::int32_t>>("{1,abc}"), DataError);
}

TEST(ArrayLiteral, reads_64_bit_integers_plainly_written_or_not) {
    using Ints = std::vector<std::int64_t>;
    EXPECT_EQ(read<Ints>("{1,-2,9223372036854775807,-9223372036854775808}"),
              (Ints{1, -2, INT64_MAX, INT64_MIN}));
    EXPECT_EQ(read<Ints>("{7}"), Ints{7});
    EXPECT_TRUE(read<Ints>("{}").empty());
    // Anything else is read by the general parser.
    EXPECT_EQ(read<Ints>("{ 1 , 2 }"), (Ints{1, 2}));
    EXPECT_EQ(read<Ints>("[0:1]={5,6}"), (Ints{5, 6}));
    EXPECT_EQ(read<Ints>(R"({"3",4})"), (Ints{3, 4}));
    // ... also when the plain reading gave up after some elements.
    EXPECT_EQ(read<Ints>("{1,2, 3}"), (Ints{1, 2, 3}));
    EXPECT_EQ(read<Ints>(R"({1,"2"})"), (Ints{1, 2}));
    EXPECT_THROW(read<Ints>("{1,NULL}"), DataError);
    EXPECT_THROW(read<Ints>("{9223372036854775808}"), DataError);
    EXPECT_THROW(read<Ints>("{1,,2}"), DataError);
    EXPECT_THROW(read<Ints>("{1,2,}"), DataError);
}

TEST(ArrayLiteral, round_trips_awkward_text) {
    std::vector<std::string> awkward{"", " lead", "trail ", "{}", ",", "\\", "\"", "NULL", "\t\n"};
    EXPECT_EQ(read<std::vector<std::string>>(literal_of(awkward)), awkward);
}

TEST(RangeLiteral, reads_and_writes_what_postgresql_prints) {
    using retort::Range;
    auto read_range = [](std::string_view text) {
        return value_traits<Range<std::int64_t>>::from_field(Field::of_text(text));
    };
    EXPECT_EQ(read_range("[1,5)"), Range<std::int64_t>::half_open(1, 5));
    EXPECT_EQ(read_range("empty"), Range<std::int64_t>::none());
    auto open = read_range("(,7]");
    EXPECT_FALSE(open.lower);
    EXPECT_EQ(open.upper, 7);
    EXPECT_TRUE(open.upper_inclusive);
    EXPECT_EQ(std::get<std::string>(to_value(Range<std::int64_t>::closed(2, 3))), "[2,3]");
    EXPECT_EQ(std::get<std::string>(to_value(Range<std::int64_t>{std::nullopt, 4})), "(,4)");
    auto texts =
        value_traits<Range<std::string>>::from_field(Field::of_text(R"(["a \"q\"","b""c"))"));
    EXPECT_EQ(texts.lower, std::string("a \"q\""));
    EXPECT_EQ(texts.upper, std::string("b\"c"));
    EXPECT_THROW(read_range("1,5"), DataError);
    EXPECT_THROW(read_range("[1 5)"), DataError);
}
