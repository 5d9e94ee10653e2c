// Shared model for the compile-failure cases: each case must fail to compile with its message.
#pragma once
#include <retort/retort.hpp>

struct Item {
    std::int64_t id = 0;
    std::string name;
    bool in_stock = true;
    double price = 0;
    std::vector<std::string> tags;
};
struct Other {
    std::string label;
};
struct Items : retort::Model<Item> {
    Column<&Item::id> id{this, retort::primary_key};
    Column<&Item::name> name{this};
    Column<&Item::in_stock> in_stock{this};
    Column<&Item::price> price{this};
    Column<&Item::tags> tags{this};
    Items() : Model("items") {}
};
