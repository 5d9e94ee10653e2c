#include "models.hpp"

namespace blog_api {

MetaData& metadata() {
    static MetaData instance;
    return instance;
}

const retort::Table& post_tags() {
    using retort::ReferentialAction;
    static const retort::Table table(
        "post_tags", metadata(),
        retort::Column("post_id", retort::type::BigInteger(), retort::primary_key,
                       retort::ForeignKey("posts.id", {.on_delete = ReferentialAction::cascade})),
        retort::Column("tag_id", retort::type::BigInteger(), retort::primary_key,
                       retort::ForeignKey("tags.id", {.on_delete = ReferentialAction::cascade})));
    return table;
}

std::vector<retort::Expression> Posts::by_comment_id() {
    return {blog_api::comments.id};
}

const Users users;
const Posts posts;
const Comments comments;
const Tags tags;
const AuthTokens auth_tokens;

}  // namespace blog_api
