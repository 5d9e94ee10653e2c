// Tracked objects: the instance state the Session keeps for each mapped object, and Ptr<T>,
// the handle user code holds.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retort/orm/mapper.hpp"

namespace retort::orm {

namespace detail {
class SessionState;
class UnitOfWork;
class WorkQueues;
}  // namespace detail

/// Where an object stands (SQLAlchemy's object states).
enum class ObjectState {
    transient,   ///< not in a session, never saved
    pending,     ///< added to a session, not flushed yet
    persistent,  ///< in a session, with a row in the database
    deleted,     ///< its DELETE was flushed; detached once the transaction commits
    detached,    ///< has a row, but is in no session (closed, expunged, or after commit)
};
const char* to_string(ObjectState state) noexcept;

namespace detail {
/// A value most objects never hold, kept behind one pointer (null: none), copied deeply:
/// every tracked object carries a few of these, so each costs 8 bytes, not a whole container.
template <class T>
class Boxed {
  public:
    Boxed() = default;
    Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit
    Boxed(const Boxed& other)
        : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
    Boxed& operator=(const Boxed& other) {
        if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
        return *this;
    }
    Boxed(Boxed&&) noexcept = default;
    Boxed& operator=(Boxed&&) noexcept = default;
    ~Boxed() = default;

    bool has_value() const noexcept { return value_ != nullptr; }
    /// The value, or a default-constructed one when none is held.
    const T& operator*() const noexcept { return value_ ? *value_ : empty(); }
    const T* operator->() const noexcept { return &**this; }
    /// The held value, made (default-constructed) when there is none.
    T& make() {
        if (!value_) value_ = std::make_unique<T>();
        return *value_;
    }
    void reset() noexcept { value_.reset(); }
    bool operator==(const Boxed& other) const { return **this == *other; }

  private:
    static const T& empty() noexcept {
        static const T none{};
        return none;
    }
    std::unique_ptr<T> value_;
};
}  // namespace detail

/// The identity of a persistent object: its mapper and primary key.
struct IdentityKey {
    const Mapper* mapper = nullptr;
    std::int64_t integer = 0;  ///< a single integer key
    detail::Boxed<std::string> composite =
        {};  ///< any other key, encoded (none for an integer key)
    bool operator==(const IdentityKey&) const = default;
};

class InstanceBase;

/// An owning reference to a tracked object. The count lives in the object (intrusive), so a
/// reference is one pointer and an object one allocation: a million loaded objects carry no
/// control blocks. The object is deleted when its last reference goes; the session's
/// identity map does not count (it is weak, as SQLAlchemy's).
class InstanceRef {
  public:
    InstanceRef() noexcept = default;
    InstanceRef(std::nullptr_t) noexcept {}  // NOLINT: implicit, as a pointer's
    /// Another reference to `object`, which must be alive (held by a reference already, or
    /// new).
    explicit InstanceRef(InstanceBase* object) noexcept;
    InstanceRef(const InstanceRef& other) noexcept : InstanceRef(other.object_) {}
    InstanceRef(InstanceRef&& other) noexcept : object_(std::exchange(other.object_, nullptr)) {}
    InstanceRef& operator=(InstanceRef other) noexcept {
        std::swap(object_, other.object_);
        return *this;
    }
    ~InstanceRef() { reset(); }

    /// A reference to `object` unless it is being destroyed (its last reference is gone, so
    /// it is leaving the identity map): then null.
    static InstanceRef lock(InstanceBase* object) noexcept;

    InstanceBase* get() const noexcept { return object_; }
    InstanceBase* operator->() const noexcept { return object_; }
    InstanceBase& operator*() const noexcept { return *object_; }
    explicit operator bool() const noexcept { return object_ != nullptr; }
    void reset() noexcept;
    bool operator==(const InstanceRef& other) const noexcept { return object_ == other.object_; }
    bool operator==(std::nullptr_t) const noexcept { return object_ == nullptr; }

  private:
    InstanceBase* object_ = nullptr;
};

/// A reference that does not keep its object alive (a saved parent a child points to):
/// lock() gives the object while something else holds it, and null after. Unlike
/// std::weak_ptr it is not safe against the object's last reference being dropped on another
/// thread at the same time: like the objects it points between, it is used by one thread at
/// a time (hand an object graph to another thread with synchronisation, not while in use).
class WeakInstance {
  public:
    WeakInstance() noexcept = default;
    WeakInstance(const InstanceRef& object);  // NOLINT: implicit, as weak_ptr's
    WeakInstance(const WeakInstance& other) noexcept;
    WeakInstance& operator=(const WeakInstance& other) noexcept;
    ~WeakInstance() { reset(); }
    InstanceRef lock() const noexcept;
    void reset() noexcept;

