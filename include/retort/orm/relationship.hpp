// Relationships between mapped structs: One<T> and Many<T> members, declared in the descriptor
// with Relationship<&E::member>.
//
//   struct Post;
//   struct User { std::int64_t id = 0; std::string username; orm::Many<Post> posts; };
//   struct Post { std::int64_t id = 0; std::string title; std::int64_t user_id = 0;
//                 orm::One<User> author; };
//   struct Users : Model<User> {
//       Column<&User::id> id{this, primary_key};
//       Column<&User::username> username{this, type::String(50)};
//       orm::Relationship<&User::posts> posts{this, {.back_populates = "author"}};
//       Users() : Model("users") {}
//   };
//   struct Posts : Model<Post> { ...
//       Column<&Post::user_id> user_id{this, ForeignKey("users.id")};
//       orm::Relationship<&Post::author> author{this, {.back_populates = "posts"}};
//   };
//
// The foreign key decides the direction: a One whose table holds the key is many-to-one, a
// Many is one-to-many. back_populates keeps both sides in step in memory; adding an object
// adds the new objects it refers to (save-update cascade); the flush fills foreign keys from
// the related objects' keys, inserting parents before children.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <vector>

#include "retort/errors.hpp"
#include "retort/orm/detail/relationship_access.hpp"
#include "retort/orm/instance.hpp"
#include "retort/orm/mapper.hpp"

namespace retort::orm {

/// The untyped part of One<T> and Many<T>: which object owns the member, whether its content
/// is loaded, and whether it carries content at all. A copy of an entity is a plain value: its
/// members belong to nothing.
class RelationshipSlot {
  public:
    RelationshipSlot() = default;
    RelationshipSlot(const RelationshipSlot& other) noexcept
        : loaded_(other.loaded_), given_(other.given_) {}
    RelationshipSlot& operator=(const RelationshipSlot& other) noexcept {
        loaded_ = other.loaded_;
        given_ = other.given_;
        return *this;
    }
    /// False while the content waits for its first access (lazy loading).
    bool loaded() const noexcept { return loaded_; }
    /// True once the member holds content: constructed with objects (or an explicit nullptr),
    /// changed through add / remove / assign / clear / `=`, or loaded. merge() copies only such
    /// members (SQLAlchemy merges only the attributes an object carries), so a member a new
    /// struct never touched leaves the stored collection alone; `clear()` it to empty that.
    bool given() const noexcept { return given_; }

  protected:
    void ensure_loaded() const {
        if (!loaded_) detail::load_relationship(owner_, index_);
    }
    void mark_given() noexcept { given_ = true; }

    InstanceBase* owner() const noexcept { return owner_; }
    std::size_t index() const noexcept { return index_; }

  private:
    friend struct detail::SlotAccess;
    InstanceBase* owner_ = nullptr;
    std::size_t index_ = 0;
    bool loaded_ = true;
    bool given_ = false;
    bool raise_ = false;  // a query's raiseload(): refuse to load lazily
};

/// A collection of related objects (one-to-many). Reading it loads it if needed; add(),
/// remove() and assign() keep back_populates in step. Change it through a non-const Ptr of
/// its owner (`user->posts.add(post)`), so that the flush looks at the owner.
template <class T>
class Many : public RelationshipSlot {
  public:
    using value_type = Ptr<T>;
    using const_iterator = typename std::vector<Ptr<T>>::const_iterator;

    Many() = default;
    Many(std::initializer_list<Ptr<T>> items) : items_(items) { mark_given(); }
    Many(const Many&) = default;
    Many(Many&&) noexcept = default;
    Many& operator=(const Many&) = default;
    Many& operator=(Many&&) noexcept = default;

    std::size_t size() const {
        ensure_loaded();
        return items_.size();
    }
    bool empty() const { return size() == 0; }
    const_iterator begin() const {
        ensure_loaded();
        return items_.cbegin();
    }
    const_iterator end() const {
        ensure_loaded();
        return items_.cend();
    }
    const Ptr<T>& operator[](std::size_t i) const {
        ensure_loaded();
        return items_.at(i);
    }
    bool contains(const Ptr<T>& item) const {
        ensure_loaded();
        return std::find(items_.begin(), items_.end(), item) != items_.end();
    }
    /// Appends `item` (once) and sets the other side to this owner.
    void add(const Ptr<T>& item) {
        ensure_loaded();
        mark_given();
        if (!item || contains(item)) return;
        if (owner())
            detail::touch_owner(*owner());  // before the change: the snapshot is the "before"
        items_.push_back(item);
        if (owner()) detail::link_back(*owner(), index(), item.instance());
    }
    void remove(const Ptr<T>& item) {
        ensure_loaded();
        mark_given();
        Ptr<T> removed = item;  // `item` may refer into items_
        if (std::find(items_.begin(), items_.end(), removed) == items_.end()) return;
        if (owner()) detail::touch_owner(*owner());
        auto it = std::find(items_.begin(), items_.end(), removed);
        if (it == items_.end()) return;
        items_.erase(it);
        if (owner()) {
            detail::unlink_back(*owner(), index(), *removed.instance());
            detail::orphaned(*owner(), index(), *removed.instance());
        }
    }
    void assign(std::vector<Ptr<T>> items) {
        mark_given();
        clear();
        for (const auto& item : items) add(item);
    }
    void clear() {
        ensure_loaded();
        mark_given();
        while (!items_.empty()) remove(items_.back());
    }
    const std::vector<Ptr<T>>& items() const {
        ensure_loaded();
        return items_;
    }

