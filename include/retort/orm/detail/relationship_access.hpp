// What One<T>, Many<T> and the query state need from the ORM's relationship machinery
// (src/orm/relationship_*.cpp). Not for users: the names may change.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "retort/sql/expression.hpp"
#include "retort/sql/selectable.hpp"

namespace retort {
class ModelBase;
struct JoinPathParts;
}  // namespace retort

namespace retort::orm {

class InstanceBase;
class InstanceRef;
class Mapper;
class RelationshipSlot;
struct RelationshipSpec;

namespace detail {
struct SlotAccess;
/// Called by Relationship<Member> while a descriptor is constructed; returns its index.
std::size_t register_relationship(const ModelBase& model, RelationshipSpec spec);
/// A join along relationship `index` of `owner` for a Core select: target and ON condition.
JoinPathParts relationship_join_path(const Mapper& owner, std::size_t index);
/// The collection of relationship `index` holds `object` (by its primary key): an EXISTS.
Expression relationship_contains(const Mapper& owner, std::size_t index,
                                 const InstanceBase& object);
/// NotSupportedError: relationship `index` of an aliased() descriptor used to join or filter.
[[noreturn]] void refuse_alias_relationship(const ModelBase& alias, std::size_t index);
/// What a join along a relationship adds to a FROM: `target` joined ON `on` (for a
/// many-to-many, the association table joined to the related table), the related table's
/// columns, and the related table as the statement names it (`related`: an alias or itself).
struct RelationshipJoin {
    FromClause target;
    /// Unset for a query's join of a model without ON: inferred from the foreign keys.
    std::optional<Expression> on;
    std::vector<Expression> columns;
    std::size_t relationship = 0;
    FromClause related;
    /// A many-to-many's association table as the statement names it.
    std::optional<FromClause> secondary{};
};
/// EXISTS (SELECT 1 FROM target WHERE joined to the owner's row AND criterion [AND the
/// target's primary key = target_key]). The key is compared on the table as the subquery
/// names it, so it works on a relationship to the owner's own table too (contains()).
Expression relationship_exists(const Mapper& owner, std::size_t index,
                               const std::optional<Expression>& criterion,
                               const std::vector<Value>* target_key = nullptr);
/// Loads relationship `index` of `owner` (lazy loading); raises DetachedInstanceError when the
/// owner is in no session, InvalidRequestError for lazy = raise.
void load_relationship(InstanceBase* owner, std::size_t index);
/// A reference to a parent was cleared: its foreign key becomes NULL.
void clear_reference(InstanceBase& owner, std::size_t index);
/// back_populates: `target` now refers to `owner` through the relationship's other side.
void link_back(InstanceBase& owner, std::size_t index, const InstanceRef& target);
void unlink_back(InstanceBase& owner, std::size_t index, InstanceBase& target);
/// The owner's collection or reference changed: the owner is opened for writing, so that the
/// flush looks at it.
void touch_owner(InstanceBase& owner);
/// A child left a delete-orphan collection.
void orphaned(InstanceBase& owner, std::size_t index, InstanceBase& child);
/// True for a reference to a parent (many-to-one): it holds its target weakly once the target
/// has a row, since parents hold their children (a cycle of strong references would never be
/// freed); a parent gone from memory is read again through the foreign key.
bool holds_weakly(const RelationshipSlot& slot) noexcept;
/// The parent a weak reference lost, read again (identity map first, then the database).
InstanceRef fetch_reference(InstanceBase& owner, std::size_t index);
/// A reference to a parent (many-to-one) now names `parent`. When the parent has a row, its
/// key is copied into the foreign key at once and true is returned: the reference may then
/// hold it weakly, since the key finds it again. A new parent (no row yet) is held strongly
/// until the flush that saves it.
bool refer_to_saved_parent(InstanceBase& child, std::size_t index, InstanceBase& parent);
}  // namespace detail

}  // namespace retort::orm
