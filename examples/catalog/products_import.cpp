// Bulk import: every line checked first, then COPY into a staging table and one
// INSERT ... SELECT ... ON CONFLICT (sku) DO UPDATE, so that a large file is a few statements
// and a bad line writes nothing.
#include <fmt/format.h>

#include <set>
#include <sstream>
#include <web_service/api_error.hpp>
#include <web_service/config.hpp>

#include "product_fields.hpp"
#include "products.hpp"

namespace catalog {

using namespace retort;

namespace {

constexpr std::size_t max_reported = 10;
constexpr std::size_t max_rows = 50'000;
const std::vector<std::string> csv_columns{"sku",   "name",       "description", "price",
                                           "stock", "attributes", "tags",        "categories"};

// One CSV record (RFC 4180 quoting: "a ""quoted"" field, with commas") from `in`, which may
// span lines inside quotes; nothing at the end of the input.
std::optional<std::vector<std::string>> csv_record(std::istream& in) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    bool any = false;
    for (char c; in.get(c);) {
        any = true;
        if (quoted) {
            if (c != '"')
                fields.back() += c;
            else if (in.peek() == '"')
                fields.back() += static_cast<char>(in.get());
            else
                quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    if (!any) return std::nullopt;
    return fields;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, '|');)
        if (!item.empty()) items.push_back(item);
    return items;
}

// A CSV record as the JSON object a JSON line would be.
nlohmann::json csv_object(const std::vector<std::string>& header,
                          const std::vector<std::string>& fields) {
    if (fields.size() != header.size())
        return fmt::format("{} fields where the header names {}", fields.size(), header.size());
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string& name = header[i];
        const std::string& value = fields[i];
        if (!web_service::is_text(value))
            object[name] = nullptr;  // not text: reported as the field's problem
        else if (name == "stock")
            object[name] = nlohmann::json::parse(value, nullptr, false);
        else if (name == "attributes")
            object[name] = value.empty() ? nlohmann::json::object()
                                         : nlohmann::json::parse(value, nullptr, false);
        else if (name == "tags" || name == "categories")
            object[name] = split_list(value);
        else
            object[name] = value;
    }
    return object;
}

// The lines as JSON objects, by line number; a line that is not one is a string saying why.
std::vector<std::pair<std::size_t, nlohmann::json>> records(const std::string& format,
                                                            const std::string& body) {
    std::vector<std::pair<std::size_t, nlohmann::json>> lines;
    std::stringstream in(body);
    if (format == "ndjson") {
        std::size_t number = 0;
        for (std::string line; std::getline(in, line);) {
            ++number;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto object = nlohmann::json::parse(line, nullptr, false);
            lines.emplace_back(number, object.is_discarded() ? nlohmann::json("not JSON") : object);
        }
        return lines;
    }
    const auto header = csv_record(in);
    if (!header) return lines;
    std::set<std::string> seen;
    for (const auto& name : *header) {
        if (std::find(csv_columns.begin(), csv_columns.end(), name) == csv_columns.end())
            throw web_service::invalid("the CSV header names an unknown column",
                                       {{"line 1", "no column '" + name + "'"}});
        if (!seen.insert(name).second)
            throw web_service::invalid("the CSV header names a column twice",
                                       {{"line 1", "'" + name + "' twice"}});
    }
    std::size_t number = 1;
    while (const auto fields = csv_record(in)) {
        ++number;
        if (fields->size() == 1 && fields->front().empty()) continue;
        lines.emplace_back(number, csv_object(*header, *fields));
    }
    return lines;
}