  private:
    friend struct detail::SlotAccess;
    template <auto>
    friend class Relationship;
    std::vector<Ptr<T>> items_;
};

/// A reference to one related object (many-to-one, or one-to-one). Reading it loads it if
/// needed; assigning a Ptr (or nullptr) keeps back_populates in step. A reference to a parent
/// does not keep a saved parent in memory (see detail::holds_weakly): reading it then gives
/// the object in the session, or reads it again.
template <class T>
class One : public RelationshipSlot {
  public:
    One() = default;
    One(Ptr<T> target) : target_(std::move(target)), refers_(static_cast<bool>(target_)) {
        mark_given();
    }
    One(std::nullptr_t) { mark_given(); }
    One(const One&) = default;
    One(One&&) noexcept = default;
    One& operator=(const One&) = default;
    One& operator=(One&&) noexcept = default;

    One& operator=(const Ptr<T>& target) {
        ensure_loaded();
        mark_given();
        Ptr<T> previous = current();
        if (target == previous) return *this;
        if (owner()) detail::touch_owner(*owner());
        // Held strongly until the next flush has copied its key into the foreign key.
        target_ = target;
        weak_.reset();
        refers_ = static_cast<bool>(target);
        if (owner()) {
            if (previous) {
                detail::unlink_back(*owner(), index(), *previous.instance());
                detail::orphaned(*owner(), index(), *previous.instance());  // a replaced child
            }
            if (target_) {
                detail::link_back(*owner(), index(), target_.instance());
                if (detail::refer_to_saved_parent(*owner(), index(), *target_.instance()))
                    store(target_.instance(), true);
            } else {
                detail::clear_reference(*owner(), index());
            }
        }
        return *this;
    }
    One& operator=(std::nullptr_t) { return *this = Ptr<T>(); }

    Ptr<T> get() const {
        ensure_loaded();
        if (Ptr<T> held = current()) return held;
        if (!refers_) return Ptr<T>();
        if (!owner())
            throw DetachedInstanceError(
                "the object this copied reference pointed to is no longer in memory");
        auto fetched =
            std::static_pointer_cast<Instance<T>>(detail::fetch_reference(*owner(), index()));
        weak_ = fetched;
        return Ptr<T>(std::move(fetched));
    }
    /// Reads the related object: post->author->username.
    const Ptr<T> operator->() const { return get(); }
    explicit operator bool() const { return static_cast<bool>(get()); }
    bool operator==(const Ptr<T>& other) const { return get() == other; }

  private:
    friend struct detail::SlotAccess;
    template <auto>
    friend class Relationship;
    Ptr<T> current() const {
        if (target_) return target_;
        return Ptr<T>(weak_.lock());
    }
    void store(std::shared_ptr<Instance<T>> target, bool weakly) {
        refers_ = static_cast<bool>(target);
        if (weakly) {
            weak_ = target;
            target_ = Ptr<T>();
        } else {
            target_ = Ptr<T>(std::move(target));
            weak_.reset();
        }
    }
    Ptr<T> target_;                            // a new parent, or a child (one-to-one)
    mutable std::weak_ptr<Instance<T>> weak_;  // a saved parent
    bool refers_ = false;                      // false: no related object at all
};

namespace detail {
struct SlotAccess {
    static void bind(RelationshipSlot& slot, InstanceBase* owner, std::size_t index,
                     bool loaded) noexcept {
        slot.owner_ = owner;
        slot.index_ = index;
        slot.loaded_ = loaded;
        if (!loaded) slot.given_ = false;  // content comes from the database, when loaded
        slot.raise_ = false;
    }
    static void set_raise(RelationshipSlot& slot) noexcept { slot.raise_ = true; }
    /// noload(): loaded as empty, but carrying nothing (merge() leaves it alone).
    static void set_not_given(RelationshipSlot& slot) noexcept { slot.given_ = false; }
    static bool raises(const RelationshipSlot& slot) noexcept { return slot.raise_; }
    static void set_loaded(RelationshipSlot& slot) noexcept {
        slot.loaded_ = true;
        slot.given_ = true;
    }
    static InstanceBase* owner(const RelationshipSlot& slot) noexcept { return slot.owner_; }
    static std::size_t index(const RelationshipSlot& slot) noexcept { return slot.index_; }
};
inline void mark_loaded(RelationshipSlot& slot) noexcept {
    SlotAccess::set_loaded(slot);
}
}  // namespace detail

namespace typing {
template <class M>
struct relation_of;
template <class T>
struct relation_of<Many<T>> {
    using target = T;
    static constexpr bool many = true;
};
template <class T>
struct relation_of<One<T>> {
    using target = T;
    static constexpr bool many = false;
};
}  // namespace typing

/// A relationship member of a descriptor: Relationship<&User::posts> posts{this, {...}}.
template <auto Member>
class Relationship {
    using traits = retort::typing::member_pointer<decltype(Member)>;
    using owner_type = typename traits::owner;
    using slot_type = typename traits::value;
    using relation = typing::relation_of<slot_type>;
    using target_type = typename relation::target;

