// Migration operations: rendering, inverses and descriptions (see operations.hpp).
#include "retort/migrate/operations.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "retort/errors.hpp"
#include "retort/schema/ddl.hpp"
#include "retort/schema/metadata.hpp"

namespace retort::migrate {

namespace {

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

std::string table_sql(const sql::Dialect& d, const TableRef& table) {
    return ddl::qualified(d, table.schema, table.name);
}

std::string dotted(const TableRef& table) {
    return table.schema ? *table.schema + "." + table.name : table.name;
}

// SQLite alters a table in place only to add, drop or rename a column, or to rename it; the
// rest is the move-and-copy batch mode's work.
[[noreturn]] void needs_batch_mode(const sql::Dialect& d, std::string_view what,
                                   const TableRef& table) {
    throw NotSupportedError(
        fmt::format("{} cannot {} of table '{}' in place: that needs the move-and-copy batch mode "
                    "(create the new table, copy the rows, drop the old one, rename)",
                    d.name(), what, dotted(table)));
}

const std::string& constraint_name(const Constraint& constraint) {
    return std::visit([](const auto& c) -> const std::string& { return c.name; }, constraint);
}

std::string constraint_clause(const sql::Dialect& d, const Constraint& constraint) {
    return std::visit(
        overloaded{
            [&](const PrimaryKeyConstraint& c) { return ddl::primary_key_clause(d, c); },
            [&](const UniqueConstraint& c) { return ddl::unique_clause(d, c); },
            [&](const CheckConstraint& c) { return ddl::check_clause(d, c); },
            [&](const ForeignKeyInfo& c) { return ddl::foreign_key_clause(d, c); },
        },
        constraint);
}

const char* constraint_kind(const Constraint& constraint) {
    return std::visit(overloaded{
                          [](const PrimaryKeyConstraint&) { return "primary key"; },
                          [](const UniqueConstraint&) { return "unique constraint"; },
                          [](const CheckConstraint&) { return "check constraint"; },
                          [](const ForeignKeyInfo&) { return "foreign key"; },
                      },
                      constraint);
}

std::vector<std::string> render_alter(const AlterColumn& op, const sql::Dialect& d) {
    const std::string column = d.quote(op.column);
    const std::string alter = "ALTER TABLE " + table_sql(d, op.table) + " ALTER COLUMN " + column;
    std::vector<std::string> out;
    if ((op.type || op.nullable || op.server_default) && !d.has_alter_table())
        needs_batch_mode(d, "alter column '" + op.column + "'", op.table);
    if (op.type) {
        std::string type = d.type_sql(op.type->second);
        out.push_back(fmt::format("{} TYPE {} USING {}", alter, type,
                                  op.using_ ? *op.using_ : column + "::" + type));
    }
    if (op.server_default) {
        const auto& wanted = op.server_default->second;
        out.push_back(wanted ? alter + " SET DEFAULT (" + ddl::default_expression(d, *wanted) + ")"
                             : alter + " DROP DEFAULT");
    }
    if (op.nullable)
        out.push_back(alter + (op.nullable->second ? " DROP NOT NULL" : " SET NOT NULL"));
    if (op.comment && d.has_comments())
        out.push_back(fmt::format("COMMENT ON COLUMN {}.{} IS {}", table_sql(d, op.table), column,
                                  op.comment->second ? ddl::literal(*op.comment->second) : "NULL"));
    return out;
}

void needs_enums(const sql::Dialect& d, std::string_view what) {
    if (!d.has_native_enums())
        throw NotSupportedError(fmt::format(
            "{} has no enum types: an enum column is a VARCHAR with a CHECK of its labels, "
            "which changes with the column ({})",
            d.name(), what));
}

void needs_sequences(const sql::Dialect& d) {
    if (!d.has_sequences()) throw NotSupportedError(fmt::format("{} has no sequences", d.name()));
}

// Each operation's statements on one dialect.
std::vector<std::string> statements(const CreateTable& op, const sql::Dialect& d) {
    return create_table_ddl(op.table, d);
}

std::vector<std::string> statements(const DropTable& op, const sql::Dialect& d) {
    return std::vector<std::string>{"DROP TABLE " +
                                    ddl::qualified(d, op.table.schema, op.table.name)};
}

std::vector<std::string> statements(const RenameTable& op, const sql::Dialect& d) {
    return std::vector<std::string>{"ALTER TABLE " + table_sql(d, op.table) + " RENAME TO " +
                                    d.quote(op.to)};
}

std::vector<std::string> statements(const AddColumn& op, const sql::Dialect& d) {
    std::vector<std::string> out{"ALTER TABLE " + table_sql(d, op.table) + " ADD COLUMN " +
                                 ddl::column_definition(d, op.column)};
    if (op.column.comment && d.has_comments())
        out.push_back(fmt::format("COMMENT ON COLUMN {}.{} IS {}", table_sql(d, op.table),
                                  d.quote(op.column.name), ddl::literal(*op.column.comment)));
    return out;
}

std::vector<std::string> statements(const DropColumn& op, const sql::Dialect& d) {
    return std::vector<std::string>{"ALTER TABLE " + table_sql(d, op.table) + " DROP COLUMN " +
                                    d.quote(op.column.name)};
}

std::vector<std::string> statements(const RenameColumn& op, const sql::Dialect& d) {
    return std::vector<std::string>{"ALTER TABLE " + table_sql(d, op.table) + " RENAME COLUMN " +
                                    d.quote(op.from) + " TO " + d.quote(op.to)};
}

std::vector<std::string> statements(const AlterColumn& op, const sql::Dialect& d) {
    return render_alter(op, d);
}

std::vector<std::string> statements(const CreateIndex& op, const sql::Dialect& d) {
    return std::vector<std::string>{
        ddl::create_index(d, op.table.schema, op.table.name, op.index, op.concurrently)};
}

std::vector<std::string> statements(const DropIndex& op, const sql::Dialect& d) {
    return std::vector<std::string>{std::string("DROP INDEX ") +
                                    (op.concurrently ? "CONCURRENTLY " : "") +
                                    ddl::qualified(d, op.table.schema, op.index.name)};
}

std::vector<std::string> statements(const AddConstraint& op, const sql::Dialect& d) {
    if (!d.has_alter_table())
        needs_batch_mode(d, std::string("add a ") + constraint_kind(op.constraint), op.table);
    return std::vector<std::string>{"ALTER TABLE " + table_sql(d, op.table) + " ADD " +
                                    constraint_clause(d, op.constraint)};
}

std::vector<std::string> statements(const DropConstraint& op, const sql::Dialect& d) {
    if (!d.has_alter_table())
        needs_batch_mode(d, std::string("drop a ") + constraint_kind(op.constraint), op.table);
    return std::vector<std::string>{"ALTER TABLE " + table_sql(d, op.table) + " DROP CONSTRAINT " +
                                    d.quote(constraint_name(op.constraint))};
}

std::vector<std::string> statements(const CreateEnum& op, const sql::Dialect& d) {
    needs_enums(d, "create type " + op.name);
    return std::vector<std::string>{ddl::create_enum(d, op.name, op.labels)};
}

std::vector<std::string> statements(const DropEnum& op, const sql::Dialect& d) {
    needs_enums(d, "drop type " + op.name);
    return std::vector<std::string>{"DROP TYPE " + d.quote(op.name)};
}

std::vector<std::string> statements(const AddEnumValue& op, const sql::Dialect& d) {
    needs_enums(d, "add label '" + op.label + "' to " + op.name);
    std::string sql = "ALTER TYPE " + d.quote(op.name) + " ADD VALUE " + ddl::literal(op.label);
    if (op.before)
        sql += " BEFORE " + ddl::literal(*op.before);
    else if (op.after)
        sql += " AFTER " + ddl::literal(*op.after);
    return std::vector<std::string>{sql};
}

std::vector<std::string> statements(const ReplaceEnumLabels& op, const sql::Dialect& d) {
    needs_enums(d, "replace the labels of " + op.name);
    const std::string old_name = op.name + "_retort_old";
    std::vector<std::string> out{
        "ALTER TYPE " + d.quote(op.name) + " RENAME TO " + d.quote(old_name),
        ddl::create_enum(d, op.name, op.to)};
    for (const auto& [table, column] : op.columns)
        out.push_back(fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {} USING {}::text::{}",
                                  table_sql(d, table), d.quote(column), d.quote(op.name),
                                  d.quote(column), d.quote(op.name)));
    out.push_back("DROP TYPE " + d.quote(old_name));
    return out;
}

std::vector<std::string> statements(const RenameEnumValue& op, const sql::Dialect& d) {
    needs_enums(d, "rename label '" + op.from + "' of " + op.name);
    return std::vector<std::string>{"ALTER TYPE " + d.quote(op.name) + " RENAME VALUE " +
                                    ddl::literal(op.from) + " TO " + ddl::literal(op.to)};
}

std::vector<std::string> statements(const CreateSequence& op, const sql::Dialect& d) {
    needs_sequences(d);
    return std::vector<std::string>{ddl::create_sequence(d, op.sequence)};
}

std::vector<std::string> statements(const AlterSequence& op, const sql::Dialect& d) {
    needs_sequences(d);
    return std::vector<std::string>{fmt::format("ALTER SEQUENCE {} INCREMENT BY {} START WITH {}",
                                                ddl::qualified(d, op.to.schema, op.to.name),
                                                op.to.increment, op.to.start)};
}

std::vector<std::string> statements(const DropSequence& op, const sql::Dialect& d) {
    needs_sequences(d);
    return std::vector<std::string>{"DROP SEQUENCE " +
                                    ddl::qualified(d, op.sequence.schema, op.sequence.name)};
}

std::vector<std::string> statements(const RebuildTable& op, const sql::Dialect& d) {
    TableDefinition building = op.to;
    building.name = "retort_new_" + op.to.name;
    building.indexes.clear();  // index names are the old table's until it is dropped
    std::vector<std::string> out{create_table_ddl(building, d).front()};
    std::vector<std::string> to_columns, from_columns;
    for (const auto& [to, from] : op.sources) {
        to_columns.push_back(to);
        from_columns.push_back(from);
    }
    if (!to_columns.empty())
        out.push_back(fmt::format(
            "INSERT INTO {} ({}) SELECT {} FROM {}", ddl::qualified(d, op.to.schema, building.name),
            ddl::column_list(d, to_columns), ddl::column_list(d, from_columns),
            ddl::qualified(d, op.from.schema, op.from.name)));
    out.push_back("DROP TABLE " + ddl::qualified(d, op.from.schema, op.from.name));
    out.push_back("ALTER TABLE " + ddl::qualified(d, op.to.schema, building.name) + " RENAME TO " +
                  d.quote(op.to.name));
    for (const auto& ix : op.to.indexes)
        out.push_back(ddl::create_index(d, op.to.schema, op.to.name, ix));
    for (const auto& trigger : op.triggers) out.push_back(trigger);
    return out;
}

std::vector<std::string> statements(const ExecuteSql& op, const sql::Dialect&) {
    return std::vector<std::string>{op.sql};
}

}  // namespace

