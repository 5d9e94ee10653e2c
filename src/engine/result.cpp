#include "retort/engine/result.hpp"

#include <fmt/format.h>

namespace retort {

Result::Result(std::unique_ptr<DriverResult> cursor) : cursor_(std::move(cursor)) {
    rows_affected_ = cursor_->rows_affected();
    if (auto shared = cursor_->column_names()) {
        columns_ = std::move(shared);
        return;
    }
    auto columns = std::make_shared<ColumnNames>();
    std::size_t n = cursor_->column_count();
    columns->names.reserve(n);
    for (std::size_t i = 0; i < n; ++i) columns->names.emplace_back(cursor_->column_name(i));
    columns_ = std::move(columns);
}

Result::~Result() {
    close();
}

bool Result::advance() {
    if (exhausted_ || !cursor_) return false;
    if (cursor_->next()) return true;
    exhausted_ = true;
    return false;
}

void Result::close() noexcept {
    if (!cursor_) return;
    exhausted_ = true;
    try {
        cursor_->close();
    } catch (...) {
        // close() only discards unread rows; the pool's reset handles a connection left busy.
    }
}

void Result::check_width(std::size_t wanted) const {
    if (columns_->names.size() != wanted)
        throw ArgumentError(fmt::format("the result has {} columns but {} types were given",
                                        columns_->names.size(), wanted));
}

void Result::rethrow_with_column(const DataError& error, std::size_t column) const {
    throw DataError(fmt::format("column '{}': {}", columns_->names[column], error.what()));
}

std::optional<Row> Result::fetchone() {
    if (!advance()) return std::nullopt;
    return Row::copy_from(*cursor_, columns_);
}

std::vector<Row> Result::fetchmany(std::size_t count) {
    std::vector<Row> rows;
    while (rows.size() < count && advance()) rows.push_back(Row::copy_from(*cursor_, columns_));
    return rows;
}

std::vector<Row> Result::all() {
    std::vector<Row> rows;
    if (cursor_) rows.reserve(cursor_->size_hint());
    while (advance()) rows.push_back(Row::copy_from(*cursor_, columns_));
    return rows;
}

Row Result::one() {
    auto row = one_or_none();
    if (!row) throw NoResultFound("one() found no row");
    return std::move(*row);
}

std::optional<Row> Result::one_or_none() {
    auto row = fetchone();
    if (row && advance()) {
        close();
        throw MultipleResultsFound("one() found more than one row");
    }
    return row;
}

std::optional<Row> Result::first() {
    auto row = fetchone();
    close();
    return row;
}

}  // namespace retort
