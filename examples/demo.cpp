// Retort's demo on the embedded default (SQLite): create a table, insert, query, print.
// Usage: retort_demo [URL]   (default: sqlite:///retort_demo.db; any PostgreSQL URL works too)
#include <retort/retort.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    using namespace retort;
    std::string url = argc > 1 ? argv[1] : "sqlite:///retort_demo.db";
    try {
        Engine engine = create_engine(url);
        std::printf("engine: %s (%s)\n", engine.url().str().c_str(),
                    std::string(engine.dialect_name()).c_str());

        engine.transaction([](Connection& conn) {
            conn.execute(text("DROP TABLE IF EXISTS demo_users"));
            conn.execute(
                text("CREATE TABLE demo_users (id INTEGER PRIMARY KEY, username VARCHAR(50) NOT "
                     "NULL UNIQUE, "
                     "email VARCHAR(100) NOT NULL, is_active BOOLEAN NOT NULL, created_at "
                     "TIMESTAMP NOT NULL)"));
            TextClause insert = text(
                "INSERT INTO demo_users (id, username, email, is_active, created_at) "
                "VALUES (:id, :username, :email, :active, :created)");
            conn.execute_many(insert, {
                                          {{"id", 1},
                                           {"username", "johndoe"},
                                           {"email", "john@example.com"},
                                           {"active", true},
                                           {"created", utc_now()}},
                                          {{"id", 2},
                                           {"username", "janedoe"},
                                           {"email", "jane@example.com"},
                                           {"active", true},
                                           {"created", utc_now()}},
                                          {{"id", 3},
                                           {"username", "olduser"},
                                           {"email", "old@old.com"},
                                           {"active", false},
                                           {"created", utc_now()}},
                                      });
        });

        Connection conn = engine.connect();
        std::printf("active users:\n");
        for (auto [id, username, email] :
             conn.execute(text("SELECT id, username, email FROM demo_users WHERE is_active = "
                               ":active ORDER BY id"),
                          {{"active", true}})
                 .tuples<std::int64_t, std::string, std::string>()) {
            std::printf("  %lld  %-8s %s\n", static_cast<long long>(id), username.c_str(),
                        email.c_str());
        }
        auto count = conn.execute(text("SELECT count(*) FROM demo_users")).scalar<std::int64_t>();
        std::printf("%lld users in all\n", static_cast<long long>(count));

        try {
            conn.execute(
                text("INSERT INTO demo_users (id, username, email, is_active, created_at) "
                     "VALUES (4, 'johndoe', 'x@example.com', true, CURRENT_TIMESTAMP)"));
        } catch (const IntegrityError& error) {
            std::printf("duplicate username refused: IntegrityError\n");
            conn.rollback();
        }
        return 0;
    } catch (const Error& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
