// The seed's "Advanced Querying" with the ORM: "Querying with Functions" and "Subqueries and
// Joins", every row type inferred from the query (no hand-written types, no literal()).
// Checks its own results and exits 1 on a difference; runs on SQLite by default or on the
// database a URL names: retort_blog_queries [postgresql://...].
#include <retort/retort.hpp>

#include <cstdio>
#include <utility>

using namespace retort;
using namespace retort::orm;
using namespace std::chrono;

struct Post;
struct User {
    std::int64_t id = 0;
    std::string username;
    bool is_active = true;
    Many<Post> posts{};
};
struct Post {
    std::int64_t id = 0;
    std::string title;
    std::int64_t user_id = 0;
    DateTime created_at{};
    One<User> author{};
};

MetaData blog;
struct Users : Model<User> {
    Column<&User::id> id{this, primary_key};
    Column<&User::username> username{this, type::String(50), unique};
    Column<&User::is_active> is_active{this};
    Relationship<&User::posts> posts{this, {.back_populates = "author"}};
    Users() : Model("users", blog) {}
};
const Users users;
struct Posts : Model<Post> {
    Column<&Post::id> id{this, primary_key};
    Column<&Post::title> title{this, type::String(200)};
    Column<&Post::user_id> user_id{this, ForeignKey("users.id")};
    Column<&Post::created_at> created_at{this};
    Relationship<&Post::author> author{this, {.back_populates = "posts"}};
    Posts() : Model("posts", blog) {}
};
const Posts posts;

int failures = 0;
template <class T>
void expect(const T& actual, const T& expected, const char* what) {
    if (actual == expected) return;
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
}

// ann wrote 12 posts, bob 6, cyd 1, dan none (and is inactive); each one's newest is "latest".
void seed(Engine& engine, DateTime now) {
    Session session(engine);
    for (auto [name, count] :
         {std::pair{"ann", 12}, std::pair{"bob", 6}, std::pair{"cyd", 1}, std::pair{"dan", 0}}) {
        auto user = session.add(User{.username = name, .is_active = count > 0});
        for (int i = 0; i < count; ++i)
            user->posts.add(make(Post{.title = i == 0 ? "latest" : "post " + std::to_string(i),
                                      .created_at = now - days(i * 10)}));
    }
    session.commit();
}

void querying_with_functions(Session& session) {
    // Count users by status: rows are std::tuple<bool, std::int64_t>.
    auto user_counts = session.query(users.is_active, func::count(users.id).label("user_count"))
                           .group_by(users.is_active)
                           .order_by(users.is_active)
                           .all();
    for (auto [active, count] : user_counts)
        std::printf("%s users: %lld\n", active ? "Active" : "Inactive",
                    static_cast<long long>(count));
    expect(user_counts.size(), std::size_t{2}, "two statuses");

    // The users with the most posts: rows are std::tuple<Ptr<User>, std::int64_t>.
    auto post_count = func::count(posts.id).label("post_count");
    auto top_posters = session.query(users, post_count)
                           .join(users.posts)
                           .group_by(users.id, users.username, users.is_active)
                           .order_by(post_count.desc())
                           .limit(5)
                           .all();
    std::printf("\nTop posters:\n");
    for (const auto& [user, count] : top_posters)
        std::printf("- %s: %lld posts\n", std::as_const(user)->username.c_str(),
                    static_cast<long long>(count));
    expect(std::get<1>(top_posters.at(0)), std::int64_t{12}, "ann's posts");

    // CASE, typed by its branches: rows are std::tuple<std::string, std::string>.
    auto n = func::count(posts.id);
    auto category = case_(when(n > 10, "Prolific"), when(n > 5, "Active"), when(n > 0, "Beginner"))
                        .else_("Inactive");
    auto user_categories = session.query(users.username, category.label("category"))
                               .outerjoin(users.posts)
                               .group_by(users.username)
                               .order_by(users.username)
                               .all();
    std::printf("\nUser categories:\n");
    for (const auto& [username, label] : user_categories)
        std::printf("- %s: %s\n", username.c_str(), label.c_str());
    expect(user_categories,
           std::vector<std::tuple<std::string, std::string>>{
               {"ann", "Prolific"}, {"bob", "Active"}, {"cyd", "Beginner"}, {"dan", "Inactive"}},
           "categories");
}

void subqueries_and_joins(Session& session, DateTime now) {
    // Users who posted in the last month: IN a subquery.
    auto recent_posters_subq = select(posts.user_id).where(posts.created_at >= now - days(30));
    auto recent_posters =
        session.query(users).filter(users.id.in_(recent_posters_subq)).order_by(users.id).all();
    std::printf("\nUsers who posted in the last month: %zu\n", recent_posters.size());
    expect(recent_posters.size(), std::size_t{3}, "recent posters");

    // Each user with their most recent post, through a named subquery whose columns keep
    // their types: rows are std::tuple<Ptr<User>, Ptr<Post>>.
    auto max_date = func::max(posts.created_at).label("max_date");
    auto most_recent_post =
        select(posts.user_id, max_date).group_by({posts.user_id}).subquery("most_recent_post");
    auto user_with_recent_post =
        session.query(users, posts)
            .join(most_recent_post, users.id == most_recent_post.c(posts.user_id))
            .join(posts, posts.user_id == most_recent_post.c(posts.user_id) &&
                             posts.created_at == most_recent_post.c(max_date))
            .order_by(users.username)
            .all();
    std::printf("\nUsers with their most recent posts:\n");
    for (const auto& [user, post] : user_with_recent_post)
        std::printf("- %s: '%s'\n", std::as_const(user)->username.c_str(),
                    std::as_const(post)->title.c_str());
    expect(user_with_recent_post.size(), std::size_t{3}, "three latest posts");
    for (const auto& [user, post] : user_with_recent_post)
        expect(std::as_const(post)->title, std::string("latest"), "the newest post is 'latest'");
}

int main(int argc, char** argv) {
    try {
        Engine engine = create_engine(argc > 1 ? argv[1] : "sqlite://");
        blog.drop_all(engine);
        blog.create_all(engine);
        DateTime now = floor<seconds>(utc_now());
        seed(engine, now);
        {
            Session session(engine);
            querying_with_functions(session);
            subqueries_and_joins(session, now);
        }  // the session's connection goes back to the pool before the tables are dropped
        blog.drop_all(engine);
    } catch (const Error& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
    return failures == 0 ? 0 : 1;
}
