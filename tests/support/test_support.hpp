// Shared fixtures for integration tests: engines on both backends, unique table names.
#pragma once

#include <gtest/gtest.h>

#include <retort/retort.hpp>
#include <string>

namespace retort::testing {

/// The throwaway server's URL (RETORT_TEST_PG_URL, or the file the harness wrote). Throws when
/// there is none, so a test that needs PostgreSQL fails instead of skipping.
std::string postgresql_url();

/// A fresh SQLite database file in a temporary directory, as a URL.
std::string sqlite_file_url();

/// The URL of a backend: "postgresql" or "sqlite".
std::string url_for(const std::string& backend);

/// A table name unique to the running test and backend, safe in both dialects.
std::string table_name(const std::string& stem);

/// Runs each test on both backends.
class BackendTest : public ::testing::TestWithParam<std::string> {
  protected:
    bool is_postgresql() const { return GetParam() == "postgresql"; }
    Engine make_engine(EngineOptions options = {}) const {
        return create_engine(url_for(GetParam()), std::move(options));
    }
    /// SQL type names that differ between the backends.
    std::string bytes_type() const { return is_postgresql() ? "BYTEA" : "BLOB"; }
    std::string timestamptz_type() const { return is_postgresql() ? "TIMESTAMPTZ" : "TIMESTAMP"; }
};

/// The suffix gtest shows for a backend parameter.
std::string backend_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace retort::testing

#define RETORT_ON_BOTH_BACKENDS(Suite)                                                   \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgresql"), \
                             ::retort::testing::backend_name)
