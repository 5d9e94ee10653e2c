// The blog's use cases (the seed's service.py): they validate input, enforce who may do what,
// and answer with the JSON a response carries. One service object per request, over that
// request's Session; the HTTP layer commits the session after a service returns.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "repositories.hpp"

namespace blog_api {

/// What a list request asked for, read from its query string.
struct ListQuery {
    std::int64_t page = 1;
    std::int64_t per_page = 20;
    /// `total=true` counts every match for the page's `total`; otherwise the page reports
    /// only `has_next`, which costs no scan of the whole list.
    PageTotal total = PageTotal::skip;
};

class UserService {
  public:
    explicit UserService(Session& session,
                         std::chrono::seconds token_lifetime = std::chrono::hours(24))
        : session_(session), token_lifetime_(token_lifetime) {}
    nlohmann::json register_user(const nlohmann::json& body);
    /// A bearer token for the user whose credentials the body gives; 401 otherwise.
    nlohmann::json login(const nlohmann::json& body);
    /// The user a bearer token (the Authorization header's value) belongs to; 401 otherwise.
    Ptr<User> authenticate(std::string_view authorization);
    nlohmann::json update(Ptr<User> user, const nlohmann::json& body);
    void remove(const Ptr<User>& user);

  private:
    // Flushes, turning a duplicate username or e-mail into 409 naming the field.
    void flush_unique();
    Session& session_;
    std::chrono::seconds token_lifetime_;
};

class PostService {
  public:
    explicit PostService(Session& session) : session_(session) {}
    nlohmann::json create(const Ptr<User>& author, const nlohmann::json& body);
    nlohmann::json list(const PostFilter& filter, const ListQuery& page);
    /// One post with its comments; a draft only for its author (404 for anyone else).
    nlohmann::json get(std::int64_t id, const Ptr<User>& viewer);
    nlohmann::json update(std::int64_t id, const Ptr<User>& user, const nlohmann::json& body);
    void remove(std::int64_t id, const Ptr<User>& user);

    nlohmann::json add_comment(std::int64_t post_id, const Ptr<User>& author,
                               const nlohmann::json& body);
    nlohmann::json comments(std::int64_t post_id, const Ptr<User>& viewer, const ListQuery& page);

  private:
    // What a use of a post loads with it: nothing (to check it exists and may be seen), its
    // author and tags (to show it), or its comments too.
    enum class Loads { nothing, shown, with_comments };
    // The post `viewer` may see (a draft only its author), or 404.
    Ptr<Post> visible(std::int64_t id, const Ptr<User>& viewer, Loads loads);
    // The post `user` may change (its author), or 404 / 403.
    Ptr<Post> owned(std::int64_t id, const Ptr<User>& user);
    Session& session_;
};

}  // namespace blog_api
