// Retort's demo on the embedded default (SQLite): the seed walkthrough's models declared as
// plain structs, created with create_all, filled and queried with the expression language,
// then worked with through the ORM: a Session, relationships, eager loading.
// Usage: retort_demo [URL]   (default: sqlite:///retort_demo.db; any PostgreSQL URL works too)
#include <retort/retort.hpp>

#include <cstdio>
#include <string>

using namespace retort;

struct Post;
struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    bool is_active = true;
    DateTime created_at{};
    orm::Many<Post> posts{};
};

struct Post {
    std::int64_t id = 0;
    std::string title;
    std::string content;
    std::int64_t user_id = 0;
    bool is_published = false;
    DateTime created_at{};
    orm::One<User> author{};
};

MetaData demo_metadata;

struct Users : Model<User> {
    Column<&User::id> id{this, primary_key};
    Column<&User::username> username{this, type::String(50), unique};
    Column<&User::email> email{this, type::String(100), unique};
    Column<&User::is_active> is_active{this, default_(true)};
    Column<&User::created_at> created_at{this, default_(utc_now)};
    orm::Relationship<&User::posts> posts{this, {.back_populates = "author"}};
    Users() : Model("demo_users", demo_metadata) {}
};
const Users users;

struct Posts : Model<Post> {
    Column<&Post::id> id{this, primary_key};
    Column<&Post::title> title{this, type::String(200)};
    Column<&Post::content> content{this, type::Text()};
    Column<&Post::user_id> user_id{
        this, ForeignKey("demo_users.id", {.on_delete = ReferentialAction::cascade})};
    Column<&Post::is_published> is_published{this, default_(false)};
    Column<&Post::created_at> created_at{this, default_(utc_now)};
    orm::Relationship<&Post::author> author{this, {.back_populates = "posts"}};
    Posts() : Model("demo_posts", demo_metadata) {}
};
const Posts posts;

int main(int argc, char** argv) {
    std::string url = argc > 1 ? argv[1] : "sqlite:///retort_demo.db";
    try {
        Engine engine = create_engine(url);
        std::printf("engine: %s (%s)\n", engine.url().str().c_str(),
                    std::string(engine.dialect_name()).c_str());
        demo_metadata.drop_all(engine);
        demo_metadata.create_all(engine);

        engine.transaction([](Connection& conn) {
            for (auto [name, email, active] : {std::tuple{"johndoe", "john@example.com", true},
                                               std::tuple{"janedoe", "jane@gmail.com", true},
                                               std::tuple{"olduser", "old@old.com", false}})
                conn.execute(insert(users).values(
                    {{"username", name}, {"email", email}, {"is_active", active}}));
            conn.execute(insert(posts).values_many(
                {{{"title", "Hello"}, {"content", "First post"}, {"user_id", 1}},
                 {{"title", "SQL"}, {"content", "Joins"}, {"user_id", 1}},
                 {{"title", "C++"}, {"content", "Templates"}, {"user_id", 2}}}));
        });

        Connection conn = engine.connect();
        std::printf("active users:\n");
        for (auto [id, username, email] : conn.execute(select(users.id, users.username, users.email)
                                                           .where(users.is_active == true)
                                                           .order_by({users.id})))
            std::printf("  %lld  %-8s %s\n", static_cast<long long>(id), username.c_str(),
                        email.c_str());

        std::printf("posts per user:\n");
        for (auto [username, count] : conn.execute(select(users.username, func::count(posts.id))
                                                       .outerjoin(posts)
                                                       .group_by({users.username})
                                                       .order_by({users.username})))
            std::printf("  %-8s %lld\n", username.c_str(), static_cast<long long>(count));

        auto changed = conn.execute(
            update(users).values({{"is_active", false}}).where(users.email.like("%@gmail.com")));
        std::printf("deactivated %lld gmail user(s)\n",
                    static_cast<long long>(changed.rows_affected()));
        conn.commit();

        try {
            conn.execute(
                insert(users).values({{"username", "johndoe"}, {"email", "x@example.com"}}));
        } catch (const IntegrityError&) {
            std::printf("duplicate username refused: IntegrityError\n");
            conn.rollback();
        }
        std::printf("tables in the database: ");
        for (const auto& name : Inspector(conn).table_names()) std::printf("%s ", name.c_str());
        std::printf("\n");
        conn.close();

        // The ORM: a Session with an identity map and a unit of work.
        orm::Session session(engine);
        auto blogger = orm::make(User{.username = "blogger", .email = "blogger@example.com"});
        auto post = orm::make(Post{.title = "My First Post", .content = "Hello world"});
        post->author = blogger;  // back_populates: blogger->posts holds it too
        session.add(blogger);    // the post is added with its author (save-update cascade)
        session.commit();        // INSERT the user, then the post with the user's new key
        std::printf("blogger has id %lld; the post's user_id is %lld\n",
                    static_cast<long long>(std::as_const(blogger)->id),
                    static_cast<long long>(std::as_const(post)->user_id));

        auto john = session.query(users).filter(users.username == "johndoe").one();
        john->email = "john.doe@example.com";  // plain assignment: an UPDATE at commit
        session.commit();

        std::printf("users and their posts (2 statements with selectinload):\n");
        const auto everyone =
            session.query(users).options(orm::selectinload(users.posts)).order_by(users.id).all();
        for (const auto& user : everyone) {
            std::printf("  %-8s %-22s", user->username.c_str(), user->email.c_str());
            for (const auto& p : user->posts) std::printf(" [%s]", p->title.c_str());
            std::printf("\n");
        }
        return 0;
    } catch (const Error& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
