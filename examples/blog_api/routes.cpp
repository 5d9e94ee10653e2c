// The API's routes: each reads its request, calls a service, and says what to answer.
#include <retort/retort.hpp>

#include "server_state.hpp"
#include "validation.hpp"
#include "views.hpp"

namespace blog_api {

namespace {

// A `true` or `false` parameter; anything else is a problem of the query string.
std::optional<bool> boolean_param(const web_service::QueryString& request, const char* name,
                                  std::map<std::string, std::string>& problems) {
    if (!request.has(name)) return std::nullopt;
    const std::string value = request.value(name);
    if (value == "true" || value == "false") return value == "true";
    problems[name] = "must be true or false";
    return std::nullopt;
}

// The query string is read by the service, not by cpp-httplib, which splits a value at every
// '=' (q=a=b would search for "b").
ListQuery list_query(const web_service::QueryString& request) {
    ListQuery query;
    std::map<std::string, std::string> problems;
    auto number = [&](const char* name, std::int64_t& into, std::int64_t max) {
        if (!request.has(name)) return;
        const auto value = positive_integer(request.value(name));
        if (!value || *value > max)
            problems[name] = "must be a whole number from 1 to " + std::to_string(max);
        else
            into = *value;
    };
    number("page", query.page, 1'000'000);
    number("per_page", query.per_page, 100);
    if (boolean_param(request, "total", problems).value_or(false)) query.total = PageTotal::count;
    if (!problems.empty())
        throw web_service::invalid("the query string has invalid values", problems);
    return query;
}

PostFilter post_filter(const web_service::QueryString& request) {
    PostFilter filter;
    std::map<std::string, std::string> problems;
    if (request.has("author_id")) {
        filter.author_id = positive_integer(request.value("author_id"));
        if (!filter.author_id) problems["author_id"] = "must be a user id";
    }
    filter.published = boolean_param(request, "published", problems);
    if (request.has("tag")) filter.tag = request.value("tag");
    if (request.has("q")) filter.title_contains = request.value("q");
    if (!problems.empty())
        throw web_service::invalid("the query string has invalid values", problems);
    return filter;
}

std::int64_t path_id(const httplib::Request& request, const char* what) {
    const auto id = positive_integer(request.matches[1].str());
    if (!id) throw not_found(what);
    return *id;
}

}  // namespace

void BlogServer::State::add_routes() {
    using Request = httplib::Request;

    service.add_operations_routes();

    http.Post("/users", route("POST /users", [](Session& session, const Request& request) -> Reply {
                  return {201, UserService(session).register_user(json_body(request))};
              }));
    http.Post(
        "/auth/login",
        route("POST /auth/login", [this](Session& session, const Request& request) -> Reply {
            return {200, UserService(session, config.token_lifetime).login(json_body(request))};
        }));
    http.Get("/users/me",
             route("GET /users/me", [this](Session& session, const Request& request) -> Reply {
                 return {200, own_user(*caller(session, request, true))};
             }));
    http.Patch("/users/me",
               route("PATCH /users/me", [this](Session& session, const Request& request) -> Reply {
                   auto user = caller(session, request, true);
                   return {200, UserService(session).update(user, json_body(request))};
               }));
    http.Delete("/users/me", route("DELETE /users/me",
                                   [this](Session& session, const Request& request) -> Reply {
                                       UserService(session).remove(caller(session, request, true));
                                       return {204, nullptr};
                                   }));

    add_post_routes();
}

void BlogServer::State::add_post_routes() {
    using Request = httplib::Request;
    http.Post("/posts",
              route("POST /posts", [this](Session& session, const Request& request) -> Reply {
                  auto user = caller(session, request, true);
                  return {201, PostService(session).create(user, json_body(request))};
              }));
    http.Get("/posts",
             route("GET /posts", [this](Session& session, const Request& request) -> Reply {
                 auto viewer = caller(session, request, false);
                 PostFilter filter = post_filter(web_service::QueryString(request));
                 if (viewer) filter.viewer_id = viewer->id;
                 return {200, PostService(session).list(
                                  filter, list_query(web_service::QueryString(request)))};
             }));
    http.Get(R"(/posts/([^/]+))",
             route("GET /posts/{id}", [this](Session& session, const Request& request) -> Reply {
                 const auto id = path_id(request, "post");
                 return {200, PostService(session).get(id, caller(session, request, false))};
             }));
    http.Patch(
        R"(/posts/([^/]+))",
        route("PATCH /posts/{id}", [this](Session& session, const Request& request) -> Reply {
            const auto id = path_id(request, "post");
            auto user = caller(session, request, true);
            return {200, PostService(session).update(id, user, json_body(request))};
        }));
    http.Delete(
        R"(/posts/([^/]+))",
        route("DELETE /posts/{id}", [this](Session& session, const Request& request) -> Reply {
            const auto id = path_id(request, "post");
            PostService(session).remove(id, caller(session, request, true));
            return {204, nullptr};
        }));
    http.Post(
        R"(/posts/([^/]+)/comments)",
        route("POST /posts/{id}/comments",
              [this](Session& session, const Request& request) -> Reply {
                  const auto id = path_id(request, "post");
                  auto user = caller(session, request, true);
                  return {201, PostService(session).add_comment(id, user, json_body(request))};
              }));
    http.Get(R"(/posts/([^/]+)/comments)",
             route("GET /posts/{id}/comments",
                   [this](Session& session, const Request& request) -> Reply {
                       const auto id = path_id(request, "post");
                       auto viewer = caller(session, request, false);
                       return {200, PostService(session).comments(
                                        id, viewer, list_query(web_service::QueryString(request)))};
                   }));
}

}  // namespace blog_api
