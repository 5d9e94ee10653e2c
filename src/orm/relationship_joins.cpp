// The SQL of relationships: join conditions, joins along a relationship (Query::join and
// joinedload), and EXISTS tests (any() / has()).
#include <fmt/format.h>

#include "query_support.hpp"
#include "retort/errors.hpp"
#include "retort/orm/relationship.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

Expression association_target_condition(const RelationshipInfo& info, const FromClause& target,
                                        const FromClause& secondary) {
    std::optional<Expression> condition;
    for (std::size_t k = 0; k < info.target_columns.size(); ++k) {
        Expression equal = target.c(info.target->attributes()[info.target_columns[k]].name) ==
                           secondary.c(info.secondary_target_columns[k]);
        condition = condition ? *condition && equal : equal;
    }
    return *condition;
}

Expression association_owner_condition(const RelationshipInfo& info, const Mapper& owner,
                                       const FromClause& owner_from, const FromClause& secondary) {
    std::optional<Expression> condition;
    for (std::size_t k = 0; k < info.owner_columns.size(); ++k) {
        Expression equal = secondary.c(info.secondary_owner_columns[k]) ==
                           owner_from.c(owner.attributes()[info.owner_columns[k]].name);
        condition = condition ? *condition && equal : equal;
    }
    return *condition;
}

Expression relationship_condition(const Mapper& owner, std::size_t index,
                                  const FromClause& target_from, const FromClause& owner_from) {
    const RelationshipInfo& info = owner.relationships()[index];
    std::optional<Expression> condition;
    for (std::size_t k = 0; k < info.owner_columns.size(); ++k) {
        Expression equal = target_from.c(info.target->attributes()[info.target_columns[k]].name) ==
                           owner_from.c(owner.attributes()[info.owner_columns[k]].name);
        condition = condition ? *condition && equal : equal;
    }
    if (info.spec.options.where) condition = *condition && info.spec.options.where();
    return *condition;
}

namespace {
// The join from the owner (as `owner_from` names it) to the target (as `target` names it),
// through the association table (as `secondary` names it) for a many-to-many.
RelationshipJoin join_along(const Mapper& owner, std::size_t index, const FromClause& owner_from,
                            const FromClause& target, const std::optional<FromClause>& secondary) {
    const RelationshipInfo& info = owner.relationships()[index];
    std::vector<Expression> columns;
    for (const auto& attribute : info.target->attributes())
        columns.push_back(target.c(attribute.name));
    if (!secondary)
        return RelationshipJoin{target, relationship_condition(owner, index, target, owner_from),
                                std::move(columns), index, target};
    // owner JOIN (association JOIN target ON association.target_key = target.key)
    //       ON association.owner_key = owner.key
    Expression on_target = association_target_condition(info, target, *secondary);
    if (info.spec.options.where) on_target = on_target && info.spec.options.where();
    return RelationshipJoin{secondary->join(target, on_target),
                            association_owner_condition(info, owner, owner_from, *secondary),
                            std::move(columns),
                            index,
                            target,
                            secondary};
}
}  // namespace

RelationshipJoin relationship_join(const Mapper& owner, std::size_t index) {
    const RelationshipInfo& info = owner.relationships()[index];
    // A table joined to itself needs an alias for the related side, which the caller's filters
    // would have to name; relationship joins do not offer that.
    if (info.target == &owner)
        throw NotSupportedError(fmt::format(
            "joining '{}' to its own table needs an alias to filter on; use joinedload(), "
            "selectinload() or any() instead",
            info.qualified_name()));
    const Table* secondary = info.spec.options.secondary;
    return join_along(owner, index, owner.model(), info.target->model(),
                      secondary ? std::optional<FromClause>(*secondary) : std::nullopt);
}

RelationshipJoin eager_join(const Mapper& owner, std::size_t index, const EagerJoinNames& names) {
    const RelationshipInfo& info = owner.relationships()[index];
    if (names.target_alias && info.spec.options.where)
        throw NotSupportedError(
            fmt::format("'{}' has extra criteria on its table, which an alias would not see; use "
                        "selectinload()",
                        info.qualified_name()));
    FromClause target = info.target->model();
    if (names.target_alias) target = target.alias(*names.target_alias);
    std::optional<FromClause> secondary;
    if (const Table* table = info.spec.options.secondary)
        secondary = names.secondary_alias ? table->alias(*names.secondary_alias)
                                          : static_cast<const FromClause&>(*table);
    return join_along(owner, index, names.owner, target, secondary);
}

namespace {
// target.key = key, over the target's primary-key columns as `target` names them.
Expression same_key(const Mapper& mapper, const FromClause& target, const std::vector<Value>& key) {
    std::vector<Expression> equal;
    for (std::size_t k = 0; k < mapper.primary_key().size(); ++k)
        equal.push_back(target.c(mapper.attributes()[mapper.primary_key()[k]].name) == key.at(k));
    return and_(equal);
}
}  // namespace

Expression relationship_exists(const Mapper& owner, std::size_t index,
                               const std::optional<Expression>& criterion,
                               const std::vector<Value>* target_key) {
    const RelationshipInfo& info = owner.relationships()[index];
    const bool self = info.target == &owner;
    if (self && criterion)
        throw NotSupportedError(fmt::format(
            "'{}' refers to its own table: any()/has() with a criterion would need the criterion "
            "on an alias of it, which is not supported yet",
            info.qualified_name()));
    if (const Table* secondary = info.spec.options.secondary) {
        // EXISTS (SELECT 1 FROM target JOIN association ON ... WHERE association.owner = owner)
        if (self && info.spec.options.where)
            throw NotSupportedError(fmt::format(
                "'{}' refers to its own table and has extra criteria, which would need to name "
                "an alias of it: not supported yet",
                info.qualified_name()));
        // The owner's own table inside the subquery would hide the outer row: alias it.
        FromClause target = info.target->model();
        if (self) target = target.alias(fmt::format("{}_{}", info.spec.name, index));
        Expression condition = association_owner_condition(info, owner, owner.model(), *secondary);
        if (info.spec.options.where) condition = condition && info.spec.options.where();
        if (criterion) condition = condition && *criterion;
        if (target_key) condition = condition && same_key(*info.target, target, *target_key);
        return exists(Select({literal(1)})
                          .select_from(target.join(
                              *secondary, association_target_condition(info, target, *secondary)))
                          .where(condition));
    }
    // A self-referential relationship looks at its table under another name.
    FromClause target = self ? info.target->model().alias("retort_related")
                             : static_cast<const FromClause&>(info.target->model());
    Expression condition = relationship_condition(owner, index, target, owner.model());
    if (criterion) condition = condition && *criterion;
    if (target_key) condition = condition && same_key(*info.target, target, *target_key);
    return exists(Select({literal(1)}).select_from(target).where(condition));
}

}  // namespace retort::orm::detail
