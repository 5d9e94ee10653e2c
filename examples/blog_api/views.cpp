#include "views.hpp"

namespace blog_api {

std::string iso_utc(retort::DateTime time) {
    std::string text = retort::format_datetime(time);
    if (const auto space = text.find(' '); space != std::string::npos) text[space] = 'T';
    return text + "Z";
}

nlohmann::json public_user(const User& user) {
    return {{"id", user.id}, {"username", user.username}};
}

nlohmann::json own_user(const User& user) {
    return {{"id", user.id},
            {"username", user.username},
            {"email", user.email},
            {"is_active", user.is_active},
            {"created_at", iso_utc(user.created_at)}};
}

nlohmann::json comment_json(const Comment& comment) {
    return {{"id", comment.id},
            {"post_id", comment.post_id},
            {"body", comment.body},
            {"author", public_user(*comment.author.get())},
            {"created_at", iso_utc(comment.created_at)}};
}

nlohmann::json post_json(const Post& post, bool with_comments) {
    nlohmann::json tag_names = nlohmann::json::array();
    for (const auto& tag : post.tags) tag_names.push_back(tag->name);
    nlohmann::json out{{"id", post.id},
                       {"title", post.title},
                       {"body", post.body},
                       {"published", post.published},
                       {"author", public_user(*post.author.get())},
                       {"tags", std::move(tag_names)},
                       {"created_at", iso_utc(post.created_at)},
                       {"updated_at", iso_utc(post.updated_at)}};
    if (with_comments) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& comment : post.comments) list.push_back(comment_json(*comment));
        out["comments"] = std::move(list);
    }
    return out;
}

}  // namespace blog_api
