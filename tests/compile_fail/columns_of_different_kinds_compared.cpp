// expect: cannot compare values of different kinds
#include "common.hpp"
int main() {
    const Items items;
    auto condition = items.price < 3 && items.name == items.id;
    (void)condition;
}
