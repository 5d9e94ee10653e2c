#include "retort/schema/table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "table_builder.hpp"

namespace retort {

namespace {

bool is_integer(const SqlType& type) {
    return type.dimensions == 0 &&
           (type.kind == SqlType::Kind::integer || type.kind == SqlType::Kind::small_integer ||
            type.kind == SqlType::Kind::big_integer);
}

// "users.id" or "public.users.id" into ("users" / "public.users", "id").
std::pair<std::string, std::string> split_target(const std::string& target,
                                                 const std::string& table) {
    std::size_t dot = target.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == target.size())
        throw ArgumentError(fmt::format(
            "table '{}': foreign key target '{}' must be 'table.column'", table, target));
    return {target.substr(0, dot), target.substr(dot + 1)};
}

std::string fill(std::string pattern, const std::string& table, const std::string& column,
                 const std::string& referred, const std::string& constraint) {
    auto replace = [&](std::string_view token, const std::string& value) {
        for (std::size_t at = pattern.find(token); at != std::string::npos;
             at = pattern.find(token, at + value.size()))
            pattern.replace(at, token.size(), value);
    };
    replace("%(table_name)s", table);
    replace("%(column_0_name)s", column);
    replace("%(referred_table_name)s", referred);
    replace("%(constraint_name)s", constraint);
    return detail::fit_identifier(std::move(pattern));
}

}  // namespace

std::shared_ptr<TableDefinition> detail::build_table(std::string name, const MetaData& metadata,
                                                     std::optional<std::string> schema,
                                                     std::vector<TableItem> items) {
    auto def = std::make_shared<TableDefinition>();
    def->name = std::move(name);
    def->schema = std::move(schema);
    if (def->name.empty()) throw ArgumentError("a table needs a name");
    const NamingConvention& nc = metadata.naming_convention();
    std::vector<std::string> column_pk;
    std::optional<PrimaryKeyConstraint> table_pk;
    std::vector<ForeignKeyConstraint> fks;

    for (auto& item : items) {
        if (auto* column = std::get_if<Column>(&item)) {
            if (def->column(column->name))
                throw ArgumentError(fmt::format("table '{}': column '{}' is declared twice",
                                                def->name, column->name));
            if (column->primary_key) column_pk.push_back(column->name);
            def->columns.push_back(std::move(*column));
        } else if (auto* pk = std::get_if<PrimaryKeyConstraint>(&item)) {
            table_pk = std::move(*pk);
        } else if (auto* uq = std::get_if<UniqueConstraint>(&item)) {
            def->uniques.push_back(std::move(*uq));
        } else if (auto* ck = std::get_if<CheckConstraint>(&item)) {
            def->checks.push_back(std::move(*ck));
        } else if (auto* fk = std::get_if<ForeignKeyConstraint>(&item)) {
            fks.push_back(std::move(*fk));
        } else if (auto* ix = std::get_if<Index>(&item)) {
            def->indexes.push_back(std::move(*ix));
        }
    }
    auto require_column = [&](const std::string& column, std::string_view what) {
        if (!def->column(column))
            throw ArgumentError(
                fmt::format("table '{}': {} names unknown column '{}'", def->name, what, column));
    };

    if (table_pk) {
        if (!column_pk.empty() && column_pk != table_pk->columns)
            throw ArgumentError(fmt::format(
                "table '{}': the primary key is declared twice, differently: on columns and as a "
                "PrimaryKeyConstraint",
                def->name));
        for (const auto& c : table_pk->columns) require_column(c, "the primary key");
        def->primary_key = std::move(*table_pk);
        for (auto& column : def->columns)
            if (std::find(def->primary_key.columns.begin(), def->primary_key.columns.end(),
                          column.name) != def->primary_key.columns.end())
                column.primary_key = true;
    } else {
        def->primary_key.columns = column_pk;
    }
    if (def->primary_key.name.empty() && !def->primary_key.columns.empty())
        def->primary_key.name =
            fill(nc.primary_key, def->name, def->primary_key.columns[0], "", "");

    for (const auto& column : def->columns) {
        if (column.unique) def->uniques.push_back(UniqueConstraint{{column.name}});
        if (column.index) def->indexes.push_back(Index{"", {column.name}});
        for (const auto& fk : column.foreign_keys) {
            auto [table, referred_column] = split_target(fk.target, def->name);
            fks.push_back(ForeignKeyConstraint{
                {column.name}, {referred_column}, table, fk.options, fk.options.name});
        }
    }
    for (auto& uq : def->uniques) {
        for (const auto& c : uq.columns) require_column(c, "a unique constraint");
        if (uq.name.empty()) uq.name = fill(nc.unique, def->name, uq.columns.at(0), "", "");
    }
    for (std::size_t i = 0; i < def->checks.size(); ++i) {
        auto& ck = def->checks[i];
        if (ck.name.empty()) ck.name = fill(nc.check, def->name, "", "", std::to_string(i + 1));
    }
    for (auto& fk : fks) {
        ForeignKeyInfo info;
        info.columns = fk.columns;
        info.options = fk.options;
        for (const auto& c : fk.columns) require_column(c, "a foreign key");
        for (const auto& referred : fk.referred_columns) {
            if (fk.referred_table.empty()) {
                auto [table, column] = split_target(referred, def->name);
                if (!info.referred_table.empty() && info.referred_table != table)
                    throw ArgumentError(
                        fmt::format("table '{}': a foreign key refers to two tables", def->name));
                info.referred_table = table;
                info.referred_columns.push_back(column);
            } else {
                info.referred_table = fk.referred_table;
                info.referred_columns.push_back(referred);
            }
        }
        if (info.columns.empty() || info.columns.size() != info.referred_columns.size())
            throw ArgumentError(fmt::format(
                "table '{}': a foreign key needs as many referred columns as columns", def->name));
        info.name = !fk.name.empty()
                        ? fk.name
                        : fill(nc.foreign_key, def->name, info.columns[0],
                               info.referred_table.substr(info.referred_table.rfind('.') + 1), "");
        def->foreign_keys.push_back(std::move(info));
    }
    for (auto& ix : def->indexes) {
        for (const auto& c : ix.columns) require_column(c, "an index");
        if (ix.columns.empty() && ix.expressions.empty())
            throw ArgumentError(
                fmt::format("table '{}': an index needs columns or expressions", def->name));
        if (ix.name.empty())
            ix.name =
                fill(nc.index, def->name, ix.columns.empty() ? "expr" : ix.columns[0], "", "");
    }
    return def;
}

