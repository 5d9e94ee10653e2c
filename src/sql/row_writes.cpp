// The standard spellings of the row writes (sql/row_writes.hpp): one row per statement, and
// the multi-row forms standard SQL has (INSERT ... VALUES (..), (..); DELETE ... IN (...)).
// A dialect with faster forms for many rows overrides them (PostgreSQL's in
// dialects/postgresql/pg_dialect.cpp).
#include <fmt/format.h>

#include "retort/errors.hpp"
#include "retort/sql/dialect.hpp"
#include "retort/sql/row_writes.hpp"

namespace retort::sql {

std::string Dialect::placeholder(std::size_t position) const {
    std::string text(1, param_style() == ParamStyle::dollar_numeric ? '$' : '?');
    text += std::to_string(position);
    return text;
}

std::string Dialect::write_table_sql(const WriteTable& table) const {
    return table.schema ? fmt::format("{}.{}", quote(*table.schema), quote(table.name))
                        : quote(table.name);
}

std::string Dialect::column_list_sql(const std::vector<WriteColumn>& columns) const {
    std::string list;
    for (const auto& column : columns) {
        if (!list.empty()) list += ", ";
        list += quote(column.name);
    }
    return list;
}

std::string Dialect::returning_sql(const std::vector<std::string_view>& columns) const {
    std::string clause;
    for (std::string_view column : columns)
        clause += fmt::format("{}{}", clause.empty() ? " RETURNING " : ", ", quote(column));
    return clause;
}

std::string Dialect::key_match_sql(const std::vector<WriteColumn>& columns,
                                   const std::optional<WriteColumn>& version,
                                   std::size_t* next) const {
    std::string sql;
    for (const auto& column : columns)
        sql += fmt::format("{}{} = {}", sql.empty() ? "" : " AND ", quote(column.name),
                           placeholder(++*next));
    if (version)
        sql += fmt::format("{}{} = {}", sql.empty() ? "" : " AND ", quote(version->name),
                           placeholder(++*next));
    return sql;
}

std::string Dialect::row_insert_sql(const RowInsert& insert) const {
    const std::string table = write_table_sql(insert.table);
    if (insert.columns.empty()) {
        if (insert.rows != 1)
            throw ArgumentError("an INSERT of every column's default writes one row");
        return fmt::format("INSERT INTO {} DEFAULT VALUES{}", table,
                           returning_sql(insert.returning));
    }
    if (insert.numbered_in_order)
        throw NotSupportedError(
            fmt::format("the {} dialect cannot insert rows numbered in the order given", name()));
    std::string rows;
    std::size_t n = 0;
    for (std::size_t r = 0; r < insert.rows; ++r) {
        rows += r == 0 ? "(" : ", (";
        for (std::size_t c = 0; c < insert.columns.size(); ++c)
            rows += fmt::format("{}{}", c > 0 ? ", " : "", placeholder(++n));
        rows += ')';
    }
    return fmt::format("INSERT INTO {} ({}) VALUES {}{}", table, column_list_sql(insert.columns),
                       rows, returning_sql(insert.returning));
}

std::string Dialect::keyed_update_sql(const KeyedUpdate& update) const {
    if (update.rows != 1 || update.column_arrays)
        throw NotSupportedError(
            fmt::format("the {} dialect writes one row per keyed UPDATE", name()));
    if (update.set.empty() && !update.version)
        throw ArgumentError("an UPDATE needs at least one column to set");
    std::string sql = fmt::format("UPDATE {} SET ", write_table_sql(update.table));
    std::size_t n = 0;
    for (std::size_t c = 0; c < update.set.size(); ++c)
        sql += fmt::format("{}{} = {}", c > 0 ? ", " : "", quote(update.set[c].name),
                           placeholder(++n));
    if (update.version) {
        const std::string version = quote(update.version->name);
        sql += fmt::format("{}{} = {} + 1", update.set.empty() ? "" : ", ", version, version);
    }
    return sql + " WHERE " + key_match_sql(update.key, update.version, &n);
}

std::string Dialect::keyed_delete_sql(const KeyedDelete& remove) const {
    const std::string table = write_table_sql(remove.table);
    if (remove.key.empty()) throw ArgumentError("a keyed DELETE needs its key columns");
    if (remove.rows == 1) {
        std::size_t n = 0;
        return fmt::format("DELETE FROM {} WHERE {}", table,
                           key_match_sql(remove.key, remove.version, &n));
    }
    if (remove.key.size() != 1 || remove.version)
        throw ArgumentError(
            "a DELETE of many rows in one statement needs a one-column key and no version");
    std::string list;
    for (std::size_t r = 1; r <= remove.rows; ++r)
        list += fmt::format("{}{}", r > 1 ? ", " : "", placeholder(r));
    return fmt::format("DELETE FROM {} WHERE {} IN ({})", table, quote(remove.key.front().name),
                       list);
}

}  // namespace retort::sql
