// Mapper: what the ORM knows about one mapped struct, derived once from its typed descriptor
// (Model<E>): the columns and how to read and write them, the primary key, which values the
// database generates, the version counter, and the per-mapper events.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "retort/schema/model.hpp"

namespace retort::orm {

class InstanceBase;
class InstanceRef;
class Mapper;
class RelationshipSlot;

/// How a relationship is loaded when nothing else is asked for (SQLAlchemy's lazy=).
enum class Loading {
    lazy,      ///< one SELECT on first access, while the object is in a session
    selectin,  ///< one extra SELECT ... IN (...) for all the objects a query loaded
    raise,     ///< never loaded implicitly: access raises InvalidRequestError
    noload,    ///< never loaded: starts empty
    joined,    ///< in the same SELECT, by LEFT OUTER JOIN (a query option: joinedload)
    /// one extra SELECT for all the objects a query loaded, whatever their number: the
    /// query's own criteria again, as a subquery (SQLAlchemy's subqueryload)
    subquery,
};

/// Options of a relationship (SQLAlchemy's relationship() arguments).
struct RelationshipOptions {
    /// The relationship on the other side kept in sync in memory.
    std::string back_populates{};
    Loading lazy = Loading::lazy;
    /// Deleting the parent deletes its children (cascade="all, delete").
    bool cascade_delete = false;
    /// A child removed from the collection is deleted (cascade="delete-orphan").
    bool delete_orphan = false;
    /// merge() carries on to the related objects this member holds (SQLAlchemy's "merge"
    /// cascade, on by default as there).
    bool cascade_merge = true;

    /// Children not loaded are left to the database's ON DELETE rule instead of being loaded
    /// to be deleted or detached when the parent is deleted; children already loaded are
    /// still deleted (cascade_delete) or detached (their key set to NULL), as in SQLAlchemy.
    bool passive_deletes = false;
    /// The foreign-key column (in whichever table holds it) when several join the two tables.
    std::string foreign_key{};
    /// Extra criteria on the related rows, e.g. only published posts:
    /// `.where = [] { return posts.is_published == true; }` (a function: the other
    /// descriptor may not be constructed yet when this one is).
    std::function<Expression()> where{};
    /// The order of a collection's objects, in every load (lazy, selectin, joined):
    /// `.order_by = [] { return std::vector<Expression>{posts.created_at.desc()}; }` (columns
    /// of the related table, or of a many-to-many's association table; the primary key breaks
    /// ties). Unset: by primary key.
    std::function<std::vector<Expression>()> order_by{};
    /// Many-to-many: the association table whose rows pair the two sides (the seed's
    /// post_tag); the unit of work inserts and deletes its rows. Both sides' collections hold
    /// their objects while the session is open; closing the session, expunging or expiring an
    /// object releases them (unloaded again), since the two sides refer to each other.
    const Table* secondary = nullptr;
};

/// What a relationship member of a descriptor registers: its options and how to reach the
/// member in an entity (type-erased; see Relationship<Member>).
struct RelationshipSpec {
    std::string name;
    const ModelBase& (*target_model)();
    InstanceRef (*target_factory)(const Mapper&);
    bool many = false;
    RelationshipOptions options{};
    RelationshipSlot* (*slot)(void* entity) = nullptr;

