// SQLite's spelling of SQL. Types are chosen for SQLite's type affinity: text stays text,
// numbers compare as numbers.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "retort/dialects/sqlite/driver.hpp"
#include "retort/errors.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::sqlite {

namespace {
class SqliteDialect final : public sql::Dialect {
  public:
    std::string_view name() const noexcept override { return "sqlite"; }
    ParamStyle param_style() const noexcept override { return ParamStyle::question_numeric; }
    bool has_ilike() const noexcept override { return false; }
    bool has_row_locks() const noexcept override { return false; }
    bool offset_needs_limit() const noexcept override { return true; }
    bool foreign_keys_need_target() const noexcept override { return false; }
    bool has_comments() const noexcept override { return false; }
    bool has_native_enums() const noexcept override { return false; }
    bool has_sequences() const noexcept override { return false; }
    bool has_delete_using() const noexcept override { return false; }
    bool prefers_multirow_dml() const noexcept override { return false; }
    bool reports_inserted_key() const noexcept override { return true; }
    bool has_index_methods() const noexcept override { return false; }
    bool has_alter_table() const noexcept override { return false; }
    bool has_concurrent_index_builds() const noexcept override { return false; }
    std::string foreign_keys_sql(bool on) const override {
        return on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF";
    }
    std::string foreign_key_check_sql() const override { return "PRAGMA foreign_key_check"; }
    std::string table_triggers_sql() const override {
        return "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND sql "
               "IS NOT NULL ORDER BY name";
    }
    // Only a column declared exactly INTEGER PRIMARY KEY becomes the rowid (64-bit anyway).
    std::string identity_column_sql(const SqlType&) const override { return "INTEGER"; }
    std::string has_table_sql() const override {
        return "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1 AND ?2 IS NULL";
    }

    // SQLite 3.38 reads JSON with PostgreSQL's -> and ->>; the other operators it lacks.
    std::string_view extended_operator_sql(sql::ExtendedOperator op) const override {
        if (op == sql::ExtendedOperator::json_get) return "->";
        if (op == sql::ExtendedOperator::json_get_text) return "->>";
        return Dialect::extended_operator_sql(op);
    }
    std::string type_sql(const SqlType& type) const override {
        if (type.dimensions > 0) return "TEXT";  // an array's literal text: see types/array.hpp
        using K = SqlType::Kind;
        switch (type.kind) {
            case K::tsvector:
                return "TEXT";
            case K::time:
                return "TIME";
            case K::datetime:
                return "DATETIME";  // SQLite has no zone-aware type
            case K::binary:
                return "BLOB";
            case K::uuid:
                return "CHAR(36)";
            case K::json:
            case K::jsonb:
                return "JSON";
            case K::enum_: {
                std::size_t longest = 1;
                for (const auto& label : type.labels) longest = std::max(longest, label.size());
                return fmt::format("VARCHAR({})", longest);
            }
            default:
                return Dialect::type_sql(type);  // NUMERIC keeps NUMERIC affinity: see docs/design/core.md
        }
    }

    std::pair<std::string, std::string> cast_frame(const SqlType& type) const override {
        using K = SqlType::Kind;
        if (type.dimensions == 0 && type.kind == K::date) return {"date(", ")"};
        switch (type.dimensions > 0 ? K::text : type.kind) {
            case K::time:
            case K::datetime:
            case K::interval:
            case K::uuid:
            case K::json:
            case K::jsonb:
            case K::tsvector:
            case K::enum_:
            case K::text:
                return {"CAST(", " AS TEXT)"};
            default:
                return Dialect::cast_frame(type);
        }
    }

