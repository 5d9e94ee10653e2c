// expect: sum() needs a numeric column
#include "common.hpp"
int main() {
    const Items items;
    auto total = retort::func::sum(items.name);
    (void)total;
}
