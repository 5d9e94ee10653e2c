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

#include <compare>
#include <cstddef>
#include <initializer_list>
#include <iterator>
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

/// The untyped content of a Many<T>: the related objects, held as the session's instances.
/// Its operations are out of line, so that a collection member costs its users' translation
/// units no code of its own beyond the typed front end Many<T>.
class ManySlot : public RelationshipSlot {
  public:
    std::size_t size() const;
    bool empty() const { return size() == 0; }

  protected:
    using Instances = std::vector<InstanceRef>;
    ManySlot() noexcept;
    explicit ManySlot(Instances items);
    ManySlot(const ManySlot& other);
    ManySlot(ManySlot&& other) noexcept;
    ManySlot& operator=(const ManySlot& other);
    ManySlot& operator=(ManySlot&& other) noexcept;
    ~ManySlot();

    /// The content, loaded first if needed.
    const Instances& instances() const;
    bool contains_instance(const InstanceBase* item) const;
    void add_instance(const InstanceRef& item);
    void remove_instance(const InstanceRef& item);
    void clear_instances();

  private:
    friend struct RelationshipSpec;
    Instances items_;
};

/// A collection of related objects (one-to-many). Reading it loads it if needed; add(),
/// remove() and assign() keep back_populates in step. Change it through a non-const Ptr of
/// its owner (`user->posts.add(post)`), so that the flush looks at the owner. Iterating yields
/// Ptr<T> handles by value: `for (const auto& post : user->posts)`.
template <class T>
class Many : public ManySlot {
  public:
    using value_type = Ptr<T>;
    class const_iterator {
      public:
        using iterator_concept = std::random_access_iterator_tag;
        using iterator_category = std::input_iterator_tag;
        using value_type = Ptr<T>;
        using reference = const Ptr<T>;
        using difference_type = std::ptrdiff_t;
        const_iterator() = default;
        // const: reading through the collection does not open the object for writing.
        const Ptr<T> operator*() const { return detail::ptr_to<T>(*at_); }
        const Ptr<T> operator[](difference_type n) const { return *(*this + n); }
        const_iterator& operator++() {
            ++at_;
            return *this;
        }
        const_iterator operator++(int) {
            auto was = *this;
            ++at_;
            return was;
        }
        const_iterator& operator--() {
            --at_;
            return *this;
        }
        const_iterator operator--(int) {
            auto was = *this;
            --at_;
            return was;
        }
        const_iterator& operator+=(difference_type n) {
            at_ += n;
            return *this;
        }
        const_iterator& operator-=(difference_type n) {
            at_ -= n;
            return *this;
        }
        friend const_iterator operator+(const_iterator i, difference_type n) { return i += n; }
        friend const_iterator operator+(difference_type n, const_iterator i) { return i += n; }
        friend const_iterator operator-(const_iterator i, difference_type n) { return i -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
            return a.at_ - b.at_;
        }
        bool operator==(const const_iterator&) const = default;
        auto operator<=>(const const_iterator&) const = default;

      private:
        friend class Many;
        explicit const_iterator(const InstanceRef* at) : at_(at) {}
        const InstanceRef* at_ = nullptr;
    };

    Many() = default;
    Many(std::initializer_list<Ptr<T>> items) : ManySlot(erase(items)) {}

    const_iterator begin() const { return const_iterator(instances().data()); }
    const_iterator end() const {
        const auto& all = instances();
        return const_iterator(all.data() + all.size());
    }
    const Ptr<T> operator[](std::size_t i) const { return detail::ptr_to<T>(instances().at(i)); }
    bool contains(const Ptr<T>& item) const { return contains_instance(item.instance().get()); }
    /// Appends `item` (once) and sets the other side to this owner.
    void add(const Ptr<T>& item) { add_instance(item.instance()); }
    void remove(const Ptr<T>& item) { remove_instance(item.instance()); }
    void assign(const std::vector<Ptr<T>>& items) {
        clear_instances();
        for (const auto& item : items) add(item);
    }
    void clear() { clear_instances(); }
    std::vector<Ptr<T>> items() const { return {begin(), end()}; }

