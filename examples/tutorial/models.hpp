// The tutorial's models: plain structs (the objects) and their descriptors (the mapping), as
// SQLAlchemy's declarative classes are both. Every table is prefixed "tut_" so that the program
// can share a PostgreSQL database with other programs. The descriptors are defined, in this
// order, in models.cpp: the first descriptor of a struct is the one session.add(User{...}) uses.
#pragma once

#include <retort/retort.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tutorial {

struct Post;
struct Profile;
struct Tag;
struct Product;

// --- the core models: users, posts, tags, post_tag, profiles, categories, products ----------

struct User {
    std::int64_t id = 0;
    std::string username{};
    std::string email{};
    std::string password_hash{};
    bool is_active = true;
    retort::DateTime created_at{};
    retort::orm::Many<Post> posts{};      // one-to-many
    retort::orm::One<Profile> profile{};  // one-to-one: profiles holds the key
};

struct Post {
    std::int64_t id = 0;
    std::string title{};
    std::string content{};
    std::int64_t user_id = 0;
    bool is_published = false;
    retort::DateTime created_at{};
    retort::DateTime updated_at{};
    retort::orm::One<User> author{};  // many-to-one
    retort::orm::Many<Tag> tags{};    // many-to-many through post_tag
};

struct Tag {
    std::int64_t id = 0;
    std::string name{};
    retort::orm::Many<Post> posts{};
};

struct Profile {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::optional<std::string> bio{};
    retort::orm::One<User> user{};
};

struct Category {
    std::int64_t id = 0;
    std::string name{};
    retort::orm::Many<Product> products{};
};

struct Product {
    std::int64_t id = 0;
    std::string sku{};
    std::string name{};
    double price = 0.0;
    std::int32_t stock = 0;
    std::optional<std::int64_t> category_id{};
    std::optional<std::string> description{};
    bool is_active = true;
    retort::DateTime created_at{};
    retort::orm::One<Category> category{};
};

/// Declarative's Base.metadata for the core models (what --diagram draws).
extern retort::MetaData core_metadata;

/// The association table of the many-to-many, a plain Table as in the walkthrough.
extern const retort::Table post_tag;

struct Users : retort::Model<User> {
    Column<&User::id> id{this, retort::primary_key};
    Column<&User::username> username{this, retort::type::String(50), retort::unique};
    Column<&User::email> email{this, retort::type::String(100), retort::unique};
    Column<&User::password_hash> password_hash{this, retort::type::String(128)};
    Column<&User::is_active> is_active{this};
    Column<&User::created_at> created_at{this, retort::default_(retort::utc_now)};
    retort::orm::Relationship<&User::posts> posts{this, {.back_populates = "author"}};
    retort::orm::Relationship<&User::profile> profile{this, {.back_populates = "user"}};
    Users() : Model("tut_users", core_metadata) {}
};
extern const Users users;

struct Posts : retort::Model<Post> {
    Column<&Post::id> id{this, retort::primary_key};
    Column<&Post::title> title{this, retort::type::String(200)};
    Column<&Post::content> content{this, retort::type::Text()};
    Column<&Post::user_id> user_id{this, retort::ForeignKey("tut_users.id")};
    Column<&Post::is_published> is_published{this};
    Column<&Post::created_at> created_at{this, retort::default_(retort::utc_now)};
    Column<&Post::updated_at> updated_at{this, retort::default_(retort::utc_now),
                                         retort::onupdate(retort::utc_now)};
    retort::orm::Relationship<&Post::author> author{this, {.back_populates = "posts"}};
    retort::orm::Relationship<&Post::tags> tags{
        this, {.back_populates = "posts", .secondary = &post_tag}};
    Posts() : Model("tut_posts", core_metadata) {}
};
extern const Posts posts;

struct Tags : retort::Model<Tag> {
    Column<&Tag::id> id{this, retort::primary_key};
    Column<&Tag::name> name{this, retort::type::String(50), retort::unique};
    retort::orm::Relationship<&Tag::posts> posts{
        this, {.back_populates = "tags", .secondary = &post_tag}};
    Tags() : Model("tut_tags", core_metadata) {}
};
extern const Tags tags;

