// The catalog's models (the seed's Activity 3): products whose specifications are JSONB, whose
// tags and categories are text arrays, and whose search vector PostgreSQL generates from the
// name and description; and the category tree the categories come from. PostgreSQL only.
#pragma once

#include <cstdint>
#include <optional>
#include <retort/retort.hpp>
#include <string>
#include <vector>

namespace catalog {

retort::MetaData& metadata();

/// A node of the category tree; a product names leaf categories by slug.
struct Category {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id{};
    std::string slug{};
    std::string name{};
};

struct Product {
    std::int64_t id = 0;
    std::string sku{};
    std::string name{};
    std::string description{};
    retort::Decimal price{};
    std::int32_t stock = 0;
    retort::Json attributes{};              ///< brand, colour, size, specs: {...}
    std::vector<std::string> tags{};        ///< "waterproof", "sale", ...
    std::vector<std::string> categories{};  ///< slugs of leaf categories
    retort::TsVector search{};              ///< generated: name (weight A), description (B)
    retort::DateTime created_at{};
    retort::DateTime updated_at{};
};

struct Categories : retort::Model<Category> {
    Column<&Category::id> id{this, retort::primary_key};
    Column<&Category::parent_id> parent_id{this, retort::ForeignKey("categories.id"),
                                           retort::indexed};
    Column<&Category::slug> slug{this, retort::type::String(60), retort::unique};
    Column<&Category::name> name{this, retort::type::String(100)};
    Categories() : Model("categories", metadata()) {}
};
extern const Categories categories;

struct Products : retort::Model<Product> {
    Column<&Product::id> id{this, retort::primary_key};
    Column<&Product::sku> sku{this, retort::type::String(32), retort::unique};
    Column<&Product::name> name{this, retort::type::String(200)};
    Column<&Product::description> description{this, retort::type::Text()};
    Column<&Product::price> price{this, retort::type::Numeric(10, 2), retort::indexed};
    Column<&Product::stock> stock{this};
    Column<&Product::attributes> attributes{this, retort::type::Jsonb()};
    Column<&Product::tags> tags{this, retort::type::Array(retort::type::Text())};
    Column<&Product::categories> categories{this, retort::type::Array(retort::type::Text())};
    Column<&Product::search> search{this, search_vector()};
    Column<&Product::created_at> created_at{this, retort::indexed,
                                            retort::default_([] { return retort::utc_now(); })};
    Column<&Product::updated_at> updated_at{this,
                                            retort::default_([] { return retort::utc_now(); }),
                                            retort::onupdate([] { return retort::utc_now(); })};
    Products();

  private:
    static retort::Computed search_vector();
};
extern const Products products;

}  // namespace catalog
