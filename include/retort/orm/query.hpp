// Query: the 1.x-style ORM query, session.query(users).filter(...).order_by(...).all(), and the
// pagination helper of the seed.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "retort/orm/deferred.hpp"
#include "retort/orm/session.hpp"

namespace retort::orm {

namespace detail {
/// SELECT count(*) FROM (the query without ORDER BY, LIMIT, OFFSET).
std::int64_t count_rows(SessionCore& core, const Select& statement);
/// UPDATE / DELETE of the rows the criteria match, synchronising the identity map.
std::int64_t bulk_update(SessionCore& core, const Mapper& mapper,
                         const std::vector<Expression>& criteria,
                         std::vector<Assignment> assignments, Synchronize synchronize);
std::int64_t bulk_delete(SessionCore& core, const Mapper& mapper,
                         const std::vector<Expression>& criteria, Synchronize synchronize);
Result run_query(SessionCore& core, const Select& statement, bool stream);
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
std::vector<std::shared_ptr<InstanceBase>> load_joined(SessionCore& core, const Mapper& mapper,
                                                       Result& result, const JoinedPlan& plan,
                                                       const std::vector<bool>* unloaded);
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
}  // namespace detail

/// A query for objects of one model. Each method adds to the query and returns it; the
/// statement runs at all() / first() / one() / one_or_none() / count() / partitions().
/// Copyable: a copy is an independent query. A query is used while its Session is open.
template <class E>
class Query {
  public:
    Query(Session& session, const Model<E>& model) : core_(&session.core()), model_(&model) {}

    /// WHERE criteria, ANDed with earlier ones.
    Query& filter(const Expression& criterion) {
        criteria_.push_back(criterion);
        return *this;
    }
    /// Equality on columns by name: filter_by({{"username", "alice"}, {"is_active", true}}).
    Query& filter_by(std::initializer_list<std::pair<std::string_view, Value>> equalities) {
        for (const auto& [column, value] : equalities)
            criteria_.push_back(detail::equality_by_name(mapper(), column, value));
        return *this;
    }
    Query& order_by(std::vector<Expression> expressions) {
        for (auto& e : expressions) order_.push_back(std::move(e));
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
        (add_option(chosen), ...);
        return *this;
    }
    /// INNER JOIN along a relationship, to filter on the related table's columns:
    /// query(users).join(users.posts).filter(posts.is_published == true).distinct().
    template <auto Member>
    Query& join(const Relationship<Member>& relationship) {
        joins_.push_back(detail::relationship_join(mapper(), relationship.index()));
        return *this;
    }
    /// SELECT DISTINCT: one row per object after a join.
    Query& distinct() {
        distinct_ = true;
        return *this;
    }
    Query& limit(std::int64_t count) {
        limit_ = count;
        return *this;
    }
    /// SELECT ... FOR UPDATE (SQLAlchemy's with_for_update): the rows stay locked until the
    /// session's transaction ends. {.skip_locked = true} passes over rows another transaction
    /// holds, so that several workers can take jobs from one table without waiting or
    /// taking the same one.
    Query& with_for_update(ForUpdate options = {}) {
        for_update_ = std::move(options);
        return *this;
    }
    Query& offset(std::int64_t count) {
        offset_ = count;
        return *this;
    }

    std::vector<Ptr<E>> all() {
        if (has_joined_loads()) return all_joined();
        // Streamed (single-row mode on PostgreSQL): faster than one buffered result, and the
        // rows never sit in memory twice.
        Result result = detail::run_query(*core_, statement(), true);
        const std::vector<bool> left_out = unloaded();
        auto objects = detail::load_objects<E>(*core_, mapper(), result, SIZE_MAX, &left_out);
        result.close();  // the connection is needed for eager loads
        load_eagerly(objects);
        return objects;
    }
    /// The first object in order, or a null Ptr (LIMIT 1).
    Ptr<E> first() {
        Query limited = *this;
        if (!has_contains_eager()) limited.limit_ = 1;  // it would cut the caller's joined rows
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
        if ((!limit_ || *limit_ > 2) && !has_contains_eager()) limited.limit_ = 2;
        auto objects = limited.all();
        if (objects.size() > 1)
            throw MultipleResultsFound("Query.one(): more than one row was found");
        return objects.empty() ? Ptr<E>() : objects.front();
    }
    /// The number of rows the query would return (LIMIT and OFFSET apply).
    std::int64_t count() { return detail::count_rows(*core_, statement()); }

