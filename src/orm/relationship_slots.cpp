// The untyped content of One<T> and Many<T> members, and what the ORM does with it through a
// RelationshipSpec. One code serves every relationship: the typed members are front ends.
#include <algorithm>

#include "retort/orm/relationship.hpp"

namespace retort::orm {

using detail::SlotAccess;

// --- ManySlot ---------------------------------------------------------------------------------

ManySlot::ManySlot() noexcept = default;
ManySlot::ManySlot(Instances items) : items_(std::move(items)) {
    mark_given();
}
ManySlot::ManySlot(const ManySlot& other) = default;
ManySlot::ManySlot(ManySlot&& other) noexcept = default;
ManySlot& ManySlot::operator=(const ManySlot& other) = default;
ManySlot& ManySlot::operator=(ManySlot&& other) noexcept = default;
ManySlot::~ManySlot() = default;

std::size_t ManySlot::size() const {
    return instances().size();
}

const ManySlot::Instances& ManySlot::instances() const {
    ensure_loaded();
    return items_;
}

bool ManySlot::contains_instance(const InstanceBase* item) const {
    const auto& all = instances();
    return std::any_of(all.begin(), all.end(),
                       [&](const auto& held) { return held.get() == item; });
}

void ManySlot::add_instance(const InstanceRef& item) {
    ensure_loaded();
    mark_given();
    if (!item || contains_instance(item.get())) return;
    if (owner()) detail::touch_owner(*owner());  // before the change: the snapshot is the "before"
    items_.push_back(item);
    if (owner()) detail::link_back(*owner(), index(), item);
}

void ManySlot::remove_instance(const InstanceRef& item) {
    ensure_loaded();
    mark_given();
    InstanceRef removed = item;  // `item` may refer into items_
    auto found = [&] { return std::find(items_.begin(), items_.end(), removed); };
    if (found() == items_.end()) return;
    if (owner()) detail::touch_owner(*owner());
    auto it = found();  // touching the owner may have reloaded it
    if (it == items_.end()) return;
    items_.erase(it);
    if (owner()) {
        detail::unlink_back(*owner(), index(), *removed);
        detail::orphaned(*owner(), index(), *removed);
    }
}

void ManySlot::clear_instances() {
    ensure_loaded();
    mark_given();
    while (!items_.empty()) remove_instance(items_.back());
}

// --- OneSlot ----------------------------------------------------------------------------------

OneSlot::OneSlot() noexcept = default;
OneSlot::OneSlot(InstanceRef target)
    : target_(std::move(target)), refers_(static_cast<bool>(target_)) {
    mark_given();
}
OneSlot::OneSlot(const OneSlot& other) = default;
OneSlot::OneSlot(OneSlot&& other) noexcept = default;
OneSlot& OneSlot::operator=(const OneSlot& other) = default;
OneSlot& OneSlot::operator=(OneSlot&& other) noexcept = default;
OneSlot::~OneSlot() = default;

InstanceRef OneSlot::current() const {
    if (target_) return target_;
    return weak_.lock();
}

void OneSlot::store(InstanceRef target, bool weakly) {
    refers_ = static_cast<bool>(target);
    if (weakly) {
        weak_ = target;
        target_.reset();
    } else {
        target_ = std::move(target);
        weak_.reset();
    }
}

InstanceRef OneSlot::get_instance() const {
    ensure_loaded();
    if (auto held = current()) return held;
    if (!refers_) return nullptr;
    if (!owner())
        throw DetachedInstanceError(
            "the object this copied reference pointed to is no longer in memory");
    auto fetched = detail::fetch_reference(*owner(), index());
    weak_ = fetched;
    return fetched;
}

void OneSlot::assign_instance(const InstanceRef& target) {
    ensure_loaded();
    mark_given();
    InstanceRef previous = current();
    if (target == previous) return;
    if (owner()) detail::touch_owner(*owner());
    // Held strongly until the next flush has copied its key into the foreign key.
    target_ = target;
    weak_.reset();
    refers_ = static_cast<bool>(target);
    if (!owner()) return;
    if (previous) {
        detail::unlink_back(*owner(), index(), *previous);
        detail::orphaned(*owner(), index(), *previous);  // a replaced child
    }
    if (target_) {
        detail::link_back(*owner(), index(), target_);
        if (detail::refer_to_saved_parent(*owner(), index(), *target_)) store(target_, true);
    } else {
        detail::clear_reference(*owner(), index());
    }
}

// --- the operations of a RelationshipSpec -----------------------------------------------------

namespace {
ManySlot& many_slot(const RelationshipSpec& spec, void* entity) {
    return static_cast<ManySlot&>(*spec.slot(entity));
}
OneSlot& one_slot(const RelationshipSpec& spec, void* entity) {
    return static_cast<OneSlot&>(*spec.slot(entity));
}
}  // namespace

void RelationshipSpec::targets(void* entity, std::vector<InstanceRef>& out) const {
    if (many) {
        const auto& items = many_slot(*this, entity).items_;
        out.insert(out.end(), items.begin(), items.end());
    } else if (auto held = one_slot(*this, entity).current()) {
        out.push_back(std::move(held));
    }
}

void RelationshipSpec::set_loaded(void* entity, std::vector<InstanceRef>&& targets) const {
    if (many) {
        auto& slot = many_slot(*this, entity);
        slot.items_ = std::move(targets);
        detail::mark_loaded(slot);
    } else {
        auto& slot = one_slot(*this, entity);
        slot.store(targets.empty() ? nullptr : std::move(targets.front()),
                   detail::holds_weakly(slot));
        detail::mark_loaded(slot);
    }
}

void RelationshipSpec::link(void* entity, const InstanceRef& target) const {
    if (many) {
        auto& items = many_slot(*this, entity).items_;
        if (std::find(items.begin(), items.end(), target) == items.end()) items.push_back(target);
    } else {
        one_slot(*this, entity).store(target, false);  // weakened by the next flush
    }
}

void RelationshipSpec::unlink(void* entity, const InstanceBase* target) const {
    if (many) {
        std::erase_if(many_slot(*this, entity).items_,
                      [&](const auto& item) { return item.get() == target; });
    } else {
        auto& slot = one_slot(*this, entity);
        if (slot.current().get() == target) slot.store(nullptr, false);
    }
}

void RelationshipSpec::weaken(void* entity) const {
    if (many) return;
    auto& slot = one_slot(*this, entity);
    if (slot.target_ && detail::holds_weakly(slot) &&
        slot.target_->state() != ObjectState::transient &&
        slot.target_->state() != ObjectState::pending)
        slot.store(slot.target_, true);
}

}  // namespace retort::orm
