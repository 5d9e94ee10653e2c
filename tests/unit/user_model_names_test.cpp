// Users name their models with short common nouns and pull Retort in with using-directives, as
// the README teaches. None of these names may be taken by Retort at namespace scope: this file
// must compile, and the models must work.
#include <gtest/gtest.h>

#include <retort/retort.hpp>

using namespace retort;
using namespace retort::orm;

struct User;
struct Post;
struct Comment;

struct User {
    std::int64_t id = 0;
    std::string username;
    Many<Post> posts{};
};
struct Post {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string title;
    One<User> author{};
    Many<Comment> comments{};
};
struct Comment {
    std::int64_t id = 0;
    std::int64_t post_id = 0;
    std::string body;
    One<Post> post{};
};
struct Tag {
    std::int64_t id = 0;
    std::string name;
};
struct Profile {
    std::int64_t id = 0;
    std::string bio;
};
struct Product {
    std::int64_t id = 0;
    std::string sku;
};
struct Category {
    std::int64_t id = 0;
    std::string name;
};
struct Event {
    std::int64_t id = 0;
    std::string kind;
};
struct Article {
    std::int64_t id = 0;
    std::string title;
};
struct Page {
    std::int64_t id = 0;
    std::string slug;
};
struct Notification {
    std::int64_t id = 0;
    std::string message;
};
struct Order {
    std::int64_t id = 0;
    std::string status;
};
struct Item {
    std::int64_t id = 0;
    std::string description;
};
struct Address {
    std::int64_t id = 0;
    std::string email;
};
struct Keyword {
    std::int64_t id = 0;
    std::string word;
};
struct Node {
    std::int64_t id = 0;
    std::string data;
};

MetaData names_metadata;

struct Users : Model<User> {
    Column<&User::id> id{this, primary_key};
    Column<&User::username> username{this};
    Relationship<&User::posts> posts{this, {.back_populates = "author"}};
    Users() : Model("users", names_metadata) {}
};
const Users users;
struct Posts : Model<Post> {
    Column<&Post::id> id{this, primary_key};
    Column<&Post::user_id> user_id{this, ForeignKey("users.id")};
    Column<&Post::title> title{this};
    Relationship<&Post::author> author{this, {.back_populates = "posts"}};
    Relationship<&Post::comments> comments{this, {.back_populates = "post"}};
    Posts() : Model("posts", names_metadata) {}
};
const Posts posts;
struct Comments : Model<Comment> {
    Column<&Comment::id> id{this, primary_key};
    Column<&Comment::post_id> post_id{this, ForeignKey("posts.id")};
    Column<&Comment::body> body{this, comment("what the reader wrote")};
    Relationship<&Comment::post> post{this, {.back_populates = "comments"}};
    Comments() : Model("comments", names_metadata) {}
};
const Comments comments;

// One descriptor per remaining model, each under the plural name users give it.
#define NAMES_TEST_MODEL(Entity, descriptor, member)            \
    struct Entity##Model : Model<Entity> {                      \
        Column<&Entity::id> id{this, primary_key};              \
        Column<&Entity::member> member{this};                   \
        Entity##Model() : Model(#descriptor, names_metadata) {} \
    };                                                          \
    const Entity##Model descriptor;
NAMES_TEST_MODEL(Tag, tags, name)
NAMES_TEST_MODEL(Profile, profiles, bio)
NAMES_TEST_MODEL(Product, products, sku)
NAMES_TEST_MODEL(Category, categories, name)
NAMES_TEST_MODEL(Event, events, kind)
NAMES_TEST_MODEL(Article, articles, title)
NAMES_TEST_MODEL(Page, pages, slug)
NAMES_TEST_MODEL(Notification, notifications, message)
NAMES_TEST_MODEL(Order, orders, status)
NAMES_TEST_MODEL(Item, items, description)
NAMES_TEST_MODEL(Address, addresses, email)
NAMES_TEST_MODEL(Keyword, keywords, word)
NAMES_TEST_MODEL(Node, nodes, data)
#undef NAMES_TEST_MODEL

TEST(UserModelNames, common_nouns_are_free_for_models_under_both_using_directives) {
    auto engine = create_engine("sqlite://");
    names_metadata.create_all(engine);
    Session session(engine);
    auto author = session.add(User{.username = "ann"});
    auto post = make(Post{.title = "hello"});
    post->author = author;
    auto remark = make(Comment{.body = "first"});
    remark->post = post;
    session.add(Event{.kind = "signup"});
    session.add(Page{.slug = "about"});
    session.add(Notification{.message = "welcome"});
    session.add(Node{.data = "root"});
    session.commit();
    auto found = session.query(comments).options(joinedload(comments.post)).one();
    EXPECT_EQ(std::as_const(found)->body, "first");
    const auto parent = std::as_const(found)->post.get();
    EXPECT_EQ(parent->title, "hello");
    EXPECT_EQ(session.query(events).filter(events.kind == "signup").count(), 1);
    EXPECT_EQ(session.query(pages).count(), 1);
    EXPECT_EQ(session.query(notifications).count(), 1);
    EXPECT_EQ(session.query(nodes).count(), 1);
}
