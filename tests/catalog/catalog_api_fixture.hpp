// The catalog's API over real HTTP on PostgreSQL: generated products in a schema of the test's
// own, the server in this process on a free loopback port, and an HTTP client talking to it as
// any client would. Independent SQL checks what the API answers.
#pragma once

#include <httplib.h>
#include <unistd.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <retort/migrate/runner.hpp>
#include <set>
#include <thread>
#include <web_service/service.hpp>

#include "catalog/generator.hpp"
#include "catalog/history.hpp"
#include "catalog/server.hpp"
#include "support/test_support.hpp"

namespace retort::testing {

struct HttpReply {
    int status = 0;
    nlohmann::json body;
    std::string raw;
    httplib::Headers headers;
};

class CatalogApi : public ::testing::Test {
  protected:
    /// Products the suite seeds; the EXPLAIN suite seeds the 100,000.
    virtual std::int64_t products() const { return 3'000; }

    void SetUp() override {
        {
            auto conn = admin_.connect();
            conn.execute(text("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
            conn.execute(text("CREATE SCHEMA " + schema_));
            conn.commit();
        }
        const std::string base = postgresql_url();
        url_ = base + (base.find('?') == std::string::npos ? "?" : "&") +
               "options=-c%20search_path%3D" + schema_;
        engine_ = create_engine(url_);
        migrate::upgrade(engine_, catalog::history(engine_.dialect()));
        catalog::seed(engine_, products());
        engine_.connect().execute(text("ANALYZE products"));
        catalog::CatalogConfig config;
        config.database_url = url_;
        config.port = 0;
        config.pool_size = 4;
        config.threads = 8;
        config.log_requests = std::getenv("CATALOG_TEST_LOG") != nullptr;
        config.max_body_bytes = 4 * 1024 * 1024;
        config.slow_statement = slow_statement();
        config.slow_statement_sink = [this](const std::string& report) {
            std::lock_guard lock(slow_mutex_);
            slow_reports_.push_back(report);
            slow_reported_.notify_all();
        };
        config.allow_explain = allow_explain();
        server_ = std::make_unique<catalog::CatalogServer>(config);
        port_ = server_->service().bind();
        serving_ = std::thread([this] { server_->service().serve(); });
    }
    void TearDown() override {
        server_->service().stop();
        serving_.join();
        server_.reset();
        engine_.dispose();
        auto conn = admin_.connect();
        conn.execute(text("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"));
        conn.commit();
    }
    virtual std::optional<std::chrono::milliseconds> slow_statement() const { return {}; }
    virtual bool allow_explain() const { return true; }
    /// The slow statements' reports, once `count` have come (they are written on a thread of
    /// their own, after the request); fails the test after 10 s.
    std::vector<std::string> slow_reports(std::size_t count) {
        std::unique_lock lock(slow_mutex_);
        EXPECT_TRUE(slow_reported_.wait_for(lock, std::chrono::seconds(10),
                                            [&] { return slow_reports_.size() >= count; }))
            << slow_reports_.size() << " slow statement report(s)";
        return slow_reports_;
    }

    HttpReply call(const std::string& method, const std::string& path, const std::string& body = {},
                   const std::string& content_type = "application/json") const {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(60, 0);
        httplib::Result result = method == "GET"     ? client.Get(path)
                                 : method == "POST"  ? client.Post(path, body, content_type)
                                 : method == "PATCH" ? client.Patch(path, body, content_type)
                                 : method == "PUT"   ? client.Put(path, body, content_type)
                                                     : client.Delete(path);
        if (!result)
            throw std::runtime_error("no answer to " + method + " " + path + ": " +
                                     httplib::to_string(result.error()));
        HttpReply reply{result->status, nullptr, result->body, result->headers};
        if (result->get_header_value("Content-Type") == "application/json")
            reply.body = nlohmann::json::parse(result->body);
        return reply;
    }
    HttpReply send_json(const std::string& method, const std::string& path,
                        const nlohmann::json& body) const {
        return call(method, path, body.dump());
    }
    /// GET /api/search?<query>; fails the test unless it answers 200.
    nlohmann::json search(const std::string& query) const {
        const HttpReply reply = call("GET", "/api/search?" + query);
        EXPECT_EQ(reply.status, 200) << query << ": " << reply.raw;
        return reply.body;
    }
    /// Every page of a search, following its cursors: the ids in the order served.
    std::vector<std::int64_t> all_pages(const std::string& query) const {
        std::vector<std::int64_t> ids;
        std::string after;
        for (int page = 0; page < 1000; ++page) {
            const auto body = search(query + "&limit=100&facets=false" + after);
            for (const auto& item : body["items"]) ids.push_back(item["id"].get<std::int64_t>());
            if (body["next"].is_null()) return ids;
            after = "&after=" + body["next"].get<std::string>();
        }
        ADD_FAILURE() << "more than 1000 pages";
        return ids;
    }
    /// The ids an independent SQL condition selects, sorted.
    std::vector<std::int64_t> ids_where(const std::string& condition) const {
        return engine_.connect()
            .execute(text("SELECT id FROM products WHERE " + condition + " ORDER BY id"))
            .scalars<std::int64_t>();
    }
    std::int64_t scalar(const std::string& sql) const {
        return engine_.connect().execute(text(sql)).scalar<std::int64_t>();
    }
    static std::vector<std::int64_t> sorted(std::vector<std::int64_t> ids) {
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    std::string schema_ = "catalog_api_" + std::to_string(::getpid());
    Engine admin_ = create_engine(postgresql_url());
    std::string url_;
    Engine engine_ = create_engine("sqlite://");
    std::unique_ptr<catalog::CatalogServer> server_;
    std::thread serving_;
    int port_ = 0;
    std::mutex slow_mutex_;
    std::condition_variable slow_reported_;
    std::vector<std::string> slow_reports_;
};

}  // namespace retort::testing
