// Joined eager loading: the joins a query adds for joinedload / contains_eager (chained ones
// too), and the objects read back from its rows.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "../schema/table_builder.hpp"
#include "query_support.hpp"
#include "retort/orm/query.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

namespace {

std::string table_name(const Mapper& mapper) {
    return mapper.model().definition().name;
}

// retort_<table>_<n>, shortened when a long table name would take it past 63 bytes.
std::string alias_for(const std::string& table, std::size_t number) {
    return retort::detail::fit_identifier(fmt::format("retort_{}_{}", table, number));
}

class JoinPlanner {
  public:
    JoinPlanner(JoinedPlan& plan, const Mapper& mapper,
                const std::vector<RelationshipJoin>& query_joins)
        : plan_(plan), query_joins_(query_joins) {
        names_.insert(table_name(mapper));
        for (const auto& join : query_joins) {
            // A join on a condition may name any table: no unaliased eager join beside it.
            if (join.relationship >= mapper.relationships().size()) {
                plain_join_ = true;
                continue;
            }
            const RelationshipInfo& info = mapper.relationships()[join.relationship];
            names_.insert(table_name(*info.target));
            if (const Table* secondary = info.spec.options.secondary)
                names_.insert(secondary->name());
        }
    }

    /// Plans the joined options of `owner` (named `owner_from` in the statement), whose
    /// objects come from path `parent` (`outer`: through an outer join somewhere above).
    void add(const Mapper& owner, const FromClause& owner_from, std::size_t parent, bool outer,
             const std::vector<LoadOption>& options) {
        for (const LoadOption& option : options) {
            if (option.model != &owner.model() || option.loading != Loading::joined) continue;
            const Mapper& target = *owner.relationships()[option.relationship].target;
            // The same relationship named twice (for two chains) is joined once.
            if (std::optional<std::size_t> path = planned(parent, option.relationship)) {
                add(target, related_[*path], *path, outer_[*path], option.next);
                continue;
            }
            // Below an outer join an inner one would drop the rows the outer join kept (and
            // the objects above with them): it becomes an outer join too.
            const bool outer_here = outer || !(option.innerjoin || option.from_join);
            std::optional<RelationshipJoin> join =
                option.from_join ? own_join(owner, option, parent)
                                 : eager(owner, owner_from, option, outer_here);
            if (!join) continue;  // left to the selectin pass
            const std::size_t path = plan_.paths.size();
            plan_.paths.push_back(
                JoinedPath{&owner, option.relationship, parent, plan_.columns.size()});
            related_.push_back(join->related);
            secondary_.push_back(join->secondary);
            outer_.push_back(outer_here);
            for (auto& column : join->columns) plan_.columns.push_back(std::move(column));
            add(target, join->related, path, outer_here, option.next);
        }
    }

    /// The related table of a path, as the FROM names it.
    const FromClause& related(std::size_t path) const { return related_[path]; }
    /// A many-to-many path's association table, as the FROM names it.
    const std::optional<FromClause>& secondary(std::size_t path) const { return secondary_[path]; }

  private:
    std::optional<std::size_t> planned(std::size_t parent, std::size_t relationship) const {
        for (std::size_t p = 0; p < plan_.paths.size(); ++p)
            if (plan_.paths[p].parent == parent && plan_.paths[p].relationship == relationship)
                return p;
        return std::nullopt;
    }

    // contains_eager: the related objects are the query's own join along the relationship.
    std::optional<RelationshipJoin> own_join(const Mapper& owner, const LoadOption& option,
                                             std::size_t parent) const {
        const std::string& name = owner.relationships()[option.relationship].qualified_name();
        if (parent != JoinedPath::no_parent)
            throw InvalidRequestError(fmt::format(
                "contains_eager('{}') under another option: the query's join() reaches only "
                "its own model's relationships",
                name));
        for (const auto& join : query_joins_)
            if (join.relationship == option.relationship) return join;
        throw InvalidRequestError(fmt::format(
            "contains_eager('{}') reads the related objects from the query's own join: add "
            ".join() along that relationship",
            name));
    }

    std::optional<RelationshipJoin> eager(const Mapper& owner, const FromClause& owner_from,
                                          const LoadOption& option, bool outer) {
        const RelationshipInfo& info = owner.relationships()[option.relationship];
        const std::string target = table_name(*info.target);
        const Table* secondary = info.spec.options.secondary;
        EagerJoinNames names{owner_from};
        if (info.spec.options.where) {
            // Extra criteria name the related tables themselves, which an alias would hide:
            // joined under their own names if the statement has not used those yet.
            if (plain_join_ || names_.contains(target) ||
                (secondary != nullptr && names_.contains(secondary->name())))
                return std::nullopt;
        } else {
            // As SQLAlchemy does, every other eager join is aliased, so that the caller's
            // filters and order (which name the tables) never reach the related rows.
            const std::size_t number = plan_.paths.size() + 1;
            names.target_alias = alias_for(target, number);
            if (secondary != nullptr) names.secondary_alias = alias_for(secondary->name(), number);
        }
        if (!names.target_alias) names_.insert(target);
        if (secondary != nullptr && !names.secondary_alias) names_.insert(secondary->name());
        RelationshipJoin join = eager_join(owner, option.relationship, names);
        plan_.from = outer ? plan_.from.outerjoin(join.target, join.on)
                           : plan_.from.join(join.target, join.on);
        return join;
    }

