// expect-success
#include "common.hpp"
struct Order {
    std::int64_t id = 0;
    std::int64_t item_id = 0;
    double paid = 0;
};
struct Orders : retort::Model<Order> {
    Column<&Order::id> id{this, retort::primary_key};
    Column<&Order::item_id> item_id{this};
    Column<&Order::paid> paid{this};
    Orders() : Model("orders") {}
};
int main() {
    const Items items;
    const Orders orders;
    // Typed columns of two tables compare with each other (join conditions), both ways.
    auto a = orders.item_id == items.id;
    auto b = items.id != orders.item_id;
    auto c = orders.paid < items.price;
    auto d = items.price >= orders.paid;
    auto e = orders.item_id == retort::column("x");
    retort::Expr<bool> typed = a && b && c && d;
    (void)typed;
    (void)e;
}
