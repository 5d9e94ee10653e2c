#include "products.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <set>
#include <sstream>
#include <web_service/api_error.hpp>

#include "product_fields.hpp"

namespace catalog {

using namespace retort;
using web_service::ApiError;

nlohmann::json product_json(const Product& product) {
    auto iso = [](const DateTime& at) {
        return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                           std::chrono::floor<std::chrono::seconds>(at.time_since_epoch()) +
                               std::chrono::sys_seconds{});
    };
    return {{"id", product.id},
            {"sku", product.sku},
            {"name", product.name},
            {"description", product.description},
            {"price", product.price.to_string()},
            {"stock", product.stock},
            {"attributes", nlohmann::json::parse(product.attributes.text())},
            {"tags", product.tags},
            {"categories", product.categories},
            {"created_at", iso(product.created_at)},
            {"updated_at", iso(product.updated_at)}};
}

namespace {

orm::Ptr<Product> find(orm::Session& session, std::int64_t id) {
    auto product = session.get(products, id);
    if (!product) throw web_service::not_found("product");
    return product;
}

// Flushes, turning a sku already in use into 409.
void flush_unique(orm::Session& session) {
    try {
        session.flush();
    } catch (const IntegrityError& error) {
        if (std::string(error.what()).find("sku") == std::string::npos) throw;
        throw web_service::conflict("sku", "a product with this sku exists");
    }
}

}  // namespace

nlohmann::json ProductService::get(std::int64_t id) {
    return product_json(*find(session_, id));
}

nlohmann::json ProductService::create(const nlohmann::json& body) {
    ProductFields fields(body);
    Product product = fields.product(nullptr);
    fields.check_categories(session_);
    fields.raise_problems();
    auto added = session_.add(products, std::move(product));
    flush_unique(session_);
    return product_json(*added);
}

nlohmann::json ProductService::update(std::int64_t id, const nlohmann::json& body) {
    auto product = find(session_, id);
    ProductFields fields(body);
    Product changed = fields.product(&*std::as_const(product));
    fields.check_categories(session_);
    fields.raise_problems();
    product->sku = changed.sku;
    product->name = changed.name;
    product->description = changed.description;
    product->price = changed.price;
    product->stock = changed.stock;
    product->attributes = changed.attributes;
    product->tags = changed.tags;
    product->categories = changed.categories;
    flush_unique(session_);
    return product_json(*product);
}

void ProductService::remove(std::int64_t id) {
    session_.delete_(find(session_, id));
}

nlohmann::json ProductService::upsert(const std::string& sku, const nlohmann::json& body) {
    if (body.is_object() && body.contains("sku") && body["sku"] != sku)
        throw web_service::invalid("the body's sku differs from the path's",
                                   {{"sku", "must be the path's sku, or left out"}});
    nlohmann::json with_sku = body;
    if (with_sku.is_object()) with_sku["sku"] = sku;
    auto existing = session_.query(products).filter(products.sku == sku).with_for_update().first();
    if (!existing) return {{"created", true}, {"product", create(with_sku)}};
    // Every field is given: an upsert replaces the product, it does not patch it.
    ProductFields fields(with_sku);
    fields.product(nullptr);
    fields.raise_problems();
    return {{"created", false}, {"product", update(std::as_const(existing)->id, with_sku)}};
}

}  // namespace catalog
