#include "generator.hpp"

#include <fmt/format.h>
#include <array>
#include <map>
#include <span>

namespace catalog {

using namespace retort;

namespace {

// What a leaf category sells: its nouns, brands, specifications and a base price.
struct LeafKind {
    const char* slug;
    const char* noun;
    std::array<const char*, 4> brands;
    std::array<const char*, 4> features;  // words for the name, description and tags
    int base_price;                       // in whole currency units
    bool sized;                           // clothing and shoes come in sizes
    const char* family;                   // the parent category's slug
    const char* title;                    // the category's name
};

constexpr std::array<LeafKind, 16> kinds{{
    {"headphones",
     "Headphones",
     {"Sonora", "Auralis", "Beatwave", "Quietline"},
     {"wireless", "noise-cancelling", "over-ear", "foldable"},
     80,
     false,
     "audio",
     "Headphones"},
    {"speakers",
     "Speaker",
     {"Sonora", "Boomfield", "Auralis", "Echora"},
     {"waterproof", "bluetooth", "portable", "bass-boost"},
     60,
     false,
     "audio",
     "Speakers"},
    {"laptops",
     "Laptop",
     {"Corvex", "Lumina", "Nordbyte", "Vertex"},
     {"lightweight", "16-inch", "long-battery", "backlit"},
     900,
     false,
     "computers",
     "Laptops"},
    {"keyboards",
     "Keyboard",
     {"Keyforge", "Corvex", "Tactyl", "Nordbyte"},
     {"mechanical", "ergonomic", "wireless", "backlit"},
     70,
     false,
     "computers",
     "Keyboards"},
    {"jackets",
     "Jacket",
     {"Fjellvik", "Northpeak", "Stormline", "Urbana"},
     {"waterproof", "breathable", "insulated", "packable"},
     120,
     true,
     "outerwear",
     "Jackets"},
    {"raincoats",
     "Raincoat",
     {"Stormline", "Fjellvik", "Drizzle", "Urbana"},
     {"waterproof", "hooded", "lightweight", "reflective"},
     90,
     true,
     "outerwear",
     "Raincoats"},
    {"running-shoes",
     "Running Shoes",
     {"Stride", "Velocita", "Northpeak", "Pacer"},
     {"cushioned", "lightweight", "breathable", "trail"},
     110,
     true,
     "shoes",
     "Running Shoes"},
    {"hiking-boots",
     "Hiking Boots",
     {"Fjellvik", "Northpeak", "Trailhead", "Rockline"},
     {"waterproof", "ankle-support", "leather", "grippy"},
     150,
     true,
     "shoes",
     "Hiking Boots"},
    {"cookware",
     "Frying Pan",
     {"Ferrum", "Cucina", "Hearth", "Panterra"},
     {"non-stick", "cast-iron", "induction", "oven-safe"},
     45,
     false,
     "kitchen",
     "Cookware"},
    {"knives",
     "Chef's Knife",
     {"Hagane", "Cucina", "Ferrum", "Edgewell"},
     {"damascus", "stainless", "hand-forged", "balanced"},
     65,
     false,
     "kitchen",
     "Knives"},
    {"chairs",
     "Office Chair",
     {"Sitwell", "Ergon", "Oakhaus", "Posture"},
     {"ergonomic", "adjustable", "mesh", "lumbar-support"},
     180,
     false,
     "furniture",
     "Office Chairs"},
    {"desks",
     "Standing Desk",
     {"Oakhaus", "Ergon", "Liftline", "Sitwell"},
     {"height-adjustable", "solid-oak", "electric", "cable-tray"},
     350,
     false,
     "furniture",
     "Standing Desks"},
    {"tents",
     "Tent",
     {"Northpeak", "Basecamp", "Fjellvik", "Skyline"},
     {"waterproof", "3-season", "ultralight", "freestanding"},
     200,
     false,
     "camping",
     "Tents"},
    {"sleeping-bags",
     "Sleeping Bag",
     {"Basecamp", "Northpeak", "Downfield", "Skyline"},
     {"down", "4-season", "compressible", "mummy"},
     130,
     false,
     "camping",
     "Sleeping Bags"},
    {"bikes",
     "Bike",
     {"Velocita", "Gearline", "Ridgeway", "Pacer"},
     {"carbon", "disc-brakes", "electric", "gravel"},
     1100,
     false,
     "cycling",
     "Bikes"},
    {"helmets",
     "Helmet",
     {"Velocita", "Ridgeway", "Shellguard", "Gearline"},
     {"mips", "ventilated", "lightweight", "reflective"},
     75,
     false,
     "cycling",
     "Helmets"},
}};

constexpr std::array<const char*, 8> colours{"black", "white", "red",  "blue",
                                             "green", "grey",  "navy", "orange"};
constexpr std::array<const char*, 5> sizes{"XS", "S", "M", "L", "XL"};
constexpr std::array<const char*, 4> extra_tags{"sale", "new", "bestseller", "eco"};
constexpr std::array<const char*, 4> series{"Pro", "Lite", "Max", "Classic"};

// splitmix64: a well-mixed number from n and a salt, so that each attribute varies on its own.
std::uint64_t mixed(std::int64_t n, std::uint64_t salt) {
    std::uint64_t z = static_cast<std::uint64_t>(n) * 0x9E3779B97F4A7C15ULL + salt;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

template <class T, std::size_t N>
const T& pick(const std::array<T, N>& items, std::int64_t n, std::uint64_t salt) {
    return items[mixed(n, salt) % N];
}

std::string specs_json(const LeafKind& kind, std::int64_t n) {
    const double weight = 0.1 + static_cast<double>(mixed(n, 11) % 400) / 100.0;  // 0.1-4.1 kg
    return fmt::format(
               R"("specs": {{"weight_kg": {:.2f}, "dimensions_cm": {{"w": {}, "h": {}, "d": {}}}, "warranty_years": {}}})",
               weight, 10 + mixed(n, 12) % 90, 5 + mixed(n, 13) % 60, 2 + mixed(n, 14) % 40,
               1 + mixed(n, 15) % 3) +
           (kind.sized ? "" : fmt::format(R"(, "model_year": {})", 2019 + mixed(n, 16) % 7));
}

}  // namespace

const std::vector<CategoryNode>& category_tree() {
    static const std::vector<CategoryNode> tree = [] {
        std::vector<CategoryNode> nodes{{"electronics", "Electronics", ""},
                                        {"clothing", "Clothing", ""},
                                        {"home", "Home", ""},
                                        {"sports", "Sports & Outdoors", ""},
                                        {"audio", "Audio", "electronics"},
                                        {"computers", "Computers", "electronics"},
                                        {"outerwear", "Outerwear", "clothing"},
                                        {"shoes", "Shoes", "clothing"},
                                        {"kitchen", "Kitchen", "home"},
                                        {"furniture", "Furniture", "home"},
                                        {"camping", "Camping", "sports"},
                                        {"cycling", "Cycling", "sports"}};
        for (const LeafKind& kind : kinds) nodes.push_back({kind.slug, kind.title, kind.family});
        return nodes;
    }();
    return tree;
}

std::vector<std::string> leaf_slugs() {
    std::vector<std::string> slugs;
    for (const LeafKind& kind : kinds) slugs.emplace_back(kind.slug);
    return slugs;
}

Product generated_product(std::int64_t n) {
    const LeafKind& kind = kinds[static_cast<std::size_t>(n - 1) % kinds.size()];
    const std::string brand = pick(kind.brands, n, 1);
    const std::string feature = pick(kind.features, n, 2);
    const std::string second = pick(kind.features, n, 3);
    const std::string colour = pick(colours, n, 4);
    Product p;
    p.sku = fmt::format("{}-{:06d}", std::string(kind.slug).substr(0, 3), n);
    p.name = fmt::format("{} {} {} {}", brand, feature, kind.noun, pick(series, n, 5));
    p.description =
        fmt::format("The {} {} from {} is {}{}. Available in {}; {} for everyday use.", feature,
                    kind.noun, brand, second, second == feature ? "" : " and " + feature, colour,
                    mixed(n, 6) % 3 == 0 ? "built to last and easy to care" : "designed");
    const std::uint64_t cents =
        static_cast<std::uint64_t>(kind.base_price) * (60 + mixed(n, 7) % 90) + 99;
    p.price = Decimal(fmt::format("{}.{:02d}", cents / 100, cents % 100));
    p.stock = mixed(n, 8) % 10 == 0 ? 0 : static_cast<std::int32_t>(mixed(n, 9) % 500);
    std::string attributes = fmt::format(R"({{"brand": "{}", "color": "{}", )", brand, colour);
    if (kind.sized) attributes += fmt::format(R"("size": "{}", )", pick(sizes, n, 10));
    p.attributes = Json(attributes + specs_json(kind, n) + "}");
    p.tags = {feature};
    if (second != feature) p.tags.push_back(second);
    if (mixed(n, 17) % 4 == 0) p.tags.emplace_back(pick(extra_tags, n, 18));
    p.categories = {kind.slug};
    return p;
}

void seed(const Engine& engine, std::int64_t count,
          const std::function<void(std::int64_t, std::int64_t)>& progress) {
    orm::Session session(engine);
    Connection& conn = session.connection();
    const auto existing =
        conn.execute(select(func::count()).select_from(products)).scalar<std::int64_t>();
    if (existing > 0)
        throw ArgumentError(
            fmt::format("products already holds {} rows: seed an empty catalog", existing));
    if (conn.execute(select(func::count()).select_from(categories)).scalar<std::int64_t>() == 0) {
        // Parents first, so that each child finds its parent's key among those flushed.
        std::map<std::string, std::int64_t> ids;
        for (const CategoryNode& node : category_tree()) {
            auto added = session.add(Category{
                .parent_id = node.parent_slug.empty() ? std::nullopt
                                                      : std::optional(ids.at(node.parent_slug)),
                .slug = node.slug,
                .name = node.name});
            session.flush();
            ids[node.slug] = std::as_const(added)->id;
        }
    }
    constexpr std::int64_t batch = 10'000;
    std::vector<Product> chunk;
    for (std::int64_t first = 1; first <= count; first += batch) {
        chunk.clear();
        for (std::int64_t n = first; n < std::min(first + batch, count + 1); ++n)
            chunk.push_back(generated_product(n));
        session.bulk_insert(products, std::span<const Product>(chunk));
        if (progress) progress(first - 1 + static_cast<std::int64_t>(chunk.size()), count);
    }
    session.commit();
}

}  // namespace catalog
