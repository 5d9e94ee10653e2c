// COPY's text format as CopyWriter writes it: every byte that needs an escape gets one,
// wherever it falls in a value (the writer checks eight bytes at a time), and a row read in
// place field by field is the same text as the row written from Values.
#include <gtest/gtest.h>

#include <retort/engine/copy.hpp>
#include <retort/errors.hpp>
#include <string>
#include <vector>

using namespace retort;

namespace {
// Keeps what the writer sends, as the server would receive it.
class Collected final : public CopySink {
  public:
    void send(std::string_view data) override { text.append(data); }
    std::string text;
};

std::string one_row(const std::vector<Value>& values) {
    Collected sink;
    CopyWriter writer(sink, values.size());
    writer.row(std::span<const Value>(values));
    writer.flush();
    return sink.text;
}
}  // namespace

TEST(CopyText, escapes_each_special_byte_at_every_position_of_a_value) {
    for (char special : {'\\', '\t', '\n', '\r'}) {
        for (std::size_t length = 1; length <= 40; ++length) {
            for (std::size_t at = 0; at < length; ++at) {
                std::string value(length, 'x');
                value[at] = special;
                const std::string line = one_row({Value(value)});
                const auto fields = parse_copy_row(line);
                ASSERT_EQ(fields.size(), 1u) << line;
                ASSERT_EQ(fields[0], value) << "length " << length << " at " << at;
                // Escaped, so the line holds no bare tab or newline before its end.
                EXPECT_EQ(line.find_first_of("\t\r"), std::string::npos) << line;
                EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
            }
        }
    }
}

TEST(CopyText, leaves_long_plain_and_non_ascii_text_as_it_is) {
    const std::string plain = "user123456@example.com, Zoë Ångström — ünïcödé and more text";
    EXPECT_EQ(one_row({Value(plain)}), plain + "\n");
}

TEST(CopyText, refuses_a_nul_byte_wherever_it_is) {
    for (std::size_t at : {0u, 3u, 8u, 15u, 20u}) {
        std::string value(21, 'a');
        value[at] = '\0';
        EXPECT_THROW(one_row({Value(value)}), DataError) << at;
    }
}

TEST(CopyText, a_row_added_field_by_field_is_the_row_written_from_values) {
    const std::vector<Value> values{Value(std::int64_t{-42}), Value("tab\there"), Value(null),
                                    Value(std::string(17, '\\'))};
    Collected sink;
    CopyWriter writer(sink, 4);
    writer.add(Field::of_integer(-42));
    writer.add(Field::of_text("tab\there"));
    writer.add(Field{});
    writer.add(values[3]);
    writer.end_row();
    writer.flush();
    EXPECT_EQ(sink.text, one_row(values));
    EXPECT_EQ(writer.rows(), 1);
}

TEST(CopyText, a_row_with_the_wrong_number_of_fields_is_refused) {
    Collected sink;
    CopyWriter writer(sink, 2);
    writer.add(Field::of_integer(1));
    EXPECT_THROW(writer.end_row(), ArgumentError);
    EXPECT_THROW(writer.add(Field::of_real(1.5)), ArgumentError);
}

TEST(CopyText, a_whole_row_is_refused_while_a_row_begun_field_by_field_is_open) {
    Collected sink;
    CopyWriter writer(sink, 2);
    writer.add(Field::of_integer(1));
    const std::vector<Value> row{Value(std::int64_t{2}), Value(std::int64_t{3})};
    EXPECT_THROW(writer.row(std::span<const Value>(row)), ArgumentError);
}