// Every product's categories, checked in one query.
void unknown_categories(orm::Session& session, const std::vector<Product>& rows,
                        const std::vector<std::size_t>& line_numbers,
                        std::map<std::string, std::string>& problems) {
    std::set<std::string> wanted;
    for (const Product& product : rows)
        wanted.insert(product.categories.begin(), product.categories.end());
    std::set<std::string> known;
    for (auto& [slug] : session.connection()
                            .execute(select(categories.slug)
                                         .where(categories.slug.in_(std::vector<std::string>(
                                             wanted.begin(), wanted.end()))))
                            .all())
        known.insert(slug);
    for (std::size_t i = 0; i < rows.size() && problems.size() < max_reported; ++i)
        for (const auto& slug : rows[i].categories)
            if (!known.contains(slug))
                problems["line " + std::to_string(line_numbers[i])] = "no category '" + slug + "'";
}

}  // namespace

nlohmann::json ProductService::import(const std::string& format, const std::string& body) {
    if (format != "ndjson" && format != "csv")
        throw web_service::invalid("unknown import format",
                                   {{"format",
                                     "must be ndjson or csv (Content-Type "
                                     "application/x-ndjson or text/csv)"}});
    std::vector<Product> rows;
    std::vector<std::size_t> line_numbers;
    std::map<std::string, std::string> problems;
    std::set<std::string> skus;
    for (const auto& [number, record] : records(format, body)) {
        if (rows.size() == max_rows)
            throw web_service::invalid("the import is too long; nothing was imported",
                                       {{"body", "at most 50,000 products at a time"}});
        const std::string line = "line " + std::to_string(number);
        if (record.is_string()) {
            problems[line] = record.get<std::string>();
            continue;
        }
        ProductFields fields(record);
        Product product = fields.product(nullptr);
        if (!fields.problems().empty()) {
            const auto& [field, problem] = *fields.problems().begin();
            problems[line] = field + ": " + problem;
        } else if (!skus.insert(product.sku).second) {
            problems[line] = "sku " + product.sku + " appears twice";
        }
        rows.push_back(std::move(product));
        line_numbers.push_back(number);
        if (problems.size() >= max_reported) break;
    }
    if (problems.empty()) unknown_categories(session_, rows, line_numbers, problems);
    if (!problems.empty())
        throw web_service::invalid("the import has invalid lines; nothing was imported", problems);
    if (rows.empty()) throw web_service::invalid("the import is empty", {{"body", "no products"}});

    Connection& conn = session_.connection();
    // The staging table lives until the transaction ends.
    conn.execute(
        text("CREATE TEMPORARY TABLE import_staging (sku text, name text, description text, price "
             "numeric(10, 2), stock integer, attributes jsonb, tags text[], categories text[]) "
             "ON COMMIT DROP"));
    conn.copy_from_sql(
        "COPY import_staging (sku, name, description, price, stock, attributes, tags, "
        "categories) FROM STDIN",
        csv_columns.size(), [&](CopyWriter& writer) {
            for (const Product& p : rows)
                writer.row(p.sku, p.name, p.description, p.price, p.stock, p.attributes, p.tags,
                           p.categories);
        });
    // In sku order, so that two imports of the same products lock them in the same order
    // (rather than deadlock); xmax = 0 tells a row this statement created from one it updated.
    const auto inserted =
        conn.execute(text("INSERT INTO products (sku, name, description, price, stock, "
                          "attributes, tags, categories, created_at, updated_at) SELECT "
                          "sku, name, description, price, stock, attributes, tags, "
                          "categories, now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc' "
                          "FROM import_staging ORDER BY sku ON CONFLICT (sku) DO UPDATE "
                          "SET name = excluded.name, description = excluded.description, "
                          "price = excluded.price, stock = excluded.stock, attributes = "
                          "excluded.attributes, tags = excluded.tags, categories = "
                          "excluded.categories, updated_at = now() AT TIME ZONE 'utc' "
                          "RETURNING xmax = 0"))
            .scalars<bool>();
    const auto created = std::count(inserted.begin(), inserted.end(), true);
    const auto received = static_cast<std::int64_t>(rows.size());
    return {{"received", received}, {"created", created}, {"updated", received - created}};
}

}  // namespace catalog
