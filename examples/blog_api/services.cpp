#include "services.hpp"

#include <chrono>

#include "api_error.hpp"
#include "security.hpp"
#include "validation.hpp"
#include "views.hpp"

namespace blog_api {

using namespace retort;
using namespace retort::orm;

namespace {

constexpr Length username_length{3, 50};
constexpr Length email_length{3, 254};
constexpr Length password_length{8, 128};
constexpr Length title_length{1, 200};
constexpr Length post_body_length{1, 20000};
constexpr Length comment_length{1, 5000};
constexpr Length tag_length{1, 40};
constexpr std::size_t tags_per_post = 10;

void check_username(Fields& fields, const std::optional<std::string>& username) {
    if (username && !is_username_shape(*username))
        fields.invalid("username", "may hold letters, digits, '_', '.' and '-' only");
}
void check_email(Fields& fields, const std::optional<std::string>& email) {
    if (email && !is_email_shape(*email)) fields.invalid("email", "is not an e-mail address");
}

template <class E>
nlohmann::json page_json(nlohmann::json items, const Pagination<E>& page) {
    nlohmann::json out = {{"items", std::move(items)},
                          {"page", page.page},
                          {"per_page", page.per_page},
                          {"has_next", page.has_next},
                          {"has_prev", page.has_prev}};
    if (page.total) {
        out["total"] = *page.total;
        out["pages"] = *page.pages;
    }
    return out;
}

// A hash to verify against when the user does not exist, so that a login for an unknown
// username takes as long as one with a wrong password.
const std::string& decoy_hash() {
    static const std::string hash = hash_password("not anybody's password");
    return hash;
}

}  // namespace

// --- users ----------------------------------------------------------------------------------

void UserService::flush_unique() {
    try {
        session_.flush();
    } catch (const IntegrityError& error) {
        session_.rollback();
        // PostgreSQL names the constraint; SQLite says "UNIQUE constraint failed: users.email".
        auto violated = [&](const std::string& column) {
            return error.constraint_name() == "uq_users_" + column ||
                   std::string(error.what()).find("users." + column) != std::string::npos;
        };
        if (violated("email")) throw conflict("email", "this e-mail address is already registered");
        if (violated("username")) throw conflict("username", "this username is taken");
        throw;
    }
}

nlohmann::json UserService::register_user(const nlohmann::json& body) {
    Fields fields(body);
    auto username = fields.text("username", username_length, true);
    auto email = fields.text("email", email_length, true);
    auto password = fields.text("password", password_length, true);
    check_username(fields, username);
    check_email(fields, email);
    fields.check();
    auto user = UserRepository(session_).add(
        User{.username = *username, .email = *email, .password_hash = hash_password(*password)});
    flush_unique();
    return own_user(*user);
}

nlohmann::json UserService::login(const nlohmann::json& body) {
    Fields fields(body);
    auto username = fields.text("username", {1, 50}, true);
    auto password = fields.text("password", {1, 128}, true);
    fields.check();
    auto user = UserRepository(session_).by_username(*username);
    const bool valid = verify_password(*password, user ? user->password_hash : decoy_hash());
    if (!user || !valid || !user->is_active) throw unauthorized("wrong username or password");
    TokenRepository tokens(session_);
    tokens.remove_expired(user->id);
    const std::string token = new_token();
    const DateTime expires_at = utc_now() + token_lifetime_;
    tokens.add(
        AuthToken{.user_id = user->id, .digest = token_digest(token), .expires_at = expires_at});
    return {{"access_token", token}, {"token_type", "bearer"}, {"expires_at", iso_utc(expires_at)}};
}

Ptr<User> UserService::authenticate(std::string_view authorization) {
    constexpr std::string_view scheme = "Bearer ";
    if (authorization.substr(0, scheme.size()) != scheme)
        throw unauthorized("this needs an Authorization: Bearer <token> header");
    auto user =
        TokenRepository(session_).user_of(token_digest(authorization.substr(scheme.size())));
    if (!user) throw unauthorized("the token is unknown or expired; log in again");
    if (!user->is_active) throw unauthorized("the account is closed");
    return user;
}

nlohmann::json UserService::update(Ptr<User> user, const nlohmann::json& body) {
    Fields fields(body);
    auto username = fields.text("username", username_length, false);
    auto email = fields.text("email", email_length, false);
    auto password = fields.text("password", password_length, false);
    check_username(fields, username);
    check_email(fields, email);
    fields.check();
    if (username) user->username = *username;
    if (email) user->email = *email;
    if (password) user->password_hash = hash_password(*password);
    flush_unique();
    return own_user(*user);
}

void UserService::remove(const Ptr<User>& user) {
    // The database's ON DELETE CASCADE removes the user's posts, comments and tokens.
    session_.execute(delete_(users).where(users.id == user->id));
}

// --- posts ----------------------------------------------------------------------------------

Ptr<Post> PostService::visible(std::int64_t id, const Ptr<User>& viewer, Loads loads) {
    auto post = loads == Loads::nothing
                    ? session_.get(posts, id)
                    : PostRepository(session_).get(id, loads == Loads::with_comments);
    if (!post || (!post->published && (!viewer || viewer->id != post->author_id)))
        throw not_found("post " + std::to_string(id));
    return post;
}

Ptr<Post> PostService::owned(std::int64_t id, const Ptr<User>& user) {
    auto post = visible(id, user, Loads::shown);
    if (post->author_id != user->id) throw forbidden("only the post's author may change it");
    return post;
}

nlohmann::json PostService::create(const Ptr<User>& author, const nlohmann::json& body) {
    Fields fields(body);
    auto title = fields.text("title", title_length, true);
    auto text = fields.text("body", post_body_length, true);
    auto published = fields.boolean("published", false);
    auto tag_names = fields.texts("tags", tags_per_post, tag_length);
    fields.check();
    auto post = PostRepository(session_).add(Post{.author_id = author->id,
                                                  .title = *title,
                                                  .body = *text,
                                                  .published = published.value_or(false)});
    post->author = author;
    for (auto& tag : TagRepository(session_).named(tag_names.value_or(std::vector<std::string>{})))
        post->tags.add(tag);
    session_.flush();
    return post_json(*post, false);
}

nlohmann::json PostService::list(const PostFilter& filter, const ListQuery& page) {
    auto found = PostRepository(session_).list(filter, page.page, page.per_page, page.total);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& post : found.items) items.push_back(post_json(*post, false));
    return page_json(std::move(items), found);
}

