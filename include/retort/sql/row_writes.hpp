// Row writes: the statements a unit of work sends — rows of one table written by their
// columns, each row's values bound in order (SQLAlchemy's "executemany" shapes). They are
// statements of the SQL layer like Select or Insert, but described by their shape rather than
// built as trees: the values come row by row at execution, and one compiled text serves every
// flush of the same shape. Each dialect spells them (Dialect::row_insert_sql and the others);
// `rows` > 1 asks for one statement writing that many rows, which a dialect writes only when
// prefers_multirow_dml() is true.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "retort/types/sql_type.hpp"

namespace retort::sql {

/// The table written: its name and schema as declared (the dialect quotes them).
struct WriteTable {
    std::optional<std::string_view> schema{};
    std::string_view name;
};

/// A column a row write names, with its type: a multi-row statement may have to state the
/// types of its placeholders, which no column gives them there.
struct WriteColumn {
    std::string_view name;
    const SqlType* type = nullptr;
};

/// INSERT of `rows` rows; each row binds `columns` in order.
struct RowInsert {
    WriteTable table{};
    std::vector<WriteColumn> columns{};  ///< none: every column takes its default (one row)
    std::vector<std::string_view> returning{};
    std::size_t rows = 1;
    /// The rows are inserted in the order they are given, so that a sequence numbers them in
    /// that order and the returned keys, sorted, match the rows. The first `returning` column
    /// is that key. Dialects with prefers_multirow_dml() write it.
    bool numbered_in_order = false;
};

/// UPDATE of `rows` rows found by key; each row binds `set`, then `key` as it was read, then
/// `version` as it was read. A version counter is raised by one and must still hold the value
/// read, so that a row changed since matches nothing.
struct KeyedUpdate {
    WriteTable table{};
    std::vector<WriteColumn> set{};
    std::vector<WriteColumn> key{};
    std::optional<WriteColumn> version{};
    std::size_t rows = 1;
    /// Each column binds one array of every row's values instead (`set`, `key`, `version` in
    /// that order): one statement text and one plan whatever the number of rows. Written by
    /// dialects with has_array_parameters(), for columns that are not arrays themselves.
    bool column_arrays = false;
};

/// DELETE of rows found by key; each row binds `key` then `version`. More than one row per
/// statement needs a one-column key and no version: `key IN (...)`, one value per row.
struct KeyedDelete {
    WriteTable table{};
    std::vector<WriteColumn> key{};
    std::optional<WriteColumn> version{};
    std::size_t rows = 1;
};

}  // namespace retort::sql
