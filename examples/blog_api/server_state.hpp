// The blog server's state: the shared HTTP service (web_service/service.hpp) and the blog's
// routes on it (routes.cpp).
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <retort/retort.hpp>
#include <web_service/service.hpp>

#include "api_error.hpp"
#include "server.hpp"
#include "services.hpp"

namespace blog_api {

using retort::orm::Ptr;
using retort::orm::Session;
using web_service::json_body;
using web_service::Reply;

struct BlogServer::State {
    ServerConfig config;
    web_service::Service service;
    httplib::Server& http;

    explicit State(ServerConfig c)
        : config(std::move(c)),
          service("blog",
                  retort::create_engine(web_service::server_engine_url(config.database_url),
                                        {.pool_size = config.pool_size}),
                  config, {.raise_on_repeated_lazy_loads = config.raise_on_n_plus_one}),
          http(service.http()) {}

    template <class Handler>
    auto route(const char* name, Handler handler) {
        return service.route(name, std::move(handler));
    }
    Ptr<User> caller(Session& session, const httplib::Request& request, bool required);
    void add_routes();  // operations and users; then:
    void add_post_routes();
};

}  // namespace blog_api
