#include "pg_connection.hpp"
#include "retort/dialects/postgresql/driver.hpp"

namespace retort::postgresql {

namespace {
class PgDriver final : public Driver {
  public:
    std::string_view name() const noexcept override { return "postgresql"; }

    const sql::Dialect& dialect() const noexcept override { return postgresql::dialect(); }
    const DialectReflector& reflector() const noexcept override { return postgresql::reflector(); }
    std::unique_ptr<DriverConnection> connect(const Url& url,
                                              const EngineOptions& options) override {
        return std::make_unique<PgConnection>(url, options);
    }
    PoolClass default_pool(const Url&) const override { return PoolClass::queue; }
};
}  // namespace

std::shared_ptr<Driver> make_driver() {
    return std::make_shared<PgDriver>();
}

}  // namespace retort::postgresql
