// Query: the 1.x-style ORM query, session.query(users).filter(...).order_by(...).all(), and the
// pagination helper of the seed.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retort/orm/deferred.hpp"
#include "retort/orm/detail/query_state.hpp"
#include "retort/orm/session.hpp"

namespace retort::orm {

/// A query for objects of one model. Each method adds to the query and returns it; the
/// statement runs at all() / first() / one() / one_or_none() / count() / partitions().
/// Copyable: a copy is an independent query. A query is used while its Session is open.
template <class E>
class Query {
  public:
    Query(Session& session, const Model<E>& model)
        : state_(session.state(), model, Session::mapper_of(model)) {}

    /// WHERE criteria, ANDed with earlier ones.
    Query& filter(const Expression& criterion) {
        state_.filter(criterion);
        return *this;
    }
    /// Equality on columns by name: filter_by({{"username", "alice"}, {"is_active", true}}).
    Query& filter_by(std::initializer_list<std::pair<std::string_view, Value>> equalities) {
        state_.filter_by(equalities);
        return *this;
    }
    Query& order_by(std::vector<Expression> expressions) {
        state_.order_by(std::move(expressions));
        return *this;
    }
    template <class... Es>
    Query& order_by(const Expression& first, const Es&... rest) {
        std::vector<Expression> expressions;  // not an initializer_list: GCC 12 warns falsely
        expressions.reserve(1 + sizeof...(rest));
        expressions.push_back(first);
        (expressions.push_back(rest), ...);
        return order_by(std::move(expressions));
    }
    /// Loading strategies for this query: .options(selectinload(users.posts)), and which
    /// Deferred members it loads: .options(undefer(articles.body)).
    template <class... Options>
    Query& options(const Options&... chosen) {
        (state_.add_option(chosen), ...);
        return *this;
    }
    /// INNER JOIN along a relationship, to filter on the related table's columns:
    /// query(users).join(users.posts).filter(posts.is_published == true).distinct().
    template <auto Member>
    Query& join(const Relationship<Member>& relationship) {
        state_.join(relationship.model(), relationship.index());
        return *this;
    }
    /// INNER JOIN of another model, a subquery or an alias, on a condition (inferred from the
    /// foreign keys when none is given): query(users).join(posts, posts.user_id == users.id),
    /// SQLAlchemy's query(User).join(Address, User.id == Address.user_id).
    Query& join(const FromClause& target, std::optional<Expression> on = std::nullopt) {
        state_.join(target, std::move(on));
        return *this;
    }
    /// SELECT DISTINCT: one row per object after a join.
    Query& distinct() {
        state_.distinct();
        return *this;
    }
    Query& limit(std::int64_t count) {
        state_.limit(count);
        return *this;
    }
    /// SELECT ... FOR UPDATE (SQLAlchemy's with_for_update): the rows stay locked until the
    /// session's transaction ends. {.skip_locked = true} passes over rows another transaction
    /// holds, so that several workers can take jobs from one table without waiting or
    /// taking the same one.
    Query& with_for_update(ForUpdate options = {}) {
        state_.with_for_update(std::move(options));
        return *this;
    }
    Query& offset(std::int64_t count) {
        state_.offset(count);
        return *this;
    }

    std::vector<Ptr<E>> all() {
        if (state_.has_joined_loads()) {
            std::vector<Ptr<E>> objects;
            for (auto& instance : state_.load_joined_objects())
                objects.push_back(detail::ptr_to<E>(std::move(instance)));
            return objects;
        }
        // Streamed (single-row mode on PostgreSQL): faster than one buffered result, and the
        // rows never sit in memory twice.
        Result result = state_.run();
        const std::vector<bool> left_out = state_.unloaded();
        auto objects =
            detail::load_objects<E>(state_.session(), state_.mapper(), result, SIZE_MAX, &left_out);
        result.close();  // the connection is needed for eager loads
        load_eagerly(objects);
        return objects;
    }
    /// The first object in order, or a null Ptr (LIMIT 1).
    Ptr<E> first() {
        Query limited = *this;
        limited.state_.limit_for_first();
        auto objects = limited.all();
        return objects.empty() ? Ptr<E>() : objects.front();
    }
    /// Exactly one object: NoResultFound or MultipleResultsFound otherwise.
    Ptr<E> one() {
        Ptr<E> object = one_or_none();
        if (!object) throw NoResultFound("Query.one(): no row was found");
        return object;
    }
    Ptr<E> one_or_none() {
        Query limited = *this;
        limited.state_.limit_for_one();
        auto objects = limited.all();
        if (objects.size() > 1)
            throw MultipleResultsFound("Query.one(): more than one row was found");
        return objects.empty() ? Ptr<E>() : objects.front();
    }
    /// The number of rows the query would return (LIMIT and OFFSET apply).
    std::int64_t count() { return state_.count(); }
    /// EXISTS (this query), SQLAlchemy's query.exists(): a condition to select or filter on,
    /// `session.scalar(select(query.exists()))`.
    Expr<bool> exists() const { return Expr<bool>(retort::exists(state_.statement())); }