    // The functions SQLite has under other names or spells with others.
    std::string portable_scalar_function(std::string_view name,
                                         const std::vector<std::string>& args) const {
        if (name == "left") return fmt::format("substr({}, 1, {})", args.at(0), args.at(1));
        if (name == "right")  // with the length too: n = 0 is '', NULL stays NULL
            return fmt::format("substr({0}, -({1}), {1})", args.at(0), args.at(1));
        if (name == "trim") return fmt::format("trim({})", fmt::join(args, ", "));
        if (name == "greatest") return fmt::format("max({})", fmt::join(args, ", "));
        if (name == "least") return fmt::format("min({})", fmt::join(args, ", "));
        if (name == "round") return fmt::format("round({}, {})", args.at(0), args.at(1));
        if (name == "char_length") return fmt::format("length({})", args.at(0));
        if (name == "string_agg") return fmt::format("group_concat({})", fmt::join(args, ", "));
        if (name == "extract_integer") return args.at(0);  // extract() is an integer already
        // Date modifiers; strftime's %f keeps milliseconds, as SQLite's date functions do.
        if (name == "add_interval")
            return fmt::format(
                "strftime('%Y-%m-%d %H:%M:%f', {}, {} || ' months', {} || ' days', ({} / "
                "1000000.0) || ' seconds')",
                args.at(0), args.at(1), args.at(2), args.at(3));
        if (name == "add_interval_to_date")
            return fmt::format("date({}, {} || ' months', {} || ' days')", args.at(0), args.at(1),
                               args.at(2));
        // ISO 8601 "P<days>DT<seconds>S" from the milliseconds between the two (SQLite's
        // date functions keep milliseconds); NULL when either side is.
        if (name == "moment_difference")
            return fmt::format(
                "(SELECT 'P' || (ms / 86400000) || 'DT' || (CASE WHEN ms < 0 THEN '-' ELSE '' "
                "END) || (abs(ms % 86400000) / 1000) || printf('.%03dS', abs(ms) % 1000) FROM "
                "(SELECT CAST(round((julianday({}) - julianday({})) * 86400000.0) AS INTEGER) "
                "AS ms))",
                args.at(0), args.at(1));
        // 53 random bits, as a double in [0, 1).
        if (name == "random") return "((random() >> 11) & 9007199254740991) / 9007199254740992.0";
        return Dialect::portable_function(name, args);
    }
    std::string portable_function(std::string_view name,
                                  const std::vector<std::string>& args) const override {
        if (name == "now") return "CURRENT_TIMESTAMP";
        if (name == "date_trunc") {
            const std::string& unit = args.at(0);
            std::string_view format = unit == "year"     ? "%Y-01-01 00:00:00"
                                      : unit == "month"  ? "%Y-%m-01 00:00:00"
                                      : unit == "day"    ? "%Y-%m-%d 00:00:00"
                                      : unit == "hour"   ? "%Y-%m-%d %H:00:00"
                                      : unit == "minute" ? "%Y-%m-%d %H:%M:00"
                                      : unit == "second" ? "%Y-%m-%d %H:%M:%S"
                                                         : "";
            if (format.empty())
                throw NotSupportedError(fmt::format("SQLite has no date_trunc('{}')", unit));
            return fmt::format("strftime('{}', {})", format, args.at(1));
        }
        if (name == "extract") {
            const std::string& field = args.at(0);
            if (field == "epoch")
                return fmt::format("CAST(strftime('%s', {}) AS INTEGER)", args.at(1));
            std::string_view format = field == "year"     ? "%Y"
                                      : field == "month"  ? "%m"
                                      : field == "day"    ? "%d"
                                      : field == "hour"   ? "%H"
                                      : field == "minute" ? "%M"
                                      : field == "second" ? "%S"
                                      : field == "dow"    ? "%w"
                                      : field == "doy"    ? "%j"
                                                          : "";
            if (format.empty())
                throw NotSupportedError(fmt::format("SQLite cannot extract '{}'", field));
            return fmt::format("CAST(strftime('{}', {}) AS INTEGER)", format, args.at(1));
        }
        return portable_scalar_function(name, args);
    }
};
}  // namespace

const sql::Dialect& dialect() {
    static const SqliteDialect instance;
    return instance;
}

}  // namespace retort::sqlite
