// Joined eager loading: the joins a query adds for joinedload / contains_eager (chained ones
// too), and the objects read back from its rows.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "retort/orm/query.hpp"
#include "session_core.hpp"

namespace retort::orm::detail {

namespace {

std::string table_name(const Mapper& mapper) {
    return mapper.model().definition().name;
}

class JoinPlanner {
  public:
    JoinPlanner(JoinedPlan& plan, const Mapper& mapper,
                const std::vector<RelationshipJoin>& query_joins)
        : plan_(plan), query_joins_(query_joins) {
        names_.insert(table_name(mapper));
        for (const auto& join : query_joins) {
            const RelationshipInfo& info = mapper.relationships()[join.relationship];
            names_.insert(table_name(*info.target));
            if (const Table* secondary = info.spec.options.secondary)
                names_.insert(secondary->name());
        }
    }

    /// Plans the joined options of `owner` (named `owner_from` in the statement), whose
    /// objects come from path `parent`.
    void add(const Mapper& owner, const FromClause& owner_from, std::size_t parent,
             const std::vector<LoadOption>& options) {
        for (const LoadOption& option : options) {
            if (option.model != &owner.model() || option.loading != Loading::joined) continue;
            std::optional<RelationshipJoin> join = option.from_join
                                                       ? own_join(owner, option, parent)
                                                       : eager(owner, owner_from, option);
            if (!join) continue;  // left to the selectin pass
            const std::size_t path = plan_.paths.size();
            plan_.paths.push_back(
                JoinedPath{&owner, option.relationship, parent, plan_.columns.size()});
            for (auto& column : join->columns) plan_.columns.push_back(std::move(column));
            add(*owner.relationships()[option.relationship].target, join->related, path,
                option.next);
        }
    }

  private:
    // contains_eager: the related objects are the query's own join along the relationship.
    std::optional<RelationshipJoin> own_join(const Mapper& owner, const LoadOption& option,
                                             std::size_t parent) const {
        if (parent == JoinedPath::no_parent)
            for (const auto& join : query_joins_)
                if (join.relationship == option.relationship) return join;
        throw InvalidRequestError(fmt::format(
            "contains_eager('{}') reads the related objects from the query's own join: add "
            ".join() along that relationship",
            owner.relationships()[option.relationship].qualified_name()));
    }

    std::optional<RelationshipJoin> eager(const Mapper& owner, const FromClause& owner_from,
                                          const LoadOption& option) {
        const RelationshipInfo& info = owner.relationships()[option.relationship];
        // SQLAlchemy aliases every eager join; here a table is aliased only when the FROM
        // names it already, so that the common statement reads as written by hand.
        const std::size_t number = plan_.paths.size() + 1;
        EagerJoinNames names{owner_from};
        const std::string target = table_name(*info.target);
        if (names_.contains(target)) names.target_alias = fmt::format("{}_{}", target, number);
        const Table* secondary = info.spec.options.secondary;
        if (secondary != nullptr && names_.contains(secondary->name()))
            names.secondary_alias = fmt::format("{}_{}", secondary->name(), number);
        // Extra criteria name the related table itself, which an alias would hide.
        if (names.target_alias && info.spec.options.where) return std::nullopt;
        if (!names.target_alias) names_.insert(target);
        if (secondary != nullptr && !names.secondary_alias) names_.insert(secondary->name());
        RelationshipJoin join = eager_join(owner, option.relationship, names);
        plan_.from = option.innerjoin ? plan_.from.join(join.target, join.on)
                                      : plan_.from.outerjoin(join.target, join.on);
        return join;
    }

    JoinedPlan& plan_;
    const std::vector<RelationshipJoin>& query_joins_;
    std::set<std::string> names_;  // tables the FROM names without an alias
};

// The related objects one path found for each owner, owners in order of first appearance.
struct PathContent {
    std::vector<InstanceBase*> owners;
    std::unordered_map<InstanceBase*, std::vector<std::shared_ptr<InstanceBase>>> related;
};

}  // namespace

JoinedPlan plan_joined_loads(const Mapper& mapper, std::vector<Expression> columns, FromClause from,
                             const std::vector<LoadOption>& options,
                             const std::vector<RelationshipJoin>& query_joins) {
    JoinedPlan plan{std::move(columns), std::move(from), {}};
    JoinPlanner(plan, mapper, query_joins)
        .add(mapper, mapper.model(), JoinedPath::no_parent, options);
    return plan;
}

std::vector<std::shared_ptr<InstanceBase>> load_joined(SessionCore& core, const Mapper& mapper,
                                                       Result& result, const JoinedPlan& plan) {
    const auto& paths = plan.paths;
    std::vector<std::shared_ptr<InstanceBase>> objects;
    std::unordered_set<InstanceBase*> seen;
    std::vector<PathContent> contents(paths.size());
    std::vector<InstanceBase*> in_row(paths.size());  // each path's object in the current row
    result.read_rows(SIZE_MAX, [&](DriverResult& row) {
        auto object = core.load_row(mapper, row);
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
            auto related = core.load_row(target, row, path.offset);
            if (!related) continue;
            in_row[p] = related.get();
            auto& list = it->second;
            // Rows of one owner usually arrive together; a second collection joined beside
            // this one repeats them (a product), hence the search.
            if (list.empty() || (list.back() != related &&
                                 std::find(list.begin(), list.end(), related) == list.end()))
                list.push_back(std::move(related));
        }
    });
    for (std::size_t p = 0; p < paths.size(); ++p) {
        const RelationshipInfo& info = paths[p].owner->relationships()[paths[p].relationship];
        for (InstanceBase* owner : contents[p].owners) {
            // An owner already in the session with this relationship loaded keeps what it has.
            if (info.spec.slot(owner->object())->loaded()) continue;
            auto& targets = contents[p].related[owner];
            if (info.many_to_one)
                core.referenced_parents.insert(core.referenced_parents.end(), targets.begin(),
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
