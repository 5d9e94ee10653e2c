// Declarations shared by the ORM's query sources (private to libretort): what QueryState
// (src/orm/query_state.cpp) calls in query.cpp, joined_loading.cpp, column_checks.cpp and
// deferred.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "retort/orm/detail/query_state.hpp"

namespace retort::orm::detail {
/// The join along a relationship for Query::join: the caller's filters name the related table
/// itself (NotSupportedError for a table joined to itself).
RelationshipJoin relationship_join(const Mapper& owner, std::size_t index);
/// How an eager join (joinedload) names its tables: the owner as the statement already names
/// it (an alias, when a chained joinedload aliased it), and aliases for the related and the
/// association table when the statement names those tables already.
struct EagerJoinNames {
    FromClause owner;
    std::optional<std::string> target_alias{};
    std::optional<std::string> secondary_alias{};
};
RelationshipJoin eager_join(const Mapper& owner, std::size_t index, const EagerJoinNames& names);
/// SELECT count(*) FROM (the query without ORDER BY, LIMIT, OFFSET).
std::int64_t count_rows(SessionState& session, const Select& statement);
/// UPDATE / DELETE of the rows the criteria match, synchronising the identity map.
std::int64_t bulk_update(SessionState& session, const Mapper& mapper,
                         const std::vector<Expression>& criteria,
                         std::vector<Assignment> assignments, Synchronize synchronize);
std::int64_t bulk_delete(SessionState& session, const Mapper& mapper,
                         const std::vector<Expression>& criteria, Synchronize synchronize);
Result run_query(SessionState& session, const Select& statement, bool stream);
/// Which attributes of `mapper` a query with these column options leaves out.
std::vector<bool> unloaded_columns(const Mapper& mapper, const std::vector<ColumnOption>& options);
/// One relationship that a query fills from its own rows (joinedload, contains_eager, and
/// what is chained to them with .then(joinedload(...))).
struct JoinedPath {
    static constexpr std::size_t no_parent = SIZE_MAX;
    const Mapper* owner = nullptr;
    std::size_t relationship = 0;
    /// The path whose related objects own this one's; no_parent: the query's own objects.
    std::size_t parent = no_parent;
    /// Where the related object's columns start in a row.
    std::size_t offset = 0;
};
/// A query's SELECT list and FROM, extended by its joined eager loads.
struct JoinedPlan {
    std::vector<Expression> columns;
    FromClause from;
    std::vector<JoinedPath> paths;
    /// The query's ORDER BY (its owners' primary key when it has none), then each path's
    /// related primary key in path order: every collection comes back in key order, as lazy
    /// and selectin loads give it.
    std::vector<Expression> order;
};
/// Extends the query's own columns and FROM (its joins applied) with an outer (or inner) join
/// of an alias of the related table for every joinedload in `options`, chained ones too, and
/// with the columns of the query's own join that a contains_eager names. A relationship with
/// extra criteria names its table itself: it joins unaliased, or, when the FROM names that
/// table already, is left out of the plan for the selectin pass after the query to load (with
/// what is chained to it).
JoinedPlan plan_joined_loads(const Mapper& mapper, std::vector<Expression> columns, FromClause from,
                             std::vector<Expression> order, const std::vector<LoadOption>& options,
                             const std::vector<RelationshipJoin>& query_joins);
/// The query's objects from the rows of a planned statement, deduplicated in order of first
/// appearance, with every path's relationship filled (unless an object had it loaded).
std::vector<InstanceRef> load_joined(SessionState& session, const Mapper& mapper, Result& result,
                                     const JoinedPlan& plan, const std::vector<bool>* unloaded);
/// `column = value` for filter_by(): the name must be a mapped column (ArgumentError listing
/// close matches) and the value one its member can hold (ArgumentError naming both).
Expression equality_by_name(const Mapper& mapper, std::string_view column, const Value& value);
/// Adds a loader option to a query of `root`'s objects. An option for a relationship of
/// another model is chained below an option given before it that loads that model's objects;
/// one that no option reaches, or a .then() that does not start at the objects its parent
/// loads, is an ArgumentError (SQLAlchemy raises too) rather than silently ignored.
void add_load_option(const Mapper& root, std::vector<LoadOption>& options, LoadOption option);
/// table.pk = subquery.pk for every primary-key column: the rows of the mapper's table that a
/// subquery of its own columns chose.
Expression same_primary_key(const Mapper& mapper, const FromClause& subquery);
}  // namespace retort::orm::detail
