// The blog's models (the seed's Activity 1): users, their posts, comments on posts, tags on
// posts (many-to-many), and the login tokens users hold. One MetaData, blog_api::metadata().
#pragma once

#include <cstdint>
#include <optional>
#include <retort/retort.hpp>
#include <string>

namespace blog_api {

using retort::Column;
using retort::DateTime;
using retort::MetaData;
using retort::Model;
using retort::orm::Many;
using retort::orm::One;
using retort::orm::Relationship;

MetaData& metadata();

struct Post;
struct Comment;
struct Tag;

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::string password_hash;  ///< argon2id, libsodium's string form; never in a response
    bool is_active = true;
    DateTime created_at{};
    Many<Post> posts{};
};

struct Post {
    std::int64_t id = 0;
    std::int64_t author_id = 0;
    std::string title;
    std::string body;
    bool published = false;
    DateTime created_at{};
    DateTime updated_at{};
    One<User> author{};
    Many<Comment> comments{};
    Many<Tag> tags{};
};

struct Comment {
    std::int64_t id = 0;
    std::int64_t post_id = 0;
    std::int64_t author_id = 0;
    std::string body;
    DateTime created_at{};
    One<User> author{};
    One<Post> post{};
};

struct Tag {
    std::int64_t id = 0;
    std::string name;
    Many<Post> posts{};
};

/// A login: the token itself is given to the client once; only its digest is kept.
struct AuthToken {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string digest;  ///< BLAKE2b of the token, hex
    DateTime expires_at{};
};

/// post_tags: the association table of posts and tags.
const retort::Table& post_tags();

struct Users : Model<User> {
    Column<&User::id> id{this, retort::primary_key};
    Column<&User::username> username{this, retort::type::String(50), retort::not_null,
                                     retort::unique};
    Column<&User::email> email{this, retort::type::String(254), retort::not_null, retort::unique};
    Column<&User::password_hash> password_hash{this, retort::type::String(255), retort::not_null};
    Column<&User::is_active> is_active{this, retort::not_null};
    Column<&User::created_at> created_at{this, retort::not_null,
                                         retort::default_([] { return retort::utc_now(); })};
    Relationship<&User::posts> posts{this, {.back_populates = "author"}};
    Users() : Model("users", metadata()) {}
};
extern const Users users;

struct Posts : Model<Post> {
    Column<&Post::id> id{this, retort::primary_key};
    Column<&Post::author_id> author_id{
        this, retort::not_null, retort::indexed,
        retort::ForeignKey("users.id", {.on_delete = retort::ReferentialAction::cascade})};
    Column<&Post::title> title{this, retort::type::String(200), retort::not_null};
    Column<&Post::body> body{this, retort::type::Text(), retort::not_null};
    Column<&Post::published> published{this, retort::not_null, retort::indexed};
    Column<&Post::created_at> created_at{this, retort::not_null,
                                         retort::default_([] { return retort::utc_now(); })};
    Column<&Post::updated_at> updated_at{this, retort::not_null,
                                         retort::default_([] { return retort::utc_now(); }),
                                         retort::onupdate([] { return retort::utc_now(); })};
    Relationship<&Post::author> author{this, {.back_populates = "posts"}};
    Relationship<&Post::comments> comments{
        this,
        {.back_populates = "post", .cascade_delete = true, .passive_deletes = true, .order_by = [] {
             return by_comment_id();
         }}};
    Relationship<&Post::tags> tags{this, {.back_populates = "posts", .secondary = &post_tags()}};
    static std::vector<retort::Expression> by_comment_id();
    Posts() : Model("posts", metadata()) {
        // The list's order (newest first, the id breaking ties), read straight off the index:
        // on created_at alone, every page sorted its rows again.
        add_table_item(retort::Index{"ix_posts_created_at_id", {"created_at", "id"}});
    }
};
extern const Posts posts;

struct Comments : Model<Comment> {
    Column<&Comment::id> id{this, retort::primary_key};
    Column<&Comment::post_id> post_id{
        this, retort::not_null, retort::indexed,
        retort::ForeignKey("posts.id", {.on_delete = retort::ReferentialAction::cascade})};
    Column<&Comment::author_id> author_id{
        this, retort::not_null,
        retort::ForeignKey("users.id", {.on_delete = retort::ReferentialAction::cascade})};
    Column<&Comment::body> body{this, retort::type::Text(), retort::not_null};
    Column<&Comment::created_at> created_at{this, retort::not_null,
                                            retort::default_([] { return retort::utc_now(); })};
    Relationship<&Comment::author> author{this, {.foreign_key = "author_id"}};
    Relationship<&Comment::post> post{this, {.back_populates = "comments"}};
    Comments() : Model("comments", metadata()) {}
};
extern const Comments comments;

struct Tags : Model<Tag> {
    Column<&Tag::id> id{this, retort::primary_key};
    Column<&Tag::name> name{this, retort::type::String(40), retort::not_null, retort::unique};
    Relationship<&Tag::posts> posts{this, {.back_populates = "tags", .secondary = &post_tags()}};
    Tags() : Model("tags", metadata()) {}
};
extern const Tags tags;

struct AuthTokens : Model<AuthToken> {
    Column<&AuthToken::id> id{this, retort::primary_key};
    Column<&AuthToken::user_id> user_id{
        this, retort::not_null,
        retort::ForeignKey("users.id", {.on_delete = retort::ReferentialAction::cascade})};
    Column<&AuthToken::digest> digest{this, retort::type::String(64), retort::not_null,
                                      retort::unique};
    Column<&AuthToken::expires_at> expires_at{this, retort::not_null};
    AuthTokens() : Model("auth_tokens", metadata()) {}
};
extern const AuthTokens auth_tokens;

}  // namespace blog_api
