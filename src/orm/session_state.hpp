// The Session's machinery, private to the ORM: identity map, object lists, transaction levels
// and the unit of work.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "identity_map.hpp"
#include "retort/engine/connection.hpp"
#include "retort/orm/relationship.hpp"
#include "retort/orm/session.hpp"
#include "transaction_levels.hpp"
#include "work_queues.hpp"

namespace retort::orm::detail {

/// The identity of an entity from its primary key members; nullopt when a key column is NULL.
std::optional<IdentityKey> identity_of(const Mapper& mapper, const void* entity);
std::optional<IdentityKey> identity_of(const Mapper& mapper, const std::vector<Value>& key);

/// The value of attribute `attribute` of an object's entity.
Value attribute_value(const InstanceBase& object, std::size_t attribute);

/// True while `object` waits for the database to number one of `columns` (a pending object
/// whose generated key is not back yet).
bool key_waiting(const InstanceBase& object, const std::vector<std::size_t>& columns);

/// Empties and unloads an object's many-to-many collections: the two sides of one hold each
/// other, so a session lets go of them when it lets go of the object.
void release_association_collections(InstanceBase& instance) noexcept;

/// A many-to-many's two halves: target.key = association.target_key, and
/// association.owner_key = owner.key, ANDed over the key's columns, each table named as the
/// statement names it (relationship_joins.cpp).
Expression association_target_condition(const RelationshipInfo& info, const FromClause& target,
                                        const FromClause& secondary);
Expression association_owner_condition(const RelationshipInfo& info, const Mapper& owner,
                                       const FromClause& owner_from, const FromClause& secondary);
/// target.fk = owner.key (or the reverse), ANDed with the relationship's extra criteria.
Expression relationship_condition(const Mapper& owner, std::size_t index,
                                  const FromClause& target_from, const FromClause& owner_from);

/// Checks the columns and values of query.update() (column_checks.cpp): ArgumentError for a
/// name that is not a mapped column, or a value its column cannot take.
void check_assignments(const Mapper& mapper, const std::vector<Assignment>& assignments,
                       const char* caller);

/// "table.member": a relationship of a model by its index, for messages.
std::string relationship_name(const ModelBase& model, std::size_t index);

/// The primary key columns of a mapper's objects, on `from` (its table or an alias of it):
/// the order in which every loader returns a collection.
std::vector<Expression> key_columns(const Mapper& mapper, const FromClause& from);

/// Writes `value` into attribute `index` of `entity` (through the member's codec).
void assign(const Mapper& mapper, std::size_t index, void* entity, const Value& value);

/// SELECT of every attribute of one row by its primary key, per mapper and dialect, compiled
/// once (Session::get, refresh).
const std::string& select_row_by_key(const Mapper& mapper, const sql::Dialect& dialect);
/// SELECT of `attributes` of one row by its primary key (one positional parameter per key
/// column, in key order), built by the SQL layer and spelled by `dialect`.
std::string select_by_key_sql(const Mapper& mapper, const sql::Dialect& dialect,
                              std::span<const std::size_t> attributes);
/// Marks the deferred attribute `index` of a freshly loaded object as left out (deferred.cpp).
void mark_unloaded(InstanceBase& object, std::size_t index);
/// Session::bulk_insert (bulk.cpp).
std::int64_t bulk_insert(SessionState& session, const Mapper& mapper, std::size_t count,
                         const std::function<const void*(std::size_t)>& entity_at);

/// The statement that selected a query's objects, for subqueryload: re-run, selecting one of
/// the objects' columns instead (`column`: a mapped column's name), it is the subquery the
/// related rows are looked up in.
class OwnerSource {
  public:
    virtual Select select(const std::string& column) const = 0;

  protected:
    ~OwnerSource() = default;
};

class SessionState {
  public:
    SessionState(Engine engine, SessionOptions options);
    ~SessionState();

    Engine engine;
    SessionOptions options;
    Session* owner = nullptr;
    TransactionLevels transactions;
    IdentityMap identity;
    /// The unit of work's row writes by shape, compiled for this session's dialect.
    std::unordered_map<std::string, std::string> statement_cache;
    /// The sequence numbering each mapper's key, looked up once (UnitOfWork); empty: none.
    std::unordered_map<const Mapper*, std::string> key_sequences;
    WorkQueues work;
    int no_autoflush = 0;
    bool flushing = false;

    /// The session's connection, checked out on first use.
    Connection& conn() { return transactions.connection(); }
    void autoflush() {
        if (options.autoflush && no_autoflush == 0 && !flushing && has_work()) flush();
    }
    bool has_work() const noexcept { return work.has_work(); }
    void check_usable() const { transactions.check_usable(); }

    void flush();  // unit_of_work.cpp
    void commit();
    void rollback();
    void close() noexcept;
    std::shared_ptr<NestedState> begin_nested();
    void commit_nested(NestedState& state);
    void rollback_nested(NestedState& state);

