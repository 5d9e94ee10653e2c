// The drivers every Engine knows by URL scheme, and the dialect statements print with.
#include <string>
#include <utility>
#include <vector>

#include "retort/dialects/postgresql/driver.hpp"
#include "retort/dialects/sqlite/driver.hpp"

namespace retort {

// Statements print in PostgreSQL's spelling, the primary backend's.
const sql::Dialect& sql::generic_dialect() {
    return postgresql::dialect();
}

std::vector<std::pair<std::string, std::shared_ptr<Driver>>> builtin_drivers() {
    auto postgresql = postgresql::make_driver();
    return {
        {"postgresql", postgresql}, {"postgres", postgresql}, {"sqlite", sqlite::make_driver()}};
}

}  // namespace retort
