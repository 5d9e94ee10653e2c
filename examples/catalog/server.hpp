// The catalog's HTTP API and web page (the seed's Activity 3): search with facets, product
// CRUD, upsert by sku and bulk import, on the shared service (web_service/service.hpp), with
// each response's query time in a Server-Timing header and in its body.
#pragma once

#include <memory>
#include <string>
#include <web_service/config.hpp>

namespace web_service {
class Service;
}

namespace catalog {

struct CatalogConfig : web_service::ServiceConfig {
    std::string database_url{};  ///< postgresql://... (the catalog needs PostgreSQL)
    int pool_size = 8;
    std::string web_dir{};  ///< the page's files; empty: the source tree's examples/catalog/web
    /// Whether a search may ask for its plans (explain=true): EXPLAIN ANALYZE runs every
    /// statement twice and shows the database's inner workings, so it is off unless asked.
    bool allow_explain = false;
};

class CatalogServer {
  public:
    /// Connects, brings the schema to head and checks it against the models.
    explicit CatalogServer(CatalogConfig config);
    ~CatalogServer();
    CatalogServer(const CatalogServer&) = delete;
    CatalogServer& operator=(const CatalogServer&) = delete;

    web_service::Service& service();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace catalog
