// expect: like() applies to string columns only
#include "common.hpp"
int main() {
    const Items items;
    auto condition = items.id.like("1%");
    (void)condition;
}
