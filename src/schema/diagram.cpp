#include "retort/schema/diagram.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>

#include "retort/schema/metadata.hpp"
#include "retort/schema/table.hpp"
#include "retort/sql/dialect.hpp"

namespace retort {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

std::vector<std::string> primary_key_of(const TableDefinition& table) {
    std::vector<std::string> key = table.primary_key.columns;
    for (const Column& column : table.columns)
        if (column.primary_key && !contains(key, column.name)) key.push_back(column.name);
    return key;
}

bool is_nullable(const TableDefinition& table, const Column& column) {
    return column.nullable.value_or(!contains(primary_key_of(table), column.name));
}

// Whether `columns` can hold each value once in the table: its primary key, a unique column,
// constraint or index over exactly those columns.
bool is_unique(const TableDefinition& table, const std::vector<std::string>& columns) {
    if (same_set(primary_key_of(table), columns)) return true;
    if (columns.size() == 1)
        if (const Column* column = table.column(columns.front()); column && column->unique)
            return true;
    for (const UniqueConstraint& unique : table.uniques)
        if (same_set(unique.columns, columns)) return true;
    for (const Index& index : table.indexes)
        if (index.unique && !index.where && index.expressions.empty() &&
            same_set(index.columns, columns))
            return true;
    return false;
}

// A column's role in keys: "PK", "FK", "UK", comma-separated.
std::vector<std::string> key_marks(const TableDefinition& table, const Column& column) {
    std::vector<std::string> marks;
    if (contains(primary_key_of(table), column.name)) marks.emplace_back("PK");
    for (const ForeignKeyInfo& key : table.foreign_keys)
        if (contains(key.columns, column.name)) {
            marks.emplace_back("FK");
            break;
        }
    if (marks.empty() && is_unique(table, {column.name})) marks.emplace_back("UK");
    return marks;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
}

// What Mermaid accepts in an entity or attribute name; a run of anything else is one `_`.
std::string mermaid_word(std::string_view text) {
    std::string out;
    bool replacing = false;
    for (const char c : text) {
        const bool kept = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
                          c == '(' || c == ')' || c == '[' || c == ']';
        if (kept)
            out += c;
        else if (!replacing)
            out += '_';
        replacing = !kept;
    }
    return out.empty() ? "_" : out;
}

std::string html_escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string dot_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// One foreign key's two ends, read from the child's columns.
struct Cardinality {
    bool parent_optional;  // a NULL foreign key points at no parent
    bool child_single;     // the child's columns are unique: one child per parent at most
    bool identifying;      // the foreign key is part of the child's primary key
};

Cardinality cardinality_of(const TableDefinition& child, const ForeignKeyInfo& key) {
    Cardinality c{false, is_unique(child, key.columns), false};
    const auto primary = primary_key_of(child);
    for (const auto& name : key.columns) {
        if (const Column* column = child.column(name); column && is_nullable(child, *column))
            c.parent_optional = true;
        if (contains(primary, name)) c.identifying = true;
    }
    return c;
}

}  // namespace

std::string to_mermaid(const MetaData& metadata) {
    const sql::Dialect& dialect = sql::generic_dialect();
    const auto tables = metadata.sorted_tables();
    std::string out = "erDiagram\n";
    for (const TableDefinition* table : tables) {
        out += fmt::format("    {} {{\n", mermaid_word(table->qualified_name()));
        for (const Column& column : table->columns) {
            out += fmt::format("        {} {}", mermaid_word(dialect.type_sql(column.type)),
                               mermaid_word(column.name));
            if (auto marks = key_marks(*table, column); !marks.empty())
                out += " " + joined(marks, ", ");
            if (is_nullable(*table, column)) out += " \"nullable\"";
            out += "\n";
        }
        out += "    }\n";
    }
    for (const TableDefinition* table : tables)
        for (const ForeignKeyInfo& key : table->foreign_keys) {
            const Cardinality c = cardinality_of(*table, key);
            out += fmt::format("    {} {}{}{} {} : \"{}\"\n", mermaid_word(key.referred_table),
                               c.parent_optional ? "|o" : "||", c.identifying ? "--" : "..",
                               c.child_single ? "o|" : "o{", mermaid_word(table->qualified_name()),
                               joined(key.columns, ", "));
        }
    return out;
}

std::string to_dot(const MetaData& metadata) {
    const sql::Dialect& dialect = sql::generic_dialect();
    const auto tables = metadata.sorted_tables();
    std::string out =
        "digraph schema {\n"
        "    graph [rankdir=LR];\n"
        "    node [shape=plaintext, fontname=\"Helvetica\"];\n"
        "    edge [fontname=\"Helvetica\", fontsize=10, dir=both];\n";
    for (const TableDefinition* table : tables) {
        out += fmt::format(
            "    {} [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">"
            "<TR><TD BGCOLOR=\"lightgrey\" COLSPAN=\"3\"><B>{}</B></TD></TR>",
            dot_quoted(table->qualified_name()), html_escaped(table->qualified_name()));
        for (const Column& column : table->columns) {
            const std::string nullable = is_nullable(*table, column) ? " NULL" : "";
            out += fmt::format(
                "<TR><TD ALIGN=\"LEFT\" PORT={}>{}</TD><TD ALIGN=\"LEFT\">{}{}</TD>"
                "<TD>{}</TD></TR>",
                dot_quoted(column.name), html_escaped(column.name),
                html_escaped(dialect.type_sql(column.type)), nullable,
                joined(key_marks(*table, column), ", "));
        }
        out += "</TABLE>>];\n";
    }
    for (const TableDefinition* table : tables)
        for (const ForeignKeyInfo& key : table->foreign_keys) {
            const Cardinality c = cardinality_of(*table, key);
            const std::string referred =
                key.referred_columns.empty() ? std::string() : key.referred_columns.front();
            out += fmt::format(
                "    {}:{} -> {}{} [arrowtail={}, arrowhead={}, style={}, label={}];\n",
                dot_quoted(table->qualified_name()), dot_quoted(key.columns.front()),
                dot_quoted(key.referred_table), referred.empty() ? "" : ":" + dot_quoted(referred),
                c.child_single ? "teeodot" : "crowodot", c.parent_optional ? "teeodot" : "teetee",
                c.identifying ? "solid" : "dashed", dot_quoted(joined(key.columns, ", ")));
        }
    return out + "}\n";
}

}  // namespace retort
