// PostgreSQL's spelling of SQL: types, and everything the generic compiler asks a dialect.
#include <fmt/format.h>

#include "retort/dialects/postgresql/driver.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::postgresql {

namespace {
class PgDialect final : public sql::Dialect {
  public:
    std::string_view name() const noexcept override { return "postgresql"; }
    ParamStyle param_style() const noexcept override { return ParamStyle::dollar_numeric; }
    std::string type_sql(const SqlType& type) const override {
        using K = SqlType::Kind;
        switch (type.kind) {
            case K::integer:
                return "INTEGER";
            case K::small_integer:
                return "SMALLINT";
            case K::big_integer:
                return "BIGINT";
            case K::float_:
                return "REAL";
            case K::double_:
                return "DOUBLE PRECISION";
            case K::numeric:
                if (type.precision && type.scale)
                    return fmt::format("NUMERIC({}, {})", *type.precision, *type.scale);
                if (type.precision) return fmt::format("NUMERIC({})", *type.precision);
                return "NUMERIC";
            case K::string:
                return type.length ? fmt::format("VARCHAR({})", *type.length) : "VARCHAR";
            case K::text:
                return "TEXT";
            case K::boolean:
                return "BOOLEAN";
            case K::date:
                return "DATE";
            case K::time:
                return "TIME WITHOUT TIME ZONE";
            case K::datetime:
                return type.timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
            case K::interval:
                return "INTERVAL";
            case K::binary:
                return "BYTEA";
            case K::uuid:
                return "UUID";
            case K::json:
                return "JSON";
            case K::jsonb:
                return "JSONB";
            case K::enum_:
                return quote(type.name);
            case K::custom:
                return type.name;
        }
        return "TEXT";
    }
};
}  // namespace

const sql::Dialect& dialect() {
    static const PgDialect instance;
    return instance;
}

}  // namespace retort::postgresql
