// Reflection on SQLite, from its pragma table functions and, for constraint names and CHECK
// bodies that no pragma reports, from the table's CREATE statement.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "retort/dialects/sqlite/driver.hpp"
#include "retort/engine/connection.hpp"
#include "retort/engine/reflection.hpp"

namespace retort::sqlite {

namespace {

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

SqlType type_from(const std::string& declared) {
    std::string t = upper(declared);
    auto argument = [&](std::size_t which) -> std::optional<int> {
        std::size_t open = t.find('(');
        if (open == std::string::npos) return std::nullopt;
        std::size_t at = open + 1;
        for (std::size_t i = 0; i < which; ++i) {
            at = t.find(',', at);
            if (at == std::string::npos) return std::nullopt;
            ++at;
        }
        return std::stoi(t.substr(at));
    };
    std::string base = t.substr(0, t.find('('));
    while (!base.empty() && base.back() == ' ') base.pop_back();
    if (base == "INTEGER" || base == "INT") return type::Integer();
    if (base == "BIGINT") return type::BigInteger();
    if (base == "SMALLINT") return type::SmallInteger();
    if (base == "REAL" || base == "FLOAT") return type::Float();
    if (base == "DOUBLE PRECISION" || base == "DOUBLE") return type::Double();
    if (base == "NUMERIC" || base == "DECIMAL") return type::Numeric(argument(0), argument(1));
    if (base == "VARCHAR") return type::String(argument(0));
    if (base == "TEXT") return type::Text();
    if (base == "BOOLEAN") return type::Boolean();
    if (base == "DATE") return type::Date();
    if (base == "TIME") return type::Time();
    if (base == "DATETIME" || base == "TIMESTAMP") return type::DateTime();
    if (base == "INTERVAL") return type::Interval();
    if (base == "BLOB") return type::LargeBinary();
    if (base == "CHAR" && argument(0) == 36) return type::Uuid();  // how Retort declares Uuid here
    if (base == "JSON") return type::Json();
    return type::CustomType(declared);
}

std::optional<ReferentialAction> action_from(const std::string& text) {
    if (text == "CASCADE") return ReferentialAction::cascade;
    if (text == "RESTRICT") return ReferentialAction::restrict;
    if (text == "SET NULL") return ReferentialAction::set_null;
    if (text == "SET DEFAULT") return ReferentialAction::set_default;
    return std::nullopt;
}

// The named constraints of a CREATE TABLE statement: CONSTRAINT name KIND (...).
struct NamedConstraint {
    std::string name;
    std::string kind;  // PRIMARY, UNIQUE, CHECK, FOREIGN
    std::string body;  // the text inside the first parentheses after the kind
};

std::vector<NamedConstraint> named_constraints(const std::string& sql) {
    std::vector<NamedConstraint> out;
    std::size_t i = 0;
    auto skip_space = [&] {
        while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    };
    auto read_name = [&] {
        std::string name;
        if (i < sql.size() && (sql[i] == '"' || sql[i] == '`' || sql[i] == '[')) {
            char close = sql[i] == '[' ? ']' : sql[i];
            for (++i; i < sql.size(); ++i) {
                if (sql[i] == close) {
                    if (i + 1 < sql.size() && sql[i + 1] == close && close != ']') {
                        name += close;
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                name += sql[i];
            }
        } else {
            while (i < sql.size() &&
                   (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_'))
                name += sql[i++];
        }
        return name;
    };
    while (i < sql.size()) {
        char c = sql[i];
        if (c == '\'' || c == '"') {  // skip literals and quoted identifiers outside constraints
            for (++i; i < sql.size() && sql[i] != c; ++i) {
            }
            ++i;
            continue;
        }
        if (upper(sql.substr(i, 10)) == "CONSTRAINT" &&
            (i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1])))) {
            i += 10;
            skip_space();
            NamedConstraint constraint;
            constraint.name = read_name();
            skip_space();
            constraint.kind = upper(read_name());
            std::size_t open = sql.find('(', i);
            if (open == std::string::npos) break;
            int depth = 0;
            std::size_t end = open;
            for (; end < sql.size(); ++end) {
                if (sql[end] == '\'') {
                    for (++end; end < sql.size() && sql[end] != '\''; ++end) {
                    }
                    continue;
                }
                if (sql[end] == '(') ++depth;
                if (sql[end] == ')' && --depth == 0) break;
            }
            constraint.body = sql.substr(open + 1, end - open - 1);
            out.push_back(std::move(constraint));
            i = end;
            continue;
        }
        ++i;
    }
    return out;
}

// Column names in "a, \"b c\"" as they appear in a constraint's parentheses.
std::vector<std::string> column_names(const std::string& list) {
    std::vector<std::string> out;
    std::string current;
    bool quoted = false;
    for (char c : list) {
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (c == ',' && !quoted) {
            out.push_back(current);
            current.clear();
            continue;
        }
        if (!quoted && std::isspace(static_cast<unsigned char>(c))) continue;
        current += c;
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

// The partial-index predicate of a CREATE INDEX statement: the text after its top-level WHERE.
std::optional<std::string> index_predicate(const std::optional<std::string>& sql) {
    if (!sql) return std::nullopt;
    std::string u = upper(*sql);
    int depth = 0;
    for (std::size_t i = 0; i + 7 <= u.size(); ++i) {
        if (u[i] == '(') ++depth;
        if (u[i] == ')') --depth;
        if (depth == 0 && u.compare(i, 7, " WHERE ") == 0) return sql->substr(i + 7);
    }
    return std::nullopt;
}

class SqliteReflector final : public DialectReflector {
  public:
    std::vector<std::string> table_names(Connection& conn,
                                         const std::optional<std::string>& schema) const override {
        return conn
            .exec_driver_sql(
                "SELECT name FROM " + master(conn, schema) +
                " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            .scalars<std::string>();
    }

    TableDefinition table(Connection& conn, const std::string& name,
                          const std::optional<std::string>& schema) const override {
        auto sql = conn.exec_driver_sql("SELECT sql FROM " + master(conn, schema) +
                                            " WHERE type = 'table' AND name = ?1",
                                        {Value{name}})
                       .first<std::string>();
        if (!sql) throw ArgumentError(fmt::format("no table '{}' in the database", name));
        auto constraints = named_constraints(std::get<0>(*sql));
        auto constraint_named = [&](std::string_view kind,
                                    const std::vector<std::string>& columns) {
            for (const auto& c : constraints)
                if (c.kind == kind && (columns.empty() || column_names(c.body) == columns))
                    return c.name;
            return std::string();
        };
        Value table_name{name};
        Value schema_name = schema ? Value{*schema} : Value{std::string("main")};

        TableDefinition def;
        def.name = name;
        def.schema = schema;
        std::map<int, std::string> pk;
        for (auto [column, declared, not_null, default_sql, pk_position] :
             conn.exec_driver_sql("SELECT name, type, \"notnull\", dflt_value, pk FROM "
                                  "pragma_table_xinfo(?1, ?2) "
                                  "WHERE hidden = 0 ORDER BY cid",
                                  {table_name, schema_name})
                 .tuples<std::string, std::string, bool, std::optional<std::string>,
                         std::int64_t>()) {
            Column c(column, type_from(declared));
            c.nullable = !not_null;
            if (default_sql) c.server_default = ServerDefault{text_expr(text(*default_sql))};
            if (pk_position > 0) {
                c.primary_key = true;
                pk[static_cast<int>(pk_position)] = column;
            }
            def.columns.push_back(std::move(c));
        }
        for (const auto& [position, column] : pk) def.primary_key.columns.push_back(column);
        def.primary_key.name = constraint_named("PRIMARY", def.primary_key.columns);
        if (def.primary_key.columns.size() == 1) {
            for (auto& c : def.columns)
                if (c.name == def.primary_key.columns[0] && upper(type_name(c.type)) == "INTEGER")
                    c.autoincrement = true;
        }

        std::map<std::int64_t, ForeignKeyInfo> fks;
        for (auto [id, referred, from, to, on_update, on_delete] :
             conn.exec_driver_sql("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                                  "FROM pragma_foreign_key_list(?1, ?2) ORDER BY id, seq",
                                  {table_name, schema_name})
                 .tuples<std::int64_t, std::string, std::string, std::optional<std::string>,
                         std::string, std::string>()) {
            ForeignKeyInfo& fk = fks[id];
            fk.referred_table = referred;
            fk.columns.push_back(from);
            fk.referred_columns.push_back(to.value_or(""));
            fk.options.on_update = action_from(on_update);
            fk.options.on_delete = action_from(on_delete);
        }
        for (auto& [id, fk] : fks) {
            fk.name = constraint_named("FOREIGN", fk.columns);
            def.foreign_keys.push_back(std::move(fk));
        }
        std::reverse(def.foreign_keys.begin(),
                     def.foreign_keys.end());  // pragma lists the last first

        for (auto [index, unique, origin] :
             conn.exec_driver_sql(
                     "SELECT name, \"unique\", origin FROM pragma_index_list(?1, ?2) ORDER BY name",
                     {table_name, schema_name})
                 .tuples<std::string, bool, std::string>()) {
            if (origin == "pk") continue;
            std::vector<std::string> columns;
            std::vector<Expression> expressions;
            for (auto [column] :
                 conn.exec_driver_sql("SELECT name FROM pragma_index_info(?1, ?2) ORDER BY seqno",
                                      {Value{index}, schema_name})
                     .tuples<std::optional<std::string>>()) {
                if (column) {
                    columns.push_back(*column);
                } else {
                    expressions.push_back(text_expr(text("<expression>")));
                }
            }
            if (origin == "u") {
                def.uniques.push_back(
                    UniqueConstraint{columns, constraint_named("UNIQUE", columns)});
                continue;
            }
            Index ix{index, columns, expressions, unique};
            auto index_sql = conn.exec_driver_sql("SELECT sql FROM " + master(conn, schema) +
                                                      " WHERE type = 'index' AND name = ?1",
                                                  {Value{index}})
                                 .first<std::optional<std::string>>();
            if (auto predicate =
                    index_predicate(index_sql ? std::get<0>(*index_sql) : std::nullopt))
                ix.where = text_expr(text(*predicate));
            def.indexes.push_back(std::move(ix));
        }
        for (const auto& c : constraints)
            if (c.kind == "CHECK")
                def.checks.push_back(CheckConstraint{text_expr(text(c.body)), c.name});
        return def;
    }

  private:
    static std::string master(Connection& conn, const std::optional<std::string>& schema) {
        return schema ? conn.dialect().quote(*schema) + ".sqlite_master"
                      : std::string("sqlite_master");
    }
    static std::string type_name(const SqlType& type) { return sqlite::dialect().type_sql(type); }
};

}  // namespace

const DialectReflector& reflector() {
    static const SqliteReflector instance;
    return instance;
}

}  // namespace retort::sqlite