std::vector<std::string> render(const Operation& operation, const sql::Dialect& d) {
    return std::visit([&](const auto& op) { return statements(op, d); }, operation);
}

std::optional<Operation> inverse(const Operation& operation) {
    return std::visit(
        overloaded{
            [](const CreateTable& op) -> std::optional<Operation> { return DropTable{op.table}; },
            [](const DropTable& op) -> std::optional<Operation> { return CreateTable{op.table}; },
            [](const RenameTable& op) -> std::optional<Operation> {
                return RenameTable{{op.to, op.table.schema}, op.table.name};
            },
            [](const AddColumn& op) -> std::optional<Operation> {
                return DropColumn{op.table, op.column};
            },
            [](const DropColumn& op) -> std::optional<Operation> {
                return AddColumn{op.table, op.column};
            },
            [](const RenameColumn& op) -> std::optional<Operation> {
                return RenameColumn{op.table, op.to, op.from};
            },
            [](const AlterColumn& op) -> std::optional<Operation> {
                AlterColumn back{op.table, op.column};
                if (op.type) back.type = std::pair{op.type->second, op.type->first};
                if (op.nullable) back.nullable = std::pair{op.nullable->second, op.nullable->first};
                if (op.server_default)
                    back.server_default =
                        std::pair{op.server_default->second, op.server_default->first};
                if (op.comment) back.comment = std::pair{op.comment->second, op.comment->first};
                return back;
            },
            [](const CreateIndex& op) -> std::optional<Operation> {
                return DropIndex{op.table, op.index, op.concurrently};
            },
            [](const DropIndex& op) -> std::optional<Operation> {
                return CreateIndex{op.table, op.index, op.concurrently};
            },
            [](const AddConstraint& op) -> std::optional<Operation> {
                return DropConstraint{op.table, op.constraint};
            },
            [](const DropConstraint& op) -> std::optional<Operation> {
                return AddConstraint{op.table, op.constraint};
            },
            [](const CreateEnum& op) -> std::optional<Operation> {
                return DropEnum{op.name, op.labels};
            },
            [](const DropEnum& op) -> std::optional<Operation> {
                return CreateEnum{op.name, op.labels};
            },
            [](const AddEnumValue&) -> std::optional<Operation> { return std::nullopt; },
            [](const ReplaceEnumLabels& op) -> std::optional<Operation> {
                return ReplaceEnumLabels{op.name, op.to, op.from, op.columns};
            },
            [](const RenameEnumValue& op) -> std::optional<Operation> {
                return RenameEnumValue{op.name, op.to, op.from};
            },
            [](const CreateSequence& op) -> std::optional<Operation> {
                return DropSequence{op.sequence};
            },
            [](const AlterSequence& op) -> std::optional<Operation> {
                return AlterSequence{op.to, op.from};
            },
            [](const DropSequence& op) -> std::optional<Operation> {
                return CreateSequence{op.sequence};
            },
            [](const ExecuteSql& op) -> std::optional<Operation> {
                if (!op.reverse) return std::nullopt;
                return ExecuteSql{*op.reverse, op.sql};
            },
            [](const RebuildTable& op) -> std::optional<Operation> {
                std::vector<std::pair<std::string, std::string>> back;
                for (const auto& [to, from] : op.sources) back.emplace_back(from, to);
                return RebuildTable{op.to, op.from, std::move(back), op.triggers};
            },
        },
        operation);
}