  private:
    static Instances erase(std::initializer_list<Ptr<T>> items) {
        Instances all;
        all.reserve(items.size());
        for (const auto& item : items) all.push_back(item.instance());
        return all;
    }
};

/// The untyped content of a One<T>; its operations are out of line, as ManySlot's.
class OneSlot : public RelationshipSlot {
  protected:
    OneSlot() noexcept;
    /// Given content: an object, or none (nullptr).
    explicit OneSlot(InstanceRef target);
    OneSlot(const OneSlot& other);
    OneSlot(OneSlot&& other) noexcept;
    OneSlot& operator=(const OneSlot& other);
    OneSlot& operator=(OneSlot&& other) noexcept;
    ~OneSlot();

    /// The related object, loaded or read again if needed; null when there is none.
    InstanceRef get_instance() const;
    /// Refers to `target` (or to nothing), keeping back_populates and foreign keys in step.
    void assign_instance(const InstanceRef& target);

  private:
    friend struct RelationshipSpec;
    InstanceRef current() const;
    void store(InstanceRef target, bool weakly);
    InstanceRef target_;         // a new parent, or a child (one-to-one)
    mutable WeakInstance weak_;  // a saved parent
    bool refers_ = false;        // false: no related object at all
};

/// A reference to one related object (many-to-one, or one-to-one). Reading it loads it if
/// needed; assigning a Ptr (or nullptr) keeps back_populates in step. A reference to a parent
/// does not keep a saved parent in memory (see detail::holds_weakly): reading it then gives
/// the object in the session, or reads it again.
template <class T>
class One : public OneSlot {
  public:
    One() = default;
    One(Ptr<T> target) : OneSlot(target.instance()) {}
    One(std::nullptr_t) : OneSlot(nullptr) {}

    One& operator=(const Ptr<T>& target) {
        assign_instance(target.instance());
        return *this;
    }
    One& operator=(std::nullptr_t) {
        assign_instance(nullptr);
        return *this;
    }

    Ptr<T> get() const { return detail::ptr_to<T>(get_instance()); }
    /// Reads the related object: post->author->username.
    const Ptr<T> operator->() const { return get(); }
    explicit operator bool() const { return get_instance() != nullptr; }
    bool operator==(const Ptr<T>& other) const { return get() == other; }
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
    /// The entity on the other side.
    using target_entity = target_type;

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
        index_ = detail::register_relationship(*model, std::move(spec));
    }

    const ModelBase& model() const noexcept { return *model_; }
    std::size_t index() const noexcept { return index_; }
    /// The owner's mapper; NotSupportedError for a relationship of an aliased() descriptor,
    /// which would join from the model's table instead of the alias.
    const Mapper& owner_mapper() const {
        if (model_->alias_of() != nullptr) detail::refuse_alias_relationship(*model_, index_);
        return mapper_for(*model_, &Instance<owner_type>::create);
    }

    /// What a Core select joins along it: select(users.username, posts.title).join(users.posts).
    JoinPathParts join_path() const {
        return detail::relationship_join_path(owner_mapper(), index_);
    }

    /// A collection has a member (matching `criterion`): authors.articles.any(articles.title ==
    /// "x") is EXISTS (SELECT 1 FROM articles WHERE articles.author_id = authors.id AND ...).
    Expression any(std::optional<Expression> criterion = std::nullopt) const {
        static_assert(relation::many, "retort: any() is for Many; use has() for One");
        return detail::relationship_exists(owner_mapper(), index_, criterion);
    }
    /// The collection holds this object (SQLAlchemy's users.addresses.contains(address)): an
    /// EXISTS on its primary key, one-to-many and many-to-many alike. InvalidRequestError for
    /// an object with no row yet (flush it first).
    Expression contains(const Ptr<target_type>& object) const {
        static_assert(relation::many, "retort: contains() is for Many; compare with has()");
        if (!object) throw ArgumentError("contains(): a null Ptr");
        return detail::relationship_contains(owner_mapper(), index_, *object.instance());
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
