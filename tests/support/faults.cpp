#include "support/faults.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace retort::testing {

FaultProxy proxy_to_server() {
    Url url = Url::parse(postgresql_url());
    return FaultProxy(url.host.value_or("127.0.0.1"), url.port.value_or(5432));
}

Engine engine_through(FaultProxy& proxy, std::chrono::milliseconds grace, EngineOptions options) {
    Url url = Url::parse(postgresql_url());
    url.port = proxy.port();
    if (options.pool_size == EngineOptions{}.pool_size) options.pool_size = 1;
    if (!options.statement_timeout) options.statement_timeout = std::chrono::seconds(1);
    if (!options.deadline_grace) options.deadline_grace = grace;
    return create_engine(url.render_with_password(), std::move(options));
}

int terminate_backends(Connection& admin) {
    return static_cast<int>(
        admin
            .execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                          "AND backend_type = 'client backend'"))
            .scalar<std::int64_t>());
}

namespace {
// The harness's state directory (tools/pg_throwaway), beside the URL file it wrote.
std::string server_state() {
    if (std::getenv("RETORT_TEST_PG_URL") != nullptr) return {};
    const char* file = std::getenv("RETORT_TEST_PG_URL_FILE");
    if (file == nullptr) return {};
    return std::filesystem::path(file).parent_path().string();
}
}  // namespace

bool can_restart_server() {
    const std::string state = server_state();
    return !state.empty() && std::filesystem::exists(state + "/datadir");
}

void restart_server() {
    if (!can_restart_server())
        throw std::runtime_error(
            "restart_server(): the test server was not started by the harness");
    const std::string command =
        "bash '" RETORT_SOURCE_DIR "/tools/pg_throwaway' restart '" + server_state() + "'";
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("restart_server(): pg_throwaway restart failed");
}

}  // namespace retort::testing
