// What Deferred<T> needs from the ORM (src/orm/deferred.cpp). Not for users.
#pragma once

#include <cstddef>

namespace retort::orm {

class InstanceBase;

namespace detail {
struct DeferredAccess;
/// Loads every deferred column of `owner` that is not loaded yet; DetachedInstanceError when
/// the owner is in no session.
void load_deferred(InstanceBase* owner, std::size_t attribute);
}  // namespace detail

}  // namespace retort::orm
