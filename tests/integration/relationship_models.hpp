// The models of the relationship tests (authors, articles, keywords, tags, profiles, a
// category tree, members following members) and their fixture, shared by the test files that
// exercise them.
#pragma once

#include "support/test_support.hpp"

namespace retort::testing::relationships {

using namespace retort::orm;

struct Author;
struct Article;
struct Profile;
struct ArticleTag;
struct Keyword;

struct Author {
    std::int64_t id = 0;
    std::string username;
    Many<Article> articles{};
    One<Profile> profile{};
    Many<Article> published{};          // only published articles (extra criteria)
    Many<Article> titles_descending{};  // every article, by title descending (order_by)
};

struct Article {
    std::int64_t id = 0;
    std::string title;
    std::int64_t author_id = 0;
    bool is_published = false;
    std::optional<std::int64_t> reviewer_id{};
    One<Author> author{};
    One<Author> reviewer{};  // a second foreign key to the same table
    Many<ArticleTag> tagged{};
    Many<Keyword> keywords{};  // many-to-many through a plain association table
};

struct Keyword {
    std::int64_t id = 0;
    std::string word;
    Many<Article> articles{};
};

// Many-to-many through an association object with a column of its own.
struct Tag {
    std::int64_t id = 0;
    std::string name;
    Many<ArticleTag> tagged{};
};
struct ArticleTag {
    std::int64_t article_id = 0;
    std::int64_t tag_id = 0;
    std::string added_by;
    One<Article> article{};
    One<Tag> tag{};
};

struct Profile {
    std::int64_t id = 0;
    std::int64_t author_id = 0;
    std::optional<std::string> bio{};
    One<Author> author{};
};

struct Category {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::int64_t> parent_id{};
    One<Category> parent{};
    Many<Category> children{};
};

// Self-referential many-to-many: members following members.
struct Member {
    std::int64_t id = 0;
    std::string name;
    Many<Member> following{};
    Many<Member> followers{};
};

// passive_deletes: the database's ON DELETE CASCADE removes the pins of a deleted board.
struct Pin;
struct Board {
    std::int64_t id = 0;
    std::string name;
    Many<Pin> pins{};
};
struct Pin {
    std::int64_t id = 0;
    std::int64_t board_id = 0;
    std::string note;
    One<Board> board{};
};

inline MetaData relationship_metadata;

// The seed's post_tag: a plain association table.
inline const Table article_keywords("article_keywords", relationship_metadata,
                                    Column("article_id", type::BigInteger(),
                                           ForeignKey("articles.id"), primary_key),
                                    Column("keyword_id", type::BigInteger(),
                                           ForeignKey("keywords.id"), primary_key));

struct Authors : Model<Author> {
    Column<&Author::id> id{this, primary_key};
    Column<&Author::username> username{this, type::String(50), unique};
    Relationship<&Author::articles> articles{this,
                                             {.back_populates = "author",
                                              .cascade_delete = true,
                                              .delete_orphan = true,
                                              .foreign_key = "author_id"}};
    Relationship<&Author::profile> profile{this, {.back_populates = "author"}};
    Relationship<&Author::published> published{
        this, {.foreign_key = "author_id", .where = [] { return is_published_column(); }}};
    Relationship<&Author::titles_descending> titles_descending{
        this, {.foreign_key = "author_id", .order_by = [] { return title_descending(); }}};
    static Expression is_published_column();
    static std::vector<Expression> title_descending();
    Authors() : Model("authors", relationship_metadata) {}
};
inline const Authors authors;

struct Articles : Model<Article> {
    Column<&Article::id> id{this, primary_key};
    Column<&Article::title> title{this, type::String(200)};
    Column<&Article::author_id> author_id{this, ForeignKey("authors.id")};
    Column<&Article::is_published> is_published{this};
    Column<&Article::reviewer_id> reviewer_id{this, ForeignKey("authors.id")};
    Relationship<&Article::author> author{
        this, {.back_populates = "articles", .foreign_key = "author_id"}};
    // Not merged along (cascade_merge off): merge() leaves the reviewer to its own session.
    Relationship<&Article::reviewer> reviewer{
        this, {.cascade_merge = false, .foreign_key = "reviewer_id"}};
    Relationship<&Article::tagged> tagged{
        this, {.back_populates = "article", .cascade_delete = true, .delete_orphan = true}};
    Relationship<&Article::keywords> keywords{
        this, {.back_populates = "articles", .secondary = &article_keywords}};
    Articles() : Model("articles", relationship_metadata) {}
};
inline const Articles articles;

struct Keywords : Model<Keyword> {
    Column<&Keyword::id> id{this, primary_key};
    Column<&Keyword::word> word{this, type::String(50), unique};
    // Newest link first: an order by a column of the association table.
    Relationship<&Keyword::articles> articles{this,
                                              {.back_populates = "keywords",
                                               .order_by = [] { return by_newest_article(); },
                                               .secondary = &article_keywords}};
    static std::vector<Expression> by_newest_article() {
        return {article_keywords.c("article_id").desc()};
    }
    Keywords() : Model("keywords", relationship_metadata) {}
};
inline const Keywords keywords;

struct Tags : Model<Tag> {
    Column<&Tag::id> id{this, primary_key};
    Column<&Tag::name> name{this, type::String(50), unique};
    Relationship<&Tag::tagged> tagged{this, {.back_populates = "tag"}};
    Tags() : Model("tags", relationship_metadata) {}
};
inline const Tags tags;

struct ArticleTags : Model<ArticleTag> {
    Column<&ArticleTag::article_id> article_id{this, primary_key, ForeignKey("articles.id")};
    Column<&ArticleTag::tag_id> tag_id{this, primary_key, ForeignKey("tags.id")};
    Column<&ArticleTag::added_by> added_by{this, type::String(50)};
    Relationship<&ArticleTag::article> article{this, {.back_populates = "tagged"}};
    Relationship<&ArticleTag::tag> tag{this, {.back_populates = "tagged"}};
    ArticleTags() : Model("article_tags", relationship_metadata) {}
};
inline const ArticleTags article_tags;

inline std::vector<Expression> Authors::title_descending() {
    return {relationships::articles.title.desc()};
}
inline Expression Authors::is_published_column() {
    return relationships::articles.is_published == true;
}

struct Profiles : Model<Profile> {
    Column<&Profile::id> id{this, primary_key};
    Column<&Profile::author_id> author_id{this, ForeignKey("authors.id"), unique};
    Column<&Profile::bio> bio{this, type::Text()};
    Relationship<&Profile::author> author{this, {.back_populates = "profile"}};
    Profiles() : Model("profiles", relationship_metadata) {}
};
inline const Profiles profiles;

struct Categories : Model<Category> {
    Column<&Category::id> id{this, primary_key};
    Column<&Category::name> name{this, type::String(50)};
    Column<&Category::parent_id> parent_id{this, ForeignKey("categories.id")};
    Relationship<&Category::parent> parent{this, {.back_populates = "children"}};
    Relationship<&Category::children> children{this, {.back_populates = "parent"}};
    Categories() : Model("categories", relationship_metadata) {}
};
inline const Categories categories;

inline const Table follows("follows", relationship_metadata,
                           Column("follower_id", type::BigInteger(), ForeignKey("members.id"),
                                  primary_key),
                           Column("followed_id", type::BigInteger(), ForeignKey("members.id"),
                                  primary_key));

struct Members : Model<Member> {
    Column<&Member::id> id{this, primary_key};
    Column<&Member::name> name{this, type::String(20)};
    // Both keys of `follows` refer to members: foreign_key names the owner's side.
    Relationship<&Member::following> following{
        this, {.back_populates = "followers", .foreign_key = "follower_id", .secondary = &follows}};
    Relationship<&Member::followers> followers{
        this, {.back_populates = "following", .foreign_key = "followed_id", .secondary = &follows}};
    Members() : Model("members", relationship_metadata) {}
};
inline const Members members;

struct Boards : Model<Board> {
    Column<&Board::id> id{this, primary_key};
    Column<&Board::name> name{this, type::String(20)};
    Relationship<&Board::pins> pins{
        this, {.back_populates = "board", .cascade_delete = true, .passive_deletes = true}};
    Boards() : Model("boards", relationship_metadata) {}
};
inline const Boards boards;

struct Pins : Model<Pin> {
    Column<&Pin::id> id{this, primary_key};
    Column<&Pin::board_id> board_id{
        this, ForeignKey("boards.id", {.on_delete = ReferentialAction::cascade})};
    Column<&Pin::note> note{this, type::String(50)};
    Relationship<&Pin::board> board{this, {.back_populates = "pins"}};
    Pins() : Model("pins", relationship_metadata) {}
};
inline const Pins pins;

class RelationshipTest : public BackendTest {
  protected:
    void SetUp() override {
        engine_.emplace(make_engine({.log_sink = [this](const LogRecord& record) {
            if (record.level == LogLevel::warning) warnings_.emplace_back(record.message);
        }}));
        relationship_metadata.create_all(*engine_);
        engine_->events().before_execute.push_back([this](const ExecuteInfo& info) {
            if (std::string_view(info.sql).rfind("SELECT", 0) == 0) ++selects_;
        });
    }
    Engine& engine() { return *engine_; }
    std::int64_t scalar(const std::string& sql) {
        auto conn = engine().connect();
        return conn.execute(text(sql)).scalar<std::int64_t>();
    }
    std::optional<Engine> engine_;
    std::vector<std::string> warnings_;
    int selects_ = 0;
};

}  // namespace retort::testing::relationships
