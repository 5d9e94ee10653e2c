// The blog API (examples/blog_api) over real HTTP, on both backends: the server runs in this
// process on a free loopback port; an HTTP client talks to it as any client would. The
// session raises on repeated lazy loads (N+1), so a response that would load its authors or
// tags one by one fails with a 500 here.
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "blog_api/server.hpp"
#include "support/test_support.hpp"

namespace retort::testing {
namespace {

using nlohmann::json;

struct Reply {
    int status = 0;
    json body;
    std::string raw;
    httplib::Headers headers;
};

class BlogApiTest : public BackendTest {
  protected:
    void SetUp() override {
        blog_api::ServerConfig config;
        config.database_url = is_postgresql() ? postgresql_url() : sqlite_file_url();
        config.port = 0;
        config.pool_size = 4;
        config.threads = 8;
        config.log_requests = std::getenv("BLOG_API_TEST_LOG") != nullptr;
        config.raise_on_n_plus_one = true;
        config.max_body_bytes = 16 * 1024;
        config.token_lifetime = token_lifetime();
        server_ = std::make_unique<blog_api::BlogServer>(config);
        port_ = server_->bind();
        serving_ = std::thread([this] { server_->serve(); });
    }
    void TearDown() override {
        server_->stop();
        serving_.join();
    }

    Reply call(const std::string& method, const std::string& path, const json& body = nullptr,
               const std::string& token = "") {
        httplib::Client client("127.0.0.1", port_);
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        const std::string text = body.is_null() ? std::string() : body.dump();
        httplib::Result result =
            method == "GET"     ? client.Get(path, headers)
            : method == "POST"  ? client.Post(path, headers, text, "application/json")
            : method == "PATCH" ? client.Patch(path, headers, text, "application/json")
                                : client.Delete(path, headers);
        if (!result)
            throw std::runtime_error("no answer to " + method + " " + path + ": " +
                                     httplib::to_string(result.error()));
        Reply reply{result->status, nullptr, result->body, result->headers};
        if (!result->body.empty() && result->get_header_value("Content-Type") == "application/json")
            reply.body = json::parse(result->body);
        return reply;
    }
    // Registers and logs in; returns the token.
    std::string user(const std::string& name) {
        const Reply made = call("POST", "/users",
                                {{"username", name},
                                 {"email", name + "@example.com"},
                                 {"password", "correct horse " + name}});
        EXPECT_EQ(made.status, 201) << made.raw;
        const Reply login = call("POST", "/auth/login",
                                 {{"username", name}, {"password", "correct horse " + name}});
        EXPECT_EQ(login.status, 200) << login.raw;
        return login.body.value("access_token", "");
    }
    std::int64_t post(const std::string& token, const std::string& title, bool published = true,
                      std::vector<std::string> tags = {}) {
        const Reply made = call("POST", "/posts",
                                {{"title", title},
                                 {"body", "about " + title},
                                 {"published", published},
                                 {"tags", tags}},
                                token);
        EXPECT_EQ(made.status, 201) << made.raw;
        return made.body.value("id", std::int64_t{0});
    }

    virtual std::chrono::seconds token_lifetime() const { return std::chrono::hours(24); }

    std::unique_ptr<blog_api::BlogServer> server_;
    std::thread serving_;
    int port_ = 0;
};
RETORT_ON_BOTH_BACKENDS(BlogApiTest);

TEST_P(BlogApiTest, registration_validates_every_field_and_refuses_duplicates_by_field) {
    const Reply made =
        call("POST", "/users",
             {{"username", "ann"}, {"email", "ann@example.com"}, {"password", "a long secret"}});
    ASSERT_EQ(made.status, 201) << made.raw;
    EXPECT_EQ(made.body["username"], "ann");
    EXPECT_FALSE(made.body.contains("password_hash"));
    EXPECT_EQ(made.raw.find("argon2"), std::string::npos);

    const Reply same_name =
        call("POST", "/users",
             {{"username", "ann"}, {"email", "other@example.com"}, {"password", "a long secret"}});
    EXPECT_EQ(same_name.status, 409) << same_name.raw;
    EXPECT_TRUE(same_name.body["error"]["fields"].contains("username")) << same_name.raw;
    const Reply same_email =
        call("POST", "/users",
             {{"username", "ann2"}, {"email", "ann@example.com"}, {"password", "a long secret"}});
    EXPECT_EQ(same_email.status, 409) << same_email.raw;
    EXPECT_TRUE(same_email.body["error"]["fields"].contains("email")) << same_email.raw;

    const Reply invalid = call(
        "POST", "/users",
        {{"username", "a"}, {"email", "not-an-address"}, {"password", "short"}, {"admin", true}});
    EXPECT_EQ(invalid.status, 422);
    const json& fields = invalid.body["error"]["fields"];
    for (const char* field : {"username", "email", "password", "admin"})
        EXPECT_TRUE(fields.contains(field)) << field << ": " << invalid.raw;
    EXPECT_EQ(call("POST", "/users", {{"username", 12}}).status, 422);
    EXPECT_EQ(call("POST", "/users", json::array({1, 2})).status, 422);

    httplib::Client client("127.0.0.1", port_);
    auto malformed = client.Post("/users", "{\"username\": ", "application/json");
    ASSERT_TRUE(malformed);
    EXPECT_EQ(malformed->status, 400);
    EXPECT_EQ(json::parse(malformed->body)["error"]["code"], "malformed_json");
}

TEST_P(BlogApiTest, login_gives_a_token_that_identifies_the_user_and_refuses_wrong_credentials) {
    const std::string token = user("bob");
    ASSERT_EQ(token.size(), 64u);
    const Reply me = call("GET", "/users/me", nullptr, token);
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.body["email"], "bob@example.com");

