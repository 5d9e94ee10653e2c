// Schema objects: Column, constraints, Index and Table, as SQLAlchemy's schema module has them.
// A Table is also a FROM item, so its columns serve in expressions: users.c("email") == "x".
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "retort/sql/expression.hpp"
#include "retort/sql/selectable.hpp"
#include "retort/types/sql_type.hpp"
#include "retort/types/traits.hpp"

namespace retort {

class MetaData;

// --- column options (pass any of them to Column, in any order) ------------------------------

inline constexpr struct PrimaryKeyOption {
} primary_key{};
inline constexpr struct NotNullOption {
} not_null{};
inline constexpr struct NullableOption {
} nullable{};
inline constexpr struct UniqueOption {
} unique{};
/// An index on the column (SQLAlchemy's index=True).
inline constexpr struct IndexOption {
} indexed{};
/// An integer primary key the database numbers itself (IDENTITY on PostgreSQL, the rowid on
/// SQLite). A single integer primary key gets it unless `no_autoincrement` is given.
inline constexpr struct AutoincrementOption {
} autoincrement{};
inline constexpr struct NoAutoincrementOption {
} no_autoincrement{};
/// The ORM's optimistic-locking counter (SQLAlchemy's version_id_col): an integer column set
/// to 1 on INSERT and incremented by every UPDATE, which only matches the version it read.
inline constexpr struct VersionIdOption {
} version_id{};

/// A value the client supplies on INSERT when none is given: a constant or a function. For a
/// mapped struct "none given" means the member still holds its value-initialised state (as in
/// `Entity{}`): a timestamp left at DateTime{}, an empty std::optional. A member explicitly set
/// to that same state cannot be told apart, so give constant defaults as member initialisers
/// (`bool is_active = true;`) and keep default_() for computed values. The same rule decides
/// when a server_default or a database-numbered key is left to the database.
struct ClientDefault {
    std::function<Value()> make;
};
/// A ClientDefault that remembers the C++ type of its value, so that a mapped column can
/// refuse, at compile time, a default of another kind than its member.
template <class V>
struct TypedClientDefault : ClientDefault {
    using value_type = V;
};
template <class T>
auto default_(T value) {
    if constexpr (std::is_invocable_v<T>) {
        using V = std::remove_cvref_t<std::invoke_result_t<T>>;
        return TypedClientDefault<V>{{[f = std::move(value)] { return to_value(f()); }}};
    } else {
        return TypedClientDefault<T>{{[v = to_value(value)] { return v; }}};
    }
}
/// A value the client supplies on UPDATE (SQLAlchemy's onupdate).
struct OnUpdate {
    std::function<Value()> make;
};
template <class V>
struct TypedOnUpdate : OnUpdate {
    using value_type = V;
};
template <class T>
auto onupdate(T value) {
    auto made = default_(std::move(value));
    return TypedOnUpdate<typename decltype(made)::value_type>{{std::move(made.make)}};
}
/// A DEFAULT clause in the DDL: a SQL expression (func::now()), or text ("CURRENT_TIMESTAMP").
struct ServerDefault {
    Expression expression;
};
inline ServerDefault server_default(Expression expression) {
    return ServerDefault{std::move(expression)};
}
inline ServerDefault server_default(std::string sql) {
    return ServerDefault{text_expr(text(std::move(sql)))};
}
/// GENERATED ALWAYS AS (expression) STORED: a column the database computes from the others of
/// its row (SQLAlchemy's Computed), e.g. a tsvector over a product's name and description.
/// Inserts and updates never write it; the ORM reads it back after an INSERT. `stored = false`
/// asks for a VIRTUAL column where the database has them (SQLite; PostgreSQL 15 has not).
struct Computed {
    Expression expression;
    bool stored = true;
};
inline Computed computed(Expression expression, bool stored = true) {
    return Computed{std::move(expression), stored};
}
struct ColumnComment {
    std::string text;
};
/// The column's name, when it is not the member's (typed descriptors).
struct ColumnName {
    std::string value;
};
inline ColumnName column_name(std::string name) {
    return ColumnName{std::move(name)};
}
/// The column's earlier name: migrations' autogenerate renames it (keeping its values) rather
/// than dropping the old column and adding a new, empty one.
struct RenamedFrom {
    std::string name;
};
inline RenamedFrom renamed_from(std::string name) {
    return RenamedFrom{std::move(name)};
}
inline ColumnComment comment(std::string text) {
    return ColumnComment{std::move(text)};
}

/// A database sequence (PostgreSQL): created by create_all before the tables, dropped after.
/// As a column option it becomes the column's default (nextval).
struct Sequence {
    std::string name;
    std::int64_t start = 1;
    std::int64_t increment = 1;
    std::optional<std::string> schema{};
};

enum class ReferentialAction { no_action, restrict, cascade, set_null, set_default };

/// A foreign key on a column: ForeignKey("users.id", {.on_delete = ReferentialAction::cascade}).
struct ForeignKeyOptions {
    std::optional<ReferentialAction> on_delete{};
    std::optional<ReferentialAction> on_update{};
    bool deferrable = false;
    bool initially_deferred = false;
    std::string name{};
};
struct ForeignKey {
    explicit ForeignKey(std::string target, ForeignKeyOptions options = {})
        : target(std::move(target)), options(std::move(options)) {}
    std::string target;  ///< "table.column" or "schema.table.column"
    ForeignKeyOptions options;
};

/// One column of a Table.
class Column {
  public:
    template <class... Options>
    Column(std::string name, SqlType type, Options&&... options)
        : Column(std::move(name), std::move(type)) {
        (apply(std::forward<Options>(options)), ...);
    }
    Column(std::string name, SqlType type);
    // Out of line, as are the options' setters below: every TU that declares a table would
    // otherwise compile the copies of all the optional members again.
    Column(const Column& other);
    Column(Column&& other) noexcept;
    Column& operator=(const Column& other);
    Column& operator=(Column&& other) noexcept;
    ~Column();

