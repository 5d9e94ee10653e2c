// Reflection on PostgreSQL, from pg_catalog (every name and value bound as a parameter).
#include <fmt/format.h>

#include <algorithm>

#include "retort/dialects/postgresql/driver.hpp"
#include "retort/engine/connection.hpp"
#include "retort/engine/reflection.hpp"

namespace retort::postgresql {

namespace {

// A JSON array of strings (and nulls, read as empty) as json_agg(...)::text writes it.
std::vector<std::string> json_strings(const std::optional<std::string>& json) {
    std::vector<std::string> out;
    if (!json) return out;
    const std::string& s = *json;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 4, "null") == 0) {
            out.emplace_back();
            i += 3;
            continue;
        }
        if (s[i] != '"') continue;
        std::string value;
        for (++i; i < s.size() && s[i] != '"'; ++i) {
            if (s[i] != '\\' || i + 1 >= s.size()) {
                value += s[i];
                continue;
            }
            char e = s[++i];
            if (e == 'u' && i + 4 < s.size()) {
                unsigned code = std::stoul(s.substr(i + 1, 4), nullptr, 16);
                i += 4;
                if (code < 0x80) {
                    value += static_cast<char>(code);
                } else if (code < 0x800) {
                    value += static_cast<char>(0xC0 | (code >> 6));
                    value += static_cast<char>(0x80 | (code & 0x3F));
                } else {
                    value += static_cast<char>(0xE0 | (code >> 12));
                    value += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                    value += static_cast<char>(0x80 | (code & 0x3F));
                }
            } else {
                value += e == 'n'   ? '\n'
                         : e == 't' ? '\t'
                         : e == 'r' ? '\r'
                         : e == 'b' ? '\b'
                         : e == 'f' ? '\f'
                                    : e;
            }
        }
        out.push_back(std::move(value));
    }
    return out;
}

SqlType type_from(const std::string& text) {
    auto with_length = [&](std::string_view prefix) -> std::optional<int> {
        if (text.rfind(prefix, 0) != 0 || text.size() <= prefix.size() + 2) return std::nullopt;
        return std::stoi(text.substr(prefix.size() + 1));
    };
    if (text == "integer") return type::Integer();
    if (text == "bigint") return type::BigInteger();
    if (text == "smallint") return type::SmallInteger();
    if (text == "real") return type::Float();
    if (text == "double precision") return type::Double();
    if (text == "text") return type::Text();
    if (text == "boolean") return type::Boolean();
    if (text == "date") return type::Date();
    if (text == "time without time zone") return type::Time();
    if (text == "timestamp without time zone") return type::DateTime();
    if (text == "timestamp with time zone") return type::DateTime(true);
    if (text == "interval") return type::Interval();
    if (text == "bytea") return type::LargeBinary();
    if (text == "uuid") return type::Uuid();
    if (text == "json") return type::Json();
    if (text == "jsonb") return type::Jsonb();
    if (text == "character varying") return type::String();
    if (auto n = with_length("character varying")) return type::String(*n);
    if (text == "numeric") return type::Numeric();
    if (text.rfind("numeric(", 0) == 0) {
        std::size_t comma = text.find(',');
        int precision = std::stoi(text.substr(8));
        if (comma == std::string::npos) return type::Numeric(precision);
        return type::Numeric(precision, std::stoi(text.substr(comma + 1)));
    }
    return type::CustomType(text);
}

std::optional<ReferentialAction> action_from(const std::string& code) {
    if (code == "r") return ReferentialAction::restrict;
    if (code == "c") return ReferentialAction::cascade;
    if (code == "n") return ReferentialAction::set_null;
    if (code == "d") return ReferentialAction::set_default;
    return std::nullopt;  // 'a': NO ACTION, the default
}

class PgReflector final : public DialectReflector {
  public:
    std::vector<std::string> table_names(Connection& conn,
                                         const std::optional<std::string>& schema) const override {
        return conn
            .exec_driver_sql(
                "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON "
                "n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p') AND n.nspname = COALESCE($1::text, "
                "current_schema()) "
                "ORDER BY c.relname",
                {schema_value(schema)})
            .scalars<std::string>();
    }

