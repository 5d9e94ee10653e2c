// PostgreSQL's SQL dialect: the base Dialect's spelling, which is PostgreSQL's, with its name,
// its placeholder style, and its one-statement forms of the unit of work's many-row writes.
#include <fmt/format.h>

#include <cctype>

#include "retort/dialects/postgresql/driver.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::postgresql {

namespace {
class PgDialect final : public sql::Dialect {
  public:
    std::string_view name() const noexcept override { return "postgresql"; }
    ParamStyle param_style() const noexcept override { return ParamStyle::dollar_numeric; }
    std::size_t max_identifier_length() const noexcept override { return 63; }  // NAMEDATALEN - 1
    // Each execution costs a parse, plan and executor start-up: many rows go in one statement.
    bool prefers_multirow_dml() const noexcept override { return true; }
    bool has_array_parameters() const noexcept override { return true; }
    std::string key_sequence_sql() const override {
        return "SELECT CASE WHEN a.attidentity = 'a' THEN NULL ELSE "
               "pg_get_serial_sequence($1, $2) END FROM pg_attribute a WHERE a.attrelid = "
               "to_regclass($1) AND a.attname = $2";
    }
    std::string reserve_keys_sql() const override {
        // generate_series in the select list streams its rows; in FROM it fills a tuplestore
        // first (a fifth of the time for 100k keys).
        return "SELECT ARRAY(SELECT nextval($1::regclass) FROM (SELECT generate_series(1, "
               "$2::bigint)) AS retort_n)";
    }
    std::string estimated_rows_sql() const override {
        return "SELECT GREATEST(reltuples, 0)::bigint FROM pg_catalog.pg_class WHERE oid = "
               "to_regclass($1)";
    }
    std::string migration_lock_sql() const override {
        return "SELECT pg_advisory_xact_lock($1::bigint)";
    }
    std::string lock_timeout_sql(std::chrono::milliseconds timeout) const override {
        return fmt::format("SET LOCAL lock_timeout = {}", timeout.count());
    }
    std::string_view extended_operator_sql(sql::ExtendedOperator op) const override;
    bool has_copy() const noexcept override { return true; }
    std::string copy_in_sql(const FromClause& table,
                            const std::vector<std::string>& columns) const override {
        return fmt::format("COPY {} FROM STDIN", copy_target(table, columns));
    }
    std::string copy_out_sql(const FromClause& table,
                             const std::vector<std::string>& columns) const override {
        return fmt::format("COPY {} TO STDOUT", copy_target(table, columns));
    }
    std::string copy_query_out_sql(std::string_view query_sql) const override {
        return fmt::format("COPY ({}) TO STDOUT", query_sql);
    }
    std::string listen_sql(std::string_view channel) const override {
        return "LISTEN " + quote(channel);
    }
    std::string unlisten_sql(std::string_view channel) const override {
        return "UNLISTEN " + quote(channel);
    }
    std::string notify_sql() const override { return "SELECT pg_notify($1, $2)"; }
    std::string row_insert_sql(const sql::RowInsert& insert) const override;
    std::string keyed_update_sql(const sql::KeyedUpdate& update) const override;
    // Types, quoting and the rest are the base Dialect's, which speaks PostgreSQL's SQL.

