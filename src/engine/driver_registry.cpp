#include <fmt/format.h>

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/errors.hpp"

namespace retort {

std::optional<Notify> DriverConnection::wait_notification(std::chrono::milliseconds) {
    throw NotSupportedError("this backend has no notifications (LISTEN/NOTIFY)");
}

CommitOutcome DriverConnection::resolve_commit(const CommitOutcomeUnknown&,
                                               std::chrono::milliseconds) {
    return CommitOutcome::unknown;
}

std::int64_t DriverConnection::copy_in(std::string_view, const std::function<void(CopySink&)>&) {
    throw NotSupportedError("this backend has no COPY; insert the rows with execute_many()");
}

std::int64_t DriverConnection::copy_out(std::string_view,
                                        const std::function<void(std::string_view)>&) {
    throw NotSupportedError("this backend has no COPY; read the rows with a SELECT");
}

// Defined by the dialects (src/dialects/builtin.cpp). Linking to it, rather than relying on
// static registration objects, keeps the built-in drivers in a static libretort.
std::vector<std::pair<std::string, std::shared_ptr<Driver>>> builtin_drivers();

namespace {
using Registry = std::map<std::string, std::shared_ptr<Driver>, std::less<>>;
std::mutex registry_mutex;
Registry& registry() {
    static Registry drivers = [] {
        Registry initial;
        for (auto& [scheme, driver] : builtin_drivers()) initial[scheme] = driver;
        return initial;
    }();
    return drivers;
}
}  // namespace

std::string statement_excerpt(std::string_view sql) {
    constexpr std::size_t limit = 1000;
    if (sql.size() <= limit) return std::string(sql);
    return fmt::format("{}... ({} chars)", sql.substr(0, limit), sql.size());
}

void register_driver(std::string scheme, std::shared_ptr<Driver> driver) {
    std::lock_guard lock(registry_mutex);
    registry()[std::move(scheme)] = std::move(driver);
}

std::shared_ptr<Driver> find_driver(std::string_view scheme) {
    std::lock_guard lock(registry_mutex);
    auto it = registry().find(scheme);
    if (it != registry().end()) return it->second;
    std::string known;
    for (const auto& [name, driver] : registry()) known += (known.empty() ? "" : ", ") + name;
    throw ArgumentError(
        fmt::format("no database driver for URL scheme '{}' (known: {})", scheme, known));
}

}  // namespace retort