std::string detail::fit_identifier(std::string name) {
    if (name.size() <= 63) return name;  // PostgreSQL's identifier limit
    std::uint32_t h = 2166136261u;       // the hash keeps shortened names distinct
    for (unsigned char c : name) h = (h ^ c) * 16777619u;
    std::size_t cut = 54;  // never inside a UTF-8 character
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    return fmt::format("{}_{:08x}", name.substr(0, cut), h);
}

void detail::describe_node(sql::TableNode& node, const TableDefinition& def) {
    node.name = def.name;
    node.schema = def.schema;
    node.columns.clear();
    for (const auto& column : def.columns) node.columns.push_back(column.name);
    complete_node(node, def);
}

void detail::complete_node(sql::TableNode& node, const TableDefinition& def) {
    node.insert_defaults.clear();
    node.update_defaults.clear();
    // A typed Model's node has its column types from the start; others get them here.
    const bool types_known = !node.column_types.empty();
    node.generated_columns.clear();
    for (const auto& column : def.columns) {
        if (!types_known) node.column_types.emplace_back(column.name, column.type);
        if (column.computed) node.generated_columns.push_back(column.name);
        if (column.default_value)
            node.insert_defaults.emplace_back(column.name, column.default_value->make);
        if (column.onupdate) node.update_defaults.emplace_back(column.name, column.onupdate->make);
    }
    node.foreign_keys.clear();
    for (const auto& fk : def.foreign_keys)
        node.foreign_keys.push_back(
            ForeignKeyReference{fk.columns, fk.referred_table, fk.referred_columns});
}

