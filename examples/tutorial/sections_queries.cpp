// The walkthrough's "Advanced Querying": complex filtering, SQL functions with grouping and
// CASE, subqueries and joins, and its get_paginated_posts helper.
#include <chrono>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "models.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

void complex_filtering(Context& context) {
    heading("Complex Filtering");
    Session session = context.make_session();
    // Using and_, or_, not_ operators
    auto query = session.query(users).filter(and_(
        {users.is_active == true, or_({users.username.like("j%"), users.email.like("%@gmail.com")}),
         not_(users.username == "admin")}));
    auto found = query.order_by(users.id).all();
    std::printf("Found %zu users matching complex criteria:\n", found.size());
    std::vector<std::string> names;
    for (const auto& user : found) {
        std::printf("- %s (%s)\n", user->username.c_str(), user->email.c_str());
        names.push_back(user->username);
    }
    // Alternative syntax using &&, ||, ! (Python's &, |, ~)
    auto with_operators = session.query(users).filter(
        (users.is_active == true) &&
        (users.username.like("j%") || users.email.like("%@gmail.com")) &&
        !(users.username == "admin"));
    const bool same_sql =
        query.statement().to_string() == with_operators.order_by(users.id).statement().to_string();
    std::printf("Both queries produce the same SQL: %s\n", same_sql ? "True" : "False");
    context.check.equal(names, std::vector<std::string>{"johndoe", "janedoe"}, "j-users");
    context.check.that(same_sql, "and_/or_/not_ and the operators give the same SQL");
}

void querying_with_functions(Context& context) {
    heading("Querying with Functions");
    Session session = context.make_session();
    // Count users by status: rows are std::tuple<bool, std::int64_t>
    auto user_counts = session.query(users.is_active, func::count(users.id).label("user_count"))
                           .group_by(users.is_active)
                           .order_by(users.is_active)
                           .all();
    std::int64_t counted = 0;
    for (auto [status, count] : user_counts) {
        std::printf("%s users: %lld\n", status ? "Active" : "Inactive", ll(count));
        counted += count;
    }
    context.check.equal(counted, session.query(users).count(), "every user counted once");

    // Find users with the most posts: rows are std::tuple<Ptr<User>, std::int64_t>
    auto post_count = func::count(posts.id).label("post_count");
    auto top_posters = session.query(users, post_count)
                           .join(users.posts)
                           .group_by(users.id)
                           .order_by(post_count.desc(), users.username)
                           .limit(5)
                           .all();
    std::puts("\nTop posters:");
    for (const auto& [user, count] : top_posters)
        std::printf("- %s: %lld posts\n", user->username.c_str(), ll(count));
    context.check.that(top_posters.size() == 5 && std::get<1>(top_posters[0]) == 2 &&
                           std::get<0>(top_posters[0])->username == "another_blogger",
                       "another_blogger and blogger lead with 2 posts");

    // Using CASE statements: typed by its branches
    auto n = func::count(posts.id);
    auto category = case_(when(n > 10, "Prolific"), when(n > 5, "Active"), when(n > 0, "Beginner"))
                        .else_("Inactive");
    auto user_categories = session.query(users.username, category.label("category"))
                               .outerjoin(users.posts)
                               .group_by(users.username)
                               .order_by(users.username)
                               .all();
    std::puts("\nUser categories:");
    std::vector<std::string> beginners;
    for (const auto& [username, label] : user_categories) {
        std::printf("- %s: %s\n", username.c_str(), label.c_str());
        if (label == "Beginner") beginners.push_back(username);
    }
    context.check.equal(beginners.size(), 5, "five users with posts are beginners");
}

void subqueries_and_joins(Context& context) {
    heading("Subqueries and Joins");
    Session session = context.make_session();
    // Subquery: Find users who have made a post in the last month
    const DateTime last_month = utc_now() - std::chrono::days(30);
    auto recent_posters_subq = select(posts.user_id).where(posts.created_at >= last_month);
    auto recent_posters = session.query(users).filter(users.id.in_(recent_posters_subq)).all();
    std::printf("Users who posted in the last month: %zu\n", recent_posters.size());
    context.check.equal(recent_posters.size(), 5, "recent posters");

    // Complex join: Find users and their most recent post
    auto max_date = func::max(posts.created_at).label("max_date");
    auto most_recent_post_subq =
        select(posts.user_id, max_date).group_by({posts.user_id}).subquery("most_recent_post");
    auto user_with_recent_post =
        session.query(users, posts)
            .join(most_recent_post_subq, users.id == most_recent_post_subq.c(posts.user_id))
            .join(posts, posts.user_id == most_recent_post_subq.c(posts.user_id) &&
                             posts.created_at == most_recent_post_subq.c(max_date))
            .order_by(users.username, posts.id)
            .all();
    std::puts("\nUsers with their most recent posts:");
    std::set<std::string> authors;
    for (const auto& [user, post] : user_with_recent_post) {
        std::printf("- %s: '%s' (%s)\n", user->username.c_str(), post->title.c_str(),
                    format_datetime(post->created_at).c_str());
        authors.insert(user->username);
    }
    context.check.equal(authors.size(), 5, "each poster with a most recent post");
}

namespace {

struct PageInfo {
    std::int64_t page = 1;
    std::int64_t per_page = 10;
    std::int64_t total = 0;
    std::int64_t total_pages = 0;
    bool has_next = false;
    bool has_prev = false;
};
struct PaginatedPosts {
    std::vector<Ptr<Post>> items{};
    PageInfo pagination{};
};

/// Retrieve a paginated list of posts, newest first (the walkthrough's helper, on paginate()).
PaginatedPosts get_paginated_posts(Session& session, std::int64_t page = 1,
                                   std::int64_t per_page = 10) {
    Pagination<Post> result = paginate(
        session.query(posts).order_by(posts.created_at.desc(), posts.id.desc()), page, per_page);
    return {result.items,
            {.page = result.page,
             .per_page = result.per_page,
             .total = result.total.value_or(0),
             .total_pages = result.pages.value_or(0),
             .has_next = result.has_next,
             .has_prev = result.has_prev}};
}

void print_page(const PaginatedPosts& result) {
    std::printf("Page %lld of %lld\n", ll(result.pagination.page),
                ll(result.pagination.total_pages));
    std::printf("Showing %zu of %lld posts\n", result.items.size(), ll(result.pagination.total));
    for (const auto& post : result.items)
        std::printf("- %s (%s)\n", post->title.c_str(), format_datetime(post->created_at).c_str());
    // Navigation links
    if (result.pagination.has_prev) std::puts("< Previous Page");
    if (result.pagination.has_next) std::puts("Next Page >");
}

}  // namespace

void pagination(Context& context) {
    heading("Pagination");
    Session session = context.make_session();
    // Get first page of posts
    const PaginatedPosts first = get_paginated_posts(session, 1, 5);
    print_page(first);
    const PaginatedPosts second = get_paginated_posts(session, 2, 5);
    print_page(second);
    context.check.equal(first.pagination.total, 7, "seven posts in all");
    context.check.equal(first.pagination.total_pages, 2, "two pages of five");
    context.check.that(
        first.items.size() == 5 && first.pagination.has_next && !first.pagination.has_prev,
        "page 1: five posts, a next page");
    context.check.that(
        second.items.size() == 2 && second.pagination.has_prev && !second.pagination.has_next,
        "page 2: two posts, a previous page");
}

}  // namespace tutorial
