// What Session, SessionResult and Query need from the session's machinery
// (src/orm/session.cpp). Not for users: the names may change.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "retort/engine/result.hpp"
#include "retort/orm/instance.hpp"
#include "retort/orm/loading.hpp"

namespace retort::orm::detail {

class SessionState;
struct NestedState;
/// back_populates for what a new object refers to when it is made.
void adopt(const InstanceRef& instance);
/// Loads what the query asked for eagerly (and the mapper's eager relationships).
/// `statement`: the select whose rows the objects are, for subqueryload (null: none).
void load_eagerly(SessionState& session, const Mapper& mapper,
                  const std::vector<InstanceBase*>& objects, const std::vector<LoadOption>& options,
                  const Select* statement = nullptr);

/// The tracked object for the current row of select(model), through the identity map; null
/// when the row's key is NULL.
/// `unloaded`: the attributes the SELECT left out (orm::Deferred members).
InstanceRef load_row(SessionState& session, const Mapper& mapper, DriverResult& row,
                     const std::vector<bool>* unloaded = nullptr);

/// Up to `limit` next rows of select(model) as tracked objects.
template <class E>
std::vector<Ptr<E>> load_objects(SessionState& session, const Mapper& mapper, Result& result,
                                 std::size_t limit = SIZE_MAX,
                                 const std::vector<bool>* unloaded = nullptr) {
    std::vector<Ptr<E>> objects;
    objects.reserve(std::min(limit, result.size_hint()));
    result.read_rows(limit, [&](DriverResult& row) {
        if (auto object = load_row(session, mapper, row, unloaded))
            objects.push_back(ptr_to<E>(std::move(object)));
    });
    return objects;
}

}  // namespace retort::orm::detail
