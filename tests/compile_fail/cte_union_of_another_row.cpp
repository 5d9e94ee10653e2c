// expect: a_cte_unions_a_select_of_as_many_columns_of_its_kinds
#include "common.hpp"
// The recursive part of a CTE has the anchor's columns: a number is not a string.
int main() {
    const Items items;
    auto anchor = retort::select(items.id, items.name).cte("tree", true);
    auto tree = anchor.union_all(retort::select(items.id, items.price));
    (void)tree;
}
