// COPY's text format (PostgreSQL): rows written for COPY ... FROM STDIN, and read back from
// COPY ... TO STDOUT. Fields are separated by tabs, rows end with a newline, NULL is \N, and a
// backslash escapes itself, tabs, newlines and carriage returns inside a value.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/types/traits.hpp"

namespace retort {

/// Appends one value in COPY text format (escaped; \N for NULL), without a delimiter.
void append_copy_field(std::string& out, const Value& value);
/// The fields of one row of COPY text output (its line, with or without the newline),
/// unescaped; nullopt for \N.
std::vector<std::optional<std::string>> parse_copy_row(std::string_view line);

/// Writes the rows of a Connection::copy_from, one call of row() per row with one value per
/// column; the data goes to the server in chunks as it fills. Used by one thread.
class CopyWriter {
  public:
    CopyWriter(CopySink& sink, std::size_t columns) : sink_(&sink), columns_(columns) {}
    CopyWriter(const CopyWriter&) = delete;
    CopyWriter& operator=(const CopyWriter&) = delete;
    ~CopyWriter() = default;

    /// One row from C++ values (anything with a codec, or Values).
    template <class... Ts>
    void row(const Ts&... values) {
        check_width(sizeof...(Ts));
        (field(values), ...);
        finish_row();
    }
    /// One row from Values.
    void row(std::span<const Value> values);
    void row(std::span<const Value* const> values);
    /// One row a field at a time, for writers that read each value where it lies: one add()
    /// per column, then end_row(), which checks the count.
    void add(const Value& value);
    /// A field view: text (escaped), an integer, or NULL; real and blob are refused.
    void add(const Field& field);
    void end_row();
    /// The rows written so far.
    std::int64_t rows() const noexcept { return rows_; }
    /// Sends what is buffered (called by copy_from at the end).
    void flush();

  private:
    template <class T>
    void field(const T& value) {
        if (!first_) buffer_ += '\t';
        first_ = false;
        if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::int32_t>) {
            append_integer(value);  // the common case without a Value in between
        } else {
            append_copy_field(buffer_, retort::to_value(value));
        }
    }
    void append_integer(std::int64_t value);
    void check_width(std::size_t fields) const;
    void finish_row();

    CopySink* sink_;
    std::size_t columns_;
    std::string buffer_;
    bool first_ = true;
    std::size_t added_ = 0;  // fields add()ed to the row being written
    std::int64_t rows_ = 0;
};

}  // namespace retort
