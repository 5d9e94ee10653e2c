// expect: a row value compares with a row of as many values of its kinds
#include "common.hpp"
// (id, name) = (1, 2): the second value is not a string.
int main() {
    const Items items;
    auto condition = retort::tuple_(items.id, items.name) == std::tuple{1, 2};
    (void)condition;
}