    std::string name;
    SqlType type;
    bool primary_key = false;
    std::optional<bool> nullable;  ///< unset: NOT NULL for primary keys, nullable otherwise
    bool unique = false;
    bool index = false;
    std::optional<bool> autoincrement;
    std::optional<ClientDefault> default_value;
    std::optional<OnUpdate> onupdate;
    std::optional<ServerDefault> server_default;
    std::optional<Computed> computed;
    std::optional<std::string> comment;
    std::vector<ForeignKey> foreign_keys;
    std::optional<Sequence> sequence;
    bool version_id = false;
    std::optional<std::string> renamed_from;  ///< the earlier name (migrations)

    bool is_nullable() const { return nullable.value_or(!primary_key); }

  private:
    void apply(PrimaryKeyOption) noexcept { primary_key = true; }
    void apply(NotNullOption) { nullable = false; }
    void apply(NullableOption) { nullable = true; }
    void apply(UniqueOption) noexcept { unique = true; }
    void apply(IndexOption) noexcept { index = true; }
    void apply(AutoincrementOption) { autoincrement = true; }
    void apply(NoAutoincrementOption) { autoincrement = false; }
    void apply(VersionIdOption) noexcept { version_id = true; }
    void apply(ClientDefault d);
    void apply(OnUpdate u);
    void apply(ServerDefault d);
    void apply(Computed c);
    void apply(ColumnComment c);
    void apply(ColumnName n);
    void apply(RenamedFrom r);
    void apply(SqlType t);
    void apply(Sequence s);
    void apply(ForeignKey fk);
};

// --- table-level constraints and indexes ------------------------------------------------------

struct PrimaryKeyConstraint {
    std::vector<std::string> columns;
    std::string name{};
};
struct UniqueConstraint {
    std::vector<std::string> columns;
    std::string name{};
};
struct CheckConstraint {
    Expression
        condition;  ///< columns unqualified: column("price") > 0, or text_expr(text("price > 0"))
    std::string name{};
};
struct ForeignKeyConstraint {
    std::vector<std::string> columns;
    std::vector<std::string>
        referred_columns;  ///< "table.column" each, or column names with `referred_table`
    std::string referred_table{};
    ForeignKeyOptions options{};
    std::string name{};
};
/// CREATE INDEX: columns by name, or expressions; unique; partial (WHERE); PostgreSQL method
/// (`using`: btree, gin, gist, brin, hash) and operator classes per column.
struct Index {
    std::string name;
    std::vector<std::string> columns{};
    std::vector<Expression> expressions{};
    bool unique = false;
    std::optional<Expression> where{};
    std::string using_{};
    std::vector<std::string> operator_classes{};  ///< one per column, "" for the default
};

using TableItem = std::variant<Column, PrimaryKeyConstraint, UniqueConstraint, CheckConstraint,
                               ForeignKeyConstraint, Index>;

/// A resolved foreign key of a table (column-level ones included).
struct ForeignKeyInfo {
    std::string name;
    std::vector<std::string> columns;
    std::string referred_table;  ///< qualified with the schema when there is one
    std::vector<std::string> referred_columns;
    ForeignKeyOptions options;
};

/// The definition of a table, as MetaData keeps it.
struct TableDefinition {
    std::string name;
    std::optional<std::string> schema;
    std::vector<Column> columns;
    PrimaryKeyConstraint primary_key;
    std::vector<UniqueConstraint> uniques;
    std::vector<CheckConstraint> checks;
    std::vector<ForeignKeyInfo> foreign_keys;
    std::vector<Index> indexes;
    std::optional<std::string> comment;
    /// Earlier names of the table, newest first (migrations rename it rather than drop it).
    std::vector<std::string> renamed_from;

