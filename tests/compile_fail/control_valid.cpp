// expect-success
#include "common.hpp"
int main() {
    const Items items;
    auto query = retort::select(items.name, retort::func::sum(items.price))
                     .where(items.name.like("a%") && items.price * 2 > 10 && items.in_stock == true)
                     .group_by({items.name});
    (void)query;
}
