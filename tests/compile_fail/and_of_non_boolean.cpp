// expect: && needs boolean conditions
#include "common.hpp"
int main() {
    const Items items;
    auto condition = items.name && items.in_stock;
    (void)condition;
}
