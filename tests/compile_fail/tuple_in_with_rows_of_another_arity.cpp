// expect: in_
#include "common.hpp"
// tuple_(a, b).in_() takes rows of two values of the columns' kinds: a row of three is refused
// where it is written.
int main() {
    const Items items;
    auto condition = retort::tuple_(items.id, items.name).in_({{1, "a", 3}});
    (void)condition;
}
