// The pieces of DDL (see ddl.hpp).
#include "retort/schema/ddl.hpp"

#include <fmt/format.h>

#include <cctype>

#include "../sql/literal.hpp"
#include "retort/errors.hpp"

namespace retort::ddl {

namespace {

std::string_view action_sql(ReferentialAction action) {
    switch (action) {
        case ReferentialAction::no_action:
            return "NO ACTION";
        case ReferentialAction::restrict:
            return "RESTRICT";
        case ReferentialAction::cascade:
            return "CASCADE";
        case ReferentialAction::set_null:
            return "SET NULL";
        case ReferentialAction::set_default:
            return "SET DEFAULT";
    }
    return "NO ACTION";
}

// "schema.table" or "table", each part quoted.
std::string referred(const sql::Dialect& d, const std::string& table) {
    std::size_t dot = table.find('.');
    if (dot == std::string::npos) return d.quote(table);
    return d.quote(table.substr(0, dot)) + "." + d.quote(table.substr(dot + 1));
}

// Operator classes and index methods are names, not identifiers to quote (PostgreSQL spells
// them bare, possibly schema-qualified): anything else is refused rather than written.
const std::string& plain_name(const std::string& name, std::string_view what) {
    bool ok = !name.empty();
    for (char c : name)
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
    if (!ok) throw ArgumentError(fmt::format("invalid {} '{}'", what, name));
    return name;
}

}  // namespace

std::string qualified(const sql::Dialect& d, const std::optional<std::string>& schema,
                      const std::string& name) {
    return schema ? d.quote(*schema) + "." + d.quote(name) : d.quote(name);
}

std::string column_list(const sql::Dialect& d, const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + d.quote(c);
    return out;
}

std::string literal(const std::string& text) {
    return sql::string_literal(text);
}

std::string default_expression(const sql::Dialect& d, const ServerDefault& server_default) {
    return d.compile_ddl_expression(server_default.expression);
}

std::string column_definition(const sql::Dialect& d, const Column& column, bool identity) {
    std::string line = d.quote(column.name) + " ";
    line += identity ? d.identity_column_sql(column.type) : d.type_sql(column.type);
    if (column.computed)
        line += fmt::format(" GENERATED ALWAYS AS ({}) {}",
                            d.compile_ddl_expression(column.computed->expression),
                            column.computed->stored ? "STORED" : "VIRTUAL");
    if (!column.is_nullable()) line += " NOT NULL";
    if (column.server_default) {
        line += " DEFAULT (" + default_expression(d, *column.server_default) + ")";
    } else if (column.sequence && d.has_sequences()) {
        line += " DEFAULT nextval(" +
                sql::string_literal(qualified(d, column.sequence->schema, column.sequence->name)) +
                ")";
    }
    return line;
}

std::string primary_key_clause(const sql::Dialect& d, const PrimaryKeyConstraint& key) {
    return fmt::format("CONSTRAINT {} PRIMARY KEY ({})", d.quote(key.name),
                       column_list(d, key.columns));
}

std::string unique_clause(const sql::Dialect& d, const UniqueConstraint& unique) {
    return fmt::format("CONSTRAINT {} UNIQUE ({})", d.quote(unique.name),
                       column_list(d, unique.columns));
}

std::string check_clause(const sql::Dialect& d, const CheckConstraint& check) {
    return fmt::format("CONSTRAINT {} CHECK ({})", d.quote(check.name),
                       d.compile_ddl_expression(check.condition));
}

std::string foreign_key_clause(const sql::Dialect& d, const ForeignKeyInfo& fk) {
    std::string out =
        fmt::format("CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})", d.quote(fk.name),
                    column_list(d, fk.columns), referred(d, fk.referred_table),
                    column_list(d, fk.referred_columns));
    if (fk.options.on_delete)
        out += fmt::format(" ON DELETE {}", action_sql(*fk.options.on_delete));
    if (fk.options.on_update)
        out += fmt::format(" ON UPDATE {}", action_sql(*fk.options.on_update));
    if (fk.options.deferrable) out += " DEFERRABLE";
    if (fk.options.initially_deferred) out += " INITIALLY DEFERRED";
    return out;
}

std::string create_index(const sql::Dialect& d, const std::optional<std::string>& schema,
                         const std::string& table, const Index& ix, bool concurrently) {
    std::string parts;
    for (std::size_t i = 0; i < ix.columns.size(); ++i) {
        parts += fmt::format("{}{}", parts.empty() ? "" : ", ", d.quote(ix.columns[i]));
        if (d.has_index_methods() && i < ix.operator_classes.size() &&
            !ix.operator_classes[i].empty())
            parts += fmt::format(" {}", plain_name(ix.operator_classes[i], "operator class"));
    }
    for (const auto& expression : ix.expressions)
        parts +=
            fmt::format("{}({})", parts.empty() ? "" : ", ", d.compile_ddl_expression(expression));
    std::string sql = fmt::format("CREATE {}INDEX {}{} ON {}", ix.unique ? "UNIQUE " : "",
                                  concurrently ? "CONCURRENTLY " : "", d.quote(ix.name),
                                  qualified(d, schema, table));
    if (!ix.using_.empty() && d.has_index_methods())
        sql += " USING " + plain_name(ix.using_, "index method");
    sql += " (" + parts + ")";
    if (ix.where) sql += " WHERE " + d.compile_ddl_expression(*ix.where);
    return sql;
}

std::string labels_list(const std::vector<std::string>& labels) {
    std::string out;
    for (const auto& label : labels) out += (out.empty() ? "" : ", ") + sql::string_literal(label);
    return out;
}

std::string create_enum(const sql::Dialect& d, const std::string& name,
                        const std::vector<std::string>& labels) {
    return fmt::format("CREATE TYPE {} AS ENUM ({})", d.quote(name), labels_list(labels));
}

std::string create_sequence(const sql::Dialect& d, const Sequence& s, bool if_not_exists) {
    return fmt::format("CREATE SEQUENCE {}{} START WITH {} INCREMENT BY {}",
                       if_not_exists ? "IF NOT EXISTS " : "", qualified(d, s.schema, s.name),
                       s.start, s.increment);
}

}  // namespace retort::ddl
