// Products one at a time (read, create with validation, change, delete, upsert by sku) and in
// bulk (JSON lines or CSV, staged with COPY and upserted by sku in one statement).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <retort/retort.hpp>
#include <string>

#include "models.hpp"

namespace catalog {

/// Everything about a product, as GET /api/products/{id} answers.
nlohmann::json product_json(const Product& product);

class ProductService {
  public:
    explicit ProductService(retort::orm::Session& session) : session_(session) {}

    /// 404 when there is no such product.
    nlohmann::json get(std::int64_t id);
    /// A new product from a JSON object with every field; 422 naming each bad field, 409 for
    /// a sku in use.
    nlohmann::json create(const nlohmann::json& body);
    /// Changes the fields the body gives.
    nlohmann::json update(std::int64_t id, const nlohmann::json& body);
    void remove(std::int64_t id);
    /// Creates the product with this sku, or replaces its fields: {"created": bool, product}.
    nlohmann::json upsert(const std::string& sku, const nlohmann::json& body);
    /// Products in `format` "ndjson" (one JSON object a line) or "csv" (a header line naming
    /// the columns; tags and categories separated by '|', attributes as JSON), upserted by
    /// sku. Nothing is written unless every line is valid (422 naming the first bad lines).
    /// {"received", "created", "updated"}.
    nlohmann::json import(const std::string& format, const std::string& body);

  private:
    // Every field of `product` becomes `with`'s; 409 for a sku in use.
    nlohmann::json replace(retort::orm::Ptr<Product> product, const Product& with);
    retort::orm::Session& session_;
};

}  // namespace catalog