std::string describe(const Operation& operation, const sql::Dialect& d) {
    auto column_of = [](const TableRef& table, const std::string& column) {
        return dotted(table) + "." + column;
    };
    return std::visit(
        overloaded{
            [&](const CreateTable& op) { return "create table " + op.table.qualified_name(); },
            [&](const DropTable& op) { return "drop table " + op.table.qualified_name(); },
            [&](const RenameTable& op) {
                return "rename table " + dotted(op.table) + " to " + op.to;
            },
            [&](const AddColumn& op) {
                return "add column " + column_of(op.table, op.column.name) + " " +
                       d.type_sql(op.column.type);
            },
            [&](const DropColumn& op) {
                return "drop column " + column_of(op.table, op.column.name);
            },
            [&](const RenameColumn& op) {
                return "rename column " + column_of(op.table, op.from) + " to " + op.to;
            },
            [&](const AlterColumn& op) {
                std::string out = "alter column " + column_of(op.table, op.column) + ":";
                if (op.type)
                    out += " type " + d.type_sql(op.type->first) + " -> " +
                           d.type_sql(op.type->second);
                if (op.nullable) out += op.nullable->second ? " nullable" : " not null";
                if (op.server_default)
                    out +=
                        op.server_default->second
                            ? " default " + ddl::default_expression(d, *op.server_default->second)
                            : std::string(" no default");
                if (op.comment) out += " comment";
                return out;
            },
            [&](const CreateIndex& op) {
                return std::string("create ") + (op.index.unique ? "unique " : "") + "index " +
                       op.index.name + " on " + dotted(op.table);
            },
            [&](const DropIndex& op) {
                return "drop index " + op.index.name + " on " + dotted(op.table);
            },
            [&](const AddConstraint& op) {
                return std::string("add ") + constraint_kind(op.constraint) + " " +
                       constraint_name(op.constraint) + " on " + dotted(op.table);
            },
            [&](const DropConstraint& op) {
                return std::string("drop ") + constraint_kind(op.constraint) + " " +
                       constraint_name(op.constraint) + " on " + dotted(op.table);
            },
            [&](const CreateEnum& op) { return "create enum " + op.name; },
            [&](const DropEnum& op) { return "drop enum " + op.name; },
            [&](const AddEnumValue& op) {
                return "add value '" + op.label + "' to enum " + op.name;
            },
            [&](const ReplaceEnumLabels& op) {
                std::string removed;
                for (const auto& label : op.from)
                    if (std::find(op.to.begin(), op.to.end(), label) == op.to.end())
                        removed += (removed.empty() ? "'" : ", '") + label + "'";
                return "replace labels of enum " + op.name +
                       (removed.empty() ? std::string(" (reordered)")
                                        : " (removes " + removed + ")");
            },
            [&](const RenameEnumValue& op) {
                return "rename value '" + op.from + "' of enum " + op.name + " to '" + op.to + "'";
            },
            [&](const CreateSequence& op) { return "create sequence " + op.sequence.name; },
            [&](const DropSequence& op) { return "drop sequence " + op.sequence.name; },
            [&](const AlterSequence& op) {
                return fmt::format("alter sequence {}: start {} -> {}, increment {} -> {}",
                                   op.to.name, op.from.start, op.to.start, op.from.increment,
                                   op.to.increment);
            },
            [&](const ExecuteSql& op) { return "execute: " + op.sql.substr(0, 60); },
            [&](const RebuildTable& op) {
                return "rebuild table " + op.to.qualified_name() + " (move and copy)";
            },
        },
        operation);
}