    /// Reads the rows in partitions of `size` objects from a server-side stream, so that
    /// memory stays flat however many rows match (SQLAlchemy's yield_per). Each partition is
    /// handed to `consume` and may be dropped afterwards; the session's connection is busy
    /// until the last one.
    template <class Consumer>
    void partitions(std::size_t size, Consumer&& consume) {
        Result result = detail::run_query(*core_, statement(), true);
        const std::vector<bool> left_out = unloaded();
        while (true) {
            auto chunk = detail::load_objects<E>(*core_, mapper(), result, size, &left_out);
            if (chunk.empty()) break;
            if (has_eager_loading())
                throw NotSupportedError(
                    "partitions() cannot load relationships eagerly while it streams; use all() "
                    "with selectinload, or load them lazily");
            consume(chunk);
        }
    }

    /// UPDATE of every matching row (a bulk operation: no per-object flush, no events).
    std::int64_t update(std::vector<Assignment> assignments,
                        Synchronize synchronize = Synchronize::fetch) {
        check_bulk("update()");
        return detail::bulk_update(*core_, mapper(), criteria_, std::move(assignments),
                                   synchronize);
    }
    /// DELETE of every matching row.
    std::int64_t delete_(Synchronize synchronize = Synchronize::fetch) {
        check_bulk("delete_()");
        return detail::bulk_delete(*core_, mapper(), criteria_, synchronize);
    }

    /// The SELECT this query runs.
    Select statement() const { return statement_with({}, true); }

  private:
    /// statement() with `extra` columns after the model's, with its FOR UPDATE or without.
    Select statement_with(std::vector<Expression> extra, bool lock) const {
        std::vector<Expression> columns = selected_columns(unloaded());
        for (auto& column : extra) columns.push_back(std::move(column));
        Select select = Select(std::move(columns)).select_from(*model_);
        for (const auto& join : joins_) select = std::move(select).join(join.target, join.on);
        if (distinct_) select = std::move(select).distinct();
        for (const auto& criterion : criteria_) select = std::move(select).where(criterion);
        if (!order_.empty()) select = std::move(select).order_by(order_);
        if (limit_) select = std::move(select).limit(*limit_);
        if (offset_) select = std::move(select).offset(*offset_);
        if (for_update_ && lock) select = std::move(select).for_update(*for_update_);
        return select;
    }
    const Mapper& mapper() const { return Session::mapper_of(*model_); }
    void add_option(const LoadOption& option) {
        detail::add_load_option(mapper(), options_, option);
    }
    void add_option(const ColumnOption& option) {
        if (option.model != model_)
            throw ArgumentError("a column option names a column of another model than the query's");
        column_options_.push_back(option);
    }
    /// The model's columns, NULL in place of those left out: every column keeps its position.
    std::vector<Expression> selected_columns(const std::vector<bool>& left_out) const {
        std::vector<Expression> columns = model_->mapped_columns();
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (left_out[i]) columns[i] = null_expr();
        return columns;
    }
    /// The attributes this query leaves out (Deferred members unless undeferred, and what
    /// load_only / defer leave out).
    std::vector<bool> unloaded() const {
        return detail::unloaded_columns(mapper(), column_options_);
    }
    bool has_eager_loading() const {
        for (const auto& option : options_)
            if (option.loading == Loading::selectin || option.loading == Loading::joined)
                return true;
        for (const auto& info : mapper().relationships())
            if (info.spec.options.lazy == Loading::selectin) return true;
        return false;
    }
    bool has_joined_loads() const {
        for (const auto& option : options_)
            if (option.loading == Loading::joined && option.model == model_) return true;
        return false;
    }
    bool has_contains_eager() const {
        for (const auto& option : options_)
            if (option.from_join && option.model == model_) return true;
        return false;
    }
    std::vector<Ptr<E>> all_joined() {
        const bool paged = limit_ || offset_;
        FromClause from = *model_;
        std::vector<Expression> order = order_;
        if (paged) {
            if (has_contains_eager())
                throw NotSupportedError(
                    "contains_eager() with limit() or offset() would limit joined rows, not "
                    "objects; use selectinload");
            // LIMIT counts objects, not joined rows: the page of owners is chosen in a
            // subquery (the query's joins, filters, order and distinct), and the related rows
            // are joined to it, as SQLAlchemy does. The outer statement sorts by the page's
            // labelled sort keys, which may name tables only the subquery joins.
            std::vector<Expression> keys;
            for (std::size_t i = 0; i < order_.size(); ++i)
                keys.push_back(order_[i].sort_key().label(order_label(i)));
            Select chosen = statement_with(std::move(keys), false);
            // An inner joinedload leaves out owners without related rows: so must the page,
            // or it would come back short.
            for (const auto& option : options_)
                if (option.model == model_ && option.loading == Loading::joined && option.innerjoin)
                    chosen = std::move(chosen).where(
                        detail::relationship_exists(mapper(), option.relationship, std::nullopt));
            const FromClause page = chosen.subquery("retort_page");
            from = from.join(page, detail::same_primary_key(mapper(), page));
            for (std::size_t i = 0; i < order.size(); ++i)
                order[i] = order_[i].with_sort_key(page.c(order_label(i)));
        } else {
            for (const auto& join : joins_) from = from.join(join.target, join.on);
        }
        const std::vector<bool> left_out = unloaded();
        const detail::JoinedPlan plan = detail::plan_joined_loads(
            mapper(), selected_columns(left_out), std::move(from), std::move(order), options_,
            paged ? decltype(joins_){} : joins_);
        Select select = Select(plan.columns).select_from(plan.from);
        if (!paged) {
            for (const auto& criterion : criteria_) select = std::move(select).where(criterion);
            if (distinct_) select = std::move(select).distinct();
        }
        if (!plan.order.empty()) select = std::move(select).order_by(plan.order);
        if (for_update_) {  // the query's own rows; related rows of an outer join cannot be
            ForUpdate lock = *for_update_;
            if (lock.of.empty()) lock.of.push_back(*model_);
            select = std::move(select).for_update(std::move(lock));
        }
        Result result = detail::run_query(*core_, select, true);
        auto instances = detail::load_joined(*core_, mapper(), result, plan, &left_out);
        std::vector<Ptr<E>> objects;
        objects.reserve(instances.size());
        for (auto& instance : instances)
            objects.emplace_back(std::static_pointer_cast<Instance<E>>(std::move(instance)));
        result.close();
        load_eagerly(objects);  // what the plan left out, and chained selectin loads
        return objects;
    }
    static std::string order_label(std::size_t i) { return "retort_order_" + std::to_string(i); }
    void load_eagerly(const std::vector<Ptr<E>>& objects) {
        if (mapper().relationships().empty()) return;
        std::vector<InstanceBase*> loaded;
        loaded.reserve(objects.size());
        for (const auto& object : objects) loaded.push_back(object.instance().get());
        detail::load_eagerly(*core_, mapper(), loaded, options_);
    }
    void check_bulk(const char* what) const {
        if (limit_ || offset_ || !order_.empty())
            throw InvalidRequestError(std::string("Query.") + what +
                                      " cannot be called with order_by(), limit() or offset()");
    }

