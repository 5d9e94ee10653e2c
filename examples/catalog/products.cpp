#include "products.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

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
    const Product changed = fields.product(&*std::as_const(product));
    fields.check_categories(session_);
    fields.raise_problems();
    return replace(product, changed);
}

nlohmann::json ProductService::replace(orm::Ptr<Product> product, const Product& with) {
    product->sku = with.sku;
    product->name = with.name;
    product->description = with.description;
    product->price = with.price;
    product->stock = with.stock;
    product->attributes = with.attributes;
    product->tags = with.tags;
    product->categories = with.categories;
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
    ProductFields fields(with_sku);
    const Product replacement = fields.product(nullptr);  // every field: a replace, not a patch
    fields.check_categories(session_);
    fields.raise_problems();
    // Two upserts of one new sku would both find nothing and both insert: a lock on the sku,
    // held to the end of the transaction, puts the second after the first.
    session_.connection().execute(
        select(func::call("pg_advisory_xact_lock", func::call("hashtext", literal(sku)))));
    auto existing = session_.query(products).filter(products.sku == sku).first();
    if (!existing) {
        auto added = session_.add(products, replacement);
        flush_unique(session_);
        return {{"created", true}, {"product", product_json(*added)}};
    }
    return {{"created", false}, {"product", replace(existing, replacement)}};
}

}  // namespace catalog
