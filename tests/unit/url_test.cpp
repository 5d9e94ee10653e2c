#include <gtest/gtest.h>

#include <retort/engine/url.hpp>
#include <retort/errors.hpp>

using retort::ArgumentError;
using retort::Url;

TEST(Url, parses_every_part_of_a_postgresql_url) {
    Url url = Url::parse(
        "postgresql://app:s3cret@db.example.com:6543/appdb?sslmode=require&application_name=web");
    EXPECT_EQ(url.drivername, "postgresql");
    EXPECT_EQ(url.backend(), "postgresql");
    EXPECT_EQ(url.username, "app");
    EXPECT_EQ(url.password, "s3cret");
    EXPECT_EQ(url.host, "db.example.com");
    EXPECT_EQ(url.port, 6543);
    EXPECT_EQ(url.database, "appdb");
    EXPECT_EQ(url.option("sslmode"), "require");
    EXPECT_EQ(url.option("application_name"), "web");
    EXPECT_FALSE(url.option("connect_timeout").has_value());
}

TEST(Url, percent_decodes_credentials_and_database) {
    Url url = Url::parse("postgresql://us%40er:p%40ss%3Aw%2Ford@localhost/my%20db");
    EXPECT_EQ(url.username, "us@er");
    EXPECT_EQ(url.password, "p@ss:w/ord");
    EXPECT_EQ(url.database, "my db");
}

TEST(Url, unix_socket_directory_comes_from_the_host_option) {
    Url url = Url::parse("postgresql:///appdb?host=/run/postgresql");
    EXPECT_FALSE(url.host.has_value());
    EXPECT_EQ(url.database, "appdb");
    EXPECT_EQ(url.option("host"), "/run/postgresql");
}

TEST(Url, driver_suffix_is_kept_apart_from_the_backend) {
    Url url = Url::parse("postgresql+libpq://u@h/d");
    EXPECT_EQ(url.backend(), "postgresql");
    EXPECT_EQ(url.drivername, "postgresql+libpq");
}

TEST(Url, ipv6_host_in_brackets) {
    Url url = Url::parse("postgresql://u:p@[::1]:5433/d");
    EXPECT_EQ(url.host, "::1");
    EXPECT_EQ(url.port, 5433);
}

TEST(Url, a_host_that_would_not_render_back_is_refused) {
    // Found by fuzz/fuzz_url.cpp: "x@[::1]:u563" was taken for a host, rendered in brackets,
    // and read back as something else.
    EXPECT_THROW(Url::parse("postgresql://u:p@x@[::1]:u563:/d"), ArgumentError);
    EXPECT_THROW(Url::parse("postgresql://host:5432:6543/d"), ArgumentError);
    EXPECT_THROW(Url::parse("postgresql://[::1]]/d"), ArgumentError);
    for (const char* text : {"postgresql://u:p%40ss@db.example.com:5432/app?sslmode=require",
                             "postgresql://u@[::1]:5433/d", "sqlite:////abs/path.db?mode=ro",
                             // Found by fuzzing: an encoded '@' in a bracketed host.
                             "postgresql://u@[::p%40s%07]:1335/d"}) {
        Url url = Url::parse(text);
        EXPECT_EQ(Url::parse(url.render_with_password()).render_with_password(),
                  url.render_with_password());
    }
}

TEST(Url, sqlite_paths_follow_sqlalchemy) {
    EXPECT_EQ(Url::parse("sqlite:///relative/app.db").database, "relative/app.db");
    EXPECT_EQ(Url::parse("sqlite:////abs/path/app.db").database, "/abs/path/app.db");
    EXPECT_EQ(Url::parse("sqlite://").database, "");
    Url ro = Url::parse("sqlite:///data.db?mode=ro");
    EXPECT_EQ(ro.database, "data.db");
    EXPECT_EQ(ro.option("mode"), "ro");
}

TEST(Url, printed_form_hides_the_password) {
    Url url = Url::parse("postgresql://app:topsecret@localhost:5432/app");
    EXPECT_EQ(url.str(), "postgresql://app:***@localhost:5432/app");
    EXPECT_EQ(url.str().find("topsecret"), std::string::npos);
    EXPECT_NE(url.render_with_password().find("topsecret"), std::string::npos);
    EXPECT_EQ(Url::parse("sqlite:////abs/app.db").str(), "sqlite:////abs/app.db");
}

TEST(Url, malformed_urls_name_the_bad_part_without_the_password) {
    auto message_of = [](const char* text) {
        try {
            Url::parse(text);
        } catch (const ArgumentError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message_of("localhost:5432/db").find("scheme"), std::string::npos);
    std::string port = message_of("postgresql://u:hunter2@host:54x2/db");
    EXPECT_NE(port.find("port '54x2'"), std::string::npos);
    EXPECT_EQ(port.find("hunter2"), std::string::npos);
    EXPECT_NE(message_of("postgresql://u:p@host:70000/db").find("port"), std::string::npos);
    std::string escape = message_of("postgresql://u:bad%zzpass@host/db");
    EXPECT_NE(escape.find("password"), std::string::npos);
    EXPECT_EQ(escape.find("bad%zz"), std::string::npos);
    EXPECT_NE(message_of("post gres://h/d").find("scheme"), std::string::npos);
    EXPECT_NE(message_of("postgresql://h/d?sslmode").find("sslmode"), std::string::npos);
}

TEST(Url, a_password_may_hold_slashes_and_question_marks) {
    Url url = Url::parse("postgresql://u:ab/c?d:e@db.example.com:5433/app?sslmode=require");
    EXPECT_EQ(url.username, "u");
    EXPECT_EQ(url.password, "ab/c?d:e");
    EXPECT_EQ(url.host, "db.example.com");
    EXPECT_EQ(url.port, 5433);
    EXPECT_EQ(url.database, "app");
    EXPECT_EQ(url.option("sslmode"), "require");
    EXPECT_EQ(url.str(), "postgresql://u:***@db.example.com:5433/app?sslmode=require");
}

TEST(Url, at_signs_after_the_host_are_not_credentials) {
    Url url = Url::parse("sqlite:///data@home.db?mode=ro");
    EXPECT_FALSE(url.username.has_value());
    EXPECT_EQ(url.database, "data@home.db");
}

TEST(Url, secret_query_options_are_hidden_too) {
    Url url = Url::parse("postgresql://h/db?password=hunter2&sslmode=require");
    EXPECT_EQ(url.str().find("hunter2"), std::string::npos);
    EXPECT_EQ(url.option("password"), "hunter2");
}
