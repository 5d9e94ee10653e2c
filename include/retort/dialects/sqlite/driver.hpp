// The SQLite driver, registered for "sqlite://" URLs: the embedded default.
#pragma once

#include <memory>

#include "retort/engine/driver.hpp"
#include "retort/engine/reflection.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::sqlite {

/// Makes the sqlite3 driver. Engines find it by URL scheme; call this only to register it under
/// another scheme.
std::shared_ptr<Driver> make_driver();

/// The SQL dialect of this backend.
const sql::Dialect& dialect();

/// How this backend's schema is read back.
const DialectReflector& reflector();

}  // namespace retort::sqlite
