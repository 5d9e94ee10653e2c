// QueryState: Query<E>'s criteria, options and statements, compiled once for every model.
#include <fmt/format.h>

#include <string>

#include "query_support.hpp"
#include "retort/errors.hpp"
#include "retort/orm/query.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

namespace {
std::string order_label(std::size_t i) {
    return "retort_order_" + std::to_string(i);
}
}  // namespace

void QueryState::filter_by(std::initializer_list<std::pair<std::string_view, Value>> equalities) {
    for (const auto& [column, value] : equalities)
        criteria_.push_back(equality_by_name(*mapper_, column, value));
}

void QueryState::order_by(std::vector<Expression> expressions) {
    for (auto& e : expressions) order_.push_back(std::move(e));
}

void QueryState::add_option(const LoadOption& option) {
    add_load_option(*mapper_, options_, option);
}

void QueryState::add_option(const ColumnOption& option) {
    if (option.model != model_)
        throw ArgumentError("a column option names a column of another model than the query's");
    column_options_.push_back(option);
}

void QueryState::join(const ModelBase& owner, std::size_t relationship) {
    if (model_->alias_of() != nullptr) refuse_alias_relationship(*model_, relationship);
    if (&owner != model_)
        throw ArgumentError(fmt::format(
            "query({}).join(): relationship '{}' is not one of the queried model's; use "
            "session.query(a, b).join(...) to join from another model",
            model_->definition().name, relationship_name(owner, relationship)));
    joins_.push_back(relationship_join(*mapper_, relationship));
}

void QueryState::join(const FromClause& target, std::optional<Expression> on) {
    // Not along a relationship: no contains_eager() reads it (its index matches none).
    joins_.push_back(RelationshipJoin{target, std::move(on), {}, SIZE_MAX, target});
}

void QueryState::limit_for_first() {
    if (!has_contains_eager()) limit_ = 1;  // it would cut the caller's joined rows
}

void QueryState::limit_for_one() {
    if ((!limit_ || *limit_ > 2) && !has_contains_eager()) limit_ = 2;
}

Select QueryState::statement() const {
    return statement_with({}, true);
}

Result QueryState::run() const {
    return run_query(*session_, statement(), true);
}

// statement() with `extra` columns after the model's, with its FOR UPDATE or without.
Select QueryState::statement_with(std::vector<Expression> extra, bool lock) const {
    std::vector<Expression> columns = selected_columns(unloaded());
    for (auto& column : extra) columns.push_back(std::move(column));
    return statement_of(std::move(columns), true, lock);
}

// The query's FROM, joins and criteria selecting `columns`; when `ordered`, its DISTINCT,
// order and limits too (and, when `lock`, its FOR UPDATE).
Select QueryState::statement_of(std::vector<Expression> columns, bool ordered, bool lock) const {
    Select select = Select(std::move(columns)).select_from(*model_);
    for (const auto& join : joins_) select = std::move(select).join(join.target, join.on);
    for (const auto& criterion : criteria_) select = std::move(select).where(criterion);
    if (!ordered) return select;
    if (distinct_) select = std::move(select).distinct();
    if (!order_.empty()) select = std::move(select).order_by(order_);
    if (limit_) select = std::move(select).limit(*limit_);
    if (offset_) select = std::move(select).offset(*offset_);
    if (for_update_ && lock) select = std::move(select).for_update(*for_update_);
    return select;
}

// The model's columns, NULL in place of those left out: every column keeps its position.
std::vector<Expression> QueryState::selected_columns(const std::vector<bool>& left_out) const {
    std::vector<Expression> columns = model_->mapped_columns();
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (left_out[i]) columns[i] = null_expr();
    return columns;
}

std::vector<bool> QueryState::unloaded() const {
    return unloaded_columns(*mapper_, column_options_);
}

bool QueryState::has_eager_loading() const {
    for (const auto& option : options_)
        if (option.loading == Loading::selectin || option.loading == Loading::joined ||
            option.loading == Loading::subquery)
            return true;
    for (const auto& info : mapper_->relationships())
        if (info.spec.options.lazy == Loading::selectin ||
            info.spec.options.lazy == Loading::subquery)
            return true;
    return false;
}

bool QueryState::has_joined_loads() const {
    for (const auto& option : options_)
        if (option.loading == Loading::joined && option.model == model_) return true;
    return false;
}

bool QueryState::has_contains_eager() const {
    for (const auto& option : options_)
        if (option.from_join && option.model == model_) return true;
    return false;
}

