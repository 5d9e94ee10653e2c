// Products over HTTP: create with validation, read, change, delete, upsert by sku, and bulk
// import of JSON lines and CSV through COPY, all or nothing.
#include <atomic>

#include "catalog_api_fixture.hpp"

namespace retort::testing {
namespace {

using nlohmann::json;

json lamp(const std::string& sku) {
    return {{"sku", sku},
            {"name", "Lumina reading Lamp"},
            {"description", "A warm, dimmable reading lamp."},
            {"price", "39.90"},
            {"stock", 12},
            {"attributes", {{"brand", "Lumina"}, {"specs", {{"weight_kg", 0.8}}}}},
            {"tags", {"dimmable", "eco"}},
            {"categories", {"desks"}}};
}

TEST_F(CatalogApi, a_product_is_created_read_changed_and_deleted) {
    const HttpReply made = send_json("POST", "/api/products", lamp("lamp-1"));
    ASSERT_EQ(made.status, 201) << made.raw;
    const auto id = made.body["id"].get<std::int64_t>();
    const HttpReply read = call("GET", "/api/products/" + std::to_string(id));
    ASSERT_EQ(read.status, 200) << read.raw;
    EXPECT_EQ(read.body["price"], "39.90");
    EXPECT_EQ(read.body["attributes"]["specs"]["weight_kg"], 0.8);
    EXPECT_EQ(read.body["tags"], json({"dimmable", "eco"}));
    EXPECT_TRUE(read.body["timing"].contains("db_ms"));

    // Found by the search at once: the generated search vector follows the row.
    const auto found = search("q=dimmable%20lamp&facets=false")["items"];
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]["id"], id);

    const HttpReply changed =
        send_json("PATCH", "/api/products/" + std::to_string(id), {{"price", "35"}, {"stock", 0}});
    ASSERT_EQ(changed.status, 200) << changed.raw;
    EXPECT_EQ(scalar("SELECT stock FROM products WHERE id = " + std::to_string(id)), 0);
    EXPECT_EQ(changed.body["price"], "35.00");
    EXPECT_EQ(changed.body["name"], "Lumina reading Lamp") << "fields not given are kept";

    EXPECT_EQ(call("DELETE", "/api/products/" + std::to_string(id)).status, 204);
    EXPECT_EQ(call("GET", "/api/products/" + std::to_string(id)).status, 404);
    EXPECT_EQ(call("DELETE", "/api/products/" + std::to_string(id)).status, 404);
}

TEST_F(CatalogApi, invalid_products_are_refused_naming_every_field_and_a_taken_sku_conflicts) {
    const HttpReply bad = send_json("POST", "/api/products",
                                    {{"sku", "has spaces"},
                                     {"price", "-3"},
                                     {"stock", 1.5},
                                     {"attributes", json::array()},
                                     {"tags", {"ok", "not ok"}},
                                     {"categories", {"no-such-category"}}});
    ASSERT_EQ(bad.status, 422) << bad.raw;
    for (const char* field : {"sku", "name", "price", "stock", "attributes", "tags"})
        EXPECT_TRUE(bad.body["error"]["fields"].contains(field)) << field << ": " << bad.raw;
    json unknown = lamp("lamp-2");
    unknown["categories"] = {"nope"};
    const HttpReply unknown_category = send_json("POST", "/api/products", unknown);
    EXPECT_EQ(unknown_category.status, 422) << unknown_category.raw;
    EXPECT_TRUE(unknown_category.body["error"]["fields"].contains("categories"));

    ASSERT_EQ(send_json("POST", "/api/products", lamp("lamp-3")).status, 201);
    const HttpReply taken = send_json("POST", "/api/products", lamp("lamp-3"));
    EXPECT_EQ(taken.status, 409) << taken.raw;
    EXPECT_TRUE(taken.body["error"]["fields"].contains("sku"));
    EXPECT_EQ(call("POST", "/api/products", "{not json").status, 400);
    const HttpReply misspelt = send_json("PATCH", "/api/products/1", {{"prcie", "5"}});
    EXPECT_EQ(misspelt.status, 422) << "a misspelt field is named, not ignored: " << misspelt.raw;
    EXPECT_TRUE(misspelt.body["error"]["fields"].contains("prcie"));
}

TEST_F(CatalogApi, upsert_by_sku_creates_then_replaces) {
    json body = lamp("lamp-up");
    body.erase("sku");
    const HttpReply created = send_json("PUT", "/api/products/by-sku/lamp-up", body);
    ASSERT_EQ(created.status, 201) << created.raw;
    body["price"] = "44.00";
    body["name"] = "Lumina reading Lamp II";
    const HttpReply replaced = send_json("PUT", "/api/products/by-sku/lamp-up", body);
    ASSERT_EQ(replaced.status, 200) << replaced.raw;
    EXPECT_EQ(replaced.body["id"], created.body["id"]);
    EXPECT_EQ(replaced.body["price"], "44.00");
    EXPECT_EQ(scalar("SELECT count(*) FROM products WHERE sku = 'lamp-up'"), 1);
    body["sku"] = "another";
    EXPECT_EQ(send_json("PUT", "/api/products/by-sku/lamp-up", body).status, 422);
    body.erase("sku");
    body.erase("stock");
    EXPECT_EQ(send_json("PUT", "/api/products/by-sku/lamp-up", body).status, 422)
        << "an upsert replaces the whole product: every field is required";
    body["stock"] = 1;
    body.erase("tags");
    body.erase("description");
    ASSERT_EQ(send_json("PUT", "/api/products/by-sku/lamp-up", body).status, 200);
    EXPECT_EQ(scalar("SELECT cardinality(tags) + length(description) FROM products WHERE sku = "
                     "'lamp-up'"),
              0)
        << "fields left out of a replace are emptied, not kept";
}

