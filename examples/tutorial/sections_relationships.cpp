// The walkthrough's "Working with Relationships" (creating related objects, and the
// many-to-many and one-to-one models in use), "Querying with Relationships", and "Transactions
// and Error Handling".
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "models.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

namespace {

void one_to_many(Context& context) {
    {  // Create a user with posts: the posts name their author
        Session session = context.make_session();
        auto new_user = make(User{.username = "blogger",
                                  .email = "blogger@example.com",
                                  .password_hash = "hashed_password_value"});
        auto post1 = make(
            Post{.title = "My First Post", .content = "This is the content of my first post."});
        post1->author = new_user;  // back_populates: new_user->posts holds it too
        auto post2 = make(
            Post{.title = "My Second Post", .content = "This is the content of my second post."});
        post2->author = new_user;
        session.add(new_user);  // posts will be cascade-added
        session.commit();
        std::printf("Created user with ID: %lld\n", ll(std::as_const(new_user)->id));
        std::printf("Created posts with IDs: %lld, %lld\n", ll(std::as_const(post1)->id),
                    ll(std::as_const(post2)->id));
        context.check.equal(std::as_const(post2)->user_id, std::as_const(new_user)->id,
                            "the post's user_id is its author's key");
    }
    {  // Alternative approach using the relationship from the other side
        Session session = context.make_session();
        auto new_user = make(User{.username = "another_blogger",
                                  .email = "another@example.com",
                                  .password_hash = "hashed_password_value"});
        new_user->posts.assign(
            {make(Post{.title = "First Post", .content = "Content of first post."}),
             make(Post{.title = "Second Post", .content = "Content of second post."})});
        session.add(new_user);
        session.commit();
        std::printf("Created user %s with %zu posts\n", std::as_const(new_user)->username.c_str(),
                    std::as_const(new_user)->posts.size());
        context.check.equal(session.query(posts).count(), 4, "four posts");
    }
}

void many_to_many_and_one_to_one(Context& context) {
    Session session = context.make_session();
    auto python = make(Tag{.name = "python"});
    auto sqlalchemy = make(Tag{.name = "sqlalchemy"});
    auto first = session.query(posts).filter(posts.title == "My First Post").one();
    first->tags.add(python);  // python->posts holds the post too
    first->tags.add(sqlalchemy);
    session.query(posts).filter(posts.title == "First Post").one()->tags.add(python);
    auto blogger = session.query(users).filter(users.username == "blogger").one();
    blogger->profile = make(Profile{.bio = "Writes about ORMs."});
    session.commit();  // the tags, the profile, then the post_tag rows

    std::string names;
    for (const auto& tag : std::as_const(first)->tags)
        names += (names.empty() ? "" : ", ") + tag->name;
    std::printf("'%s' has tags: %s\n", std::as_const(first)->title.c_str(), names.c_str());
    std::printf("Tag 'python' is on %zu posts\n", std::as_const(python)->posts.size());
    const auto& profile = std::as_const(blogger)->profile;
    std::printf("%s's profile: %s (profile.user: %s)\n", std::as_const(blogger)->username.c_str(),
                profile->bio.value_or("").c_str(), profile->user->username.c_str());
    context.check.equal(names, std::string("python, sqlalchemy"), "the first post's tags");
    context.check.equal(std::as_const(python)->posts.size(), 2, "posts tagged python");
    context.check.equal(session.query(profiles).count(), 1, "one profile");
}

void users_with_recent_published_posts(Context& context) {
    Session session = context.make_session();
    // Nothing is published yet in the walkthrough's data: publish one post first.
    session.query(posts).filter(posts.title == "My First Post").update({{"is_published", true}});
    session.commit();
    std::puts("(published 'My First Post', for the next query)");
    // Find users who have published posts in the last week
    const DateTime last_week = utc_now() - std::chrono::days(7);
    auto found =
        session.query(users)
            .filter(users.posts.any(posts.is_published == true && posts.created_at >= last_week))
            .all();
    std::printf("Found %zu users who published in the last week:\n", found.size());
    for (const auto& user : found) std::printf("- %s\n", user->username.c_str());
    // The walkthrough's spelling: join(User.posts) ... distinct()
    auto joined = session.query(users)
                      .join(users.posts)
                      .filter(posts.is_published == true && posts.created_at >= last_week)
                      .distinct()
                      .all();
    context.check.that(found.size() == 1 && std::as_const(found[0])->username == "blogger",
                       "blogger published in the last week");
    context.check.that(joined == found, "any() and join().distinct() agree");
}

}  // namespace

void working_with_relationships(Context& context) {
    heading("Working with Relationships");
    one_to_many(context);
    many_to_many_and_one_to_one(context);
}

void querying_with_relationships(Context& context) {
    heading("Querying with Relationships");
    {  // Get a user and related posts (eager loading with joinedload)
        Session session = context.make_session();
        const auto user = session.query(users)
                              .options(joinedload(users.posts))
                              .filter_by({{"username", "blogger"}})
                              .first();
        if (user) {
            std::printf("User: %s\n", user->username.c_str());
            std::printf("Post count: %zu\n", user->posts.size());
            for (const auto& post : user->posts) std::printf("- %s\n", post->title.c_str());
        } else {
            std::puts("User not found");
        }
        context.check.that(user && user->posts.size() == 2, "blogger's 2 posts");
    }
    {  // Find posts with their authors
        Session session = context.make_session();
        auto found =
            session.query(posts).join(posts.author).filter(users.username == "blogger").all();
        std::printf("Found %zu posts by blogger:\n", found.size());
        for (const auto& post : found)
            std::printf("- %s (by %s)\n", post->title.c_str(), post->author->username.c_str());
        context.check.equal(found.size(), 2, "posts by blogger");
    }
    users_with_recent_published_posts(context);
}

}  // namespace tutorial