const Column* TableDefinition::column(std::string_view column_name) const {
    for (const auto& c : columns)
        if (c.name == column_name) return &c;
    return nullptr;
}

const Column* TableDefinition::autoincrement_column() const {
    if (primary_key.columns.size() != 1) return nullptr;
    const Column* c = column(primary_key.columns[0]);
    if (c == nullptr || !is_integer(c->type) || c->autoincrement == false) return nullptr;
    if (c->autoincrement != true) {
        // As SQLAlchemy: a primary key that is also a foreign key is not numbered by default.
        for (const auto& fk : foreign_keys)
            if (std::find(fk.columns.begin(), fk.columns.end(), c->name) != fk.columns.end())
                return nullptr;
        if (c->server_default) return nullptr;
    }
    return c;
}

Table::Table(MetaData& metadata, TableDefinition definition) : FromClause(nullptr) {
    auto def = std::make_shared<TableDefinition>(std::move(definition));
    auto node = std::make_shared<sql::TableNode>();
    detail::describe_node(*node, *def);
    static_cast<FromClause&>(*this) = FromClause(std::move(node));
    definition_ = def;
    metadata.add(std::move(def));
}

Table::Table(std::string name, MetaData& metadata, std::optional<std::string> schema,
             std::vector<TableItem> items)
    : FromClause(nullptr) {
    auto def = detail::build_table(std::move(name), metadata, std::move(schema), std::move(items));
    auto node = std::make_shared<sql::TableNode>();
    detail::describe_node(*node, *def);
    static_cast<FromClause&>(*this) = FromClause(std::move(node));
    definition_ = def;
    metadata.add(std::move(def));
}

Table::Table(std::string name, MetaData& metadata, std::optional<std::string> schema,
             TableItems items)
    : Table(std::move(name), metadata, std::move(schema), std::move(items).take()) {}

Column::Column(std::string name, SqlType type) : name(std::move(name)), type(std::move(type)) {}
Column::Column(const Column& other) = default;
Column::Column(Column&& other) noexcept = default;
Column& Column::operator=(const Column& other) = default;
Column& Column::operator=(Column&& other) noexcept = default;
Column::~Column() = default;

void Column::apply(ClientDefault d) {
    default_value = std::move(d);
}
void Column::apply(OnUpdate u) {
    onupdate = std::move(u);
}
void Column::apply(ServerDefault d) {
    server_default = std::move(d);
}
void Column::apply(Computed c) {
    computed = std::move(c);
}
void Column::apply(ColumnComment c) {
    comment = std::move(c.text);
}
void Column::apply(ColumnName n) {
    name = std::move(n.value);
}
void Column::apply(RenamedFrom r) {
    renamed_from = std::move(r.name);
}
void Column::apply(SqlType t) {
    type = std::move(t);
}
void Column::apply(Sequence s) {
    sequence = std::move(s);
}
void Column::apply(ForeignKey fk) {
    foreign_keys.push_back(std::move(fk));
}

TableItems::TableItems() = default;
TableItems::TableItems(TableItems&& other) noexcept = default;
TableItems& TableItems::operator=(TableItems&& other) noexcept = default;
TableItems::~TableItems() = default;
void TableItems::reserve(std::size_t count) {
    items_.reserve(count);
}
void TableItems::add(Column item) {
    items_.emplace_back(std::move(item));
}
void TableItems::add(PrimaryKeyConstraint item) {
    items_.emplace_back(std::move(item));
}
void TableItems::add(UniqueConstraint item) {
    items_.emplace_back(std::move(item));
}
void TableItems::add(CheckConstraint item) {
    items_.emplace_back(std::move(item));
}
void TableItems::add(ForeignKeyConstraint item) {
    items_.emplace_back(std::move(item));
}
void TableItems::add(Index item) {
    items_.emplace_back(std::move(item));
}
std::vector<TableItem> TableItems::take() && {
    return std::move(items_);
}

}  // namespace retort
