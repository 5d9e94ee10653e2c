// Data access, one repository per model (the seed's repository.py): queries and writes through
// the request's Session, nothing about HTTP or validation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models.hpp"

namespace blog_api {

using retort::orm::PageTotal;
using retort::orm::Pagination;
using retort::orm::Ptr;
using retort::orm::Session;

class UserRepository {
  public:
    explicit UserRepository(Session& session) : session_(session) {}
    Ptr<User> get(std::int64_t id);
    Ptr<User> by_username(const std::string& username);
    Ptr<User> add(User user);
    void remove(const Ptr<User>& user);

  private:
    Session& session_;
};

class TokenRepository {
  public:
    explicit TokenRepository(Session& session) : session_(session) {}
    /// The user an unexpired token with this digest belongs to, if any: one statement, since
    /// every authenticated request asks.
    Ptr<User> user_of(const std::string& digest);
    Ptr<AuthToken> add(AuthToken token);
    /// Deletes the user's expired tokens (kept tidy at each login).
    void remove_expired(std::int64_t user_id);

  private:
    Session& session_;
};

/// Which posts a list shows.
struct PostFilter {
    std::optional<std::int64_t> author_id;
    std::optional<std::string> tag;
    std::optional<bool> published;
    std::optional<std::string> title_contains;
    std::optional<std::int64_t> viewer_id;  ///< drafts are visible to their author only
};

class PostRepository {
  public:
    explicit PostRepository(Session& session) : session_(session) {}
    /// With its author and tags loaded (the comments too when asked).
    Ptr<Post> get(std::int64_t id, bool with_comments = false);
    /// Newest first, with authors and tags loaded: three statements whatever the page size.
    Pagination<Post> list(const PostFilter& filter, std::int64_t page, std::int64_t per_page,
                          PageTotal total);
    Ptr<Post> add(Post post);
    void remove(const Ptr<Post>& post);

  private:
    Session& session_;
};

class TagRepository {
  public:
    explicit TagRepository(Session& session) : session_(session) {}
    /// The tags of these names, made where missing (names compared as given).
    std::vector<Ptr<Tag>> named(const std::vector<std::string>& names);

  private:
    Session& session_;
};

class CommentRepository {
  public:
    explicit CommentRepository(Session& session) : session_(session) {}
    Ptr<Comment> add(Comment comment);
    /// A post's comments, oldest first, with their authors loaded.
    Pagination<Comment> of_post(std::int64_t post_id, std::int64_t page, std::int64_t per_page,
                                PageTotal total);

  private:
    Session& session_;
};

}  // namespace blog_api
