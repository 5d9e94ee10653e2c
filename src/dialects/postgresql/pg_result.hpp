// A PostgreSQL result: a whole PGresult, or rows streamed one at a time in single-row mode.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "pg_connection.hpp"

namespace retort::postgresql {

/// How a column's text is turned into a Field, chosen once per column from its type OID.
enum class ColumnDecoding : std::uint8_t { text, integer, real, boolean, bytea };

class PgResult final : public DriverResult {
  public:
    /// A buffered result (owns every row).
    explicit PgResult(ResultPtr result);
    /// A streamed result: `first` is the first single-row result (or the empty final result);
    /// later rows are pulled from `owner`.
    PgResult(ResultPtr first, PgConnection* owner, std::string sql);
    ~PgResult() override;

    std::size_t column_count() const override { return names_.size(); }
    std::string_view column_name(std::size_t column) const override { return names_[column]; }
    bool next() override;
    Field field(std::size_t column) override;
    std::int64_t rows_affected() const override { return rows_affected_; }
    std::size_t size_hint() const override {
        return streaming_ ? 0 : static_cast<std::size_t>(rows_);
    }
    void close() override;

    bool finished() const noexcept { return done_; }
    /// The connection is being reset or closed while this stream is unread: reading further
    /// raises. With `drain` the rest of the command is read off the connection so that it can be
    /// reused; without, the connection is about to be closed.
    void abandon(bool drain) noexcept;

  private:
    void describe(const PGresult* result);

    ResultPtr result_;
    int row_ = -1;
    int rows_ = 0;
    std::vector<std::string> names_;
    std::vector<ColumnDecoding> decoding_;
    std::int64_t rows_affected_ = -1;
    std::string scratch_;  // decoded bytea of the current field

    // Streaming.
    PgConnection* owner_ = nullptr;
    std::string sql_;
    bool streaming_ = false;
    bool pending_first_ = false;
    bool done_ = false;
    bool abandoned_ = false;
};

}  // namespace retort::postgresql