    detail::SessionCore* core_;  // survives moves of the Session object
    const Model<E>* model_;
    std::vector<Expression> criteria_;
    std::vector<Expression> order_;
    std::optional<std::int64_t> limit_;
    std::optional<std::int64_t> offset_;
    std::optional<ForUpdate> for_update_;
    std::vector<LoadOption> options_;
    std::vector<ColumnOption> column_options_;
    std::vector<detail::RelationshipJoin> joins_;
    bool distinct_ = false;
};

template <class E>
Query<E> Session::query(const Model<E>& model) {
    return Query<E>(*this, model);
}

/// One page of a query's results (the seed's paginate helper).
template <class E>
struct Pagination {
    std::vector<Ptr<E>> items;
    std::int64_t total = 0;
    std::int64_t page = 1;
    std::int64_t per_page = 0;
    std::int64_t pages = 0;
    bool has_next = false;
    bool has_prev = false;
};

/// Page `page` (from 1) of `per_page` objects, with the total count: two statements.
template <class E>
Pagination<E> paginate(Query<E> query, std::int64_t page, std::int64_t per_page) {
    if (page < 1 || per_page < 1)
        throw ArgumentError("paginate(): page and per_page must be at least 1");
    Pagination<E> result;
    result.page = page;
    result.per_page = per_page;
    result.total = query.count();
    result.pages = (result.total + per_page - 1) / per_page;
    result.has_prev = page > 1;
    result.has_next = page < result.pages;
    result.items = query.limit(per_page).offset((page - 1) * per_page).all();
    return result;
}

}  // namespace retort::orm
