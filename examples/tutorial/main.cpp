// SQLAlchemy's ORM walkthrough ("ORM Basics with SQLAlchemy") as one C++ program: each section
// of the walkthrough in its order, printing what its Python prints, and checking its own key
// results (a mismatch is printed and the program exits 1).
//
// Usage: retort_tutorial [--url URL]        default: sqlite:///retort_tutorial.db
//        retort_tutorial --diagram mermaid|dot
// On SQLite the sections that need PostgreSQL (ARRAY, JSONB, full-text search) say so and are
// skipped. RETORT_ECHO=1 logs every statement (the walkthrough's echo=True).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "models.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

void heading(std::string_view name) {
    std::printf("\n== %.*s ==\n", static_cast<int>(name.size()), name.data());
}

bool on_postgresql(const Context& context, std::string_view section, std::string_view why) {
    if (!context.postgresql) {
        std::printf("\n-- %.*s: skipped on SQLite (needs PostgreSQL: %.*s)\n",
                    static_cast<int>(section.size()), section.data(), static_cast<int>(why.size()),
                    why.data());
        return false;
    }
    heading(section);
    return true;
}

}  // namespace tutorial

namespace {

using namespace tutorial;

struct Arguments {
    std::string url = "sqlite:///retort_tutorial.db";
    std::string diagram{};
};

void usage(std::FILE* out) {
    std::fprintf(out,
                 "usage: retort_tutorial [--url URL]\n"
                 "       retort_tutorial --diagram mermaid|dot\n"
                 "Runs SQLAlchemy's ORM walkthrough in C++ (default URL: "
                 "sqlite:///retort_tutorial.db).\n");
}

/// The arguments, or the exit status when there is nothing to run.
std::optional<int> parse(int argc, char** argv, Arguments& arguments) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            usage(stdout);
            return 0;
        }
        if ((arg == "--url" || arg == "--diagram") && i + 1 < argc) {
            (arg == "--url" ? arguments.url : arguments.diagram) = argv[++i];
            continue;
        }
        std::fprintf(stderr, "retort_tutorial: unexpected argument '%s'\n", argv[i]);
        usage(stderr);
        return 2;
    }
    if (!arguments.diagram.empty() && arguments.diagram != "mermaid" &&
        arguments.diagram != "dot") {
        std::fprintf(stderr, "retort_tutorial: --diagram takes mermaid or dot\n");
        return 2;
    }
    return std::nullopt;
}

void run_sections(Context& context) {
    creating_an_engine(context);
    defining_models(context);
    creating_the_tables(context);
    creating_a_session(context);
    basic_crud_operations(context);
    working_with_relationships(context);
    querying_with_relationships(context);
    transactions_and_error_handling(context);
    complex_filtering(context);
    querying_with_functions(context);
    subqueries_and_joins(context);
    pagination(context);
    array_types(context);
    json_types(context);
    full_text_search(context);
    n_plus_one_and_eager_loading(context);
    selecting_only_needed_columns(context);
    bulk_insert(context);
    session_factory_pattern(context);
    repository_and_service(context);
}

/// The walkthrough's configured engine: pool_size=5, max_overflow=10, pool_timeout=30,
/// pool_recycle=1800; echo only when RETORT_ECHO is set (it would print every statement).
Engine configured_engine(const std::string& url) {
    return create_engine(url, {.pool_size = 5,
                               .max_overflow = 10,
                               .pool_timeout = std::chrono::seconds(30),
                               .pool_recycle = std::chrono::seconds(1800),
                               .echo = std::getenv("RETORT_ECHO") != nullptr});
}

}  // namespace

int main(int argc, char** argv) {
    Arguments arguments;
    if (auto status = parse(argc, argv, arguments)) return *status;
    if (!arguments.diagram.empty()) {  // no connection: the models' MetaData is all it needs
        const std::string text =
            arguments.diagram == "mermaid" ? to_mermaid(core_metadata) : to_dot(core_metadata);
        std::fputs(text.c_str(), stdout);
        return 0;
    }
    try {
        Engine engine = configured_engine(arguments.url);
        Context context{engine, SessionFactory(engine), engine.dialect_name() == "postgresql"};
        run_sections(context);
        // The SQLite file stays for you to look at; a shared PostgreSQL database is left as found.
        if (context.postgresql) drop_postgresql_objects(context);
        const Check& check = context.check;
        if (check.failures() != 0) {
            std::printf("\n%d of %d checks FAILED\n", check.failures(), check.checks());
            return 1;
        }
        std::printf("\nAll %d checks passed.\n", check.checks());
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
