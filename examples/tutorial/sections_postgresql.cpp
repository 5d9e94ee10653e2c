// The walkthrough's "PostgreSQL-Specific Features": ARRAY columns, JSONB, and full-text search
// with a trigger-maintained tsvector and a GIN index. Each has a MetaData of its own, created
// on PostgreSQL only; on SQLite each section says why it is skipped.
#include <retort/dialects/postgresql/functions.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "models.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;
namespace pg = retort::postgresql;

namespace tutorial {

void array_types(Context& context) {
    if (!on_postgresql(context, "PostgreSQL Array Types", "ARRAY columns and their operators"))
        return;
    arrays::metadata.drop_all(context.engine);
    arrays::metadata.create_all(context.engine);  // Base.metadata.create_all(engine)
    using arrays::Product;
    const auto& products = arrays::products;
    {  // Insert data with arrays
        Session session = context.make_session();
        auto new_product = session.add(Product{.name = "Ergonomic Keyboard",
                                               .tags = {"electronics", "office", "ergonomic"},
                                               .dimensions = {45, 15, 2}});
        session.add(Product{.name = "Desk Lamp", .tags = {"office", "lighting"}, .dimensions = {}});
        session.commit();
        std::printf("Created product: %s, ID: %lld\n", std::as_const(new_product)->name.c_str(),
                    ll(std::as_const(new_product)->id));
        context.check.equal(std::as_const(new_product)->id, 1, "the keyboard's ID");
    }
    {  // Query with array operators
        Session session = context.make_session();
        // Find products with a specific tag (using ANY)
        auto ergonomic_products =
            session.query(products).filter(any_(products.tags) == "ergonomic").all();
        std::printf("Found %zu ergonomic products\n", ergonomic_products.size());
        // Check if array contains all values (using @>)
        auto office_products =
            session.query(products)
                .filter(products.tags.contains(std::vector<std::string>{"office", "ergonomic"}))
                .all();
        std::printf("Found %zu products tagged with both office AND ergonomic\n",
                    office_products.size());
        context.check.equal(ergonomic_products.size(), 1, "ergonomic products");
        context.check.equal(office_products.size(), 1, "office and ergonomic products");
        context.check.that(!office_products.empty() && office_products[0]->dimensions ==
                                                           std::vector<std::int32_t>{45, 15, 2},
                           "the dimensions read back");
    }
}

void json_types(Context& context) {
    if (!on_postgresql(context, "PostgreSQL JSON Types", "JSONB and its operators")) return;
    json_metadata.drop_all(context.engine);
    json_metadata.create_all(context.engine);
    std::int64_t id = 0;
    {  // Insert data with JSON
        Session session = context.make_session();
        auto new_event = session.add(Event{.name = "User Login", .data = Json(R"({"user_id": 123,
                             "device": {"type": "mobile", "os": "iOS", "version": "15.2"},
                             "location": {"country": "US", "city": "San Francisco"}})")});
        session.commit();
        id = std::as_const(new_event)->id;
        std::printf("Created event: %s, ID: %lld\n", std::as_const(new_event)->name.c_str(),
                    ll(id));
    }
    Session session = context.make_session();
    // JSON path match operator: ->, then ->> (astext)
    auto mobile_logins =
        session.query(events).filter(events.data["device"]["type"].astext() == "mobile").all();
    std::printf("Found %zu mobile login events\n", mobile_logins.size());
    // JSON containment operator: @>
    auto ios_logins = session.query(events)
                          .filter(events.data.contains(Json(R"({"device": {"os": "iOS"}})")))
                          .all();
    std::printf("Found %zu iOS login events\n", ios_logins.size());
    // Update JSON data: the || operator (JsonbConcatenationOperator)
    session.query(events)
        .filter(events.id == id)
        .update({{"data", events.data.concat(Json(R"({"processed": true})"))}}, Synchronize::none);
    session.commit();  // expires the objects: the next read loads the new document
    // Verify the update
    auto updated_event = session.get(events, id);
    const std::string data = std::as_const(updated_event)->data.text();
    std::printf("Updated event data: %s\n", data.c_str());
    context.check.equal(mobile_logins.size(), 1, "mobile logins");
    context.check.equal(ios_logins.size(), 1, "iOS logins");
    context.check.that(data.find("\"processed\": true") != std::string::npos,
                       "the document has \"processed\": true");
}

namespace {

// Add trigger to automatically update search_vector (using raw SQL): one script.
const char* const search_trigger = R"(
    CREATE OR REPLACE FUNCTION article_search_vector_update() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector =
            setweight(to_tsvector('english', COALESCE(NEW.title, '')), 'A') ||
            setweight(to_tsvector('english', COALESCE(NEW.content, '')), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql;

    DROP TRIGGER IF EXISTS article_search_vector_update ON tut_articles;

    CREATE TRIGGER article_search_vector_update
    BEFORE INSERT OR UPDATE ON tut_articles
    FOR EACH ROW EXECUTE FUNCTION article_search_vector_update();
)";

void add_sample_articles(Context& context) {
    Session session = context.make_session();
    auto added = session.add_all(std::vector<Article>{
        {.title = "PostgreSQL Full-Text Search",
         .content = "PostgreSQL offers powerful full-text search capabilities that are often "
                    "overlooked. This feature allows natural language queries against text "
                    "content."},
        {.title = "SQLAlchemy ORM Tutorial",
         .content = "Learn how to use SQLAlchemy ORM to interact with your database. This "
                    "tutorial covers relationships, querying, and PostgreSQL features."},
        {.title = "Web Development with Python",
         .content = "Python is an excellent language for web development. Frameworks like "
                    "Flask and Django make it easy to build powerful web applications."}});
    session.commit();
    std::printf("Added %zu sample articles\n", added.size());
}

/// Runs a ranked search and prints it as the walkthrough does; the titles found, best first.
std::vector<std::string> search(Context& context, const std::string& term,
                                const Expr<TsQuery>& query) {
    Session session = context.make_session();
    auto rank = pg::ts_rank(articles.search_vector, query);
    auto results = session.query(articles, rank.label("rank"))
                       .filter(articles.search_vector.match(query))
                       .order_by(rank.desc(), articles.id)
                       .all();
    std::printf("\nSearch results for '%s':\n", term.c_str());
    std::vector<std::string> titles;
    for (const auto& [article, score] : results) {
        std::printf("- %s (Rank: %.4f)\n", article->title.c_str(), score);
        titles.push_back(article->title);
    }
    return titles;
}

}  // namespace

void full_text_search(Context& context) {
    if (!on_postgresql(context, "Full-Text Search",
                       "TSVECTOR, a plpgsql trigger, a GIN index, ts_rank and to_tsquery"))
        return;
    search_metadata.drop_all(context.engine);
    search_metadata.create_all(context.engine);
    {
        Connection conn = context.engine.connect();
        conn.execute(text(search_trigger));
        conn.commit();
    }
    add_sample_articles(context);

    // Simple text search
    const std::string simple = "postgresql";
    auto found = search(context, simple, pg::plainto_tsquery("english", simple));
    // More complex search: every word as a prefix, 'python:* & web:* & applications:*'
    const std::string complex = "python web applications";
    std::string prefixes;
    std::istringstream words(complex);
    for (std::string word; words >> word;)
        prefixes += (prefixes.empty() ? "" : " & ") + word + ":*";
    auto prefixed = search(context, complex, pg::to_tsquery("english", prefixes));

    context.check.equal(
        found, std::vector<std::string>{"PostgreSQL Full-Text Search", "SQLAlchemy ORM Tutorial"},
        "'postgresql' finds two, the title match first");
    context.check.equal(prefixed, std::vector<std::string>{"Web Development with Python"},
                        "the prefix search finds the Python article");
}

void drop_postgresql_objects(Context& context) {
    search_metadata.drop_all(context.engine);  // its trigger goes with the table
    json_metadata.drop_all(context.engine);
    arrays::metadata.drop_all(context.engine);
    app_metadata.drop_all(context.engine);
    core_metadata.drop_all(context.engine);
    Connection conn = context.engine.connect();
    conn.execute(text("DROP FUNCTION IF EXISTS article_search_vector_update()"));
    conn.commit();
}

}  // namespace tutorial
