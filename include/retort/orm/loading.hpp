// Loader options: what a query loads with its objects, and how. For relationships
// selectinload, subqueryload, joinedload, contains_eager, lazyload, raiseload and noload (chained
// with .then()); for columns defer, undefer and load_only. Pass them to query.options(...).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "retort/orm/deferred.hpp"
#include "retort/orm/relationship.hpp"

namespace retort::orm {

/// Query options: how a relationship is loaded by this query.
struct LoadOption {
    const ModelBase* model = nullptr;
    std::size_t relationship = 0;
    Loading loading = Loading::selectin;
    /// Options for the related objects: selectinload(users.posts).then(selectinload(posts.tags)).
    std::vector<LoadOption> next{};
    /// contains_eager: the related objects come from the query's own join() of them.
    bool from_join = false;
    /// joinedload by INNER JOIN: owners without a related row are left out (chained below an
    /// outer join, it stays an outer join, which keeps the rows above).
    bool innerjoin = false;

    LoadOption then(LoadOption option) const {
        LoadOption chained = *this;
        chained.next.push_back(std::move(option));
        return chained;
    }
};
template <auto Member>
LoadOption selectinload(const Relationship<Member>& relationship) {
    return LoadOption{&relationship.model(), relationship.index(), Loading::selectin};
}
/// Loads the relationship of all the query's objects with one more SELECT, whatever their
/// number: the related rows whose key is IN the query's own statement, re-run as a subquery
/// selecting the owners' key (SQLAlchemy's subqueryload); chained below another eager load,
/// that load's statement nests the query's. Where the objects did not come from a statement
/// Retort can re-run (session.get, a lazy load, a model selected twice in one multi-entity
/// query), it loads as selectinload does.
template <auto Member>
LoadOption subqueryload(const Relationship<Member>& relationship) {
    return LoadOption{&relationship.model(), relationship.index(), Loading::subquery};
}
/// How joinedload() joins (SQLAlchemy's joinedload arguments).
struct JoinedLoad {
    /// INNER JOIN instead of LEFT OUTER JOIN: for a reference that is never NULL (the
    /// database may then reorder the join), or to keep only owners that have related rows.
    bool innerjoin = false;
};
/// Loads the relationship in the query's own SELECT, by LEFT OUTER JOIN of an alias of the
/// related table (one statement; several joinedloads and .then(joinedload(...)) chains are
/// joins of that statement). joinedload(users.posts, {.innerjoin = true}) joins with INNER
/// JOIN. With limit() / offset(), the page of owners is chosen in a subquery, so that the
/// limit counts objects, not joined rows.
template <auto Member>
LoadOption joinedload(const Relationship<Member>& relationship, JoinedLoad how = {}) {
    return LoadOption{.model = &relationship.model(),
                      .relationship = relationship.index(),
                      .loading = Loading::joined,
                      .innerjoin = how.innerjoin};
}
/// Fills the relationship from the query's own join() along it, keeping its filters: only the
/// related rows the query matched (SQLAlchemy's contains_eager).
template <auto Member>
LoadOption contains_eager(const Relationship<Member>& relationship) {
    return LoadOption{&relationship.model(), relationship.index(), Loading::joined, {}, true};
}
template <auto Member>
LoadOption raiseload(const Relationship<Member>& relationship) {
    return LoadOption{&relationship.model(), relationship.index(), Loading::raise};
}
template <auto Member>
LoadOption lazyload(const Relationship<Member>& relationship) {
    return LoadOption{&relationship.model(), relationship.index(), Loading::lazy};
}
template <auto Member>
LoadOption noload(const Relationship<Member>& relationship) {
    return LoadOption{&relationship.model(), relationship.index(), Loading::noload};
}

/// A query option choosing which members a query loads (see defer / undefer / load_only).
struct ColumnOption {
    enum class Kind { defer, undefer, load_only };
    const ModelBase* model = nullptr;
    Kind kind = Kind::undefer;
    std::vector<std::size_t> columns{};  ///< positions among the model's mapped columns
};

/// Leaves a member out of this query: a Deferred one loads on first access, a plain one keeps
/// its default (see above). ArgumentError for the primary key or the version counter.
template <auto Member>
ColumnOption defer(const MappedColumn<Member>& column) {
    return {&column.model(), ColumnOption::Kind::defer, {column.index()}};
}
/// Loads a Deferred member with the query's rows.
template <auto Member>
ColumnOption undefer(const MappedColumn<Member>& column) {
    return {&column.model(), ColumnOption::Kind::undefer, {column.index()}};
}
/// Loads these columns, the primary key and the version counter, and leaves out every other
/// member (SQLAlchemy's load_only).
template <auto First, auto... Rest>
ColumnOption load_only(const MappedColumn<First>& first, const MappedColumn<Rest>&... rest) {
    return {&first.model(), ColumnOption::Kind::load_only, {first.index(), rest.index()...}};
}

/// select(model).options(option): adds `option` to those the select carries (a new set: the
/// select it came from keeps its own). ArgumentError for contains_eager, which needs
/// session.query(model).join(...).
void add_loader_option(std::shared_ptr<const retort::detail::LoaderOptions>& options,
                       const LoadOption& option);

}  // namespace retort::orm

namespace retort::detail {
struct LoaderOptions {
    std::vector<orm::LoadOption> options;
};
template <>
inline constexpr bool is_loader_option<orm::LoadOption> = true;
}  // namespace retort::detail
