// expect: cannot compare values of different kinds
#include "common.hpp"
int main() {
    const Items items;
    auto condition = items.name == 5;
    (void)condition;
}