    /// Reads the rows in partitions of `size` objects from a server-side stream, so that
    /// memory stays flat however many rows match (SQLAlchemy's yield_per). Each partition is
    /// handed to `consume` and may be dropped afterwards; the session's connection is busy
    /// until the last one.
    template <class Consumer>
    void partitions(std::size_t size, Consumer&& consume) {
        Result result = state_.run();
        const std::vector<bool> left_out = state_.unloaded();
        while (true) {
            auto chunk =
                detail::load_objects<E>(state_.session(), state_.mapper(), result, size, &left_out);
            if (chunk.empty()) break;
            if (state_.has_eager_loading())
                throw NotSupportedError(
                    "partitions() cannot load relationships eagerly while it streams; use all() "
                    "with selectinload, or load them lazily");
            consume(chunk);
        }
    }

    /// UPDATE of every matching row (a bulk operation: no per-object flush, no events).
    std::int64_t update(std::vector<Assignment> assignments,
                        Synchronize synchronize = Synchronize::fetch) {
        return state_.update(std::move(assignments), synchronize);
    }
    /// DELETE of every matching row.
    std::int64_t delete_(Synchronize synchronize = Synchronize::fetch) {
        return state_.delete_(synchronize);
    }

    /// The SELECT this query runs.
    Select statement() const { return state_.statement(); }

    /// The same query selecting other entities and columns (SQLAlchemy's with_entities):
    /// query(users).filter(...).with_entities(users.id, users.username) gives typed rows
    /// (see orm/multi_query.hpp).
    template <class First, class... Rest>
    requires typing::query_operands<First, Rest...>
    auto with_entities(const First& first, const Rest&... rest) const;

  private:
    void load_eagerly(const std::vector<Ptr<E>>& objects) {
        if (state_.mapper().relationships().empty()) return;
        std::vector<InstanceBase*> loaded;
        loaded.reserve(objects.size());
        for (const auto& object : objects) loaded.push_back(object.instance().get());
        state_.load_eagerly(loaded);
    }

    detail::QueryState state_;
};

template <class E>
Query<E> Session::query(const Model<E>& model) {
    return Query<E>(*this, model);
}

/// Whether paginate() counts every matching row for `total` and `pages`.
enum class PageTotal {
    count,  ///< one more statement, which reads every matching row
    skip    ///< `total` and `pages` stay empty; `has_next` comes from one extra row
};

/// One page of a query's results (the seed's paginate helper).
template <class E>
struct Pagination {
    std::vector<Ptr<E>> items;
    std::optional<std::int64_t> total;  ///< empty with PageTotal::skip
    std::int64_t page = 1;
    std::int64_t per_page = 0;
    std::optional<std::int64_t> pages;  ///< empty with PageTotal::skip
    bool has_next = false;
    bool has_prev = false;
};

/// Page `page` (from 1) of `per_page` objects. With PageTotal::count (the default) it also
/// counts the matching rows: two statements. With PageTotal::skip it reads `per_page + 1` rows
/// in one statement and learns `has_next` from the extra one, as Flask-SQLAlchemy's
/// `paginate(count=False)` does; on a large table that saves a scan per page.
template <class E>
Pagination<E> paginate(Query<E> query, std::int64_t page, std::int64_t per_page,
                       PageTotal total = PageTotal::count) {
    if (page < 1 || per_page < 1)
        throw ArgumentError("paginate(): page and per_page must be at least 1");
    Pagination<E> result;
    result.page = page;
    result.per_page = per_page;
    result.has_prev = page > 1;
    if (total == PageTotal::count) {
        result.total = query.count();
        result.pages = (*result.total + per_page - 1) / per_page;
        result.has_next = page < *result.pages;
        result.items = query.limit(per_page).offset((page - 1) * per_page).all();
        return result;
    }
    result.items = query.limit(per_page + 1).offset((page - 1) * per_page).all();
    result.has_next = static_cast<std::int64_t>(result.items.size()) > per_page;
    if (result.has_next) result.items.pop_back();
    return result;
}

}  // namespace retort::orm
