// expect: needs a string
#include "common.hpp"
// The string helpers take strings: substr() of a price is refused at this line.
int main() {
    const Items items;
    auto part = retort::func::substr(items.price, 1, 2);
    (void)part;
}