    // What the ORM does with the member (src/orm/relationship_slots.cpp): one code for every
    // relationship, working on the slot's untyped content.
    /// The related objects the member holds now.
    void targets(void* entity, std::vector<InstanceRef>& out) const;
    /// Replaces the member's content with loaded objects and marks it loaded.
    void set_loaded(void* entity, std::vector<InstanceRef>&& targets) const;
    /// Adds (or, for One, sets) one object without touching the other side.
    void link(void* entity, const InstanceRef& target) const;
    /// Removes one object (One: clears it if it is that object).
    void unlink(void* entity, const InstanceBase* target) const;
    /// A reference to a parent that now has a row stops keeping it in memory.
    void weaken(void* entity) const;
};

/// A relationship with both ends resolved.
struct RelationshipInfo {
    RelationshipSpec spec;
    const Mapper* owner = nullptr;
    const Mapper* target = nullptr;
    /// True when the owner's table holds the foreign key (many-to-one, or a One that points
    /// up); false when the target's does (one-to-many, or a One child such as a profile).
    bool many_to_one = false;
    std::vector<std::size_t> owner_columns;   ///< attributes of the owner joined on
    std::vector<std::size_t> target_columns;  ///< the matching attributes of the target
    /// Many-to-many: the association table's columns referring to the owner and the target.
    std::vector<std::string> secondary_owner_columns;
    std::vector<std::string> secondary_target_columns;
    std::optional<std::size_t> back;     ///< back_populates: index on the target
    std::string qualified_name() const;  ///< "users.posts"
};

/// Hooks per mapped class (SQLAlchemy's mapper events). They receive the entity just before its
/// statement is built (a before_* hook may still change it) or just after it ran.
struct MapperEvents {
    using Hook = std::function<void(void* entity)>;
    std::vector<Hook> before_insert, after_insert, before_update, after_update, before_delete,
        after_delete;
};

class Mapper {
  public:
    struct Attribute {
        std::string name;
        ModelBase::Accessor accessor;
        SqlType type;
        bool primary_key = false;
        bool server_generated = false;  ///< a server default, sequence or identity fills it
        bool version = false;
        bool computed = false;  ///< GENERATED ALWAYS: read back, never written
        bool deferred = false;  ///< an orm::Deferred member: left out of queries by default
        const ClientDefault* client_default = nullptr;
        const OnUpdate* onupdate = nullptr;
    };
    using Factory = InstanceRef (*)(const Mapper&);

    Mapper(const ModelBase& model, Factory factory);
    Mapper(const Mapper&) = delete;
    Mapper& operator=(const Mapper&) = delete;

    const ModelBase& model() const noexcept { return *model_; }
    /// The table's name, as messages quote it.
    const std::string& name() const noexcept { return name_; }
    const std::vector<Attribute>& attributes() const noexcept { return attributes_; }
    /// Indexes into attributes() of the primary key's columns, in key order.
    const std::vector<std::size_t>& primary_key() const noexcept { return primary_key_; }
    /// The integer key the database numbers, if any.
    std::optional<std::size_t> autoincrement() const noexcept { return autoincrement_; }
    std::optional<std::size_t> version() const noexcept { return version_; }
    /// A new instance holding a value-initialised entity.
    InstanceRef create() const;
    /// True when the member is still at its value-initialised state (never set).
    bool is_blank(std::size_t attribute, const void* entity) const {
        return attributes_[attribute].accessor.equal(entity, model_->blank_entity());
    }
    void reset_to_blank(std::size_t attribute, void* entity) const {
        attributes_[attribute].accessor.copy(entity, model_->blank_entity());
    }

    MapperEvents& events() const noexcept { return events_; }

    /// The relationships declared on the model, resolved on first use: ArgumentError names the
    /// relationship when no foreign key joins its tables.
    const std::vector<RelationshipInfo>& relationships() const;
    /// Points the relationship members of a new instance's entity at it; `loaded` false makes
    /// them load on first access (an object read from the database).
    void bind_relationships(InstanceBase& instance, bool loaded) const;

  private:
    const ModelBase* model_;
    Factory factory_;
    std::string name_;
    std::vector<Attribute> attributes_;
    std::vector<std::size_t> primary_key_;
    std::optional<std::size_t> autoincrement_;
    std::optional<std::size_t> version_;
    mutable MapperEvents events_;
    mutable std::once_flag relationships_resolved_;
    mutable std::vector<RelationshipInfo> relationships_;
    mutable bool has_relationships_ = false;  // set once resolved: lets bind skip the work
};

/// The mapper of a model, made on first use (thread-safe). Registration checks the mapping:
/// a table without a primary key, or a version column that is not an integer, fails here with
/// a message naming the model and the column.
const Mapper& mapper_for(const ModelBase& model, Mapper::Factory factory);

}  // namespace retort::orm