nlohmann::json PostService::get(std::int64_t id, const Ptr<User>& viewer) {
    return post_json(*visible(id, viewer, Loads::with_comments), true);
}

nlohmann::json PostService::update(std::int64_t id, const Ptr<User>& user,
                                   const nlohmann::json& body) {
    Fields fields(body);
    auto title = fields.text("title", title_length, false);
    auto text = fields.text("body", post_body_length, false);
    auto published = fields.boolean("published", false);
    auto tag_names = fields.texts("tags", tags_per_post, tag_length);
    fields.check();
    auto post = owned(id, user);
    if (title) post->title = *title;
    if (text) post->body = *text;
    if (published) post->published = *published;
    if (tag_names) {
        post->tags.clear();
        for (auto& tag : TagRepository(session_).named(*tag_names)) post->tags.add(tag);
    }
    session_.flush();
    session_.refresh(post);
    return post_json(*post, false);
}

void PostService::remove(std::int64_t id, const Ptr<User>& user) {
    PostRepository(session_).remove(owned(id, user));
}

nlohmann::json PostService::add_comment(std::int64_t post_id, const Ptr<User>& author,
                                        const nlohmann::json& body) {
    Fields fields(body);
    auto text = fields.text("body", comment_length, true);
    fields.check();
    visible(post_id, author, Loads::nothing);
    auto comment = CommentRepository(session_).add(
        Comment{.post_id = post_id, .author_id = author->id, .body = *text});
    comment->author = author;
    session_.flush();
    return comment_json(*comment);
}

nlohmann::json PostService::comments(std::int64_t post_id, const Ptr<User>& viewer,
                                     const ListQuery& page) {
    visible(post_id, viewer, Loads::nothing);
    auto found = CommentRepository(session_).of_post(post_id, page.page, page.per_page, page.total);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& comment : found.items) items.push_back(comment_json(*comment));
    return page_json(std::move(items), found);
}

}  // namespace blog_api
