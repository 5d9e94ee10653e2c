// Session::bulk_insert: many new rows, untracked, through COPY where the backend has it.
#include <fmt/format.h>

#include "flush_plan.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

namespace {
constexpr std::size_t rows_per_batch = 10'000;  // bounds the parameter memory off COPY
}

std::int64_t bulk_insert(SessionState& session, const Mapper& mapper, std::size_t count,
                         const std::function<const void*(std::size_t)>& entity_at) {
    if (count == 0) return 0;
    const auto& attributes = mapper.attributes();
    // Every column but computed ones and those the database fills (a key it numbers, a server
    // default) when no row gives them; COPY cannot ask for DEFAULT row by row.
    std::vector<std::size_t> columns;
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        const auto& attribute = attributes[i];
        if (attribute.computed) continue;
        if (attribute.server_generated) {
            const bool blank = mapper.is_blank(i, entity_at(0));
            for (std::size_t row = 1; row < count; ++row)
                if (mapper.is_blank(i, entity_at(row)) != blank)
                    throw ArgumentError(fmt::format(
                        "bulk_insert into '{}': column '{}' is set in some rows and left to the "
                        "database in others; give it in every row or in none",
                        mapper.name(), attribute.name));
            if (blank) continue;
        }
        columns.push_back(i);
    }
    auto fill = [&](const void* entity, Value* out) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto& attribute = attributes[columns[c]];
            const bool blank = (attribute.client_default || attribute.version) &&
                               mapper.is_blank(columns[c], entity);
            if (blank && attribute.version)
                out[c] = std::int64_t{1};
            else if (blank)
                out[c] = attribute.client_default->make();
            else
                out[c] = attribute.accessor.get(entity);
        }
    };

    Connection& conn = session.conn();
    const sql::Dialect& dialect = conn.dialect();
    if (dialect.has_copy()) {
        std::vector<std::string> names;
        for (std::size_t i : columns) names.push_back(attributes[i].name);
        std::vector<Value> row(columns.size());
        return conn.copy_from(mapper.model(), std::move(names), [&](CopyWriter& writer) {
            for (std::size_t r = 0; r < count; ++r) {
                fill(entity_at(r), row.data());
                writer.row(std::span<const Value>(row));
            }
        });
    }

    const std::string sql =
        dialect.row_insert_sql({.table = write_table(mapper.model().definition()),
                                .columns = write_columns(mapper, columns)});
    std::int64_t inserted = 0;
    std::vector<Value> batch;
    std::vector<std::vector<const Value*>> sets;
    for (std::size_t start = 0; start < count; start += rows_per_batch) {
        const std::size_t n = std::min(rows_per_batch, count - start);
        batch.assign(n * columns.size(), Value{});
        sets.assign(n, {});
        for (std::size_t r = 0; r < n; ++r) {
            Value* row = batch.data() + r * columns.size();
            fill(entity_at(start + r), row);
            for (std::size_t c = 0; c < columns.size(); ++c) sets[r].push_back(row + c);
        }
        BatchStatement statement{sql, sets};
        conn.execute_batch(std::span<const BatchStatement>(&statement, 1),
                           [&](std::size_t, std::size_t, DriverResult& outcome) {
                               inserted += outcome.rows_affected();
                           });
    }
    return inserted;
}

}  // namespace retort::orm::detail
