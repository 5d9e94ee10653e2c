// Relationships, declared: the registry of each model's relationships, and their resolution
// into RelationshipInfo (which foreign keys join the two sides, which side holds the key).
#include <fmt/format.h>

#include <map>
#include <mutex>

#include "query_support.hpp"
#include "retort/errors.hpp"
#include "retort/orm/relationship.hpp"
#include "session_state.hpp"

namespace retort::orm {

namespace {
std::mutex& registry_mutex() {
    static std::mutex mutex;
    return mutex;
}
std::map<const ModelBase*, std::vector<RelationshipSpec>>& registry() {
    static std::map<const ModelBase*, std::vector<RelationshipSpec>> specs;
    return specs;
}
std::vector<RelationshipSpec> specs_of(const ModelBase& model) {
    std::lock_guard lock(registry_mutex());
    auto it = registry().find(&model);
    return it == registry().end() ? std::vector<RelationshipSpec>{} : it->second;
}

std::size_t attribute_index(const Mapper& mapper, const std::string& column) {
    for (std::size_t i = 0; i < mapper.attributes().size(); ++i)
        if (mapper.attributes()[i].name == column) return i;
    throw ArgumentError(
        fmt::format("model '{}': column '{}' is not mapped to a member", mapper.name(), column));
}

// The foreign keys of `holder` that refer to `referred`, filtered by an explicit column.
std::vector<const ForeignKeyInfo*> keys_between(const Mapper& holder, const Mapper& referred,
                                                const std::string& column) {
    std::vector<const ForeignKeyInfo*> found;
    const std::string target = referred.model().definition().qualified_name();
    for (const auto& fk : holder.model().definition().foreign_keys) {
        if (fk.referred_table != target) continue;
        if (!column.empty() &&
            std::find(fk.columns.begin(), fk.columns.end(), column) == fk.columns.end())
            continue;
        found.push_back(&fk);
    }
    return found;
}
}  // namespace

std::string RelationshipInfo::qualified_name() const {
    return fmt::format("{}.{}", owner->name(), spec.name);
}

namespace detail {
std::size_t register_relationship(const ModelBase& model, RelationshipSpec spec) {
    std::lock_guard lock(registry_mutex());
    if (const ModelBase* original = model.alias_of()) {
        // An alias's relationship is the model's, by position (declared in the same order).
        const auto& specs = registry()[original];
        for (std::size_t i = 0; i < specs.size(); ++i)
            if (specs[i].name == spec.name) return i;
        throw ArgumentError(fmt::format("alias: relationship '{}' is not the model's", spec.name));
    }
    auto& specs = registry()[&model];
    for (const auto& existing : specs)
        if (existing.name == spec.name)
            throw ArgumentError(fmt::format("relationship '{}' is declared twice", spec.name));
    specs.push_back(std::move(spec));
    return specs.size() - 1;
}

JoinPathParts relationship_join_path(const Mapper& owner, std::size_t index) {
    RelationshipJoin join = relationship_join(owner, index);
    return {owner.model(), std::move(join.target), std::move(*join.on)};
}

Expression relationship_contains(const Mapper& owner, std::size_t index,
                                 const InstanceBase& object) {
    const RelationshipInfo& info = owner.relationships()[index];
    if (&object.mapper() != info.target)
        throw ArgumentError(fmt::format("{}.contains(): the object is a {}, not a {}",
                                        info.qualified_name(), object.mapper().name(),
                                        info.target->name()));
    ObjectState state = object.state();
    if (state == ObjectState::transient || state == ObjectState::pending)
        throw InvalidRequestError(
            fmt::format("{}.contains(): the object is {}, with no row to compare; flush it first",
                        info.qualified_name(), to_string(state)));
    const std::vector<Value> key = object.identity();
    return relationship_exists(owner, index, std::nullopt, &key);
}

void refuse_alias_relationship(const ModelBase& alias, std::size_t index) {
    throw NotSupportedError(fmt::format(
        "relationship '{}' of an alias: joins and filters along an alias's relationships are "
        "not supported yet; join the alias on a condition instead",
        relationship_name(*alias.alias_of(), index)));
}

std::string relationship_name(const ModelBase& model, std::size_t index) {
    auto specs = specs_of(model);
    return fmt::format("{}.{}", model.definition().name,
                       index < specs.size() ? specs[index].name : std::to_string(index));
}
}  // namespace detail

namespace {
// Many-to-many: the association table's columns referring to each side.
void resolve_association(RelationshipInfo& info, const RelationshipSpec& spec) {
    const Mapper& owner = *info.owner;
    const Mapper& target = *info.target;
    const Table& secondary = *spec.options.secondary;
    if (!spec.many)
        throw ArgumentError(fmt::format("relationship '{}.{}': a secondary table needs a Many",
                                        owner.name(), spec.name));
    const std::string owner_table = owner.model().definition().qualified_name();
    const std::string target_table = target.model().definition().qualified_name();
    // Self-referential (users following users): both keys refer to one table, so
    // foreign_key names the association column that refers to the owner.
    const bool self_referential = owner_table == target_table;
    if (self_referential && spec.options.foreign_key.empty())
        throw ArgumentError(fmt::format(
            "relationship '{}.{}': both foreign keys of '{}' refer to '{}'; name the one that "
            "refers to the owner with RelationshipOptions::foreign_key",
            owner.name(), spec.name, secondary.name(), owner.name()));
    for (const auto& fk : secondary.definition().foreign_keys) {
        const bool named = std::find(fk.columns.begin(), fk.columns.end(),
                                     spec.options.foreign_key) != fk.columns.end();
        const bool to_owner = self_referential ? named : fk.referred_table == owner_table;
        if (!to_owner && fk.referred_table != target_table) continue;
        const Mapper& side = to_owner ? owner : target;
        for (std::size_t i = 0; i < fk.columns.size(); ++i) {
            (to_owner ? info.secondary_owner_columns : info.secondary_target_columns)
                .push_back(fk.columns[i]);
            (to_owner ? info.owner_columns : info.target_columns)
                .push_back(attribute_index(side, fk.referred_columns[i]));
        }
    }
    if (info.owner_columns.empty() || info.target_columns.empty())
        throw ArgumentError(fmt::format(
            "relationship '{}.{}': the secondary table '{}' needs foreign keys to both '{}' and "
            "'{}'",
            owner.name(), spec.name, secondary.name(), owner.name(), target.name()));
}

// One-to-many, many-to-one, one-to-one: the foreign key joining the two tables, and which
// side holds it.
void resolve_foreign_key(RelationshipInfo& info, const RelationshipSpec& spec) {
    const Mapper& owner = *info.owner;
    const Mapper& target = *info.target;
    const std::string& column = spec.options.foreign_key;
    auto up = keys_between(owner, target, column);    // owner holds the key
    auto down = keys_between(target, owner, column);  // target holds the key
    const bool self = &target == &owner;
    // A Many is always one-to-many; a One is many-to-one when its own table holds the key
    // (for a self-referential table: always), else the child side of one-to-one.
    const bool many_to_one =
        !spec.many && (!up.empty() && (self || down.empty() || !column.empty()));
    const auto& chosen = many_to_one ? up : down;
    if (chosen.size() != 1)
        throw ArgumentError(fmt::format(
            "relationship '{}.{}': {} foreign key joins '{}' and '{}'{}", owner.name(), spec.name,
            chosen.empty() ? "no" : "more than one", owner.name(), target.name(),
            chosen.empty() ? "" : "; name the column with RelationshipOptions::foreign_key"));
    const ForeignKeyInfo& fk = *chosen.front();
    const Mapper& holder = many_to_one ? owner : target;
    const Mapper& referred = many_to_one ? target : owner;
    std::vector<std::size_t> holding, referring;
    for (std::size_t i = 0; i < fk.columns.size(); ++i) {
        holding.push_back(attribute_index(holder, fk.columns[i]));
        referring.push_back(attribute_index(referred, fk.referred_columns[i]));
    }
    info.many_to_one = many_to_one;
    info.owner_columns = many_to_one ? holding : referring;
    info.target_columns = many_to_one ? referring : holding;
}

// back_populates names a relationship of the target; what relationships cannot follow yet.
void check_options(RelationshipInfo& info, const RelationshipSpec& spec) {
    const Mapper& owner = *info.owner;
    const Mapper& target = *info.target;
    if (!spec.options.back_populates.empty()) {
        auto target_specs = specs_of(target.model());
        for (std::size_t i = 0; i < target_specs.size(); ++i)
            if (target_specs[i].name == spec.options.back_populates) info.back = i;
        if (!info.back)
            throw ArgumentError(fmt::format(
                "relationship '{}.{}': back_populates names '{}', which '{}' does not declare",
                owner.name(), spec.name, spec.options.back_populates, target.name()));
    }
    if (info.many_to_one && info.target_columns != target.primary_key())
        throw NotSupportedError(fmt::format(
            "relationship '{}.{}': its foreign key refers to columns of '{}' other than its "
            "primary key, which relationships do not follow yet",
            owner.name(), spec.name, target.name()));
    if (spec.options.lazy == Loading::joined)
        throw ArgumentError(fmt::format(
            "relationship '{}.{}': joined loading is a query option (joinedload); as a default "
            "use Loading::selectin",
            owner.name(), spec.name));
}
}  // namespace

const std::vector<RelationshipInfo>& Mapper::relationships() const {
    std::call_once(relationships_resolved_, [this] {
        std::vector<RelationshipInfo> resolved;
        for (auto& spec : specs_of(*model_)) {
            RelationshipInfo info;
            info.owner = this;
            info.target = &mapper_for(spec.target_model(), spec.target_factory);
            if (spec.options.secondary != nullptr) {
                resolve_association(info, spec);
            } else {
                resolve_foreign_key(info, spec);
            }
            check_options(info, spec);
            info.spec = std::move(spec);
            resolved.push_back(std::move(info));
        }
        relationships_ = std::move(resolved);
        has_relationships_ = !relationships_.empty();
    });
    return relationships_;
}

void Mapper::bind_relationships(InstanceBase& instance, bool loaded) const {
    const auto& all = relationships();
    for (std::size_t i = 0; i < all.size(); ++i) {
        bool is_loaded = loaded || all[i].spec.options.lazy == Loading::noload;
        detail::SlotAccess::bind(*all[i].spec.slot(instance.object()), &instance, i, is_loaded);
    }
}

}  // namespace retort::orm
