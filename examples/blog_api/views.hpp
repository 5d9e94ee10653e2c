// How the models read in a response: JSON objects with ISO 8601 UTC times. A password hash or
// a token digest never appears in one.
#pragma once

#include <nlohmann/json.hpp>

#include "models.hpp"

namespace blog_api {

/// "2024-02-29T13:05:07.000250Z"
std::string iso_utc(retort::DateTime time);

/// What anyone may see of a user: id and username.
nlohmann::json public_user(const User& user);
/// What the user sees of themselves: e-mail, state and creation time too.
nlohmann::json own_user(const User& user);
/// A post with its author and tags; its comments too when `with_comments`.
nlohmann::json post_json(const Post& post, bool with_comments);
nlohmann::json comment_json(const Comment& comment);

}  // namespace blog_api
