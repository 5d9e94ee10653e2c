// expect: bound to a member of another struct
#include "common.hpp"
struct Wrong : retort::Model<Item> {
    Column<&Other::label> label{this};
    Wrong() : Model("wrong") {}
};
int main() { const Wrong wrong; }
