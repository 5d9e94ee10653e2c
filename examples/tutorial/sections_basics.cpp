// The walkthrough's setting up: "Creating an Engine", "Defining Models" (with "Adding Constraints
// and Indexes"), create_all, and "Creating a Session".
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "models.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

namespace {

std::vector<std::string> names_of(const auto& items) {
    std::vector<std::string> names;
    for (const auto& item : items) names.push_back(item.name);
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

/// One product that breaks a constraint: the database refuses it, and the session rolls back.
/// PostgreSQL names the constraint; SQLite names a CHECK, and a UNIQUE by its columns.
void refused(Context& context, Product product, const std::string& constraint,
             const std::string& sqlite_says) {
    Session session = context.make_session();
    try {
        session.add(std::move(product));
        session.commit();
        context.check.that(false, "the database refuses a product breaking " + constraint);
    } catch (const IntegrityError& error) {
        session.rollback();
        const std::string message(error.what());
        std::printf("Refused by the database: %s\n", message.substr(0, message.find('\n')).c_str());
        if (context.postgresql)
            context.check.equal(error.constraint_name(), constraint, "the constraint named");
        else
            context.check.that(message.find(sqlite_says) != std::string::npos,
                               "SQLite's message names " + sqlite_says);
    }
}

}  // namespace

void creating_an_engine(Context& context) {
    heading("Creating an Engine");
    const Engine& engine = context.engine;
    Url shown = engine.url();
    shown.password.reset();  // not even as "***"
    const std::string dialect(engine.dialect_name());
    std::printf("Engine: %s (dialect: %s)\n", shown.str().c_str(), dialect.c_str());
    const EngineOptions& options = engine.options();
    std::printf(
        "Pool: pool_size=%d, max_overflow=%d, pool_timeout=%llds, pool_recycle=%llds, echo=%s\n",
        options.pool_size, options.max_overflow,
        static_cast<long long>(
            std::chrono::duration_cast<std::chrono::seconds>(options.pool_timeout).count()),
        static_cast<long long>(options.pool_recycle.value_or(std::chrono::seconds(0)).count()),
        options.echo ? "True" : "False (RETORT_ECHO=1 turns it on)");
    try {  // Testing the connection
        Connection connection = engine.connect();
        const auto one = connection.execute(text("SELECT 1")).scalar<std::int64_t>();
        std::puts("Connection successful!");
        connection.close();
        context.check.equal(one, 1, "SELECT 1");
    } catch (const Error& error) {
        std::printf("Error connecting to %s: %s\n", dialect.c_str(), error.what());
        throw;
    }
    const bool hidden =
        !engine.url().password || shown.str().find(*engine.url().password) == std::string::npos;
    context.check.that(hidden, "the printed URL holds no password");
    context.check.equal(options.pool_size, 5, "pool_size");
    context.check.equal(options.max_overflow, 10, "max_overflow");
}

void defining_models(Context& context) {
    heading("Defining Models");
    for (const TableDefinition* table : core_metadata.sorted_tables()) {
        std::printf("- %s: %s\n", table->name.c_str(), joined(names_of(table->columns)).c_str());
    }
    const TableDefinition& product = products.definition();
    std::printf("%s constraints and indexes (__table_args__):\n", product.name.c_str());
    std::printf("  unique: %s\n", joined(names_of(product.uniques)).c_str());
    std::printf("  checks: %s\n", joined(names_of(product.checks)).c_str());
    std::printf("  indexes: %s\n", joined(names_of(product.indexes)).c_str());
    context.check.equal(core_metadata.sorted_tables().size(), std::size_t{7}, "seven tables");
    context.check.equal(names_of(product.uniques), std::vector<std::string>{"uix_product_sku"},
                        "the product's unique constraint");
    context.check.equal(
        names_of(product.checks),
        std::vector<std::string>{"chk_product_price_positive", "chk_product_stock_non_negative"},
        "the product's checks");
    context.check.equal(names_of(product.indexes),
                        std::vector<std::string>{"idx_product_category", "idx_product_name",
                                                 "idx_product_active_category"},
                        "the product's indexes");
}

void creating_the_tables(Context& context) {
    heading("Creating the Tables");
    // Whatever an earlier run left goes first, so that every run starts from empty tables.
    app_metadata.drop_all(context.engine);
    core_metadata.drop_all(context.engine);
    core_metadata.create_all(context.engine);  // Base.metadata.create_all(engine)
    std::vector<std::string> created;
    for (const TableDefinition* table : core_metadata.sorted_tables()) {
        created.push_back(table->name);
        context.check.that(context.engine.has_table(table->name, std::nullopt),
                           "table " + table->name + " exists");
    }
    std::printf("Created tables: %s\n", joined(created).c_str());

    std::puts("The constraints at work:");
    {
        Session session = context.make_session();
        auto office = make(Category{.name = "Office"});
        auto keyboard =
            make(Product{.sku = "KB-001", .name = "Ergonomic Keyboard", .price = 89.99});
        keyboard->category = office;
        session.add(keyboard);
        session.commit();
        std::printf("Created product: %s in category %s\n", std::as_const(keyboard)->name.c_str(),
                    std::as_const(keyboard)->category->name.c_str());
    }
    refused(context, Product{.sku = "KB-002", .name = "Broken", .price = -1.0},
            "chk_product_price_positive", "chk_product_price_positive");
    refused(context, Product{.sku = "KB-001", .name = "Copy", .price = 5.0}, "uix_product_sku",
            "tut_products.sku");
    Session session = context.make_session();
    context.check.equal(session.query(products).count(), 1, "one product stored");
}

void creating_a_session(Context& context) {
    heading("Creating a Session");
    // Session = sessionmaker(bind=engine); session = Session(); ...; session.close()
    Session session = context.make_session();
    std::printf("Session from the factory: autoflush=%s, expire_on_commit=%s\n",
                session.options().autoflush ? "True" : "False",
                session.options().expire_on_commit ? "True" : "False");
    session.close();

    // with Session() as session: a C++ scope. The session holds a connection from its first
    // statement; leaving the scope closes it (and rolls back what was not committed).
    int during = 0;
    {
        Session scoped = context.make_session();
        scoped.query(users).count();
        during = context.engine.pool_status().checked_out;
    }
    const int after = context.engine.pool_status().checked_out;
    std::printf("Connections checked out: %d inside the scope, %d after it\n", during, after);
    context.check.equal(during, 1, "the session holds a connection");
    context.check.equal(after, 0, "the connection went back at the end of the scope");
}

}  // namespace tutorial
