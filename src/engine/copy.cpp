#include "retort/engine/copy.hpp"

#include <fmt/format.h>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#include "../types/text_format.hpp"

namespace retort {

namespace {
constexpr std::size_t chunk_size = 64 * 1024;

// What COPY's text format escapes: 1 for \\, \t, \n, \r; 2 for NUL, which it cannot hold.
constexpr std::array<std::uint8_t, 256> copy_escapes = [] {
    std::array<std::uint8_t, 256> table{};
    table['\\'] = table['\t'] = table['\n'] = table['\r'] = 1;
    table[0] = 2;
    return table;
}();

// True when one of the 8 bytes of `word` is a byte COPY escapes (\\, \t, \n, \r or NUL): the
// usual bit trick for a zero byte, applied to the word xor each of them.
bool has_copy_escape(std::uint64_t word) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    auto has_zero = [&](std::uint64_t v) { return (v - ones) & ~v & highs; };
    return (has_zero(word) | has_zero(word ^ (ones * '\\')) | has_zero(word ^ (ones * '\t')) |
            has_zero(word ^ (ones * '\n')) | has_zero(word ^ (ones * '\r'))) != 0;
}

// Appends `text` with COPY's escapes; DataError for a NUL byte. Runs without an escape are
// appended whole; eight bytes are checked at a time, since most values have nothing to escape.
void append_escaped(std::string& out, std::string_view text) {
    std::size_t start = 0, i = 0;
    for (;;) {
        while (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            if (has_copy_escape(word)) break;
            i += 8;
        }
        while (i < text.size() && copy_escapes[static_cast<unsigned char>(text[i])] == 0) ++i;
        if (i == text.size()) break;
        const auto c = static_cast<unsigned char>(text[i]);
        if (copy_escapes[c] == 2)
            throw DataError(
                "a COPY value contains a NUL byte, which PostgreSQL text cannot hold; use Bytes");
        out.append(text.data() + start, i - start);
        out += c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r";
        start = ++i;
    }
    out.append(text.data() + start, text.size() - start);
}
}  // namespace

void append_copy_field(std::string& out, const Value& value) {
    if (value.index() == 0) {
        out += "\\N";
    } else if (const auto* bytes = std::get_if<Bytes>(&value)) {
        out += "\\\\x";  // bytea's hex form; its backslash escaped for COPY
        detail::append_hex(out, *bytes);
    } else if (const auto* text = std::get_if<std::string>(&value)) {
        append_escaped(out, *text);
    } else if (value.index() <= 3) {  // a boolean or a number: nothing in it to escape
        detail::append_text_form(out, value);
    } else {
        std::string form;
        detail::append_text_form(form, value);
        append_escaped(out, form);
    }
}

std::vector<std::optional<std::string>> parse_copy_row(std::string_view line) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    std::vector<std::optional<std::string>> fields;
    std::string current;
    bool null = false;
    auto finish = [&] {
        fields.push_back(null ? std::nullopt : std::optional<std::string>(std::move(current)));
        current.clear();
        null = false;
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\t') {
            finish();
        } else if (c == '\\' && i + 1 < line.size()) {
            const char e = line[++i];
            switch (e) {
                case 'N':
                    null = true;
                    break;
                case 't':
                    current += '\t';
                    break;
                case 'n':
                    current += '\n';
                    break;
                case 'r':
                    current += '\r';
                    break;
                case 'b':
                    current += '\b';
                    break;
                case 'f':
                    current += '\f';
                    break;
                case 'v':
                    current += '\v';
                    break;
                default:
                    current += e;  // \\ and any other escaped character stand for themselves
            }
        } else {
            current += c;
        }
    }
    finish();
    return fields;
}

void CopyWriter::row(std::span<const Value> values) {
    check_width(values.size());
    for (const Value& value : values) {
        if (!first_) buffer_ += '\t';
        first_ = false;
        append_copy_field(buffer_, value);
    }
    finish_row();
}

void CopyWriter::row(std::span<const Value* const> values) {
    check_width(values.size());
    for (const Value* value : values) {
        if (!first_) buffer_ += '\t';
        first_ = false;
        append_copy_field(buffer_, *value);
    }
    finish_row();
}

void CopyWriter::add(const Value& value) {
    if (!first_) buffer_ += '\t';
    first_ = false;
    ++added_;
    append_copy_field(buffer_, value);
}

void CopyWriter::add(const Field& field) {
    if (!first_) buffer_ += '\t';
    first_ = false;
    ++added_;
    switch (field.kind) {
        case FieldKind::null:
            buffer_ += "\\N";
            break;
        case FieldKind::integer:
            detail::append_integer(buffer_, field.integer);
            break;
        case FieldKind::text:
            append_escaped(buffer_, field.bytes);
            break;
        default:
            throw ArgumentError("CopyWriter::add() takes a text, integer or NULL field");
    }
}

void CopyWriter::end_row() {
    const std::size_t added = std::exchange(added_, 0);
    check_width(added);
    finish_row();
}

void CopyWriter::append_integer(std::int64_t value) {
    detail::append_integer(buffer_, value);
}

void CopyWriter::check_width(std::size_t fields) const {
    if (added_ != 0)  // row() while a row begun with add() is open
        throw ArgumentError(fmt::format(
            "a COPY row begun with add() ({} of {} fields) must end with end_row() before "
            "another row is written; nothing was copied",
            added_, columns_));
    if (fields != columns_)
        throw ArgumentError(
            fmt::format("a COPY row has {} values for {} columns (row {}); nothing was copied",
                        fields, columns_, rows_ + 1));
}

void CopyWriter::finish_row() {
    buffer_ += '\n';
    first_ = true;
    ++rows_;
    if (buffer_.size() >= chunk_size) flush();
}

void CopyWriter::flush() {
    if (buffer_.empty()) return;
    sink_->send(buffer_);
    buffer_.clear();
}

}  // namespace retort