    std::string qualified_name() const { return schema ? *schema + "." + name : name; }
    const Column* column(std::string_view column_name) const;
    /// The column numbered by the database, if any.
    const Column* autoincrement_column() const;
};

namespace detail {
template <class T>
concept table_item = std::is_same_v<T, Column> || std::is_same_v<T, PrimaryKeyConstraint> ||
    std::is_same_v<T, UniqueConstraint> || std::is_same_v<T, CheckConstraint> ||
    std::is_same_v<T, ForeignKeyConstraint> || std::is_same_v<T, Index>;
}

/// The items a Table is declared with, gathered through out-of-line calls so that a table's
/// declaration does not compile std::variant's machinery in the user's translation unit.
class TableItems {
  public:
    TableItems();
    // Delegates, so that a throwing add() is cleaned up by the out-of-line destructor.
    template <class... Items>
    explicit TableItems(Items&&... items) : TableItems() {
        reserve(sizeof...(Items));
        (add(std::forward<Items>(items)), ...);
    }
    TableItems(TableItems&& other) noexcept;
    TableItems& operator=(TableItems&& other) noexcept;
    ~TableItems();

    void add(Column item);
    void add(PrimaryKeyConstraint item);
    void add(UniqueConstraint item);
    void add(CheckConstraint item);
    void add(ForeignKeyConstraint item);
    void add(Index item);
    std::vector<TableItem> take() &&;

  private:
    void reserve(std::size_t count);
    std::vector<TableItem> items_;
};

/// A table: a FROM item with a schema definition, registered in a MetaData.
///   Table users("users", metadata, Column("id", type::Integer(), primary_key),
///               Column("email", type::String(100), unique, not_null));
class Table : public FromClause {
  public:
    template <class... Items>
    requires(detail::table_item<std::remove_cvref_t<Items>>&&...)
        Table(std::string name, MetaData& metadata, Items&&... items)
        : Table(std::move(name), metadata, std::nullopt,
                TableItems(std::forward<Items>(items)...)) {}
    Table(std::string name, MetaData& metadata, std::optional<std::string> schema,
          std::vector<TableItem> items);
    Table(std::string name, MetaData& metadata, std::optional<std::string> schema,
          TableItems items);

    /// A table from a finished definition (reflection), registered in `metadata`.
    Table(MetaData& metadata, TableDefinition definition);

    const TableDefinition& definition() const noexcept { return *definition_; }
    const std::string& name() const noexcept { return definition_->name; }

  private:
    std::shared_ptr<const TableDefinition> definition_;
};

}  // namespace retort
