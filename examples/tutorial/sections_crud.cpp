// The walkthrough's "Basic CRUD Operations": creating, reading, updating and deleting users,
// one at a time and in bulk, each step in a session of its own (`with Session() as session:`).
#include <string>
#include <utility>
#include <vector>

#include "models.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

namespace {

void print_found(const Ptr<User>& user) {
    if (user)
        std::printf("Found user: %s, %s\n", std::as_const(user)->username.c_str(),
                    std::as_const(user)->email.c_str());
    else
        std::puts("User not found");
}

void creating_objects(Context& context) {
    {  // Create a new user
        Session session = context.make_session();
        auto new_user = session.add(User{.username = "johndoe",
                                         .email = "john@example.com",
                                         .password_hash = "hashed_password_value"});
        session.commit();
        // After commit, the ID is available
        std::printf("Created user with ID: %lld\n", ll(std::as_const(new_user)->id));
        context.check.equal(std::as_const(new_user)->id, 1, "johndoe's ID");
    }
    {  // Create multiple objects
        Session session = context.make_session();
        auto added = session.add_all(std::vector<User>{{.username = "janedoe",
                                                        .email = "jane@example.com",
                                                        .password_hash = "hashed_password_1"},
                                                       {.username = "bobsmith",
                                                        .email = "bob@example.com",
                                                        .password_hash = "hashed_password_2"},
                                                       {.username = "alicejones",
                                                        .email = "alice@example.com",
                                                        .password_hash = "hashed_password_3"}});
        session.commit();
        std::vector<std::int64_t> ids;
        for (const auto& user : added) {
            std::printf("Created user: %s with ID: %lld\n", user->username.c_str(), ll(user->id));
            ids.push_back(user->id);
        }
        context.check.that(ids == std::vector<std::int64_t>{2, 3, 4}, "IDs 2, 3 and 4");
    }
}

void reading_objects(Context& context) {
    {  // Get a single user by primary key: session.query(User).get(1)
        Session session = context.make_session();
        auto user = session.get(users, 1);
        print_found(user);
        context.check.that(user && std::as_const(user)->username == "johndoe", "get(1)");
    }
    {  // Filter query - find a user by username
        Session session = context.make_session();
        auto user = session.query(users).filter_by({{"username", "johndoe"}}).first();
        print_found(user);
        context.check.that(bool(user), "filter_by(username='johndoe')");
    }
    {  // Find active users with email domain example.com
        Session session = context.make_session();
        auto found = session.query(users)
                         .filter(users.is_active == true && users.email.like("%@example.com"))
                         .all();
        std::printf("Found %zu active users with example.com emails:\n", found.size());
        for (const auto& user : found)
            std::printf("- %s (%s)\n", user->username.c_str(), user->email.c_str());
        context.check.equal(found.size(), 4, "active users at example.com");
    }
    {  // Get 5 most recently created users (the key breaks ties of one flush's timestamps)
        Session session = context.make_session();
        auto recent_users =
            session.query(users).order_by(users.created_at.desc(), users.id.desc()).limit(5).all();
        std::puts("Recent users:");
        for (const auto& user : recent_users)
            std::printf("- %s (created: %s)\n", user->username.c_str(),
                        format_datetime(user->created_at).c_str());
        context.check.that(
            !recent_users.empty() && std::as_const(recent_users.front())->username == "alicejones",
            "alicejones is the most recent");
    }
}

void updating_objects(Context& context) {
    {  // Update a single object by modifying its attributes
        Session session = context.make_session();
        auto user = session.query(users).filter_by({{"username", "johndoe"}}).first();
        if (user) {
            user->email = "john.doe@example.com";
            user->is_active = true;
            session.commit();
            std::printf("Updated user: %s with new email: %s\n",
                        std::as_const(user)->username.c_str(), std::as_const(user)->email.c_str());
        } else {
            std::puts("User not found");
        }
        context.check.that(user && std::as_const(user)->email == "john.doe@example.com",
                           "johndoe's new email");
    }
    {  // Bulk update: deactivate all users with a specific email domain
        Session session = context.make_session();
        session.add_all(std::vector<User>{
            {.username = "old_timer", .email = "timer@oldcompany.com", .password_hash = "x"},
            {.username = "old_hand", .email = "hand@oldcompany.com", .password_hash = "x"}});
        session.commit();
        std::puts("(added old_timer and old_hand at @oldcompany.com, for the bulk update)");
        const std::int64_t result = session.query(users)
                                        .filter(users.email.like("%@oldcompany.com"))
                                        .update({{"is_active", false}}, Synchronize::none);
        session.commit();
        std::printf("Deactivated %lld users with @oldcompany.com email addresses\n", ll(result));
        context.check.equal(result, 2, "users deactivated");
    }
}

void deleting_objects(Context& context) {
    {  // Delete a single object
        Session session = context.make_session();
        session.add(User{.username = "unwanted_user", .email = "unwanted@example.com"});
        session.commit();
        std::puts("(added unwanted_user, for the delete)");
        auto user = session.query(users).filter_by({{"username", "unwanted_user"}}).first();
        if (user) {
            const std::string username = std::as_const(user)->username;
            session.delete_(user);  // mark the object for deletion
            session.commit();
            std::printf("Deleted user: %s\n", username.c_str());
        } else {
            std::puts("User not found");
        }
        context.check.equal(session.query(users).filter_by({{"username", "unwanted_user"}}).count(),
                            0, "unwanted_user deleted");
    }
    {  // Bulk delete: all inactive users
        Session session = context.make_session();
        const std::int64_t result =
            session.query(users).filter(users.is_active == false).delete_(Synchronize::none);
        session.commit();
        std::printf("Deleted %lld inactive users\n", ll(result));
        context.check.equal(result, 2, "inactive users deleted");
        context.check.equal(session.query(users).count(), 4, "four users left");
    }
}

}  // namespace

void basic_crud_operations(Context& context) {
    heading("Basic CRUD Operations");
    creating_objects(context);
    reading_objects(context);
    updating_objects(context);
    deleting_objects(context);
}

}  // namespace tutorial
