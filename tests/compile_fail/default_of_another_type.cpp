// expect: a default_() or onupdate() value must be of the member's type
#include "common.hpp"
struct Gadget {
    std::int64_t id = 0;
    int age = 0;
};
struct Gadgets : retort::Model<Gadget> {
    Column<&Gadget::id> id{this, retort::primary_key};
    Column<&Gadget::age> age{this, retort::default_("none")};
    Gadgets() : Model("gadgets") {}
};
int main() {
    const Gadgets gadgets;
    (void)gadgets;
}
