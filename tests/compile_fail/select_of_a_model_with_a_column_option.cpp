// expect: select_of_a_model_takes_relationship_loader_options
#include "common.hpp"
// select(model).options() takes relationship loader options; load_only is a Query's option.
int main() {
    const Items items;
    auto statement = retort::select(items).options(retort::orm::load_only(items.name));
    (void)statement;
}