  private:
    /// `table (column, ...)`.
    std::string copy_target(const FromClause& table,
                            const std::vector<std::string>& columns) const {
        std::string list;
        for (const auto& column : columns) {
            if (!list.empty()) list += ", ";
            list += quote(column);
        }
        return fmt::format("{} ({})", table_name_sql(table), list);
    }
    /// `$n::type`, without the length or precision: an explicit cast to VARCHAR(n) would cut
    /// a long value short where the column's own assignment raises an error. CHAR and BIT
    /// without a length mean a length of 1: they are cast to BPCHAR and VARBIT instead.
    std::string typed_placeholder(std::size_t position, const SqlType& type) const {
        std::string name = type_sql(type);
        if (auto open = name.find('('); open != std::string::npos) {
            auto close = name.find(')', open);
            std::string base = name.substr(0, open);
            for (char& c : base) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            while (!base.empty() && base.back() == ' ') base.pop_back();
            name.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
            if (base == "CHAR" || base == "CHARACTER") name = "BPCHAR" + name.substr(base.size());
            if (base == "BIT") name = "VARBIT" + name.substr(base.size());
        }
        return fmt::format("{}::{}", placeholder(position), name);
    }
    /// `unnest($1::t0[], $2::t1[], ...)`: rows from one array per column, typed.
    std::string unnest_rows(const std::vector<const SqlType*>& columns) const {
        std::string sql = "unnest(";
        for (std::size_t c = 0; c < columns.size(); ++c)
            sql += fmt::format("{}{}[]", c > 0 ? ", " : "", typed_placeholder(c + 1, *columns[c]));
        return sql + ')';
    }
    /// VALUES rows of `columns`, the first row's placeholders typed (they type the columns of
    /// a VALUES list in FROM), with `order` appending each row's number.
    std::string values_rows(const std::vector<const SqlType*>& columns, std::size_t rows,
                            bool order) const {
        std::string sql;
        std::size_t n = 0;
        for (std::size_t r = 0; r < rows; ++r) {
            sql += r == 0 ? "(" : ", (";
            for (std::size_t c = 0; c < columns.size(); ++c) {
                if (c > 0) sql += ", ";
                sql += r == 0 ? typed_placeholder(++n, *columns[c]) : placeholder(++n);
            }
            if (order) sql += fmt::format(", {}", r);
            sql += ')';
        }
        return sql;
    }
};

std::string_view PgDialect::extended_operator_sql(sql::ExtendedOperator op) const {
    using O = sql::ExtendedOperator;
    switch (op) {
        case O::contains:
            return "@>";
        case O::contained_by:
            return "<@";
        case O::overlap:
            return "&&";
        case O::adjacent_to:
            return "-|-";
        case O::strictly_left_of:
            return "<<";
        case O::strictly_right_of:
            return ">>";
        case O::json_get:
            return "->";
        case O::json_get_text:
            return "->>";
        case O::json_path:
            return "#>";
        case O::json_path_text:
            return "#>>";
        case O::json_has_key:
            return "?";
        case O::json_has_any:
            return "?|";
        case O::json_has_all:
            return "?&";
        case O::json_remove_key:
            return "-";
        case O::json_remove_path:
            return "#-";
        case O::text_match:
            return "@@";
    }
    return Dialect::extended_operator_sql(op);
}

std::string PgDialect::row_insert_sql(const sql::RowInsert& insert) const {
    if (!insert.numbered_in_order || insert.columns.empty()) return Dialect::row_insert_sql(insert);
    // INSERT ... SELECT ... ORDER BY inserts the rows in that order, so the sequence numbers
    // them in that order: sorting the returned keys matches them to the rows.
    std::vector<const SqlType*> types;
    std::string aliases;
    for (std::size_t c = 0; c < insert.columns.size(); ++c) {
        types.push_back(insert.columns[c].type);
        aliases += fmt::format("p{}, ", c);
    }
    return fmt::format(
        "INSERT INTO {} ({}) SELECT {} FROM (VALUES {}) AS retort_rows ({}retort_order) "
        "ORDER BY retort_order{}",
        write_table_sql(insert.table), column_list_sql(insert.columns),
        aliases.substr(0, aliases.size() - 2), values_rows(types, insert.rows, true), aliases,
        returning_sql(insert.returning));
}

std::string PgDialect::keyed_update_sql(const sql::KeyedUpdate& update) const {
    if (update.rows == 1 && !update.column_arrays) return Dialect::keyed_update_sql(update);
    // UPDATE ... FROM (VALUES ...) or FROM unnest(arrays): one statement for many rows, each
    // row's new values, key and version as columns p0, p1, ... of the rows. The arrays keep
    // one text and one plan for any row count, where the planner may scan the whole table for
    // a long VALUES list it cannot estimate.
    std::vector<const SqlType*> types;
    for (const auto& column : update.set) types.push_back(column.type);
    for (const auto& column : update.key) types.push_back(column.type);
    if (update.version) types.push_back(update.version->type);
    std::string aliases;
    for (std::size_t c = 0; c < types.size(); ++c)
        aliases += fmt::format("{}p{}", c > 0 ? ", " : "", c);
    std::string set;
    for (std::size_t c = 0; c < update.set.size(); ++c)
        set +=
            fmt::format("{}{} = retort_rows.p{}", c > 0 ? ", " : "", quote(update.set[c].name), c);
    std::string where;
    for (std::size_t k = 0; k < update.key.size(); ++k)
        where += fmt::format("{}retort_target.{} = retort_rows.p{}", k > 0 ? " AND " : "",
                             quote(update.key[k].name), update.set.size() + k);
    if (update.version) {
        const std::string version = quote(update.version->name);
        set += fmt::format("{}{} = retort_target.{} + 1", update.set.empty() ? "" : ", ", version,
                           version);
        where += fmt::format(" AND retort_target.{} = retort_rows.p{}", version, types.size() - 1);
    }
    std::string rows = update.column_arrays
                           ? unnest_rows(types)
                           : fmt::format("(VALUES {})", values_rows(types, update.rows, false));
    return fmt::format("UPDATE {} AS retort_target SET {} FROM {} AS retort_rows ({}) WHERE {}",
                       write_table_sql(update.table), set, rows, aliases, where);
}
}  // namespace

const sql::Dialect& dialect() {
    static const PgDialect instance;
    return instance;
}

}  // namespace retort::postgresql
