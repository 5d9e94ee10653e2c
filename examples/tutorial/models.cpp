// The descriptors, in one translation unit so that their order is fixed: a MetaData before its
// tables, post_tag before the relationships that name it, and `users` before `app_users` (the
// first descriptor of User is the one session.add(User{...}) and make(User{...}) use).
#include "models.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

MetaData core_metadata;

// post_tag = Table('post_tag', Base.metadata, Column('post_id', ..., primary_key=True), ...)
const Table post_tag("tut_post_tag", core_metadata,
                     Column("post_id", type::BigInteger(), ForeignKey("tut_posts.id"), primary_key),
                     Column("tag_id", type::BigInteger(), ForeignKey("tut_tags.id"), primary_key));

const Users users;
const Posts posts;
const Tags tags;
const Profiles profiles;
const Categories categories;

Products::Products() : Model("tut_products", core_metadata) {
    // __table_args__ = (UniqueConstraint(...), CheckConstraint(...), Index(...), ...)
    add_table_item(UniqueConstraint{{"sku"}, "uix_product_sku"});
    add_table_item(CheckConstraint{column("price") >= 0, "chk_product_price_positive"});
    add_table_item(CheckConstraint{column("stock") >= 0, "chk_product_stock_non_negative"});
    add_table_item(Index{"idx_product_category", {"category_id"}});
    add_table_item(Index{"idx_product_name", {"name"}});
    add_table_item(Index{"idx_product_active_category", {"is_active", "category_id"}});
}
const Products products;

namespace arrays {
MetaData metadata;
const Products products;
}  // namespace arrays

MetaData json_metadata;
const Events events;

MetaData search_metadata;
Articles::Articles() : Model("tut_articles", search_metadata) {
    // Index('idx_article_search_vector', 'search_vector', postgresql_using='gin')
    add_table_item(
        Index{.name = "idx_article_search_vector", .columns = {"search_vector"}, .using_ = "gin"});
}
const Articles articles;

MetaData app_metadata;
const AppUsers app_users;

}  // namespace tutorial
