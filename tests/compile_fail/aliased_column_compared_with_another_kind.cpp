// expect: cannot compare values of different kinds
#include "common.hpp"
// An alias's columns are typed like the model's: its name is a string, not a number.
int main() {
    const Items items;
    auto other = retort::aliased(items);
    auto condition = other.name == 5;
    (void)condition;
}
