// MetaData and DDL: CREATE / DROP in foreign-key dependency order, for any dialect.
#include "retort/schema/metadata.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "retort/schema/ddl.hpp"

namespace retort {

namespace {

using ddl::column_list;
using ddl::foreign_key_clause;
using ddl::qualified;

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
    for (const auto& column : table.columns)
        lines.push_back(ddl::column_definition(d, column, &column == identity));
    if (!table.primary_key.columns.empty())
        lines.push_back(ddl::primary_key_clause(d, table.primary_key));
    for (const auto& uq : table.uniques) lines.push_back(ddl::unique_clause(d, uq));
    if (!d.has_native_enums())
        for (const auto& column : table.columns)
            if (column.type.kind == SqlType::Kind::enum_ && column.type.dimensions == 0)
                lines.push_back(fmt::format("CONSTRAINT {} CHECK ({} IN ({}))",
                                            d.quote(enum_check_name(table.name, column.name)),
                                            d.quote(column.name),
                                            ddl::labels_list(column.type.labels)));
    for (const auto& ck : table.checks) lines.push_back(ddl::check_clause(d, ck));
    for (const auto& fk : table.foreign_keys)
        if (std::find(deferred_foreign_keys.begin(), deferred_foreign_keys.end(), fk.name) ==
            deferred_foreign_keys.end())
            lines.push_back(foreign_key_clause(d, fk));

    std::vector<std::string> statements;
    std::string create = "CREATE TABLE " + qualified(d, table.schema, table.name) + " (\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
        create += "\t" + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    statements.push_back(create + ")");

    for (const auto& ix : table.indexes)
        statements.push_back(ddl::create_index(d, table.schema, table.name, ix));
    if (d.has_comments()) {
        if (table.comment)
            statements.push_back(fmt::format("COMMENT ON TABLE {} IS {}",
                                             qualified(d, table.schema, table.name),
                                             ddl::literal(*table.comment)));
        for (const auto& column : table.columns)
            if (column.comment)
                statements.push_back(fmt::format(
                    "COMMENT ON COLUMN {}.{} IS {}", qualified(d, table.schema, table.name),
                    d.quote(column.name), ddl::literal(*column.comment)));
    }
    return statements;
}

std::string enum_check_name(const std::string& table, const std::string& column) {
    return "ck_" + table + "_" + column + "_enum";
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
                std::string create = ddl::create_enum(d, e.name, e.labels);
                // checkfirst for a type: create it unless it exists (DO ... EXCEPTION).
                ex.execute_ddl(checkfirst
                                   ? "DO $retort$ BEGIN " + create +
                                         "; EXCEPTION WHEN duplicate_object THEN NULL; END $retort$"
                                   : create);
            }
        if (d.has_sequences())
            for (const auto& s : sequences) ex.execute_ddl(ddl::create_sequence(d, s, checkfirst));
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
                                               foreign_key_clause(d, fk)));
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
