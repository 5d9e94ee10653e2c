// MultiQuery: session.query() of several entities and columns, with typed rows.
//
//   for (auto& [user, post] : session.query(users, posts).join(users.posts).all()) ...
//       // std::tuple<Ptr<User>, Ptr<Post>>
//   session.query(users, func::count(posts.id)).outerjoin(users.posts).group_by(users.id).all();
//       // std::tuple<Ptr<User>, std::int64_t>
//
// Entities in the rows are loaded through the identity map like any other object: the same
// row twice is the same Ptr. The row type follows the items, and the joins: after
// outerjoin(users.posts) a Post may be missing, so its columns come back as std::optional
// (a Ptr<Post> is null then).
#pragma once

#include <cstdint>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "retort/orm/detail/multi_query_state.hpp"
#include "retort/orm/detail/query_items.hpp"
#include "retort/orm/query.hpp"
#include "retort/orm/session.hpp"

namespace retort::orm {

/// A query of several entities and columns whose rows are typed tuples (SQLAlchemy's
/// session.query(User, Post) and session.query(User, func.count(Post.id))). Each method adds
/// to the query and returns it; the statement runs at all() / first() / one() /
/// one_or_none(). `Nullable` lists the entities an outer join may leave missing.
template <class Nullable, class... Items>
class MultiQuery {
  public:
    using row_type = std::tuple<typename Items::template value<Nullable>...>;

    explicit MultiQuery(detail::MultiQueryState state) : state_(std::move(state)) {}

    /// WHERE criteria, ANDed with earlier ones.
    MultiQuery& filter(const Expression& criterion) {
        state_.filter(criterion);
        return *this;
    }
    template <class... Es>
    MultiQuery& order_by(const Expression& first, const Es&... rest) {
        state_.order_by(std::vector<Expression>{first, Expression(rest)...});
        return *this;
    }
    template <class... Es>
    MultiQuery& group_by(const Expression& first, const Es&... rest) {
        state_.group_by(std::vector<Expression>{first, Expression(rest)...});
        return *this;
    }
    MultiQuery& having(const Expression& condition) {
        state_.having(condition);
        return *this;
    }
    /// INNER JOIN along a relationship: query(users, posts).join(users.posts).
    template <auto Member>
    MultiQuery& join(const Relationship<Member>& relationship) {
        state_.join(relationship.owner_mapper(), relationship.index(), false);
        return *this;
    }
    /// INNER JOIN of a model ON a condition (inferred from its foreign keys when omitted).
    template <class F>
    MultiQuery& join(const Model<F>& target, std::optional<Expression> on = std::nullopt) {
        state_.join(target, std::move(on), false);
        return *this;
    }
    /// INNER JOIN of a subquery, an alias or a table ON a condition: query(users, posts)
    /// .join(latest, users.id == latest.c(posts.user_id)).
    template <class From>
    requires(std::is_base_of_v<FromClause, From> &&
             !typing::is_model<From>) MultiQuery& join(const From& target, const Expression& on) {
        state_.join(target, on, false);
        return *this;
    }
    /// LEFT OUTER JOIN along a relationship: the related entity may be missing from a row, so
    /// the query this returns types its columns std::optional.
    template <auto Member>
    auto outerjoin(const Relationship<Member>& relationship) const {
        using Target = typename Relationship<Member>::target_entity;
        MultiQuery<typename typing::add_entity<Target, Nullable>::type, Items...> joined(state_);
        joined.state_.join(relationship.owner_mapper(), relationship.index(), true);
        return joined;
    }
    template <class F>
    auto outerjoin(const Model<F>& target, std::optional<Expression> on = std::nullopt) const {
        MultiQuery<typename typing::add_entity<F, Nullable>::type, Items...> joined(state_);
        joined.state_.join(target, std::move(on), true);
        return joined;
    }
    MultiQuery& distinct() {
        state_.distinct();
        return *this;
    }
    MultiQuery& limit(std::int64_t count) {
        state_.limit(count);
        return *this;
    }
    MultiQuery& offset(std::int64_t count) {
        state_.offset(count);
        return *this;
    }

    /// Loads the entities' relationships with the rows: selectinload(users.posts) (chained
    /// options too); subqueryload re-runs this query as the subquery of one statement;
    /// joinedload loads as selectinload does. defer / undefer / load_only choose an entity's
    /// members, as for query(model): query(products, rank).options(defer(products.description)).
    template <class... Options>
    MultiQuery& options(const Options&... chosen) {
        (state_.add_option(chosen), ...);
        return *this;
    }

