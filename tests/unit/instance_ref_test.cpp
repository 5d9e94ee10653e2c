// The references that hold tracked objects: an object lives while a Ptr (or the session's own
// lists) refers to it and goes with its last reference; a weak reference (a child's saved
// parent) never keeps it and says when it is gone. Their sizes are part of the point: a
// million loaded objects carry no control blocks, and a Ptr is one pointer.
#include <gtest/gtest.h>

#include <retort/retort.hpp>

namespace {

using namespace retort;
using namespace retort::orm;

int alive = 0;  // Counted members not yet destroyed
struct Counted {
    Counted() { ++alive; }
    Counted(const Counted&) { ++alive; }
    Counted& operator=(const Counted&) = default;
    ~Counted() { --alive; }
    bool operator==(const Counted&) const = default;
};
struct Gadget {
    std::int64_t id = 0;
    std::string name{};
    Counted counted{};  // beside the columns
};
MetaData ref_metadata;
struct Gadgets : Model<Gadget> {
    Column<&Gadget::id> id{this, primary_key};
    Column<&Gadget::name> name{this, type::Text()};
    Gadgets() : Model("gadgets", ref_metadata) {}
};
const Gadgets gadgets;

InstanceRef make_gadget(std::string name) {
    return Instance<Gadget>::make(Session::mapper_of(gadgets), Gadget{1, std::move(name), {}});
}

}  // namespace

TEST(InstanceRef, an_object_lives_until_its_last_reference_goes) {
    const int before = alive;
    InstanceRef first = make_gadget("a");
    EXPECT_EQ(alive, before + 1);
    InstanceRef second = first;
    InstanceRef third = std::move(second);
    EXPECT_FALSE(second);
    EXPECT_EQ(third, first);
    first.reset();
    EXPECT_EQ(alive, before + 1);  // `third` still holds it
    third = make_gadget("b");      // the first object's last reference replaced
    EXPECT_EQ(alive, before + 1);
    third = nullptr;
    EXPECT_EQ(alive, before);
}

TEST(InstanceRef, a_weak_reference_gives_the_object_while_held_and_null_after) {
    InstanceRef held = make_gadget("parent");
    WeakInstance weak(held);
    WeakInstance copy = weak;
    EXPECT_EQ(weak.lock(), held);
    EXPECT_EQ(copy.lock(), held);
    held.reset();  // the weak references do not keep it
    EXPECT_FALSE(weak.lock());
    EXPECT_FALSE(copy.lock());
    EXPECT_FALSE(WeakInstance().lock());
}

TEST(InstanceRef, lock_takes_a_live_object_and_refuses_none) {
    InstanceRef held = make_gadget("x");
    InstanceRef again = InstanceRef::lock(held.get());
    EXPECT_EQ(again, held);
    held.reset();
    EXPECT_EQ(static_cast<Gadget*>(again->object())->name, "x");  // still held by `again`
}

TEST(InstanceRef, a_ptr_is_one_pointer) {
    EXPECT_EQ(sizeof(Ptr<Gadget>), sizeof(void*));
    EXPECT_EQ(sizeof(InstanceRef), sizeof(void*));
}
