// Lint of migration operations (see lint.hpp).
#include "retort/migrate/lint.hpp"

#include <fmt/format.h>

#include <set>

namespace retort::migrate {

namespace {

std::string dotted(const TableRef& table) {
    return table.schema ? *table.schema + "." + table.name : table.name;
}

// PostgreSQL changes these types without rewriting the table: a wider or unbounded VARCHAR,
// VARCHAR to TEXT, a NUMERIC with more precision and the same scale.
bool changes_in_place(const SqlType& from, const SqlType& to) {
    using K = SqlType::Kind;
    if (from.dimensions != to.dimensions) return false;
    if (from.kind == K::string && (to.kind == K::text || to.kind == K::string))
        return to.kind == K::text || !to.length || (from.length && *to.length >= *from.length);
    if (from.kind == K::numeric && to.kind == K::numeric)
        return from.scale == to.scale &&
               (!to.precision || (from.precision && *to.precision >= *from.precision));
    return false;
}

struct Linter {
    const sql::Dialect& dialect;
    const LintOptions& options;
    std::set<std::string> created;  // tables created by these operations: empty, no danger
    std::vector<LintFinding> findings;

    void flag(const Operation& op, std::string danger) {
        findings.push_back(LintFinding{describe(op, dialect), std::move(danger)});
    }
    bool existing(const TableRef& table) const { return !created.count(dotted(table)); }

    void check(const Operation& op) {
        if (const auto* create = std::get_if<CreateTable>(&op)) {
            created.insert(create->table.qualified_name());
        } else if (const auto* drop = std::get_if<DropTable>(&op)) {
            flag(op, "drops table " + drop->table.qualified_name() + " and every row in it");
        } else if (const auto* drop_column = std::get_if<DropColumn>(&op)) {
            flag(op, "drops column " + drop_column->column.name +
                         " and its values; code still reading it fails once this runs");
        } else if (const auto* add = std::get_if<AddColumn>(&op)) {
            if (existing(add->table) && !add->column.is_nullable() && !add->column.server_default &&
                !add->column.computed)
                flag(op,
                     "adds a NOT NULL column without a server default: fails on a table "
                     "that has rows (give it a default, or add it nullable, fill it, then "
                     "SET NOT NULL)");
        } else if (const auto* alter = std::get_if<AlterColumn>(&op)) {
            check_alter(op, *alter);
        } else if (const auto* index = std::get_if<CreateIndex>(&op)) {
            check_index(op, *index);
        } else if (const auto* replace = std::get_if<ReplaceEnumLabels>(&op)) {
            flag(op, fmt::format("recreates enum type {} and rewrites the {} column(s) of it "
                                 "under an exclusive lock; rows holding a removed label make it "
                                 "fail (update them first)",
                                 replace->name, replace->columns.size()));
        } else if (std::holds_alternative<RenameColumn>(op) ||
                   std::holds_alternative<RenameTable>(op)) {
            flag(op,
                 "renames: application code still using the old name fails once this runs "
                 "(deploy code that accepts both names first)");
        }
    }

    void check_alter(const Operation& op, const AlterColumn& alter) {
        if (!existing(alter.table)) return;
        if (alter.type && !changes_in_place(alter.type->first, alter.type->second))
            flag(op, fmt::format("changes the type from {} to {}: PostgreSQL rewrites the whole "
                                 "table under an ACCESS EXCLUSIVE lock, blocking reads and writes",
                                 dialect.type_sql(alter.type->first),
                                 dialect.type_sql(alter.type->second)));
        if (alter.nullable && alter.nullable->first && !alter.nullable->second)
            flag(op,
                 "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock and fails "
                 "if a row holds NULL (fill the NULLs first; on a big table add a CHECK ... "
                 "NOT VALID, VALIDATE it, then SET NOT NULL)");
    }

    void check_index(const Operation& op, const CreateIndex& index) {
        if (index.concurrently || !existing(index.table) || !dialect.has_concurrent_index_builds())
            return;
        std::optional<std::int64_t> rows;
        if (options.estimated_rows) rows = options.estimated_rows(index.table);
        if (rows && *rows < options.big_table_rows) return;
        flag(op, fmt::format("builds the index without CONCURRENTLY: writes to {} wait until it "
                             "is built{} (use concurrently = true; it runs outside a "
                             "transaction)",
                             dotted(index.table),
                             rows ? fmt::format(" (about {} rows)", *rows) : std::string()));
    }
};

}  // namespace

std::vector<LintFinding> lint(const std::vector<Operation>& operations, const sql::Dialect& dialect,
                              const LintOptions& options) {
    Linter linter{dialect, options, {}, {}};
    for (const auto& op : operations)
        if (const auto* create = std::get_if<CreateTable>(&op))
            linter.created.insert(create->table.qualified_name());
    for (const auto& op : operations) linter.check(op);
    return linter.findings;
}

}  // namespace retort::migrate