std::vector<InstanceRef> QueryState::load_joined_objects() const {
    const bool paged = limit_ || offset_;
    FromClause from = *model_;
    std::vector<Expression> order = order_;
    if (paged) {
        if (has_contains_eager())
            throw NotSupportedError(
                "contains_eager() with limit() or offset() would limit joined rows, not "
                "objects; use selectinload");
        // LIMIT counts objects, not joined rows: the page of owners is chosen in a subquery
        // (the query's joins, filters, order and distinct), and the related rows are joined to
        // it, as SQLAlchemy does. The outer statement sorts by the page's labelled sort keys,
        // which may name tables only the subquery joins.
        std::vector<Expression> keys;
        for (std::size_t i = 0; i < order_.size(); ++i)
            keys.push_back(order_[i].sort_key().label(order_label(i)));
        Select chosen = statement_with(std::move(keys), false);
        // An inner joinedload leaves out owners without related rows: so must the page, or it
        // would come back short.
        for (const auto& option : options_)
            if (option.model == model_ && option.loading == Loading::joined && option.innerjoin)
                chosen = std::move(chosen).where(
                    relationship_exists(*mapper_, option.relationship, std::nullopt));
        const FromClause page = chosen.subquery("retort_page");
        from = from.join(page, same_primary_key(*mapper_, page));
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = order_[i].with_sort_key(page.c(order_label(i)));
    } else {
        for (const auto& join : joins_) from = from.join(join.target, join.on);
    }
    const std::vector<bool> left_out = unloaded();
    const JoinedPlan plan =
        plan_joined_loads(*mapper_, selected_columns(left_out), std::move(from), std::move(order),
                          options_, paged ? std::vector<RelationshipJoin>{} : joins_);
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
    Result result = run_query(*session_, select, true);
    auto instances = load_joined(*session_, *mapper_, result, plan, &left_out);
    result.close();
    // What the plan left out, and chained selectin loads.
    if (!mapper_->relationships().empty()) {
        std::vector<InstanceBase*> loaded;
        loaded.reserve(instances.size());
        for (const auto& instance : instances) loaded.push_back(instance.get());
        load_eagerly(loaded);
    }
    return instances;
}

namespace {
// The statement that selected a query's objects, for subqueryload.
class QueryOwners final : public OwnerSource {
  public:
    explicit QueryOwners(const QueryState& query) : query_(query) {}
    Select select(const std::string& column) const override { return query_.owner_select(column); }

  private:
    const QueryState& query_;
};
}  // namespace

void QueryState::load_eagerly(const std::vector<InstanceBase*>& objects) const {
    const QueryOwners source(*this);
    session_->load_eagerly(*mapper_, objects, options_, &source);
}

Select QueryState::owner_select(const std::string& column) const {
    const Expression owner = model_->c(column);
    if (!limit_ && !offset_) return statement_of({owner}, false, false);
    // A page of objects: the query as it ran, its order and limits kept, as a subquery.
    const FromClause page =
        statement_with({owner.label("retort_owner")}, false).subquery("retort_owners");
    return Select({page.c("retort_owner")}).select_from(page);
}

std::int64_t QueryState::count() const {
    // Without limits the order changes nothing about how many rows there are: leave it out,
    // or the database sorts every row only to count them (a paginated list counts on every
    // page). With limits, or FOR UPDATE, the statement is counted as it would run.
    if (!limit_ && !offset_ && !for_update_) {
        Select unordered = statement_of(selected_columns(unloaded()), false, false);
        if (distinct_) unordered = std::move(unordered).distinct();
        return count_rows(*session_, unordered);
    }
    return count_rows(*session_, statement());
}

std::int64_t QueryState::update(std::vector<Assignment> assignments,
                                Synchronize synchronize) const {
    check_bulk("update()");
    return bulk_update(*session_, *mapper_, criteria_, std::move(assignments), synchronize);
}

std::int64_t QueryState::delete_(Synchronize synchronize) const {
    check_bulk("delete_()");
    return bulk_delete(*session_, *mapper_, criteria_, synchronize);
}

void QueryState::check_bulk(const char* what) const {
    if (limit_ || offset_ || !order_.empty())
        throw InvalidRequestError(std::string("Query.") + what +
                                  " cannot be called with order_by(), limit() or offset()");
}

MultiQueryState QueryState::with_entities(std::vector<MultiQueryState::Item> items) const {
    // Loader and column options name the query's own objects, which the new items replace:
    // refused rather than dropped without a word.
    if (!options_.empty() || !column_options_.empty())
        throw ArgumentError(
            "with_entities(): this query has loader or column options (selectinload, "
            "load_only, ...), which would not apply to the new items; leave them out");
    MultiQueryState rows(session_, std::move(items));
    for (const auto& join : joins_) rows.join_from(*model_, join.target, join.on);
    for (const auto& criterion : criteria_) rows.filter(criterion);
    rows.order_by(order_);
    if (distinct_) rows.distinct();
    if (limit_) rows.limit(*limit_);
    if (offset_) rows.offset(*offset_);
    if (for_update_)
        throw NotSupportedError("with_entities() of a query with_for_update() is not supported");
    return rows;
}

}  // namespace retort::orm::detail
