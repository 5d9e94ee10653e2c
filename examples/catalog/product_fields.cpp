#include "product_fields.hpp"

#include <web_service/api_error.hpp>
#include <web_service/config.hpp>

#include "text_checks.hpp"

namespace catalog {

using namespace retort;

namespace {

const std::set<std::string> field_names{"sku",   "name",       "description", "price",
                                        "stock", "attributes", "tags",        "categories"};

}  // namespace

std::optional<Decimal> parse_price(std::string_view text) {
    const auto dot = text.find('.');
    const std::size_t places = dot == std::string_view::npos ? 0 : text.size() - dot - 1;
    if (text.empty() || text.size() > 11 || places > 2 || text.front() == '.' ||
        text.find_first_not_of("0123456789.") != std::string_view::npos ||
        std::count(text.begin(), text.end(), '.') > 1)
        return std::nullopt;
    std::string two_places(text);
    if (dot == std::string_view::npos) two_places += '.';
    two_places.append(2 - places, '0');
    if (two_places.size() > 11) return std::nullopt;  // 99999999.99 at most
    return Decimal(two_places);
}

ProductFields::ProductFields(const nlohmann::json& body) : body_(&body) {
    if (!body.is_object()) {
        problems_["body"] = "must be a JSON object";
        return;
    }
    // A misspelt field would otherwise change nothing, and say nothing.
    for (const auto& [name, value] : body.items())
        if (!field_names.contains(name)) problems_[name] = "is not a field of a product";
}

std::optional<std::string> ProductFields::text(const char* name, std::size_t max, bool required) {
    if (!body_->is_object() || !body_->contains(name)) {
        if (required) problems_[name] = "is required";
        return std::nullopt;
    }
    const auto& value = (*body_)[name];
    if (!value.is_string()) {
        problems_[name] = "must be a string";
        return std::nullopt;
    }
    auto text = value.get<std::string>();
    if (text.size() > max) problems_[name] = "at most " + std::to_string(max) + " bytes";
    if (!web_service::is_text(text)) problems_[name] = "must be UTF-8 text without NUL";
    return text;
}

std::optional<std::vector<std::string>> ProductFields::keys(const char* name, bool required) {
    if (!body_->is_object() || !body_->contains(name)) {
        if (required) problems_[name] = "is required";
        return std::nullopt;
    }
    const auto& value = (*body_)[name];
    std::vector<std::string> keys;
    if (value.is_array() && value.size() <= 20)
        for (const auto& key : value)
            if (key.is_string() && is_code(key.get<std::string>()) &&
                key.get<std::string>().size() <= 60)
                keys.push_back(key.get<std::string>());
    if (!value.is_array() || keys.size() != value.size()) {
        problems_[name] = "must be a list of at most 20 codes (letters, digits, '-', '_')";
        return std::nullopt;
    }
    return keys;
}

Product ProductFields::product(const Product* base) {
    Product product = base != nullptr ? *base : Product{};
    const bool required = base == nullptr;
    if (!body_->is_object()) return product;
    if (auto sku = text("sku", 32, required)) {
        if (!is_code(*sku, 32)) problems_["sku"] = "letters, digits, '-' and '_' only";
        product.sku = *sku;
    }
    if (auto name = text("name", 200, required)) {
        if (name->find_first_not_of(" \t") == std::string::npos) problems_["name"] = "is empty";
        product.name = *name;
    }
    if (auto description = text("description", 5000, false)) product.description = *description;
    if (body_->contains("price")) {
        const auto& price = (*body_)["price"];
        const auto parsed = price.is_string()   ? parse_price(price.get<std::string>())
                            : price.is_number() ? parse_price(price.dump())
                                                : std::nullopt;
        if (parsed)
            product.price = *parsed;
        else
            problems_["price"] = "must be a decimal from 0 to 99999999.99, at most 2 places";
    } else if (required) {
        problems_["price"] = "is required";
    }
    if (body_->contains("stock")) {
        const auto& stock = (*body_)["stock"];
        if (!stock.is_number_integer() || stock.get<std::int64_t>() < 0 ||
            stock.get<std::int64_t>() > 1'000'000'000)
            problems_["stock"] = "must be a whole number from 0";
        else
            product.stock = stock.get<std::int32_t>();
    } else if (required) {
        problems_["stock"] = "is required";
    }
    if (body_->contains("attributes")) {
        const auto& attributes = (*body_)["attributes"];
        if (!attributes.is_object() || attributes.dump().size() > 10'000)
            problems_["attributes"] = "must be a JSON object of at most 10,000 bytes";
        else
            product.attributes = Json(attributes.dump());
    } else if (required) {
        product.attributes = Json("{}");
    }
    if (auto tags = keys("tags", false)) product.tags = *tags;
    if (auto categories = keys("categories", required)) {
        product.categories = *categories;
        categories_.insert(categories->begin(), categories->end());
    }
    return product;
}

void ProductFields::check_categories(orm::Session& session) {
    if (categories_.empty()) return;
    const std::vector<std::string> wanted(categories_.begin(), categories_.end());
    std::set<std::string> known;
    for (auto& [slug] : session.connection()
                            .execute(select(categories.slug).where(categories.slug.in_(wanted)))
                            .all())
        known.insert(slug);
    for (const auto& slug : wanted)
        if (!known.contains(slug)) problems_["categories"] = "no category '" + slug + "'";
}

std::set<std::string> known_categories(orm::Session& session,
                                       const std::vector<std::string>& slugs) {
    // One array parameter, however many slugs: `IN` would bind one parameter each.
    std::set<std::string> known;
    for (auto& [slug] :
         session.connection()
             .execute(select(categories.slug).where(categories.slug == any_(literal(slugs))))
             .all())
        known.insert(slug);
    return known;
}

void ProductFields::raise_problems() const {
    if (!problems_.empty()) throw web_service::invalid("the product has invalid fields", problems_);
}

}  // namespace catalog
