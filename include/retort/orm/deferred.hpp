// orm::Deferred<T>: a member that queries leave out and that loads on first access
// (SQLAlchemy's deferred columns), for large text or binary columns that most reads do not need.
//
//   struct Article { std::int64_t id = 0; std::string title; orm::Deferred<std::string> body; };
//   struct Articles : Model<Article> { ... Column<&Article::body> body{this, type::Text()}; };
//
//   auto list = session.query(articles).all();          // SELECT without body
//   std::string text = list[0]->body.get();             // one SELECT of the deferred columns
//   session.query(articles).options(orm::undefer(articles.body)).all();   // loaded up front
//
// load_only() and defer() leave plain members out too (the seed's
// load_only(User.id, User.username, User.email)); keys, version counters and foreign keys are
// always loaded. Such a member keeps its value-initialised state: reading it through a const
// Ptr gives that default, not the database's value (only a Deferred member can load itself when
// read), and inspect(ptr).unloaded() names it. Opening the object for writing loads what it
// misses first (one SELECT for up to 500 objects of the query), so every assignment is seen;
// refresh() or a later full load of the object fills it too.
#pragma once

#include <type_traits>
#include <utility>
#include <vector>

#include "retort/orm/detail/deferred_access.hpp"
#include "retort/schema/model.hpp"

namespace retort::orm {

class InstanceBase;

/// The untyped part of Deferred<T>: whether the value is loaded, and whose it is.
class DeferredSlot {
  public:
    DeferredSlot() = default;
    DeferredSlot(const DeferredSlot& other) noexcept : loaded_(other.loaded_) {}
    DeferredSlot& operator=(const DeferredSlot& other) noexcept {
        loaded_ = other.loaded_;
        return *this;
    }
    /// False while the value waits for its first access.
    bool loaded() const noexcept { return loaded_; }

  protected:
    void ensure_loaded() const {
        if (!loaded_) detail::load_deferred(owner_, attribute_);
    }
    void mark_loaded() noexcept { loaded_ = true; }

  private:
    friend struct detail::DeferredAccess;
    InstanceBase* owner_ = nullptr;
    std::size_t attribute_ = 0;
    bool loaded_ = true;
};

template <class T>
class Deferred : public DeferredSlot {
  public:
    Deferred() = default;
    /// Anything T is made from converts, as it would to a plain T member.
    template <class U>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Deferred> && std::is_constructible_v<T, U&&>)
        Deferred(U&& value)  // NOLINT: converts by design
        : value_(std::forward<U>(value)) {}
    template <class U>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Deferred> &&
             std::is_assignable_v<T&, U&&>) Deferred&
    operator=(U&& value) {
        value_ = std::forward<U>(value);
        mark_loaded();
        return *this;
    }

    /// The value, loaded first if it was left out.
    const T& get() const {
        ensure_loaded();
        return value_;
    }
    const T& operator*() const { return get(); }
    const T* operator->() const { return &get(); }
    operator const T&() const { return get(); }  // NOLINT: reads as the value

  private:
    template <class>
    friend struct retort::member_codec;
    T value_{};
};

}  // namespace retort::orm

namespace retort {
template <class T>
struct member_codec<orm::Deferred<T>> {
    using value_type = T;
    // The value as it is (no load): what the unit of work compares and writes.
    static const T& value(const orm::Deferred<T>& member) { return member.value_; }
    static void assign(orm::Deferred<T>& member, T value) { member = std::move(value); }
    // Two unloaded values are equal (neither was read or written); an unloaded one differs
    // from one that was assigned.
    static bool equal(const orm::Deferred<T>& a, const orm::Deferred<T>& b) {
        if (a.loaded() != b.loaded()) return false;
        return !a.loaded() || a.value_ == b.value_;
    }
    static orm::DeferredSlot* slot_of(orm::Deferred<T>& member) { return &member; }
};
}  // namespace retort