    void attach(const InstanceRef& instance);
    void mark_deleted(const InstanceRef& instance);
    InstanceRef get(const Mapper& mapper, const std::vector<Value>& key);
    /// merge() of a copy of an entity: copies it onto the object with its key (or attaches it
    /// as new), then merges the related objects it carries (the merge cascade; merge.cpp).
    InstanceRef merge(InstanceRef copy);
    /// merge() of an object of any session, or of none.
    InstanceRef merge_object(const InstanceRef& object);
    /// The object for the current row of a select(model) result, through the identity map.
    /// `unloaded`: attributes the SELECT left out (deferred), marked to load on access.
    /// A member that now holds the row's value (it was written by the flush).
    static void mark_attribute_loaded(InstanceBase& object, std::size_t attribute) noexcept {
        if (attribute < object.unloaded_->size()) object.unloaded_.make()[attribute] = false;
    }
    InstanceRef load_row(const Mapper& mapper, DriverResult& row, std::size_t offset = 0,
                         const std::vector<bool>* unloaded = nullptr);
    void refresh(InstanceBase& instance);
    void expire(InstanceBase& instance) noexcept;
    /// Marks an object whose server-filled columns a flush did not read back: its next access
    /// loads them (load_unread). Only a flag: most such objects are never read before commit.
    static void leave_unread(InstanceBase& object) noexcept;
    /// Loads the server-filled columns of `object`, with those of up to 499 other objects
    /// left unread, in one SELECT.
    void load_unread(InstanceBase& object);
    void expire_all() noexcept;
    void expunge(InstanceBase& instance) noexcept;
    void expunge_all() noexcept;

    // Loading relationships (relationship_loading.cpp).
    void lazy_load(InstanceBase& owner, std::size_t index);
    /// Loads relationship `index` of every object in `owners` with one query per 500 of them.
    void selectin_load(const Mapper& mapper, std::size_t index,
                       const std::vector<InstanceBase*>& owners);
    /// Loads relationship `index` of every object in `owners` with one query: the related rows
    /// whose key is IN `source`'s statement (subqueryload).
    void subquery_load(const Mapper& mapper, std::size_t index,
                       const std::vector<InstanceBase*>& owners, const OwnerSource& source);
    /// The relationships a query loads eagerly: the mapper's eager defaults and `options`.
    /// `source`: the statement that selected `objects`, for subqueryload (without one, a
    /// subqueryload loads as selectin).
    void load_eagerly(const Mapper& mapper, const std::vector<InstanceBase*>& objects,
                      const std::vector<LoadOption>& options, const OwnerSource* source = nullptr);
    // Dependency processing (relationship_sync.cpp).
    /// A child left its parent's collection: deleted (delete-orphan) or its key cleared.
    void orphaned(InstanceBase& owner, std::size_t index, InstanceBase& child);
    /// Before a flush: adds the new objects that pending or changed objects refer to (the
    /// save-update cascade), deletes children of deleted parents (delete cascade), and fills
    /// foreign keys from related objects' keys. Returns the objects whose keys wait for a
    /// parent inserted by this flush.
    std::set<InstanceBase*> cascade_and_sync(const std::vector<InstanceBase*>& objects);
    /// Fills the foreign keys `object` and its children take from their related objects;
    /// objects whose parent still waits for its generated key go to `waiting`.
    void sync_foreign_keys(InstanceBase& object, std::set<InstanceBase*>& waiting);
    /// A foreign key assigned directly while its reference was left as it was wins over the
    /// reference: the reference is unloaded (read again by the key), the old parent lets go.
    void follow_assigned_keys(InstanceBase& object);
    std::unordered_map<const RelationshipInfo*, std::size_t> lazy_loads;
    /// Parents read for references (lazily or eagerly): a child refers to a saved parent weakly,
    /// so the session holds them until it lets go of its objects.
    std::vector<InstanceRef> referenced_parents;

    // Called by instances.
    void forget(InstanceBase& instance) noexcept;
    void track(InstanceBase& instance);
    /// Loads the members a load_only left out of `object` (and of up to 499 objects of its
    /// mapper missing the same ones), before it is opened for writing.
    /// `with_unread`: objects left unread by a flush (leave_unread) join the batch too.
    void load_unloaded(InstanceBase& object, bool with_unread = false);
    void load_expired(InstanceBase& instance);

    // Used by the unit of work.
    void make_persistent(const InstanceRef& instance);
    /// Puts the object in the identity map under its key, displacing a stale holder.
    void install_identity(InstanceBase& object) noexcept;
    /// A bulk UPDATE ... RETURNING gave this object's new row.
    void refresh_from(InstanceBase& instance, InstanceBase& fresh) noexcept;
    /// A bulk DELETE removed this object's row.
    void mark_gone(InstanceBase& instance) noexcept;
    void undo_levels(std::size_t from) noexcept;

  private:
    /// The objects of this session that merge() made of each object it met, so that a
    /// graph's cycles (back_populates) end where they began.
    using MergeMemo = std::unordered_map<const InstanceBase*, InstanceRef>;
    InstanceRef merge_copy(InstanceRef copy, const InstanceBase* source, MergeMemo& memo);
    InstanceRef merge_object(const InstanceRef& object, MergeMemo& memo);
    /// Makes relationship `index` of `target` hold exactly `merged`, as the member's own
    /// assignment would (back_populates, orphans, the owner opened for writing).
    void assign_related(InstanceBase& target, std::size_t index, std::vector<InstanceRef> merged);
    /// A later load of an object first loaded in part (load_only): fills the members it left
    /// out that `fresh` has, unless they were assigned since.
    void fill_unloaded(InstanceBase& existing, const InstanceBase& fresh);
    bool reload(InstanceBase& instance);
};

}  // namespace retort::orm::detail
