// Migration operations (Alembic's op.*): each one change to a schema, rendered as SQL for a
// dialect, described in one line, and inverted where the inverse is known (a drop carries what
// it drops, so that its inverse can create it again).
//
//   migrate::AddColumn{{"users"}, Column("nickname", type::String(50))}
//   render(op, postgresql::dialect())  ->  {"ALTER TABLE \"users\" ADD COLUMN \"nickname\" ..."}
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "retort/migrate/revision.hpp"
#include "retort/schema/table.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::migrate {

/// The table an operation changes.
struct TableRef {
    std::string name;
    std::optional<std::string> schema{};
};

struct CreateTable {
    TableDefinition table;
};
struct DropTable {
    TableDefinition table;  ///< as it was: the inverse creates it again (without its rows)
};
struct RenameTable {
    TableRef table;  ///< the old name
    std::string to;
};
struct AddColumn {
    TableRef table;
    Column column;
};
struct DropColumn {
    TableRef table;
    Column column;  ///< as it was
};
struct RenameColumn {
    TableRef table;
    std::string from, to;
};
/// One column's type, nullability, server default or comment changed; each change carries the
/// old value (`first`) and the new one (`second`).
struct AlterColumn {
    TableRef table;
    std::string column;
    std::optional<std::pair<SqlType, SqlType>> type{};
    std::optional<std::pair<bool, bool>> nullable{};
    std::optional<std::pair<std::optional<ServerDefault>, std::optional<ServerDefault>>>
        server_default{};
    std::optional<std::pair<std::optional<std::string>, std::optional<std::string>>> comment{};
    /// PostgreSQL: how the old values become the new type (USING ...); default: a cast.
    std::optional<std::string> using_{};
};
struct CreateIndex {
    TableRef table;
    Index index;
    bool concurrently = false;  ///< PostgreSQL: without blocking writes (outside a transaction)
};
struct DropIndex {
    TableRef table;
    Index index;  ///< as it was
    bool concurrently = false;
};
/// A named table constraint.
using Constraint =
    std::variant<PrimaryKeyConstraint, UniqueConstraint, CheckConstraint, ForeignKeyInfo>;
struct AddConstraint {
    TableRef table;
    Constraint constraint;
};
struct DropConstraint {
    TableRef table;
    Constraint constraint;  ///< as it was
};
/// Batch mode (Alembic's batch_alter_table), for what SQLite cannot alter in place: the table
/// is made anew as `to` describes it, its rows copied (each column of `to` from the column of
/// `from` named in `sources`, a new column left to its default), the old table dropped, the new
/// one renamed into place, its indexes and the old table's triggers made again. The runner
/// turns foreign keys off around the revision and checks them before it commits.
struct RebuildTable {
    TableDefinition from;
    TableDefinition to;
    std::vector<std::pair<std::string, std::string>> sources;  ///< (column of `to`, of `from`)
    std::vector<std::string> triggers;                         ///< CREATE TRIGGER statements
};
/// PostgreSQL enum types.
struct CreateEnum {
    std::string name;
    std::vector<std::string> labels;
};
struct DropEnum {
    std::string name;
    std::vector<std::string> labels;  ///< as they were
};
/// ALTER TYPE ... ADD VALUE: no table is rewritten. PostgreSQL cannot remove a label, so this
/// has no inverse.
struct AddEnumValue {
    std::string name;
    std::string label;
    std::optional<std::string> before{};  ///< placed before this label (else after `after`)
    std::optional<std::string> after{};   ///< placed after this label (else at the end)
};
/// An enum type's labels changed otherwise than by additions (one removed, or reordered).
/// PostgreSQL cannot do that in place: the type is made anew and each listed column converted
/// through its text (its table rewritten); a row holding a removed label fails the change.
struct ReplaceEnumLabels {
    std::string name;
    std::vector<std::string> from, to;
    std::vector<std::pair<TableRef, std::string>> columns;  ///< the columns of the type
};
struct RenameEnumValue {
    std::string name;
    std::string from, to;
};
struct CreateSequence {
    Sequence sequence;
};
struct DropSequence {
    Sequence sequence;  ///< as it was
};
/// A sequence's start or increment changed (ALTER SEQUENCE ... INCREMENT BY ... START WITH).
/// The next value it gives is not reset: START WITH only sets where a RESTART goes.
struct AlterSequence {
    Sequence from;
    Sequence to;
};
/// Any SQL, with the SQL that undoes it when there is one.
struct ExecuteSql {
    std::string sql;
    std::optional<std::string> reverse{};
};

using Operation =
    std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn, RenameColumn,
                 AlterColumn, CreateIndex, DropIndex, AddConstraint, DropConstraint, CreateEnum,
                 DropEnum, AddEnumValue, ReplaceEnumLabels, RenameEnumValue, CreateSequence,
                 DropSequence, AlterSequence, ExecuteSql, RebuildTable>;

/// The statements that carry out `operation` on `dialect`. NotSupportedError when the dialect
/// cannot do it in place (SQLite cannot alter a column's type or add a constraint to a table:
/// those need the move-and-copy batch mode).
std::vector<std::string> render(const Operation& operation, const sql::Dialect& dialect);
/// The operation that undoes `operation`, or none (AddEnumValue; ExecuteSql without reverse).
std::optional<Operation> inverse(const Operation& operation);
/// One readable line: "add column users.nickname VARCHAR(50)".
std::string describe(const Operation& operation, const sql::Dialect& dialect);
/// True for operations PostgreSQL refuses inside a transaction (CONCURRENTLY).
bool runs_outside_transaction(const Operation& operation);
/// True for a table rebuild: its revision runs with foreign keys off, checked before COMMIT.
bool needs_foreign_keys_off(const Operation& operation);

/// A revision made of operations written in code (Alembic's op.* calls in a revision's
/// upgrade()), rendered for `dialect`, so that one revision serves every backend. Its
/// downgrade is their inverses in reverse order; an operation without one leaves a comment
/// saying so. autogenerate() builds its revisions this way.
Revision revision_of(std::string id, std::vector<std::string> parents, std::string message,
                     const std::vector<Operation>& operations, const sql::Dialect& dialect);

}  // namespace retort::migrate