struct Profiles : retort::Model<Profile> {
    Column<&Profile::id> id{this, retort::primary_key};
    Column<&Profile::user_id> user_id{this, retort::ForeignKey("tut_users.id"), retort::unique};
    Column<&Profile::bio> bio{this, retort::type::Text()};
    retort::orm::Relationship<&Profile::user> user{this, {.back_populates = "profile"}};
    Profiles() : Model("tut_profiles", core_metadata) {}
};
extern const Profiles profiles;

struct Categories : retort::Model<Category> {
    Column<&Category::id> id{this, retort::primary_key};
    Column<&Category::name> name{this, retort::type::String(50), retort::unique};
    retort::orm::Relationship<&Category::products> products{this, {.back_populates = "category"}};
    Categories() : Model("tut_categories", core_metadata) {}
};
extern const Categories categories;

/// The walkthrough's Product with its __table_args__ (added in the constructor, models.cpp).
struct Products : retort::Model<Product> {
    Column<&Product::id> id{this, retort::primary_key};
    Column<&Product::sku> sku{this, retort::type::String(20)};
    Column<&Product::name> name{this, retort::type::String(100)};
    Column<&Product::price> price{this};
    Column<&Product::stock> stock{this};
    Column<&Product::category_id> category_id{this, retort::ForeignKey("tut_categories.id")};
    Column<&Product::description> description{this, retort::type::Text()};
    Column<&Product::is_active> is_active{this};
    Column<&Product::created_at> created_at{this, retort::default_(retort::utc_now)};
    retort::orm::Relationship<&Product::category> category{this, {.back_populates = "products"}};
    Products();
};
extern const Products products;

// --- PostgreSQL-only models, each section with a MetaData of its own -------------------------

namespace arrays {
/// The walkthrough's second Product, with ARRAY columns, in a namespace of its own (GCC 12 wants
/// mapped structs of distinct names across a program).
struct Product {
    std::int64_t id = 0;
    std::string name{};
    std::vector<std::string> tags{};         // VARCHAR[]
    std::vector<std::int32_t> dimensions{};  // INTEGER[]
};
extern retort::MetaData metadata;
struct Products : retort::Model<Product> {
    Column<&Product::id> id{this, retort::primary_key};
    Column<&Product::name> name{this, retort::type::String(100)};
    Column<&Product::tags> tags{this};
    Column<&Product::dimensions> dimensions{this};
    Products() : Model("tut_array_products", metadata) {}
};
extern const Products products;
}  // namespace arrays

struct Event {
    std::int64_t id = 0;
    std::string name{};
    retort::Json data{};
    retort::DateTime created_at{};
};
extern retort::MetaData json_metadata;
struct Events : retort::Model<Event> {
    Column<&Event::id> id{this, retort::primary_key};
    Column<&Event::name> name{this, retort::type::String(100)};
    Column<&Event::data> data{this, retort::type::Jsonb()};
    Column<&Event::created_at> created_at{this, retort::default_(retort::utc_now)};
    Events() : Model("tut_events", json_metadata) {}
};
extern const Events events;

struct Article {
    std::int64_t id = 0;
    std::string title{};
    std::string content{};
    retort::TsVector search_vector{};  // kept by a trigger (sections_postgresql.cpp)
};
extern retort::MetaData search_metadata;
struct Articles : retort::Model<Article> {
    Column<&Article::id> id{this, retort::primary_key};
    Column<&Article::title> title{this, retort::type::String(200)};
    Column<&Article::content> content{this, retort::type::Text()};
    Column<&Article::search_vector> search_vector{this};
    Articles();
};
extern const Articles articles;

// --- "Structuring SQLAlchemy Code": models.py declares User on a Base of its own -------------

/// The same User struct mapped a second time, to a table of its own: the repository and the
/// service start from an empty table, as the walkthrough's application does.
extern retort::MetaData app_metadata;
struct AppUsers : retort::Model<User> {
    Column<&User::id> id{this, retort::primary_key};
    Column<&User::username> username{this, retort::type::String(50), retort::unique};
    Column<&User::email> email{this, retort::type::String(100), retort::unique};
    Column<&User::password_hash> password_hash{this, retort::type::String(128)};
    Column<&User::is_active> is_active{this};
    Column<&User::created_at> created_at{this, retort::default_(retort::utc_now)};
    AppUsers() : Model("tut_app_users", app_metadata) {}
};
extern const AppUsers app_users;

}  // namespace tutorial
