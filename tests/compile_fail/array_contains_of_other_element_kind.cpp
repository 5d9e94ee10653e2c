// expect: contains() on an array takes an array of its element kind
#include "common.hpp"
int main() {
    const Items items;
    auto condition = items.tags.contains(std::vector<std::int64_t>{1, 2});
    (void)condition;
}
