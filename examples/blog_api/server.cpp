#include "server.hpp"

#include <httplib.h>

#include <chrono>
#include <retort/migrate/compare.hpp>
#include <retort/migrate/operations.hpp>
#include <retort/migrate/runner.hpp>

#include "api_error.hpp"
#include "security.hpp"
#include "server_state.hpp"
#include "services.hpp"

namespace blog_api {

using namespace retort;
using namespace retort::orm;

namespace {

// The list's index, newest first with the id breaking ties: revision 2 replaced the index on
// created_at alone, which made every page sort its rows again.
const retort::Index created_at_alone{"ix_posts_created_at", {"created_at"}};
const retort::Index created_at_and_id{"ix_posts_created_at_id", {"created_at", "id"}};

// The tables as revision 1 created them. A revision is history: it must keep producing the SQL
// a database already ran (the runner refuses an edited one), so the models' later changes are
// taken back out here.
std::vector<migrate::Operation> first_tables() {
    std::vector<migrate::Operation> create;
    for (const TableDefinition* table : metadata().sorted_tables()) {
        TableDefinition as_first = *table;
        if (as_first.name == "posts") {
            std::erase_if(as_first.indexes, [](const retort::Index& index) {
                return index.name == created_at_and_id.name;
            });
            as_first.indexes.push_back(created_at_alone);
        }
        create.push_back(migrate::CreateTable{std::move(as_first)});
    }
    return create;
}

// The schema's history, written as operations so that it serves both backends.
migrate::Migrations history(const sql::Dialect& dialect) {
    migrate::Migrations migrations;
    migrations.add(migrate::revision_of("b10a00000001", {}, "users, posts, comments, tags, tokens",
                                        first_tables(), dialect));
    migrations.add(migrate::revision_of("b10a00000002", {"b10a00000001"},
                                        "list posts in index order",
                                        {migrate::DropIndex{{"posts"}, created_at_alone},
                                         migrate::CreateIndex{{"posts"}, created_at_and_id}},
                                        dialect));
    return migrations;
}

}  // namespace

ServerConfig ServerConfig::from_environment() {
    ServerConfig config;
    config.read_environment();
    config.database_url = web_service::env_string("DATABASE_URL", config.database_url);
    config.pool_size = web_service::env_positive_int("POOL_SIZE", config.pool_size);
    config.token_lifetime = std::chrono::seconds(web_service::env_positive_int(
        "TOKEN_LIFETIME", static_cast<int>(config.token_lifetime.count())));
    return config;
}

Ptr<User> BlogServer::State::caller(Session& session, const httplib::Request& request,
                                    bool required) {
    if (!request.has_header("Authorization")) {
        if (required) throw unauthorized("this needs an Authorization: Bearer <token> header");
        return {};
    }
    return UserService(session).authenticate(request.get_header_value("Authorization"));
}

BlogServer::BlogServer(ServerConfig config) : state_(std::make_unique<State>(std::move(config))) {
    init_security();
    const Engine& engine = state_->service.engine();
    migrate::upgrade(engine, history(engine.dialect()));
    migrate::verify(metadata(), engine);
    state_->add_routes();
}

BlogServer::~BlogServer() = default;

int BlogServer::bind() {
    return state_->service.bind();
}

bool BlogServer::serve() {
    return state_->service.serve();
}

void BlogServer::stop() {
    state_->service.stop();
}

web_service::Service& BlogServer::service() {
    return state_->service;
}

}  // namespace blog_api
