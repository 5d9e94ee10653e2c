// The walkthrough's "Transactions and Error Handling": a transaction managed by a scope, one
// managed by hand with a rollback on error, and the savepoint whose duplicate username fails
// while the outer transaction still commits.
#include <string>

#include "models.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

namespace {

User user_named(const std::string& username, const std::string& email) {
    // The walkthrough leaves password_hash out here, though its column is nullable=False.
    return User{.username = username, .email = email, .password_hash = "hashed_password_value"};
}

std::int64_t count_posts_titled(Context& context, const std::string& title) {
    Session session = context.make_session();
    return session.query(posts).filter(posts.title == title).count();
}

void managed_by_a_scope(Context& context) {
    // Automatic transaction management: session.begin() commits when its scope ends, and rolls
    // back when an exception leaves it (Python's `with Session() as session:` and `begin()`).
    try {
        Session session = context.make_session();
        auto transaction = session.begin();
        auto new_user = session.add(user_named("transaction_test", "transaction@example.com"));
        auto new_post = make(Post{.title = "Test Post", .content = "Test content"});
        new_post->author = new_user;
        session.add(new_post);
    } catch (const Error& error) {
        std::printf("An error occurred: %s\n", error.what());
    }
    std::printf("Committed by the scope: transaction_test and 'Test Post'\n");
    context.check.equal(count_posts_titled(context, "Test Post"), 1, "'Test Post' committed");
}

/// Manual transaction management; false when it was rolled back.
bool manual_transaction(Context& context, const std::string& title) {
    Session session = context.make_session();
    Ptr<User> new_user;
    Ptr<Post> new_post;
    try {
        new_user = session.add(user_named("manual_transaction", "manual@example.com"));
        new_post = make(Post{.title = title, .content = "Test content"});
        new_post->author = new_user;
        session.add(new_post);
        session.commit();
        std::printf("Committed by hand: manual_transaction and '%s'\n", title.c_str());
        return true;
    } catch (const Error& error) {
        session.rollback();  // Rollback on error
        std::printf("An error occurred, transaction rolled back: %s\n", error.what());
        // The rolled-back pair never reached the database, and each holds the other (the
        // post its author, the author its posts): C++ has no cycle collector, so unlink them,
        // or they outlive this scope (docs/guide/08-relationships-and-loading.md explains).
        if (new_user) new_user->posts.clear();
        return false;
    }
    // finally: session.close() is the destructor's
}

void savepoint(Context& context) {
    Session session = context.make_session();  // with Session(engine) as session:
    {
        auto transaction = session.begin();  // with session.begin():
        auto new_user = session.add(user_named("savepoint_test", "savepoint@example.com"));
        try {
            auto nested = session.begin_nested();  // with session.begin_nested(): (flushes first)
            session.add(user_named("savepoint_test", "duplicate@example.com"));
            nested.commit();  // the flush raises an IntegrityError: duplicate username
        } catch (const Error& error) {
            std::printf("Inner transaction failed: %s\n", error.what());
            // The outer transaction is still active
        }
        auto new_post = make(Post{.title = "Savepoint Post", .content = "Test content"});
        new_post->author = new_user;
        session.add(new_post);
    }  // the outer transaction commits here; only the savepoint's work was rolled back
    const auto stored = session.query(users).filter(users.username == "savepoint_test").all();
    std::printf("After the outer commit: %zu user savepoint_test (%s), %lld 'Savepoint Post'\n",
                stored.size(), stored.empty() ? "-" : stored[0]->email.c_str(),
                ll(count_posts_titled(context, "Savepoint Post")));
    context.check.that(stored.size() == 1 && stored[0]->email == "savepoint@example.com",
                       "the outer user is stored, the duplicate is not");
    context.check.equal(count_posts_titled(context, "Savepoint Post"), 1,
                        "the outer transaction's post is stored");
}

}  // namespace

void transactions_and_error_handling(Context& context) {
    heading("Transactions and Error Handling");
    managed_by_a_scope(context);
    const bool first = manual_transaction(context, "Manual Post");
    std::puts("(the same again: the username is taken now)");
    const bool again = manual_transaction(context, "Manual Post, again");
    context.check.that(first && !again, "the manual transaction commits, then rolls back");
    context.check.equal(count_posts_titled(context, "Manual Post, again"), 0,
                        "the rolled-back post is not stored");
    savepoint(context);
}

}  // namespace tutorial
