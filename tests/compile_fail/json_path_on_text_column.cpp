// expect: astext() applies to JSON values only
#include "common.hpp"
int main() {
    const Items items;
    auto value = items.name.astext();
    (void)value;
}