  private:
    friend class InstanceBase;
    struct Anchor;  // shared by the object and its weak references; told when it goes
    static void release(Anchor* anchor) noexcept;
    Anchor* anchor_ = nullptr;
};

/// The session's bookkeeping for one object. User code meets it through inspect(ptr).
class InstanceBase {
  public:
    explicit InstanceBase(const Mapper& mapper) noexcept : key_{&mapper} {}
    InstanceBase(const InstanceBase&) = delete;
    InstanceBase& operator=(const InstanceBase&) = delete;
    virtual ~InstanceBase();

    const Mapper& mapper() const noexcept { return *key_.mapper; }
    ObjectState state() const noexcept;
    /// Expired: its attributes reload from the database on next access.
    bool expired() const noexcept { return expired_; }
    /// True when flushing would write an UPDATE (or INSERT) for it.
    bool modified() const;
    /// The primary key's values (as loaded or last flushed).
    std::vector<Value> identity() const;
    /// False for a plain member a query left out (load_only / defer): it holds its
    /// value-initialised state until the object is opened for writing, refreshed or loaded again.
    bool attribute_loaded(std::size_t attribute) const noexcept {
        return attribute >= unloaded_->size() || !(*unloaded_)[attribute];
    }
    /// The names of the columns not loaded (SQLAlchemy's inspect(obj).unloaded): plain members
    /// left out by load_only / defer, and orm::Deferred members not loaded yet.
    std::vector<std::string> unloaded() const;
    /// The identity-map key (meaningful once the object has a row).
    const IdentityKey& key() const noexcept { return key_; }
    /// The session's machinery this object is attached to (null when transient or detached).
    detail::SessionState* session_state() const noexcept { return session_; }

    virtual void* object() noexcept = 0;
    /// How the object looked when it was opened for writing (see Ptr); null when it was not.
    const void* object() const noexcept { return const_cast<InstanceBase*>(this)->object(); }
    virtual const void* snapshot() const noexcept = 0;
    /// A new, unattached instance holding a copy of the entity (for merge()).
    virtual InstanceRef clone() const = 0;

    /// Before reading: reload an expired object.
    void prepare_read() const {
        if (expired_)
            const_cast<InstanceBase*>(this)->load_expired();
        else if (unread_)
            const_cast<InstanceBase*>(this)->load_unread();
    }
    /// Before writing: reload an expired object, and remember how it looked so that the next
    /// flush can tell what changed.
    void prepare_write() {
        prepare_read();
        if (has_identity_ && snapshot() == nullptr) begin_change();
    }

  protected:
    /// Out of the session's identity map, and its weak references cleared: the first thing a
    /// dying instance does (again, harmlessly, in ~InstanceBase).
    void leave_session() noexcept;
    virtual void take_snapshot() = 0;
    virtual void drop_snapshot() noexcept = 0;
    /// Moves `other`'s entity into this one (same mapper), for a reload.
    virtual void assign_from(InstanceBase& other) noexcept = 0;

  private:
    friend class detail::SessionState;
    friend class detail::UnitOfWork;
    friend class detail::WorkQueues;
    void load_expired();
    void load_unread();
    void begin_change();

    friend class InstanceRef;
    friend class WeakInstance;

    // Laid out for size: a million loaded objects carry this a million times.
    mutable std::atomic<std::uint32_t> references_{0};  // InstanceRefs to it
    bool has_identity_ : 1 = false;
    bool pending_ : 1 = false;         // added, INSERT not flushed
    bool marked_deleted_ : 1 = false;  // delete_() called, DELETE not flushed
    bool deleted_ : 1 = false;         // DELETE flushed
    bool expired_ : 1 = false;
    bool unread_ : 1 =
        false;  // server values a flush did not read back (unloaded_): load on access
    bool in_changed_list_ : 1 = false;  // in the session's list of objects opened for writing
    bool left_ : 1 = false;             // being destroyed, out of the identity map already
    detail::SessionState* session_ = nullptr;
    IdentityKey key_;  // its mapper is the object's own, from construction on
    detail::Boxed<std::vector<bool>>
        unloaded_;                            // plain members a query left out (none: all loaded)
    WeakInstance::Anchor* anchor_ = nullptr;  // made for its first WeakInstance
};

inline InstanceRef::InstanceRef(InstanceBase* object) noexcept : object_(object) {
    if (object_ != nullptr) object_->references_.fetch_add(1, std::memory_order_relaxed);
}
inline InstanceRef InstanceRef::lock(InstanceBase* object) noexcept {
    InstanceRef held;
    std::uint32_t count = object->references_.load(std::memory_order_relaxed);
    while (count != 0)
        if (object->references_.compare_exchange_weak(count, count + 1,
                                                      std::memory_order_relaxed)) {
            held.object_ = object;
            break;
        }
    return held;
}
inline void InstanceRef::reset() noexcept {
    InstanceBase* object = std::exchange(object_, nullptr);
    if (object != nullptr && object->references_.fetch_sub(1, std::memory_order_acq_rel) == 1)
        delete object;
}

template <class T>
class Instance final : public InstanceBase {
  public:
    /// `from_database`: the entity is about to be filled from a row, so its relationships are
    /// not loaded yet; otherwise they hold what the caller put in them.
    Instance(const Mapper& mapper, T entity, bool from_database = false)
        : InstanceBase(mapper), entity_(std::move(entity)) {
        mapper.bind_relationships(*this, !from_database);
    }
    explicit Instance(const Mapper& mapper) : InstanceBase(mapper), entity_{} {
        mapper.bind_relationships(*this, false);
    }
    ~Instance() override {
        leave_session();  // before the entity goes: no lookup may find a half-destroyed object
        delete snapshot_;
    }
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;
    /// The one way instances are made (one constructor call per entity type compiled, not
    /// three).
    static InstanceRef make(const Mapper& mapper, T entity, bool from_database = false) {
        return InstanceRef(new Instance(mapper, std::move(entity), from_database));
    }
    /// An instance about to be filled from a row, its entity value-initialised in place.
    static InstanceRef create(const Mapper& mapper) { return InstanceRef(new Instance(mapper)); }

