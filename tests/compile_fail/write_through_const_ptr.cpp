// expect: assign
#include "common.hpp"
// Reading through a const Ptr costs no snapshot, so writing through one must not compile.
void rename(const retort::orm::Ptr<Item>& item) {
    item->price = 1.0;
}
int main() {}
