#include "models.hpp"

#include <retort/dialects/postgresql/functions.hpp>

namespace catalog {

using namespace retort;
namespace pg = retort::postgresql;

MetaData& metadata() {
    static MetaData catalog_metadata;
    return catalog_metadata;
}

Computed Products::search_vector() {
    return computed(pg::setweight(pg::to_tsvector("english", column("name")), 'A') ||
                    pg::setweight(pg::to_tsvector("english", column("description")), 'B'));
}

Products::Products() : Model("products", metadata()) {
    add_table_item(CheckConstraint{column("price") >= 0, "ck_products_price_not_negative"});
    add_table_item(CheckConstraint{column("stock") >= 0, "ck_products_stock_not_negative"});
    // GIN indexes: full-text search, tag and category containment/overlap, JSONB containment.
    add_table_item(Index{"ix_products_search", {"search"}, {}, false, {}, "gin"});
    add_table_item(Index{"ix_products_tags", {"tags"}, {}, false, {}, "gin"});
    add_table_item(Index{"ix_products_categories", {"categories"}, {}, false, {}, "gin"});
    // jsonb_ops (the default class), not jsonb_path_ops: it also answers `?` (a key exists)
    // and the key part of a jsonpath predicate (@?), which the search's filters use.
    add_table_item(Index{"ix_products_attributes_keys", {"attributes"}, {}, false, {}, "gin"});
}

const Categories categories;
const Products products;

}  // namespace catalog