    void* object() noexcept override { return &entity_; }
    const void* snapshot() const noexcept override { return snapshot_; }
    InstanceRef clone() const override { return make(mapper(), entity_); }
    T& entity() noexcept { return entity_; }

  protected:
    void take_snapshot() override {
        T* copy = new T(entity_);
        delete snapshot_;
        snapshot_ = copy;
    }
    void drop_snapshot() noexcept override {
        delete snapshot_;
        snapshot_ = nullptr;
    }
    void assign_from(InstanceBase& other) noexcept override {
        entity_ = std::move(static_cast<Instance&>(other).entity_);
        mapper().bind_relationships(*this, false);  // reloaded: relationships load again
    }

  private:
    T entity_;
    // Apart, since most loaded objects are never written. Owned by hand: a unique_ptr<T> per
    // entity type is a few dozen functions more in every translation unit that maps it.
    T* snapshot_ = nullptr;
};

/// The handle to a mapped object (shared ownership with its Session). Assign to its members
/// plainly: `user->email = "x";` is found by the next flush, which compares the object with
/// how it looked when it was first opened for writing. Opening for writing is what the
/// non-const `->` and `*` do; through a const Ptr the object is read-only and costs no
/// snapshot. Keep changes flowing through the Ptr: a `T&` kept from before a flush and written
/// after it is not seen. An expired object reloads on access; a detached one cannot and raises
/// DetachedInstanceError. Like its Session, a Ptr belongs to one thread at a time while attached.
template <class T>
class Ptr;
namespace detail {
/// The handle of `instance`, which must be an Instance<T> (the session's instances are).
template <class T>
Ptr<T> ptr_to(InstanceRef instance) noexcept;
}  // namespace detail

template <class T>
class Ptr {
  public:
    Ptr() = default;
    Ptr(std::nullptr_t) noexcept {}

    T* operator->() {
        instance_->prepare_write();
        return &entity();
    }
    const T* operator->() const {
        instance_->prepare_read();
        return &entity();
    }
    T& operator*() { return *operator->(); }
    const T& operator*() const { return *operator->(); }

    explicit operator bool() const noexcept { return instance_ != nullptr; }
    bool operator==(const Ptr& other) const noexcept { return instance_ == other.instance_; }
    bool operator==(std::nullptr_t) const noexcept { return instance_ == nullptr; }

    /// The object's session state (SQLAlchemy's inspect(obj)).
    const InstanceBase& state() const { return *instance_; }
    /// The instance, untyped: one reference type for every entity keeps the handle cheap to
    /// compile; the entity's type is Ptr's own.
    const InstanceRef& instance() const noexcept { return instance_; }

  private:
    friend Ptr detail::ptr_to<T>(InstanceRef instance) noexcept;
    explicit Ptr(InstanceRef instance) noexcept : instance_(std::move(instance)) {}
    T& entity() const noexcept { return static_cast<Instance<T>&>(*instance_).entity(); }
    InstanceRef instance_;
};

template <class T>
Ptr<T> detail::ptr_to(InstanceRef instance) noexcept {
    return Ptr<T>(std::move(instance));
}

/// inspect(ptr).state() == ObjectState::persistent, inspect(ptr).modified(), ...
template <class T>
const InstanceBase& inspect(const Ptr<T>& object) {
    return object.state();
}
/// SQLAlchemy's is_modified(): a value differs from what was loaded (always true for a pending
/// object). Opening an object for writing without changing it does not make it modified.
template <class T>
bool is_modified(const Ptr<T>& object) {
    return object.state().modified();
}

}  // namespace retort::orm