    TableDefinition table(Connection& conn, const std::string& name,
                          const std::optional<std::string>& schema) const override {
        auto found = conn.exec_driver_sql(
                             "SELECT c.oid::bigint, n.nspname, obj_description(c.oid, 'pg_class') "
                             "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                             "c.relnamespace "
                             "WHERE c.relkind IN ('r', 'p') AND c.relname = $1::text "
                             "AND n.nspname = COALESCE($2::text, current_schema())",
                             {Value{name}, schema_value(schema)})
                         .one_or_none<std::int64_t, std::string, std::optional<std::string>>();
        if (!found) throw ArgumentError(fmt::format("no table '{}' in the database", name));
        auto [oid, table_schema, comment] = *found;
        TableDefinition def;
        def.name = name;
        def.schema = schema;
        def.comment = comment;
        Value oid_value{oid};

        for (auto [column, type_text, not_null, default_sql, identity, column_comment, enum_labels,
                   type_name] :
             conn.exec_driver_sql(
                     "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                     "a.attnotnull, "
                     "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, "
                     "pg_catalog.col_description(a.attrelid, a.attnum), "
                     "(SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM "
                     "pg_catalog.pg_enum e "
                     " WHERE e.enumtypid = a.atttypid)::text, t.typname "
                     "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = "
                     "a.atttypid "
                     "LEFT JOIN pg_catalog.pg_attrdef d "
                     "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                     "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY "
                     "a.attnum",
                     {oid_value})
                 .tuples<std::string, std::string, bool, std::optional<std::string>, std::string,
                         std::optional<std::string>, std::optional<std::string>, std::string>()) {
            Column c(column, enum_labels ? type::Enum(type_name, json_strings(enum_labels))
                                         : type_from(type_text));
            c.nullable = !not_null;
            c.autoincrement = !identity.empty();
            if (default_sql) {
                c.server_default = ServerDefault{text_expr(text(*default_sql))};
            }
            c.comment = column_comment;
            def.columns.push_back(std::move(c));
        }

        for (auto [constraint, kind, columns, referred_schema, referred_table, referred_columns,
                   on_delete, on_update, deferrable, deferred, definition] :
             conn.exec_driver_sql(
                     "SELECT con.conname, con.contype::text, "
                     "(SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH "
                     "ORDINALITY AS k(n, i) "
                     " JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = "
                     "k.n)::text, "
                     "fn.nspname, fc.relname, "
                     "(SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH "
                     "ORDINALITY AS k(n, i) "
                     " JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = "
                     "k.n)::text, "
                     "con.confdeltype::text, con.confupdtype::text, con.condeferrable, "
                     "con.condeferred, "
                     "pg_catalog.pg_get_constraintdef(con.oid) "
                     "FROM pg_catalog.pg_constraint con "
                     "LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid "
                     "LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
                     "WHERE con.conrelid = $1::oid ORDER BY con.conname",
                     {oid_value})
                 .tuples<std::string, std::string, std::optional<std::string>,
                         std::optional<std::string>, std::optional<std::string>,
                         std::optional<std::string>, std::string, std::string, bool, bool,
                         std::string>()) {
            if (kind == "p") {
                def.primary_key = PrimaryKeyConstraint{json_strings(columns), constraint};
                for (auto& c : def.columns)
                    if (std::find(def.primary_key.columns.begin(), def.primary_key.columns.end(),
                                  c.name) != def.primary_key.columns.end())
                        c.primary_key = true;
            } else if (kind == "u") {
                def.uniques.push_back(UniqueConstraint{json_strings(columns), constraint});
            } else if (kind == "c") {
                // "CHECK ((price > (0)::numeric))": keep what is inside CHECK ( ... ).
                std::string body = definition;
                for (std::string_view suffix : {" NOT VALID", " NO INHERIT"})
                    if (body.size() > suffix.size() &&
                        body.compare(body.size() - suffix.size(), suffix.size(), suffix) == 0)
                        body.erase(body.size() - suffix.size());
                if (body.rfind("CHECK (", 0) == 0 && body.back() == ')')
                    body = body.substr(7, body.size() - 8);
                def.checks.push_back(CheckConstraint{text_expr(text(body)), constraint});
            } else if (kind == "f") {
                ForeignKeyInfo fk;
                fk.name = constraint;
                fk.columns = json_strings(columns);
                fk.referred_columns = json_strings(referred_columns);
                std::string referred = referred_table.value_or("");
                // Qualified as MetaData keys tables: with the schema whenever one was asked for.
                fk.referred_table = referred_schema && (schema || *referred_schema != table_schema)
                                        ? *referred_schema + "." + referred
                                        : referred;
                fk.options.on_delete = action_from(on_delete);
                fk.options.on_update = action_from(on_update);
                fk.options.deferrable = deferrable;
                fk.options.initially_deferred = deferred;
                def.foreign_keys.push_back(std::move(fk));
            }
        }

        for (auto [index, unique, method, columns, expressions, predicate] :
             conn.exec_driver_sql(
                     "SELECT i.relname, ix.indisunique, am.amname, "
                     "(SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(ix.indkey::int2[]) WITH "
                     "ORDINALITY "
                     " AS k(n, i) LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid "
                     "AND a.attnum = k.n "
                     " WHERE k.i <= ix.indnkeyatts)::text, "
                     "(SELECT json_agg(pg_catalog.pg_get_indexdef(ix.indexrelid, k.i::int, true) "
                     "ORDER BY k.i) "
                     " FROM generate_series(1, ix.indnkeyatts) AS k(i))::text, "
                     "pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) "
                     "FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class i ON i.oid = "
                     "ix.indexrelid "
                     "JOIN pg_catalog.pg_am am ON am.oid = i.relam "
                     "WHERE ix.indrelid = $1::oid AND NOT EXISTS (SELECT 1 FROM "
                     "pg_catalog.pg_constraint c "
                     " WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u', 'x')) "
                     "ORDER BY i.relname",
                     {oid_value})
                 .tuples<std::string, bool, std::string, std::optional<std::string>,
                         std::optional<std::string>, std::optional<std::string>>()) {
            Index ix{index};
            ix.unique = unique;
            ix.using_ = method == "btree" ? "" : method;
            auto names = json_strings(columns);
            auto texts = json_strings(expressions);
            for (std::size_t k = 0; k < names.size(); ++k) {
                if (!names[k].empty()) {
                    ix.columns.push_back(names[k]);
                } else if (k < texts.size()) {
                    ix.expressions.push_back(text_expr(text(texts[k])));
                }
            }
            if (predicate) ix.where = text_expr(text(*predicate));
            def.indexes.push_back(std::move(ix));
        }
        return def;
    }

