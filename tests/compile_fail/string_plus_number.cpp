// expect: + on a string concatenates strings only
#include "common.hpp"
int main() {
    const Items items;
    auto label = items.name + 5;
    (void)label;
}
