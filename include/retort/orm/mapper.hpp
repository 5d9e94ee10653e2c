// Mapper: what the ORM knows about one mapped struct, derived once from its typed descriptor
// (Model<E>): the columns and how to read and write them, the primary key, which values the
// database generates, the version counter, and the per-mapper events.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "retort/schema/model.hpp"

namespace retort::orm {

class InstanceBase;

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
        const ClientDefault* client_default = nullptr;
        const OnUpdate* onupdate = nullptr;
    };
    using Factory = std::shared_ptr<InstanceBase> (*)(const Mapper&);

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
    std::shared_ptr<InstanceBase> create() const { return factory_(*this); }
    /// True when the member is still at its value-initialised state (never set).
    bool is_blank(std::size_t attribute, const void* entity) const {
        return attributes_[attribute].accessor.equal(entity, model_->blank_entity());
    }
    void reset_to_blank(std::size_t attribute, void* entity) const {
        attributes_[attribute].accessor.copy(entity, model_->blank_entity());
    }

    MapperEvents& events() const noexcept { return events_; }

  private:
    const ModelBase* model_;
    Factory factory_;
    std::string name_;
    std::vector<Attribute> attributes_;
    std::vector<std::size_t> primary_key_;
    std::optional<std::size_t> autoincrement_;
    std::optional<std::size_t> version_;
    mutable MapperEvents events_;
};

/// The mapper of a model, made on first use (thread-safe). Registration checks the mapping:
/// a table without a primary key, or a version column that is not an integer, fails here with
/// a message naming the model and the column.
const Mapper& mapper_for(const ModelBase& model, Mapper::Factory factory);

}  // namespace retort::orm
