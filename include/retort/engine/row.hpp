// Row: one result row with its own copy of the values, read by position or column name.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "retort/errors.hpp"
#include "retort/types/traits.hpp"

namespace retort {

/// The column names of a result, shared by its rows.
struct ColumnNames {
    std::vector<std::string> names;
    /// Position of a column; ArgumentError naming the column and the known ones when absent.
    std::size_t index_of(std::string_view name) const;
};

/// One row. Values are decoded on access: `row.get<std::int64_t>(0)`,
/// `row.get<std::string>("name")`, `row.get<std::optional<std::string>>("email")` for a nullable
/// column. Reading NULL into a non-optional type raises DataError naming the column.
class Row {
  public:
    Row() = default;
    /// Copies the current row of a driver cursor.
    template <class Cursor>
    static Row copy_from(Cursor& cursor, std::shared_ptr<const ColumnNames> columns);

    std::size_t size() const noexcept { return cells_.size(); }
    const std::vector<std::string>& keys() const noexcept { return columns_->names; }
    std::string_view column_name(std::size_t index) const { return columns_->names.at(index); }
    bool is_null(std::size_t index) const { return field(index).is_null(); }
    bool is_null(std::string_view name) const { return is_null(columns_->index_of(name)); }

    template <class T>
    T get(std::size_t index) const {
        try {
            return value_traits<T>::from_field(field(index));
        } catch (const DataError& error) {
            throw_with_column(error, index);
        }
    }
    template <class T>
    T get(std::string_view name) const {
        return get<T>(columns_->index_of(name));
    }
    /// The whole row as a tuple: `auto [id, name] = row.as<std::int64_t, std::string>();`
    template <class... Ts>
    std::tuple<Ts...> as() const {
        check_width(sizeof...(Ts));
        return as_columns<Ts...>(std::index_sequence_for<Ts...>{});
    }
    /// A field as text, for display ("NULL" for NULL).
    std::string to_string(std::size_t index) const;
    /// The raw field; valid while the Row lives.
    Field field(std::size_t index) const;

  private:
    template <class... Ts, std::size_t... I>
    std::tuple<Ts...> as_columns(std::index_sequence<I...>) const {
        return std::tuple<Ts...>{get<Ts>(I)...};
    }
    struct Cell {
        FieldKind kind;
        std::int64_t integer;
        double real;
        std::uint32_t offset;
        std::uint32_t size;
    };
    [[noreturn]] void throw_with_column(const DataError& error, std::size_t index) const;
    void check_width(std::size_t wanted) const;

    std::shared_ptr<const ColumnNames> columns_;
    std::vector<Cell> cells_;
    std::string bytes_;
};

template <class Cursor>
Row Row::copy_from(Cursor& cursor, std::shared_ptr<const ColumnNames> columns) {
    Row row;
    std::size_t n = columns->names.size();
    row.cells_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        Field f = cursor.field(i);
        auto offset = static_cast<std::uint32_t>(row.bytes_.size());
        row.bytes_.append(f.bytes);
        row.cells_.push_back(
            Cell{f.kind, f.integer, f.real, offset, static_cast<std::uint32_t>(f.bytes.size())});
    }
    row.columns_ = std::move(columns);
    return row;
}

}  // namespace retort
