// PostgreSQL's SQL dialect: the base Dialect's spelling, which is PostgreSQL's, with its name and
// placeholder style.
#include "retort/dialects/postgresql/driver.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::postgresql {

namespace {
class PgDialect final : public sql::Dialect {
  public:
    std::string_view name() const noexcept override { return "postgresql"; }
    ParamStyle param_style() const noexcept override { return ParamStyle::dollar_numeric; }
    std::size_t max_identifier_length() const noexcept override { return 63; }  // NAMEDATALEN - 1
    // Types, quoting and the rest are the base Dialect's, which speaks PostgreSQL's SQL.
};
}  // namespace

const sql::Dialect& dialect() {
    static const PgDialect instance;
    return instance;
}

}  // namespace retort::postgresql
