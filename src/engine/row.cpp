#include "retort/engine/row.hpp"

#include <fmt/format.h>

namespace retort {

std::size_t ColumnNames::index_of(std::string_view name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return i;
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw ArgumentError(fmt::format("no column named '{}' in this row (columns: {})", name, known));
}

Field Row::field(std::size_t index) const {
    if (index >= cells_.size())
        throw ArgumentError(fmt::format("column index {} out of range: the row has {} columns",
                                        index, cells_.size()));
    const Cell& cell = cells_[index];
    return Field{cell.kind, cell.integer, cell.real,
                 std::string_view(bytes_).substr(cell.offset, cell.size)};
}

std::string Row::to_string(std::size_t index) const {
    Field f = field(index);
    if (f.is_null()) return "NULL";
    return value_traits<std::string>::from_field(f);
}

void Row::throw_with_column(const DataError& error, std::size_t index) const {
    throw DataError(fmt::format("column '{}': {}", columns_->names.at(index), error.what()));
}

void Row::check_width(std::size_t wanted) const {
    if (cells_.size() != wanted)
        throw ArgumentError(
            fmt::format("the row has {} columns but {} types were given", cells_.size(), wanted));
}

}  // namespace retort
