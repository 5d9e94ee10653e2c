// MetaData and DDL: CREATE / DROP in foreign-key dependency order, for any dialect.
#include "retort/schema/metadata.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "../sql/literal.hpp"

namespace retort {

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

std::string qualified(const sql::Dialect& d, const std::optional<std::string>& schema,
                      const std::string& name) {
    return schema ? d.quote(*schema) + "." + d.quote(name) : d.quote(name);
}

std::string column_list(const sql::Dialect& d, const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + d.quote(c);
    return out;
}

// "schema.table" or "table", each part quoted.
std::string referred(const sql::Dialect& d, const std::string& table) {
    std::size_t dot = table.find('.');
    if (dot == std::string::npos) return d.quote(table);
    return d.quote(table.substr(0, dot)) + "." + d.quote(table.substr(dot + 1));
}

std::string foreign_key_sql(const sql::Dialect& d, const ForeignKeyInfo& fk) {
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

// Operator classes and index methods are names, not identifiers to quote (PostgreSQL spells
// them bare, possibly schema-qualified): anything else is refused rather than written.
const std::string& plain_name(const std::string& name, std::string_view what) {
    bool ok = !name.empty();
    for (char c : name)
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
    if (!ok) throw ArgumentError(fmt::format("invalid {} '{}'", what, name));
    return name;
}

std::string labels_sql(const std::vector<std::string>& labels) {
    std::string out;
    for (const auto& label : labels) out += (out.empty() ? "" : ", ") + sql::string_literal(label);
    return out;
}

// The enum types and sequences the tables use (each once, by name), then the MetaData's own.
void collect_types(const std::vector<const TableDefinition*>& tables,
                   const std::vector<Sequence>& extra, std::vector<SqlType>& enums,
                   std::vector<Sequence>& sequences) {
    for (const TableDefinition* table : tables) {
        for (const auto& column : table->columns) {
            if (column.type.kind == SqlType::Kind::enum_ &&
                std::none_of(enums.begin(), enums.end(),
                             [&](const SqlType& t) { return t.name == column.type.name; }))
                enums.push_back(column.type);
            if (column.sequence &&
                std::none_of(sequences.begin(), sequences.end(),
                             [&](const Sequence& s) { return s.name == column.sequence->name; }))
                sequences.push_back(*column.sequence);
        }
    }
    for (const auto& s : extra)
        if (std::none_of(sequences.begin(), sequences.end(),
                         [&](const Sequence& x) { return x.name == s.name; }))
            sequences.push_back(s);
}

struct Ordering {
    std::vector<const TableDefinition*> tables;
    // Foreign keys (table qualified name, fk name) left out of CREATE TABLE to break cycles.
    std::set<std::pair<std::string, std::string>> deferred;
};

// Kahn's algorithm over the foreign keys, ties broken by name so the order is stable. When only
// tables in a cycle are left, the first by name goes next and its foreign keys to tables not yet
// placed are deferred.
Ordering order_tables(
    const std::map<std::string, std::shared_ptr<const TableDefinition>, std::less<>>& tables) {
    Ordering ordering;
    std::set<std::string> placed;
    std::vector<const TableDefinition*> pending;
    for (const auto& [name, table] : tables) pending.push_back(table.get());
    while (!pending.empty()) {
        auto ready = std::find_if(pending.begin(), pending.end(), [&](const TableDefinition* t) {
            return std::all_of(
                t->foreign_keys.begin(), t->foreign_keys.end(), [&](const ForeignKeyInfo& fk) {
                    return fk.referred_table == t->qualified_name() ||
                           placed.count(fk.referred_table) || !tables.count(fk.referred_table);
                });
        });
        if (ready == pending.end()) {
            ready = pending.begin();
            for (const auto& fk : (*ready)->foreign_keys)
                if (fk.referred_table != (*ready)->qualified_name() &&
                    !placed.count(fk.referred_table))
                    ordering.deferred.emplace((*ready)->qualified_name(), fk.name);
        }
        placed.insert((*ready)->qualified_name());
        ordering.tables.push_back(*ready);
        pending.erase(ready);
    }
    return ordering;
}

}  // namespace

std::vector<std::string> create_table_ddl(const TableDefinition& table, const sql::Dialect& d,
                                          const std::vector<std::string>& deferred_foreign_keys) {
    std::vector<std::string> lines;
    const Column* identity = table.autoincrement_column();
    if (identity != nullptr && identity->sequence && d.has_sequences())
        identity = nullptr;  // numbered by the sequence
    for (const auto& column : table.columns) {
        std::string line = d.quote(column.name) + " ";
        line += &column == identity ? d.identity_column_sql(column.type) : d.type_sql(column.type);
        if (column.computed)
            line += fmt::format(" GENERATED ALWAYS AS ({}) {}",
                                d.compile_ddl_expression(column.computed->expression),
                                column.computed->stored ? "STORED" : "VIRTUAL");
        if (!column.is_nullable()) line += " NOT NULL";
        if (column.server_default) {
            line +=
                " DEFAULT (" + d.compile_ddl_expression(column.server_default->expression) + ")";
        } else if (column.sequence && d.has_sequences()) {
            line +=
                " DEFAULT nextval(" +
                sql::string_literal(qualified(d, column.sequence->schema, column.sequence->name)) +
                ")";
        }
        lines.push_back(std::move(line));
    }
    if (!table.primary_key.columns.empty())
        lines.push_back(fmt::format("CONSTRAINT {} PRIMARY KEY ({})",
                                    d.quote(table.primary_key.name),
                                    column_list(d, table.primary_key.columns)));
    for (const auto& uq : table.uniques)
        lines.push_back(
            fmt::format("CONSTRAINT {} UNIQUE ({})", d.quote(uq.name), column_list(d, uq.columns)));
    if (!d.has_native_enums())
        for (const auto& column : table.columns)
            if (column.type.kind == SqlType::Kind::enum_ && column.type.dimensions == 0)
                lines.push_back(
                    fmt::format("CONSTRAINT {} CHECK ({} IN ({}))",
                                d.quote("ck_" + table.name + "_" + column.name + "_enum"),
                                d.quote(column.name), labels_sql(column.type.labels)));
    for (const auto& ck : table.checks)
        lines.push_back(fmt::format("CONSTRAINT {} CHECK ({})", d.quote(ck.name),
                                    d.compile_ddl_expression(ck.condition)));
    for (const auto& fk : table.foreign_keys)
        if (std::find(deferred_foreign_keys.begin(), deferred_foreign_keys.end(), fk.name) ==
            deferred_foreign_keys.end())
            lines.push_back(foreign_key_sql(d, fk));

    std::vector<std::string> statements;
    std::string create = "CREATE TABLE " + qualified(d, table.schema, table.name) + " (\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
        create += "\t" + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    statements.push_back(create + ")");

    for (const auto& ix : table.indexes) {
        std::string parts;
        for (std::size_t i = 0; i < ix.columns.size(); ++i) {
            parts += fmt::format("{}{}", parts.empty() ? "" : ", ", d.quote(ix.columns[i]));
            if (d.has_index_methods() && i < ix.operator_classes.size() &&
                !ix.operator_classes[i].empty())
                parts += fmt::format(" {}", plain_name(ix.operator_classes[i], "operator class"));
        }
        for (const auto& expression : ix.expressions)
            parts += fmt::format("{}({})", parts.empty() ? "" : ", ",
                                 d.compile_ddl_expression(expression));
        std::string sql = fmt::format("CREATE {}INDEX {} ON {}", ix.unique ? "UNIQUE " : "",
                                      d.quote(ix.name), qualified(d, table.schema, table.name));
        if (!ix.using_.empty() && d.has_index_methods())
            sql += " USING " + plain_name(ix.using_, "index method");
        sql += " (" + parts + ")";
        if (ix.where) sql += " WHERE " + d.compile_ddl_expression(*ix.where);
        statements.push_back(std::move(sql));
    }
    if (d.has_comments()) {
        if (table.comment)
            statements.push_back(fmt::format("COMMENT ON TABLE {} IS {}",
                                             qualified(d, table.schema, table.name),
                                             sql::string_literal(*table.comment)));
        for (const auto& column : table.columns)
            if (column.comment)
                statements.push_back(fmt::format(
                    "COMMENT ON COLUMN {}.{} IS {}", qualified(d, table.schema, table.name),
                    d.quote(column.name), sql::string_literal(*column.comment)));
    }
    return statements;
}

MetaData::MetaData() = default;
MetaData::MetaData(NamingConvention convention) : naming_convention_(std::move(convention)) {}
MetaData::~MetaData() = default;

void MetaData::add_sequence(Sequence sequence) {
    sequences_.push_back(std::move(sequence));
}

void MetaData::add_pending(std::string qualified_name,
                           std::function<std::shared_ptr<const TableDefinition>()> definition) {
    if (tables_.count(qualified_name) || pending_.count(qualified_name))
        throw ArgumentError(
            fmt::format("table '{}' is already defined in this MetaData", qualified_name));
    pending_.emplace(std::move(qualified_name), std::move(definition));
}

void MetaData::resolve_pending() const {
    while (!pending_.empty()) {
        auto node = pending_.extract(pending_.begin());
        tables_.emplace(node.key(), node.mapped()());
    }
}

void MetaData::add(std::shared_ptr<const TableDefinition> table) {
    std::string key = table->qualified_name();
    if (tables_.count(key) || pending_.count(key))
        throw ArgumentError(fmt::format("table '{}' is already defined in this MetaData", key));
    tables_.emplace(std::move(key), std::move(table));
}

const TableDefinition& MetaData::table(std::string_view qualified_name) const {
    resolve_pending();

    auto it = tables_.find(qualified_name);
    if (it == tables_.end())
        throw ArgumentError(fmt::format("no table '{}' in this MetaData", qualified_name));
    return *it->second;
}

bool MetaData::contains(std::string_view qualified_name) const {
    return tables_.find(qualified_name) != tables_.end() ||
           pending_.find(qualified_name) != pending_.end();
}

std::vector<const TableDefinition*> MetaData::sorted_tables() const {
    resolve_pending();
    return order_tables(tables_).tables;
}

void MetaData::create_all(SchemaExecutor& executor, bool checkfirst) const {
    resolve_pending();

    Ordering ordering = order_tables(tables_);
    executor.run_in_transaction([&](SchemaExecutor& ex) {
        const sql::Dialect& d = ex.dialect();
        std::vector<SqlType> enums;
        std::vector<Sequence> sequences;
        collect_types(ordering.tables, sequences_, enums, sequences);
        if (d.has_native_enums())
            for (const auto& e : enums) {
                std::string create = fmt::format("CREATE TYPE {} AS ENUM ({})", d.quote(e.name),
                                                 labels_sql(e.labels));
                // checkfirst for a type: create it unless it exists (DO ... EXCEPTION).
                ex.execute_ddl(checkfirst
                                   ? "DO $retort$ BEGIN " + create +
                                         "; EXCEPTION WHEN duplicate_object THEN NULL; END $retort$"
                                   : create);
            }
        if (d.has_sequences())
            for (const auto& s : sequences)
                ex.execute_ddl(fmt::format("CREATE SEQUENCE {}{} START WITH {} INCREMENT BY {}",
                                           checkfirst ? "IF NOT EXISTS " : "",
                                           qualified(d, s.schema, s.name), s.start, s.increment));
        std::vector<const TableDefinition*> created;
        for (const TableDefinition* table : ordering.tables) {
            if (checkfirst && ex.has_table(table->name, table->schema)) continue;
            std::vector<std::string> deferred;
            if (d.foreign_keys_need_target())
                for (const auto& [owner, fk] : ordering.deferred)
                    if (owner == table->qualified_name()) deferred.push_back(fk);
            for (const auto& statement : create_table_ddl(*table, d, deferred))
                ex.execute_ddl(statement);
            created.push_back(table);
        }
        if (!d.foreign_keys_need_target()) return;
        for (const TableDefinition* table : created)
            for (const auto& fk : table->foreign_keys)
                if (ordering.deferred.count({table->qualified_name(), fk.name}))
                    ex.execute_ddl(fmt::format("ALTER TABLE {} ADD {}",
                                               qualified(d, table->schema, table->name),
                                               foreign_key_sql(d, fk)));
    });
}

std::vector<Table> MetaData::reflect(SchemaExecutor& executor,
                                     const std::optional<std::string>& schema,
                                     const std::vector<std::string>& only) {
    std::vector<Table> reflected;
    executor.run_in_transaction([&](SchemaExecutor& ex) {
        for (const auto& name : ex.table_names(schema)) {
            if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
            std::string key = schema ? *schema + "." + name : name;
            if (contains(key)) continue;
            reflected.emplace_back(*this, ex.reflect_table(name, schema));
        }
    });
    return reflected;
}

void MetaData::drop_all(SchemaExecutor& executor, bool checkfirst) const {
    resolve_pending();

    Ordering ordering = order_tables(tables_);
    executor.run_in_transaction([&](SchemaExecutor& ex) {
        const sql::Dialect& d = ex.dialect();
        std::vector<const TableDefinition*> existing;
        for (const TableDefinition* table : ordering.tables)
            if (!checkfirst || ex.has_table(table->name, table->schema)) existing.push_back(table);
        // Constraints that close a cycle go first, so that every table can then be dropped.
        if (d.foreign_keys_need_target())
            for (const TableDefinition* table : existing)
                for (const auto& fk : table->foreign_keys)
                    if (ordering.deferred.count({table->qualified_name(), fk.name}))
                        ex.execute_ddl(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}",
                                                   qualified(d, table->schema, table->name),
                                                   d.quote(fk.name)));
        for (auto it = existing.rbegin(); it != existing.rend(); ++it)
            ex.execute_ddl("DROP TABLE " + qualified(d, (*it)->schema, (*it)->name));
        std::vector<SqlType> enums;
        std::vector<Sequence> sequences;
        collect_types(ordering.tables, sequences_, enums, sequences);
        if (d.has_sequences())
            for (const auto& s : sequences)
                ex.execute_ddl(fmt::format("DROP SEQUENCE {}{}", checkfirst ? "IF EXISTS " : "",
                                           qualified(d, s.schema, s.name)));
        if (d.has_native_enums())
            for (const auto& e : enums)
                ex.execute_ddl(
                    fmt::format("DROP TYPE {}{}", checkfirst ? "IF EXISTS " : "", d.quote(e.name)));
    });
}

}  // namespace retort