    const Reply wrong = call("POST", "/auth/login", {{"username", "bob"}, {"password", "guess"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.headers.find("WWW-Authenticate"), wrong.headers.end());
    EXPECT_EQ(call("POST", "/auth/login", {{"username", "nobody"}, {"password", "guess"}}).status,
              401);
    EXPECT_EQ(call("GET", "/users/me").status, 401);
    EXPECT_EQ(call("GET", "/users/me", nullptr, std::string(64, 'a')).status, 401);
}

TEST_P(BlogApiTest, posts_page_filter_and_search_with_their_authors_and_tags) {
    const std::string ann = user("ann"), bob = user("bob");
    for (int i = 0; i < 23; ++i)
        post(i % 2 ? ann : bob, "post " + std::to_string(i), true,
             i % 3 == 0 ? std::vector<std::string>{"cpp", "sql"} : std::vector<std::string>{"sql"});
    post(ann, "100% real", true);
    post(ann, "ann's draft", false);
    post(bob, "E=mc2, slowly", true);

    const Reply first = call("GET", "/posts?per_page=10");
    ASSERT_EQ(first.status, 200) << first.raw;
    EXPECT_EQ(first.body["items"].size(), 10u);
    EXPECT_TRUE(first.body["has_next"]);
    EXPECT_FALSE(first.body["has_prev"]);
    EXPECT_FALSE(first.body.contains("total"));                   // counted only when asked
    EXPECT_EQ(first.body["items"][0]["title"], "E=mc2, slowly");  // newest first
    EXPECT_EQ(first.body["items"][1]["title"], "100% real");
    EXPECT_EQ(first.body["items"][2]["author"]["username"], "bob");
    const Reply last = call("GET", "/posts?per_page=10&page=3");
    EXPECT_EQ(last.body["items"].size(), 5u);
    EXPECT_FALSE(last.body["has_next"]);
    EXPECT_TRUE(last.body["has_prev"]);
    const Reply counted = call("GET", "/posts?per_page=10&total=true");
    EXPECT_EQ(counted.body["total"], 25);  // the draft is ann's alone
    EXPECT_EQ(counted.body["pages"], 3);
    EXPECT_EQ(call("GET", "/posts?tag=cpp&total=true").body["total"], 8);
    const json cpp_post = call("GET", "/posts?tag=cpp&per_page=1").body["items"][0];
    EXPECT_EQ(cpp_post["tags"].size(), 2u) << cpp_post.dump();
    EXPECT_EQ(call("GET", "/posts?q=100%25&total=true").body["total"], 1);        // % is literal
    EXPECT_EQ(call("GET", "/posts?q=POST%201&total=true").body["total"], 11);     // any case
    EXPECT_EQ(call("GET", "/posts?total=true", nullptr, ann).body["total"], 26);  // her draft
    // Typed as is, not percent-encoded: the value is everything after the first '='.
    EXPECT_EQ(call("GET", "/posts?q=E=mc2&total=true").body["total"], 1);
    EXPECT_EQ(call("GET", "/posts?q=%FF").status, 400) << "not UTF-8";
    EXPECT_EQ(call("GET", "/posts?total=maybe").status, 422);
    EXPECT_EQ(call("GET", "/posts?per_page=0").status, 422);
    EXPECT_EQ(call("GET", "/posts?per_page=101").status, 422);
    EXPECT_EQ(call("GET", "/posts?page=-1").status, 422);
    EXPECT_EQ(call("GET", "/posts?author_id=x").status, 422);
    EXPECT_EQ(call("GET", "/posts?published=maybe").status, 422);
}

TEST_P(BlogApiTest, only_the_author_changes_or_deletes_a_post_and_drafts_stay_private) {
    const std::string ann = user("ann"), bob = user("bob");
    const std::int64_t id = post(ann, "first", true, {"news"});
    const std::int64_t draft = post(ann, "unfinished", false);
    const std::string path = "/posts/" + std::to_string(id);

    EXPECT_EQ(call("PATCH", path, {{"title", "mine now"}}, bob).status, 403);
    EXPECT_EQ(call("DELETE", path, nullptr, bob).status, 403);
    EXPECT_EQ(call("PATCH", path, {{"title", "x"}}).status, 401);
    const Reply changed =
        call("PATCH", path, {{"title", "first, edited"}, {"tags", {"a", "b"}}}, ann);
    ASSERT_EQ(changed.status, 200) << changed.raw;
    EXPECT_EQ(changed.body["title"], "first, edited");
    EXPECT_EQ(changed.body["tags"], json::array({"a", "b"}));
    EXPECT_EQ(call("PATCH", path, {{"title", ""}}, ann).status, 422);

    const std::string draft_path = "/posts/" + std::to_string(draft);
    EXPECT_EQ(call("GET", draft_path).status, 404);
    EXPECT_EQ(call("GET", draft_path, nullptr, bob).status, 404);
    EXPECT_EQ(call("GET", draft_path, nullptr, ann).status, 200);

    EXPECT_EQ(call("DELETE", path, nullptr, ann).status, 204);
    EXPECT_EQ(call("GET", path).status, 404);
    EXPECT_EQ(call("GET", "/posts/99999999999999999999").status, 404);
    EXPECT_EQ(call("GET", "/posts/abc").status, 404);
}

TEST_P(BlogApiTest, comments_are_added_and_read_with_their_authors) {
    const std::string ann = user("ann"), bob = user("bob");
    const std::int64_t id = post(ann, "talk to me", true);
    const std::string comments = "/posts/" + std::to_string(id) + "/comments";
    for (int i = 0; i < 12; ++i)
        EXPECT_EQ(
            call("POST", comments, {{"body", "comment " + std::to_string(i)}}, i % 2 ? ann : bob)
                .status,
            201);
    EXPECT_EQ(call("POST", comments, {{"body", "anonymous"}}).status, 401);
    EXPECT_EQ(call("POST", comments, {{"body", ""}}, bob).status, 422);
    EXPECT_EQ(call("POST", "/posts/424242/comments", {{"body", "hello"}}, bob).status, 404);

    const Reply page = call("GET", comments + "?per_page=5&page=3&total=true");
    ASSERT_EQ(page.status, 200) << page.raw;
    EXPECT_EQ(page.body["total"], 12);
    EXPECT_FALSE(page.body["has_next"]);
    EXPECT_EQ(page.body["items"].size(), 2u);
    EXPECT_EQ(page.body["items"][0]["body"], "comment 10");
    EXPECT_EQ(page.body["items"][0]["author"]["username"], "bob");
    const Reply whole = call("GET", "/posts/" + std::to_string(id));
    EXPECT_EQ(whole.body["comments"].size(), 12u);
    EXPECT_EQ(whole.body["comments"][11]["author"]["username"], "ann");
}

TEST_P(BlogApiTest, a_user_changes_and_closes_their_account) {
    const std::string ann = user("ann"), bob = user("bob");
    post(ann, "soon gone", true);
    EXPECT_EQ(call("PATCH", "/users/me", {{"email", "bob@example.com"}}, ann).status, 409);
    const Reply changed = call("PATCH", "/users/me", {{"email", "ann@new.example.com"}}, ann);
    EXPECT_EQ(changed.status, 200) << changed.raw;
    EXPECT_EQ(changed.body["email"], "ann@new.example.com");
    // A new password: the old one stops working, the new one logs in.
    EXPECT_EQ(call("PATCH", "/users/me", {{"password", "short"}}, ann).status, 422);
    EXPECT_EQ(call("PATCH", "/users/me", {{"password", "a brand new secret"}}, ann).status, 200);
    EXPECT_EQ(call("POST", "/auth/login", {{"username", "ann"}, {"password", "correct horse ann"}})
                  .status,
              401);
    const Reply relogin =
        call("POST", "/auth/login", {{"username", "ann"}, {"password", "a brand new secret"}});
    EXPECT_EQ(relogin.status, 200) << relogin.raw;
    EXPECT_EQ(call("DELETE", "/users/me", nullptr, ann).status, 204);
    EXPECT_EQ(call("GET", "/users/me", nullptr, ann).status, 401);
    EXPECT_EQ(call("GET", "/posts?total=true").body["total"], 0);  // her posts went with her
}

// Logins that last one second.
class BlogApiShortLoginTest : public BlogApiTest {
  protected:
    std::chrono::seconds token_lifetime() const override { return std::chrono::seconds(1); }
};
RETORT_ON_BOTH_BACKENDS(BlogApiShortLoginTest);

TEST_P(BlogApiShortLoginTest, an_expired_token_is_refused) {
    const std::string token = user("brief");
    EXPECT_EQ(call("GET", "/users/me", nullptr, token).status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    const Reply expired = call("GET", "/users/me", nullptr, token);
    EXPECT_EQ(expired.status, 401);
    EXPECT_NE(expired.raw.find("expired"), std::string::npos) << expired.raw;
}

TEST_P(BlogApiTest, errors_are_json_and_operations_endpoints_answer) {
    const Reply unknown = call("GET", "/nowhere");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.body["error"]["code"], "not_found");
    const std::string ann = user("ann");
    const Reply big =
        call("POST", "/posts", {{"title", "big"}, {"body", std::string(20000, 'x')}}, ann);
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(call("GET", "/health").body["status"], "ok");
    const Reply metrics = call("GET", "/metrics");
    EXPECT_NE(metrics.raw.find("blog_requests_total{route=\"GET /health\",status=\"200\"} 1"),
              std::string::npos)
        << metrics.raw;
    EXPECT_NE(metrics.raw.find("blog_requests_total{route=\"unrouted\",status=\"413\"} 1"),
              std::string::npos)
        << metrics.raw;
    EXPECT_NE(metrics.raw.find("blog_requests_total{route=\"unrouted\",status=\"404\"} 1"),
              std::string::npos)
        << metrics.raw;
    EXPECT_NE(metrics.raw.find("retort_pool_connections{state=\"idle\"}"), std::string::npos);
}

TEST_P(BlogApiTest, fifty_concurrent_clients_write_posts_and_comments_each_once) {
    std::vector<std::string> tokens;
    for (int i = 0; i < 5; ++i) tokens.push_back(user("writer" + std::to_string(i)));
    std::atomic<int> failures{0};
    std::mutex mutex;
    std::vector<std::string> problems;
    auto write_post_and_comments = [&](int c) {
        const std::string& token = tokens[static_cast<std::size_t>(c) % tokens.size()];
        const Reply made = call("POST", "/posts",
                                {{"title", "post of client " + std::to_string(c)},
                                 {"body", "text"},
                                 {"published", true},
                                 {"tags", {"shared", "t" + std::to_string(c % 7)}}},
                                token);
        if (made.status != 201) {
            ++failures;
            return;
        }
        const std::string path = "/posts/" + std::to_string(made.body["id"].get<std::int64_t>());
        for (int k = 0; k < 3; ++k)
            if (call("POST", path + "/comments", {{"body", "c" + std::to_string(k)}}, token)
                    .status != 201)
                ++failures;
    };
    std::vector<std::thread> clients;
    for (int c = 0; c < 50; ++c)
        clients.emplace_back([&, c] {
            try {
                write_post_and_comments(c);
            } catch (const std::exception& error) {
                std::lock_guard lock(mutex);
                problems.push_back(error.what());
            }
        });
    for (auto& client : clients) client.join();
    EXPECT_EQ(problems, std::vector<std::string>{});
    EXPECT_EQ(failures.load(), 0);

    const Reply all = call("GET", "/posts?per_page=100&total=true");
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.body["total"], 50);
    std::set<std::string> titles;
    for (const auto& item : all.body["items"]) {
        titles.insert(item["title"].get<std::string>());
        EXPECT_EQ(item["tags"].size(), 2u);
        const Reply comments =
            call("GET", "/posts/" + std::to_string(item["id"].get<std::int64_t>()) + "/comments");
        EXPECT_EQ(comments.body["items"].size(), 3u);
    }
    EXPECT_EQ(titles.size(), 50u);
    EXPECT_EQ(call("GET", "/posts?tag=shared&total=true").body["total"], 50);
    const Reply metrics = call("GET", "/metrics");
    EXPECT_EQ(metrics.raw.find("status=\"500\""), std::string::npos) << metrics.raw;
}

}  // namespace
}  // namespace retort::testing