    std::vector<row_type> all() const {
        Result result = state_.run();
        std::vector<row_type> rows;
        detail::MultiQueryState::Loaded loaded;
        result.read_rows(SIZE_MAX, [&](DriverResult& row) {
            rows.push_back(read(row, loaded, std::index_sequence_for<Items...>{}));
        });
        result.close();
        state_.load_eagerly(loaded);
        return rows;
    }
    /// The first row in order (LIMIT 1), or nullopt.
    std::optional<row_type> first() const {
        MultiQuery limited = *this;
        limited.state_.limit(1);
        auto rows = limited.all();
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    }
    /// Exactly one row: NoResultFound or MultipleResultsFound otherwise.
    row_type one() const {
        auto row = one_or_none();
        if (!row) throw NoResultFound("Query.one(): no row was found");
        return std::move(*row);
    }
    std::optional<row_type> one_or_none() const {
        MultiQuery limited = *this;
        limited.state_.limit_for_one();
        auto rows = limited.all();
        if (rows.size() > 1) throw MultipleResultsFound("Query.one(): more than one row was found");
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    }

    /// The SELECT this query runs.
    Select statement() const { return state_.statement(); }

  private:
    template <class, class...>
    friend class MultiQuery;
    friend class Session;

    template <std::size_t... I>
    row_type read(DriverResult& row, detail::MultiQueryState::Loaded& loaded,
                  std::index_sequence<I...>) const {
        return row_type{read_item<Items>(row, loaded, I)...};  // braces: left to right
    }
    template <class Item>
    typename Item::template value<Nullable> read_item(DriverResult& row,
                                                      detail::MultiQueryState::Loaded& loaded,
                                                      std::size_t item) const {
        if constexpr (Item::is_entity) {
            return detail::ptr_to<typename Item::entity>(state_.entity(item, row, loaded));
        } else {
            (void)loaded;  // columns load nothing
            using V = typename Item::template value<Nullable>;
            try {
                return value_traits<V>::from_field(row.field(state_.position(item)));
            } catch (const DataError& error) {
                state_.column_error(item, error);
            }
        }
    }

    detail::MultiQueryState state_;
};

namespace detail {
template <class T>
MultiQueryState::Item query_item(const T& item) {
    if constexpr (typing::query_item_t<T>::is_entity) {
        const auto& model = static_cast<const Model<typename T::entity_type>&>(item);
        if (model.alias_of() == nullptr) return {&Session::mapper_of(model), {}, {}, {}};
        return {&Session::mapper_of(model), {}, model.mapped_columns(), FromClause(model)};
    } else {
        return {nullptr, Expression(item), {}, {}};
    }
}
}  // namespace detail

template <class First, class Second, class... Rest>
requires typing::query_operands<First, Second, Rest...>
auto Session::query(const First& first, const Second& second, const Rest&... rest) {
    using Rows = MultiQuery<retort::typing::entity_list<>, typing::query_item_t<First>,
                            typing::query_item_t<Second>, typing::query_item_t<Rest>...>;
    return Rows(detail::MultiQueryState(
        &state(),
        {detail::query_item(first), detail::query_item(second), detail::query_item(rest)...}));
}

template <class E>
template <class First, class... Rest>
requires typing::query_operands<First, Rest...>
auto Query<E>::with_entities(const First& first, const Rest&... rest) const {
    using Rows = MultiQuery<retort::typing::entity_list<>, typing::query_item_t<First>,
                            typing::query_item_t<Rest>...>;
    return Rows(state_.with_entities({detail::query_item(first), detail::query_item(rest)...}));
}

template <class Nullable, class... Items>
MultiQuery<Nullable, Items...> Session::execute(const MultiQuery<Nullable, Items...>& statement) {
    MultiQuery<Nullable, Items...> bound = statement;
    bound.state_.bind(state());
    return bound;
}

}  // namespace retort::orm

namespace retort {

/// SQLAlchemy 2.0's select(User, Post): a select of entities (and columns) that runs in a
/// Session, `session.execute(select(users, posts).join(users.posts)).all()`, with rows typed
/// as session.query(users, posts) gives them. Two items at least: select(users) alone stays
/// Core's select of a model's columns (schema/model.hpp), and without a model among the items
/// select() is Core's typed select (sql/typed.hpp).
template <class First, class Second, class... Rest>
requires(orm::typing::query_operands<First, Second, Rest...> &&
         (orm::typing::is_model<First> || orm::typing::is_model<Second> ||
          (orm::typing::is_model<Rest> || ...))) auto select(const First& first,
                                                             const Second& second,
                                                             const Rest&... rest) {
    using Rows =
        orm::MultiQuery<typing::entity_list<>, orm::typing::query_item_t<First>,
                        orm::typing::query_item_t<Second>, orm::typing::query_item_t<Rest>...>;
    return Rows(orm::detail::MultiQueryState(
        nullptr, {orm::detail::query_item(first), orm::detail::query_item(second),
                  orm::detail::query_item(rest)...}));
}

}  // namespace retort
