// An application's migration tool: its models, and one line giving Alembic's commands.
//   retort_migrate_tool --url sqlite:///app.db revision --autogenerate -m "first"
//   retort_migrate_tool --url sqlite:///app.db upgrade head
// The models are typed (the application's structs); MIGRATE_TOOL_VERSION=2 (environment)
// switches to a second version of them, as a code change would.
#include <retort/migrate/cli.hpp>
#include <retort/retort.hpp>

#include <cstdlib>
#include <string>

using namespace retort;

struct Author {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> nickname;
};
struct Article {
    std::int64_t id = 0;
    std::int64_t author_id = 0;
    std::string title;
    bool published = false;
};

MetaData first_models, second_models;

struct Authors : Model<Author> {
    Column<&Author::id> id{this, primary_key};
    Column<&Author::name> name{this, type::String(50), not_null};
    explicit Authors(MetaData& metadata) : Model("authors", metadata) {}
};
const Authors first_authors(first_models);

struct AuthorsV2 : Model<Author> {
    Column<&Author::id> id{this, primary_key};
    Column<&Author::name> name{this, type::String(50), not_null, indexed};
    Column<&Author::nickname> nickname{this, type::String(30)};
    AuthorsV2() : Model("authors", second_models) {}
};
const AuthorsV2 second_authors;

struct Articles : Model<Article> {
    Column<&Article::id> id{this, primary_key};
    Column<&Article::author_id> author_id{
        this, ForeignKey("authors.id", {.on_delete = ReferentialAction::cascade})};
    Column<&Article::title> title{this, type::String(200), not_null};
    Column<&Article::published> published{this, not_null, server_default(literal(false))};
    Articles() : Model("articles", second_models) {}
};
const Articles second_articles;

int main(int argc, char** argv) {
    const char* version = std::getenv("MIGRATE_TOOL_VERSION");
    const MetaData& models =
        version != nullptr && std::string(version) == "2" ? second_models : first_models;
    return migrate::main(argc, argv, models);
}
