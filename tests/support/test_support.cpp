#include "support/test_support.hpp"

#include <unistd.h>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace retort::testing {

namespace {

std::string server_url() {
    if (const char* url = std::getenv("RETORT_TEST_PG_URL"); url != nullptr && *url != '\0')
        return url;
    if (const char* file = std::getenv("RETORT_TEST_PG_URL_FILE"); file != nullptr) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        if (!text.str().empty()) return text.str();
    }
    throw std::runtime_error(
        "no PostgreSQL for this test: set RETORT_TEST_PG_URL or run the tests through ctest, whose "
        "fixture starts a throwaway server (tools/pg_throwaway)");
}

std::string test_key() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    if (info == nullptr) return "global";
    return std::string(info->test_suite_name()) + "." + info->name();
}

std::string short_hash(const std::string& text) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a: stable across runs and compilers
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    char buffer[9];
    std::snprintf(buffer, sizeof buffer, "%08x", static_cast<unsigned>(h ^ (h >> 32)));
    return buffer;
}

}  // namespace

std::string postgresql_url() {
    // Each test gets a schema of its own, made afresh, so that tests can run in parallel and
    // again on the same server without tripping over each other's tables.
    static std::mutex mutex;
    static std::string prepared_for;
    std::string schema = "t_" + short_hash(test_key());
    Url url = Url::parse(server_url());
    std::lock_guard lock(mutex);
    if (prepared_for != schema) {
        auto admin = create_engine(url.render_with_password(),
                                   {.isolation_level = IsolationLevel::autocommit});
        auto conn = admin.connect();
        conn.execute(text("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        conn.execute(text("CREATE SCHEMA " + schema));
        prepared_for = schema;
    }
    url.query.emplace_back("options", "-c search_path=" + schema);
    return url.render_with_password();
}

std::string sqlite_file_url() {
    static std::atomic<int> counter{0};
    auto dir =
        std::filesystem::temp_directory_path() / ("retort-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto file = dir / ("db" + std::to_string(++counter) + ".sqlite");
    std::filesystem::remove(file);
    return "sqlite:///" + file.string();
}

std::string url_for(const std::string& backend) {
    return backend == "postgresql" ? postgresql_url() : sqlite_file_url();
}

std::string table_name(const std::string& stem) {
    return stem + "_" + short_hash(test_key());
}

std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
    return info.param;
}

}  // namespace retort::testing