TEST_F(CatalogApi, concurrent_upserts_of_one_new_sku_create_it_once) {
    json body = lamp("race");
    body.erase("sku");
    std::atomic<int> created = 0, replaced = 0, other = 0;
    std::vector<std::thread> clients;
    for (int i = 0; i < 8; ++i)
        clients.emplace_back([&] {
            for (int k = 0; k < 5; ++k) {
                const int status = send_json("PUT", "/api/products/by-sku/race", body).status;
                (status == 201 ? created : status == 200 ? replaced : other)++;
            }
        });
    for (auto& client : clients) client.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(replaced.load(), 39);
    EXPECT_EQ(other.load(), 0);
}

TEST_F(CatalogApi, bulk_import_upserts_json_lines_and_csv_and_writes_nothing_when_a_line_is_bad) {
    const auto before = scalar("SELECT count(*) FROM products");
    std::string lines;
    for (int i = 0; i < 500; ++i) lines += lamp("imp-" + std::to_string(i)).dump() + "\n";
    // An existing product's sku: updated, not duplicated.
    json existing = lamp("hea-000001");
    existing["name"] = "Renamed by import";
    lines += existing.dump() + "\n";
    const HttpReply imported = call("POST", "/api/import", lines, "application/x-ndjson");
    ASSERT_EQ(imported.status, 200) << imported.raw;
    EXPECT_EQ(imported.body["received"], 501);
    EXPECT_EQ(imported.body["created"], 500);
    EXPECT_EQ(imported.body["updated"], 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM products"), before + 500);
    EXPECT_EQ(scalar("SELECT count(*) FROM products WHERE sku = 'hea-000001' AND name = "
                     "'Renamed by import'"),
              1);
    EXPECT_EQ(search("q=dimmable&limit=1")["facets"]["total"], 501) << "searchable at once";

    const std::string csv =
        "sku,name,price,stock,tags,categories,attributes,description\n"
        "csv-1,\"Oakhaus desk, \"\"solid\"\"\",250.00,3,solid-oak|eco,desks,"
        "\"{\"\"brand\"\": \"\"Oakhaus\"\"}\",\"Two lines:\nstill one field\"\n"
        "csv-2,Ergon chair,180,0,,chairs,,\n";
    const HttpReply from_csv = call("POST", "/api/import", csv, "text/csv");
    ASSERT_EQ(from_csv.status, 200) << from_csv.raw;
    EXPECT_EQ(from_csv.body["created"], 2);
    const auto desk = engine_.connect()
                          .execute(text("SELECT name, description, attributes ->> 'brand', "
                                        "array_to_string(tags, '|') FROM products WHERE sku = "
                                        "'csv-1'"))
                          .one<std::string, std::string, std::string, std::string>();
    EXPECT_EQ(desk, std::make_tuple(std::string("Oakhaus desk, \"solid\""),
                                    std::string("Two lines:\nstill one field"),
                                    std::string("Oakhaus"), std::string("solid-oak|eco")));

    const auto after_good = scalar("SELECT count(*) FROM products");
    json bad = lamp("bad-2");
    bad["price"] = "free";
    const std::string mixed =
        lamp("good-1").dump() + "\n" + bad.dump() + "\nnot json\n" + lamp("good-1").dump() + "\n";
    const HttpReply refused = call("POST", "/api/import", mixed, "application/x-ndjson");
    ASSERT_EQ(refused.status, 422) << refused.raw;
    const auto& lines_named = refused.body["error"]["fields"];
    EXPECT_TRUE(lines_named.contains("line 2")) << refused.raw;
    EXPECT_TRUE(lines_named.contains("line 3")) << refused.raw;
    EXPECT_TRUE(lines_named.contains("line 4")) << "a sku twice: " << refused.raw;
    EXPECT_EQ(scalar("SELECT count(*) FROM products"), after_good) << "nothing was written";
    EXPECT_EQ(call("POST", "/api/import", "a,b", "application/xml").status, 422);
}

TEST_F(CatalogApi, concurrent_imports_of_the_same_products_count_each_creation_once) {
    std::string forward, backward;
    for (int i = 0; i < 300; ++i) forward += lamp("same-" + std::to_string(i)).dump() + "\n";
    for (int i = 299; i >= 0; --i) backward += lamp("same-" + std::to_string(i)).dump() + "\n";
    std::vector<json> answers(4);
    std::vector<std::thread> importers;
    for (std::size_t i = 0; i < answers.size(); ++i)
        importers.emplace_back([&, i] {
            const HttpReply reply =
                call("POST", "/api/import", i % 2 ? backward : forward, "application/x-ndjson");
            EXPECT_EQ(reply.status, 200) << reply.raw;
            answers[i] = reply.body;
        });
    for (auto& importer : importers) importer.join();
    std::int64_t created = 0;
    for (const auto& answer : answers) created += answer.value("created", 0);
    EXPECT_EQ(created, 300) << "each product is created by exactly one import";
    EXPECT_EQ(scalar("SELECT count(*) FROM products WHERE sku LIKE 'same-%'"), 300);
}

}  // namespace
}  // namespace retort::testing
