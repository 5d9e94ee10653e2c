// expect: the when() values of a case_() must be of one kind
#include "common.hpp"
// CASE WHEN ... THEN 'cheap' WHEN ... THEN 5: one column cannot hold both.
int main() {
    const Items items;
    auto label = retort::case_(retort::when(items.price < 10, "cheap"), retort::when(items.in_stock, 5));
    (void)label;
}
