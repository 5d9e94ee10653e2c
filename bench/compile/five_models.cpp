// The compile-time benchmark's fixed translation unit: five models with relationships and twenty
// typed queries, as an application's data layer might hold them. It is compiled, never run
// (bench/compile_time). Keep it fixed: a change makes figures before and after incomparable.
#include <retort/retort.hpp>

namespace app {

using namespace retort;
using namespace retort::orm;

struct Post;
struct Comment;
struct Profile;
struct Tag;

struct User {
    std::int64_t id = 0;
    std::string username;
    std::optional<std::string> email{};
    bool is_active = true;
    DateTime created_at{};
    Many<Post> posts{};
    One<Profile> profile{};
};
struct Post {
    std::int64_t id = 0;
    std::string title;
    std::string body;
    std::int64_t user_id = 0;
    std::optional<DateTime> published_at{};
    One<User> author{};
    Many<Comment> comments{};
    Many<Tag> tags{};
};
struct Comment {
    std::int64_t id = 0;
    std::int64_t post_id = 0;
    std::string text;
    double score = 0;
    One<Post> post{};
};
struct Profile {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::optional<std::string> bio{};
    One<User> user{};
};
struct Tag {
    std::int64_t id = 0;
    std::string name;
    Many<Post> posts{};
};

inline MetaData metadata;
inline const Table post_tags("post_tags", metadata,
                             Column("post_id", type::BigInteger(), ForeignKey("posts.id"),
                                    primary_key),
                             Column("tag_id", type::BigInteger(), ForeignKey("tags.id"),
                                    primary_key));

struct Users : Model<User> {
    Column<&User::id> id{this, primary_key};
    Column<&User::username> username{this, type::String(50), unique};
    Column<&User::email> email{this, type::String(120)};
    Column<&User::is_active> is_active{this};
    Column<&User::created_at> created_at{this};
    Relationship<&User::posts> posts{this, {.back_populates = "author", .foreign_key = "user_id"}};
    Relationship<&User::profile> profile{this, {.back_populates = "user"}};
    Users() : Model("users", metadata) {}
};
inline const Users users;

struct Posts : Model<Post> {
    Column<&Post::id> id{this, primary_key};
    Column<&Post::title> title{this, type::String(200)};
    Column<&Post::body> body{this, type::Text()};
    Column<&Post::user_id> user_id{this, ForeignKey("users.id")};
    Column<&Post::published_at> published_at{this};
    Relationship<&Post::author> author{this, {.back_populates = "posts"}};
    Relationship<&Post::comments> comments{this, {.back_populates = "post"}};
    Relationship<&Post::tags> tags{this, {.back_populates = "posts", .secondary = &post_tags}};
    Posts() : Model("posts", metadata) {}
};
inline const Posts posts;

struct Comments : Model<Comment> {
    Column<&Comment::id> id{this, primary_key};
    Column<&Comment::post_id> post_id{this, ForeignKey("posts.id")};
    Column<&Comment::text> text{this, type::Text()};
    Column<&Comment::score> score{this};
    Relationship<&Comment::post> post{this, {.back_populates = "comments"}};
    Comments() : Model("comments", metadata) {}
};
inline const Comments comments;

struct Profiles : Model<Profile> {
    Column<&Profile::id> id{this, primary_key};
    Column<&Profile::user_id> user_id{this, ForeignKey("users.id"), unique};
    Column<&Profile::bio> bio{this, type::Text()};
    Relationship<&Profile::user> user{this, {.back_populates = "profile"}};
    Profiles() : Model("profiles", metadata) {}
};
inline const Profiles profiles;

struct Tags : Model<Tag> {
    Column<&Tag::id> id{this, primary_key};
    Column<&Tag::name> name{this, type::String(40), unique};
    Relationship<&Tag::posts> posts{this, {.back_populates = "tags", .secondary = &post_tags}};
    Tags() : Model("tags", metadata) {}
};
inline const Tags tags;

// Twenty typed queries.
std::size_t run_queries(Session& session, Connection& conn) {
    std::size_t n = 0;
    n += session.query(users).filter(users.username == "alice").all().size();
    n += session.query(users).filter(users.is_active == true).order_by(users.username.desc()).all().size();
    n += session.query(users).order_by(users.id).limit(10).offset(20).all().size();
    n += session.query(posts).filter(posts.title.like("%C++%")).all().size();
    n += session.query(posts).options(joinedload(posts.author)).all().size();
    n += session.query(users).options(selectinload(users.posts)).all().size();
    n += session.query(posts).options(selectinload(posts.comments), joinedload(posts.author)).all().size();
    n += session.query(comments).filter(comments.score > 3.5).order_by(comments.score.desc()).all().size();
    n += session.query(tags).filter(tags.name.in_(std::vector<std::string>{"c++", "sql"})).all().size();
    n += static_cast<std::size_t>(session.query(users).filter(users.email.is_null()).count());
    n += session.query(profiles).filter(profiles.bio.is_not_null()).all().size();
    n += conn.execute(select(users.username, users.email).order_by({users.username})).all().size();
    n += conn.execute(select(users.username, func::count(posts.id))
                          .select_from(users.join(posts, posts.user_id == users.id))
                          .group_by({users.username}))
             .all()
             .size();
    n += conn.execute(select(posts.title).where(posts.published_at.is_null())).all().size();
    n += conn.execute(select(func::avg(comments.score))).all().size();
    n += conn.execute(select(users).where(users.created_at < utc_now())).entities(users).size();
    n += conn.execute(select(posts.id, posts.title).where(posts.user_id == 7).limit(5)).all().size();
    n += conn.execute(select(tags.name).order_by({tags.name})).all().size();
    n += conn.execute(select(comments.text).where(comments.post_id == 1 && comments.score >= 2.0))
             .all()
             .size();
    auto first = session.query(users).order_by(users.id).first();
    n += first ? 1 : 0;
    return n;
}

}  // namespace app
