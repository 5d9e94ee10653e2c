#include "repositories.hpp"

#include <algorithm>

namespace blog_api {

using namespace retort;
using namespace retort::orm;

Ptr<User> UserRepository::get(std::int64_t id) {
    return session_.get(users, id);
}

Ptr<User> UserRepository::by_username(const std::string& username) {
    return session_.query(users).filter(users.username == username).first();
}

Ptr<User> UserRepository::add(User user) {
    return session_.add(users, std::move(user));
}

void UserRepository::remove(const Ptr<User>& user) {
    session_.delete_(user);
}

Ptr<User> TokenRepository::user_of(const std::string& digest) {
    return session_.query(users)
        .join(auth_tokens, auth_tokens.user_id == users.id)
        .filter(auth_tokens.digest == digest && auth_tokens.expires_at > utc_now())
        .first();
}

Ptr<AuthToken> TokenRepository::add(AuthToken token) {
    return session_.add(auth_tokens, std::move(token));
}

void TokenRepository::remove_expired(std::int64_t user_id) {
    session_.query(auth_tokens)
        .filter(auth_tokens.user_id == user_id && auth_tokens.expires_at <= utc_now())
        .delete_(Synchronize::none);
}

Ptr<Post> PostRepository::get(std::int64_t id, bool with_comments) {
    auto query = session_.query(posts);
    query.filter(posts.id == id).options(joinedload(posts.author), selectinload(posts.tags));
    if (with_comments)
        query.options(selectinload(posts.comments).then(joinedload(comments.author)));
    return query.first();
}

namespace {

// A LIKE pattern matching `text` anywhere, its own % _ and \ taken literally.
std::string contains_pattern(const std::string& text) {
    std::string out = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

}  // namespace

Pagination<Post> PostRepository::list(const PostFilter& filter, std::int64_t page,
                                      std::int64_t per_page, PageTotal total) {
    auto query = session_.query(posts);
    if (filter.author_id) query.filter(posts.author_id == *filter.author_id);
    if (filter.published) query.filter(posts.published == *filter.published);
    if (filter.viewer_id)
        query.filter(posts.published == true || posts.author_id == *filter.viewer_id);
    else
        query.filter(posts.published == true);
    if (filter.title_contains)
        query.filter(posts.title.ilike(contains_pattern(*filter.title_contains), '\\'));
    if (filter.tag) query.filter(posts.tags.any(tags.name == *filter.tag));
    query.order_by(posts.created_at.desc(), posts.id.desc())
        .options(joinedload(posts.author), selectinload(posts.tags));
    return paginate(std::move(query), page, per_page, total);
}

Ptr<Post> PostRepository::add(Post post) {
    return session_.add(posts, std::move(post));
}

void PostRepository::remove(const Ptr<Post>& post) {
    session_.delete_(post);
}

std::vector<Ptr<Tag>> TagRepository::named(const std::vector<std::string>& names) {
    std::vector<std::string> unique_names = names;
    std::sort(unique_names.begin(), unique_names.end());
    unique_names.erase(std::unique(unique_names.begin(), unique_names.end()), unique_names.end());
    if (unique_names.empty()) return {};
    // ON CONFLICT DO NOTHING: two requests naming one new tag at once both end with it.
    std::vector<std::vector<Assignment>> rows;
    for (const auto& name : unique_names) rows.push_back({{"name", name}});
    session_.execute(insert(tags).values_many(rows).on_conflict_do_nothing({"name"}));
    return session_.query(tags).filter(tags.name.in_(unique_names)).all();
}

Ptr<Comment> CommentRepository::add(Comment comment) {
    return session_.add(comments, std::move(comment));
}

Pagination<Comment> CommentRepository::of_post(std::int64_t post_id, std::int64_t page,
                                               std::int64_t per_page, PageTotal total) {
    auto query = session_.query(comments);
    query.filter(comments.post_id == post_id)
        .order_by(comments.id)
        .options(joinedload(comments.author));
    return paginate(std::move(query), page, per_page, total);
}

}  // namespace blog_api
