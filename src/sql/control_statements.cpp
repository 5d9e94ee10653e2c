// The base Dialect's spellings of what the query language leaves to each database: savepoints
// (standard SQL), and the operators, bulk copy and notifications that only some databases
// have, which the base refuses by name (PostgreSQL's dialect spells them).
#include <fmt/format.h>

#include "retort/errors.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::sql {

namespace {
[[noreturn]] void refuse(const Dialect& dialect, std::string_view what) {
    throw NotSupportedError(fmt::format("the {} dialect has no {}", dialect.name(), what));
}
}  // namespace

std::string_view Dialect::extended_operator_sql(ExtendedOperator op) const {
    throw NotSupportedError(fmt::format("the {} dialect has no SQL for {}", name(), api_name(op)));
}

std::string Dialect::lock_timeout_sql(std::chrono::milliseconds) const {
    return {};
}

std::string Dialect::foreign_keys_sql(bool) const {
    return {};
}

std::string Dialect::savepoint_sql(std::string_view name) const {
    return "SAVEPOINT " + quote(name);
}
std::string Dialect::release_savepoint_sql(std::string_view name) const {
    return "RELEASE SAVEPOINT " + quote(name);
}
std::string Dialect::rollback_to_savepoint_sql(std::string_view name) const {
    return "ROLLBACK TO SAVEPOINT " + quote(name);
}

std::string Dialect::copy_in_sql(const FromClause&, const std::vector<std::string>&) const {
    refuse(*this, "COPY; insert the rows with execute_many()");
}
std::string Dialect::copy_out_sql(const FromClause&, const std::vector<std::string>&) const {
    refuse(*this, "COPY; read the rows with a SELECT");
}
std::string Dialect::copy_query_out_sql(std::string_view) const {
    refuse(*this, "COPY; read the rows with a SELECT");
}
std::string Dialect::listen_sql(std::string_view) const {
    refuse(*this, "LISTEN / NOTIFY");
}
std::string Dialect::unlisten_sql(std::string_view) const {
    refuse(*this, "LISTEN / NOTIFY");
}
std::string Dialect::notify_sql() const {
    refuse(*this, "LISTEN / NOTIFY");
}

}  // namespace retort::sql