    JoinedPlan& plan_;
    const std::vector<RelationshipJoin>& query_joins_;
    std::set<std::string> names_;      // tables the FROM names without an alias
    bool plain_join_ = false;          // the query joins something on a condition
    std::vector<FromClause> related_;  // per path: its related table as the FROM names it
    std::vector<std::optional<FromClause>> secondary_;  // per path: its association table
    std::vector<bool> outer_;                           // per path: reached through an outer join
};

// The related objects one path found for each owner, owners in order of first appearance.
struct PathContent {
    struct PairHash {
        std::size_t operator()(const std::pair<InstanceBase*, InstanceBase*>& pair) const {
            return std::hash<InstanceBase*>()(pair.first) * 31 +
                   std::hash<InstanceBase*>()(pair.second);
        }
    };
    std::vector<InstanceBase*> owners;
    std::unordered_map<InstanceBase*, std::vector<InstanceRef>> related;
    // (owner, related) pairs met: a second collection joined beside this one repeats them.
    std::unordered_set<std::pair<InstanceBase*, InstanceBase*>, PairHash> met;
};

}  // namespace

JoinedPlan plan_joined_loads(const Mapper& mapper, std::vector<Expression> columns, FromClause from,
                             std::vector<Expression> order, const std::vector<LoadOption>& options,
                             const std::vector<RelationshipJoin>& query_joins) {
    JoinedPlan plan{std::move(columns), std::move(from), {}, std::move(order)};
    JoinPlanner planner(plan, mapper, query_joins);
    planner.add(mapper, mapper.model(), JoinedPath::no_parent, false, options);
    if (plan.paths.empty()) return plan;
    if (plan.order.empty()) plan.order = key_columns(mapper, mapper.model());
    for (std::size_t p = 0; p < plan.paths.size(); ++p) {
        const RelationshipInfo& info =
            plan.paths[p].owner->relationships()[plan.paths[p].relationship];
        const Mapper& target = *info.target;
        // The relationship's own order, read from the related (and association) table as
        // this join names it.
        if (info.spec.options.order_by)
            for (const auto& item : info.spec.options.order_by()) {
                Expression rebased =
                    sql::rebase_sort_item(item, target.model(), planner.related(p));
                if (const auto& secondary = planner.secondary(p))
                    rebased =
                        sql::rebase_sort_item(rebased, *info.spec.options.secondary, *secondary);
                plan.order.push_back(std::move(rebased));
            }
        for (auto& key : key_columns(target, planner.related(p))) plan.order.push_back(key);
    }
    return plan;
}

std::vector<InstanceRef> load_joined(SessionState& session, const Mapper& mapper, Result& result,
                                     const JoinedPlan& plan, const std::vector<bool>* unloaded) {
    const auto& paths = plan.paths;
    std::vector<InstanceRef> objects;
    std::unordered_set<InstanceBase*> seen;
    std::vector<PathContent> contents(paths.size());
    std::vector<InstanceBase*> in_row(paths.size());  // each path's object in the current row
    result.read_rows(SIZE_MAX, [&](DriverResult& row) {
        auto object = session.load_row(mapper, row, 0, unloaded);
        if (!object) return;
        if (seen.insert(object.get()).second) objects.push_back(object);
        for (std::size_t p = 0; p < paths.size(); ++p) {
            const JoinedPath& path = paths[p];
            InstanceBase* owner =
                path.parent == JoinedPath::no_parent ? object.get() : in_row[path.parent];
            in_row[p] = nullptr;
            if (owner == nullptr) continue;  // the owner's own outer join found nothing
            PathContent& content = contents[p];
            auto [it, first] = content.related.try_emplace(owner);
            if (first) content.owners.push_back(owner);
            const Mapper& target = *path.owner->relationships()[path.relationship].target;
            auto related = session.load_row(target, row, path.offset);
            if (!related) continue;
            in_row[p] = related.get();
            if (content.met.emplace(owner, related.get()).second)
                it->second.push_back(std::move(related));
        }
    });
    for (std::size_t p = 0; p < paths.size(); ++p) {
        const RelationshipInfo& info = paths[p].owner->relationships()[paths[p].relationship];
        for (InstanceBase* owner : contents[p].owners) {
            // An owner already in the session with this relationship loaded keeps what it has.
            if (info.spec.slot(owner->object())->loaded()) continue;
            auto& targets = contents[p].related[owner];
            if (info.many_to_one)
                session.referenced_parents.insert(session.referenced_parents.end(), targets.begin(),
                                                  targets.end());
            // An object opened for writing remembers the loaded content too, so that the
            // flush compares the collection with what the database holds.
            if (const void* before = owner->snapshot())
                info.spec.set_loaded(const_cast<void*>(before), std::vector(targets));
            info.spec.set_loaded(owner->object(), std::move(targets));
        }
    }
    return objects;
}

}  // namespace retort::orm::detail