    std::vector<ReflectedEnum> enums(Connection& conn,
                                     const std::optional<std::string>& schema) const override {
        std::vector<ReflectedEnum> out;
        for (auto [name, nsp, labels] :
             conn.exec_driver_sql("SELECT t.typname, n.nspname, (SELECT json_agg(e.enumlabel ORDER "
                                  "BY e.enumsortorder) "
                                  "FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid)::text "
                                  "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON "
                                  "n.oid = t.typnamespace "
                                  "WHERE t.typtype = 'e' AND n.nspname = COALESCE($1::text, "
                                  "current_schema()) ORDER BY t.typname",
                                  {schema_value(schema)})
                 .tuples<std::string, std::string, std::optional<std::string>>())
            out.push_back(ReflectedEnum{name,
                                        schema ? std::optional<std::string>(nsp) : std::nullopt,
                                        json_strings(labels)});
        return out;
    }

    std::vector<Sequence> sequences(Connection& conn,
                                    const std::optional<std::string>& schema) const override {
        std::vector<Sequence> out;
        // pg_depend 'a' (serial, OWNED BY) and 'i' (identity): a column's own sequence.
        for (auto [name, start, increment] :
             conn.exec_driver_sql(
                     "SELECT c.relname, s.seqstart, s.seqincrement FROM pg_catalog.pg_class c "
                     "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                     "JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid "
                     "WHERE c.relkind = 'S' AND n.nspname = COALESCE($1::text, current_schema()) "
                     "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = "
                     "'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype IN "
                     "('a', 'i')) ORDER BY c.relname",
                     {schema_value(schema)})
                 .tuples<std::string, std::int64_t, std::int64_t>())
            out.push_back(Sequence{name, start, increment, schema});
        return out;
    }

  private:
    static Value schema_value(const std::optional<std::string>& schema) {
        return schema ? Value{*schema} : Value{null};
    }
};

}  // namespace

const DialectReflector& reflector() {
    static const PgReflector instance;
    return instance;
}

}  // namespace retort::postgresql
