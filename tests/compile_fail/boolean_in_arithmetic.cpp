// expect: a boolean is not a number
#include "common.hpp"
int main() {
    const Items items;
    auto value = items.in_stock + 1;
    (void)value;
}
