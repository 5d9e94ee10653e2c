#include "server.hpp"

#include <retort/migrate/compare.hpp>
#include <retort/migrate/runner.hpp>
#include <web_service/service.hpp>

#include "history.hpp"
#include "products.hpp"
#include "search.hpp"

#ifndef CATALOG_WEB_DIR
#error "CATALOG_WEB_DIR: the build names the page's folder"
#endif

namespace catalog {

using retort::orm::Session;
using web_service::Reply;
using Request = httplib::Request;

struct CatalogServer::State {
    CatalogConfig config;
    web_service::Service service;
    httplib::Server& http;

    explicit State(CatalogConfig c)
        : config(std::move(c)),
          service("catalog",
                  retort::create_engine(config.database_url, {.pool_size = config.pool_size}),
                  config),
          http(service.http()) {}

    void add_routes();
    void add_product_routes();
};

namespace {

std::int64_t path_id(const Request& request) {
    const auto id = web_service::positive_integer(request.matches[1].str());
    if (!id) throw web_service::not_found("product");
    return *id;
}

nlohmann::json with_timing(nlohmann::json body) {
    body["timing"] = web_service::timing_json();
    return body;
}

nlohmann::json category_tree_json(Session& session) {
    const auto& c = categories;
    const auto parent = retort::aliased(c, "parent");
    nlohmann::json list = nlohmann::json::array();
    for (auto& [slug, name, parent_slug] :
         session.connection()
             .execute(retort::select(c.slug, c.name, parent.slug)
                          .select_from(c)
                          .outerjoin(parent, c.parent_id == parent.id)
                          .order_by({c.id}))
             .all()) {
        nlohmann::json category;
        // Typed std::optional: an alias of the same model is joined outer, and the types cannot
        // tell the two apart. The left side is always there.
        category["slug"] = slug.value();
        category["name"] = name.value();
        category["parent"] = parent_slug ? nlohmann::json(*parent_slug) : nlohmann::json(nullptr);
        list.push_back(std::move(category));
    }
    return {{"categories", std::move(list)}};
}

}  // namespace

void CatalogServer::State::add_routes() {
    service.add_operations_routes();
    const std::string web_dir = config.web_dir.empty() ? CATALOG_WEB_DIR : config.web_dir;
    if (!http.set_mount_point("/", web_dir))
        throw std::invalid_argument("the web page's folder " + web_dir + " does not exist");
    http.Get("/api/categories",
             service.route("GET /api/categories", [](Session& session, const Request&) {
                 return Reply{200, with_timing(category_tree_json(session))};
             }));
    http.Get("/api/search",
             service.route("GET /api/search", [this](Session& session, const Request& request) {
                 const SearchRequest asked = parse_search(web_service::query_parameters(request));
                 if (asked.explain && !config.allow_explain)
                     throw web_service::forbidden(
                         "explain=true is off on this server (start it with --allow-explain)");
                 return Reply{200, with_timing(search(session, asked))};
             }));
    add_product_routes();
}

void CatalogServer::State::add_product_routes() {
    using web_service::json_body;
    const char* one = R"(/api/products/(\d+))";
    http.Get(one, service.route("GET /api/products/{id}", [](Session& session, const Request& r) {
        return Reply{200, with_timing(ProductService(session).get(path_id(r)))};
    }));
    http.Post("/api/products",
              service.route("POST /api/products", [](Session& session, const Request& r) {
                  return Reply{201, ProductService(session).create(json_body(r))};
              }));
    http.Patch(one,
               service.route("PATCH /api/products/{id}", [](Session& session, const Request& r) {
                   return Reply{200, ProductService(session).update(path_id(r), json_body(r))};
               }));
    http.Delete(one,
                service.route("DELETE /api/products/{id}", [](Session& session, const Request& r) {
                    ProductService(session).remove(path_id(r));
                    return Reply{204, nullptr};
                }));
    http.Put(
        R"(/api/products/by-sku/([A-Za-z0-9_-]+))",
        service.route("PUT /api/products/by-sku/{sku}", [](Session& session, const Request& r) {
            auto result = ProductService(session).upsert(r.matches[1].str(), json_body(r));
            const int status = result["created"].get<bool>() ? 201 : 200;
            return Reply{status, std::move(result["product"])};
        }));
    http.Post("/api/import",
              service.route("POST /api/import", [](Session& session, const Request& r) {
                  const std::string type = r.get_header_value("Content-Type");
                  const std::string format = type.starts_with("application/x-ndjson") ? "ndjson"
                                             : type.starts_with("text/csv")           ? "csv"
                                                                                      : type;
                  return Reply{200, with_timing(ProductService(session).import(format, r.body))};
              }));
}

CatalogServer::CatalogServer(CatalogConfig config)
    : state_(std::make_unique<State>(std::move(config))) {
    const retort::Engine& engine = state_->service.engine();
    if (engine.dialect_name() != "postgresql")
        throw retort::ArgumentError(
            "the catalog needs PostgreSQL (JSONB, arrays, full-text search)");
    retort::migrate::upgrade(engine, history(engine.dialect()));
    retort::migrate::verify(metadata(), engine);
    state_->add_routes();
}

CatalogServer::~CatalogServer() = default;

web_service::Service& CatalogServer::service() {
    return state_->service;
}

}  // namespace catalog
