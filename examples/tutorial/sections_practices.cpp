// The walkthrough's "SQLAlchemy Best Practices": the N+1 problem and eager loading (with the
// SELECTs counted by an engine hook), load_only, bulk inserts, and the session factory with a
// scoped session as a web application uses it.
#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "models.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

namespace {

/// Counts the statements the engine sends while it lives (an after_execute hook, as
/// SQLAlchemy's event.listen(engine, "after_execute", ...)).
class StatementCounter {
  public:
    explicit StatementCounter(const Engine& engine) : engine_(engine) {
        engine_.events().after_execute.push_back(
            [this](const ExecuteInfo& info, std::chrono::nanoseconds) {
                ++statements_;
                rows_ += info.rows_affected > 0 ? info.rows_affected : 0;
                if (info.sql.starts_with("SELECT")) ++selects_;
            });
    }
    StatementCounter(const StatementCounter&) = delete;
    StatementCounter& operator=(const StatementCounter&) = delete;
    ~StatementCounter() { engine_.events().after_execute.pop_back(); }
    void reset() {
        statements_ = selects_ = 0;
        rows_ = 0;
    }
    int statements() const noexcept { return statements_; }
    int selects() const noexcept { return selects_; }
    std::int64_t rows() const noexcept { return rows_; }

  private:
    const Engine& engine_;
    int statements_ = 0;
    int selects_ = 0;
    std::int64_t rows_ = 0;
};

/// Prints each user's post count, reading `posts` (loaded already, or lazily one by one).
void print_post_counts(const std::vector<Ptr<User>>& everyone) {
    for (const auto& user : everyone)
        std::printf("%s has %zu posts\n", user->username.c_str(), user->posts.size());
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::string quoted(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "'" : ", '") + name + "'";
    return out;
}

}  // namespace

void n_plus_one_and_eager_loading(Context& context) {
    heading("Performance: N+1 Queries vs Eager Loading");
    StatementCounter counter(context.engine);
    std::size_t user_count = 0;
    {  // N+1 Query Problem (BAD): a separate query for each user's posts
        Session session = context.make_session();
        auto everyone = session.query(users).order_by(users.id).all();
        print_post_counts(everyone);
        user_count = everyone.size();
    }
    const int lazy = counter.selects();
    counter.reset();
    {  // Solution: Eager Loading (GOOD): users and their posts in a single query
        Session session = context.make_session();
        auto everyone =
            session.query(users).options(joinedload(users.posts)).order_by(users.id).all();
        print_post_counts(everyone);  // No additional queries needed
    }
    const int eager = counter.selects();
    std::printf("Lazy loading (N+1): %d SELECT statements for %zu users\n", lazy, user_count);
    std::printf("Eager loading (joinedload): %d SELECT statement\n", eager);
    context.check.equal(lazy, 1 + user_count, "one SELECT for the users, one per user");
    context.check.equal(eager, 1, "joinedload: one SELECT");
}

void selecting_only_needed_columns(Context& context) {
    heading("Performance: Selecting Only Needed Columns");
    Session session = context.make_session();
    // Instead of session.query(User).all()
    auto query = session.query(users).options(load_only(users.id, users.username, users.email));
    std::printf("SQL: %s\n", query.statement().to_string().c_str());
    auto everyone = query.order_by(users.id).all();
    const std::vector<std::string> unloaded =
        everyone.empty() ? std::vector<std::string>{} : inspect(everyone.front()).unloaded();
    std::printf("Loaded %zu users; columns not loaded: %s\n", everyone.size(),
                joined(unloaded).c_str());
    context.check.equal(unloaded,
                        std::vector<std::string>{"password_hash", "is_active", "created_at"},
                        "load_only leaves the other columns out");
}

void bulk_insert(Context& context) {
    heading("Performance: Bulk Insert");
    // Create 1000 sample users (the walkthrough gives no password_hash; its column is NOT NULL)
    std::vector<User> new_users;
    for (int i = 1; i <= 1000; ++i)
        new_users.push_back(User{.username = "user" + std::to_string(i),
                                 .email = "user" + std::to_string(i) + "@example.com",
                                 .password_hash = "hashed_password_value"});
    Session session = context.make_session();
    StatementCounter counter(context.engine);
    // session.add_all(users) would track 1000 objects and read their keys back;
    // bulk_insert (bulk_save_objects) writes them untracked: COPY on PostgreSQL.
    const std::int64_t inserted = session.bulk_insert(new_users);
    session.commit();
    std::printf("Bulk inserted %lld users: %d statement execution(s), %lld rows written\n",
                ll(inserted), counter.statements(), ll(counter.rows()));
    const std::int64_t stored = session.query(users).filter(users.username.like("user%")).count();
    context.check.equal(inserted, 1000, "rows inserted");
    context.check.equal(stored, 1000, "rows stored");
}

namespace {

/// get_db(): the request's session from the scoped registry, closed when the request ends.
class RequestSession {
  public:
    explicit RequestSession(ScopedSession& registry) : registry_(registry) {}
    RequestSession(const RequestSession&) = delete;
    RequestSession& operator=(const RequestSession&) = delete;
    ~RequestSession() { registry_.remove(); }  // finally: db.close()
    Session& operator*() const { return registry_(); }

  private:
    ScopedSession& registry_;
};

/// The Flask and FastAPI examples' /users route: {'users': [user.username for user in users]}.
std::vector<std::string> list_users(Session& db) {
    std::vector<std::string> names;
    for (const auto& user : db.query(users).order_by(users.id).all())
        names.push_back(user->username);
    return names;
}

}  // namespace

void session_factory_pattern(Context& context) {
    heading("Session Factory and Scoped Session");
    SessionFactory session_factory(context.engine);  // sessionmaker(bind=engine)
    ScopedSession SessionLocal(session_factory);     // scoped_session(session_factory)
    core_metadata.create_all(context.engine);        // init_db(): the tables exist already
    std::vector<std::string> names;
    bool one_session = false;
    {
        RequestSession db(SessionLocal);
        names = list_users(*db);
        one_session = &*db == &SessionLocal();  // SessionLocal() is this thread's session
    }
    const bool removed = !SessionLocal.has_session();
    const std::vector<std::string> first_four(
        names.begin(), names.begin() + std::min<std::ptrdiff_t>(4, std::ssize(names)));
    std::printf("GET /users: {'users': [%s, ...]} (%zu users)\n", quoted(first_four).c_str(),
                names.size());
    const Session* here = &SessionLocal();
    const Session* there = nullptr;
    std::thread([&] {
        there = &SessionLocal();  // another thread gets a session of its own
        SessionLocal.remove();
    }).join();
    SessionLocal.remove();
    std::printf("One session per request: %s; closed at its end: %s; one per thread: %s\n",
                one_session ? "True" : "False", removed ? "True" : "False",
                here != there ? "True" : "False");
    context.check.that(!names.empty() && names.front() == "johndoe",
                       "list_users starts with johndoe");
    context.check.that(one_session && removed && here != there, "the scoped session's rules");
}

}  // namespace tutorial