bool needs_foreign_keys_off(const Operation& operation) {
    return std::holds_alternative<RebuildTable>(operation);
}

bool runs_outside_transaction(const Operation& operation) {
    if (const auto* create = std::get_if<CreateIndex>(&operation)) return create->concurrently;
    if (const auto* drop = std::get_if<DropIndex>(&operation)) return drop->concurrently;
    return false;
}

Revision revision_of(std::string id, std::vector<std::string> parents, std::string message,
                     const std::vector<Operation>& operations, const sql::Dialect& dialect) {
    Revision revision;
    revision.id = std::move(id);
    revision.parents = std::move(parents);
    revision.message = std::move(message);
    for (const auto& op : operations) {
        for (auto& sql : render(op, dialect)) revision.upgrade.push_back(std::move(sql));
        revision.outside_transaction = revision.outside_transaction || runs_outside_transaction(op);
        revision.foreign_keys_off = revision.foreign_keys_off || needs_foreign_keys_off(op);
    }
    for (auto it = operations.rbegin(); it != operations.rend(); ++it) {
        if (auto back = inverse(*it)) {
            for (auto& sql : render(*back, dialect)) revision.downgrade.push_back(std::move(sql));
        } else {
            revision.downgrade.push_back("-- not undone: " + describe(*it, dialect) +
                                         " (it has no inverse)\nSELECT 1");
        }
    }
    return revision;
}

}  // namespace retort::migrate