  public:
    template <class E>
    Relationship(Model<E>* model, RelationshipOptions options = {}) : model_(model) {
        static_assert(std::is_same_v<E, owner_type>,
                      "retort: this relationship is bound to a member of another struct than the "
                      "model's entity");
        RelationshipSpec spec;
        spec.name = std::string(reflect::member_name(Member));
        spec.target_model = []() -> const ModelBase& { return model_for<target_type>(); };
        spec.target_factory = &Instance<target_type>::create;
        spec.many = relation::many;
        spec.options = std::move(options);
        spec.slot = [](void* entity) -> RelationshipSlot* { return &member(entity); };
        spec.targets = [](void* entity, std::vector<std::shared_ptr<InstanceBase>>& out) {
            if constexpr (relation::many) {
                for (const auto& item : member(entity).items_) out.push_back(item.instance());
            } else {
                if (auto held = member(entity).current()) out.push_back(held.instance());
            }
        };
        spec.set_loaded = [](void* entity, std::vector<std::shared_ptr<InstanceBase>>&& targets) {
            auto& slot = member(entity);
            if constexpr (relation::many) {
                slot.items_.clear();
                slot.items_.reserve(targets.size());
                for (auto& t : targets)
                    slot.items_.emplace_back(
                        std::static_pointer_cast<Instance<target_type>>(std::move(t)));
            } else {
                slot.store(targets.empty() ? nullptr
                                           : std::static_pointer_cast<Instance<target_type>>(
                                                 std::move(targets.front())),
                           detail::holds_weakly(slot));
            }
            detail::mark_loaded(slot);
        };
        spec.link = [](void* entity, const std::shared_ptr<InstanceBase>& target) {
            auto typed = Ptr<target_type>(std::static_pointer_cast<Instance<target_type>>(target));
            auto& slot = member(entity);
            if constexpr (relation::many) {
                if (std::find(slot.items_.begin(), slot.items_.end(), typed) == slot.items_.end())
                    slot.items_.push_back(std::move(typed));
            } else {
                slot.store(typed.instance(), false);  // weakened by the next flush
            }
        };
        spec.unlink = [](void* entity, const InstanceBase* target) {
            auto& slot = member(entity);
            if constexpr (relation::many) {
                std::erase_if(slot.items_,
                              [&](const auto& item) { return item.instance().get() == target; });
            } else {
                if (slot.current().instance().get() == target) slot.store(nullptr, false);
            }
        };
        spec.weaken = [](void* entity) {
            if constexpr (!relation::many) {
                auto& slot = member(entity);
                if (slot.target_ && detail::holds_weakly(slot) &&
                    slot.target_.state().state() != ObjectState::transient &&
                    slot.target_.state().state() != ObjectState::pending)
                    slot.store(slot.target_.instance(), true);
            }
        };
        index_ = detail::register_relationship(*model, std::move(spec));
    }

    const ModelBase& model() const noexcept { return *model_; }
    std::size_t index() const noexcept { return index_; }
    const Mapper& owner_mapper() const {
        return mapper_for(*model_, &Instance<owner_type>::create);
    }

    /// A collection has a member (matching `criterion`): authors.articles.any(articles.title ==
    /// "x") is EXISTS (SELECT 1 FROM articles WHERE articles.author_id = authors.id AND ...).
    Expression any(std::optional<Expression> criterion = std::nullopt) const {
        static_assert(relation::many, "retort: any() is for Many; use has() for One");
        return detail::relationship_exists(owner_mapper(), index_, criterion);
    }
    /// The referenced object exists (and matches `criterion`).
    Expression has(std::optional<Expression> criterion = std::nullopt) const {
        static_assert(!relation::many, "retort: has() is for One; use any() for Many");
        return detail::relationship_exists(owner_mapper(), index_, criterion);
    }

  private:
    static slot_type& member(void* entity) { return static_cast<owner_type*>(entity)->*Member; }
    const ModelBase* model_;
    std::size_t index_ = 0;
};

/// A new object, not yet in a session, whose relationships can be set before it is added:
/// `auto post = orm::make(Post{...}); post->author = user; session.add(user);`.
template <class E>
Ptr<E> make(E entity);

}  // namespace retort::orm
