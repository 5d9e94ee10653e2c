// What a Query<E> is apart from its entity type: its criteria, order, joins, options and the
// statements they make. Compiled once in libretort (src/orm/query_state.cpp); Query<E> is a thin
// typed front end over it, so that a program pays for the query planning once, not per model.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/orm/deferred.hpp"
#include "retort/orm/detail/multi_query_state.hpp"
#include "retort/orm/session.hpp"

namespace retort::orm::detail {

class QueryState {
  public:
    QueryState(SessionState& session, const ModelBase& model, const Mapper& mapper)
        : session_(&session), model_(&model), mapper_(&mapper) {}

    void filter(const Expression& criterion) { criteria_.push_back(criterion); }
    void filter_by(std::initializer_list<std::pair<std::string_view, Value>> equalities);
    void order_by(std::vector<Expression> expressions);
    void add_option(const LoadOption& option);
    void add_option(const ColumnOption& option);
    /// JOIN along relationship `relationship` of `owner`, which must be the queried model.
    void join(const ModelBase& owner, std::size_t relationship);
    /// JOIN of any FROM item on a condition (inferred from foreign keys when none is given).
    void join(const FromClause& target, std::optional<Expression> on);
    void distinct() { distinct_ = true; }
    void limit(std::int64_t count) { limit_ = count; }
    void offset(std::int64_t count) { offset_ = count; }
    void with_for_update(ForUpdate options) { for_update_ = std::move(options); }
    /// first(): LIMIT 1, unless contains_eager rows would be cut. one(): LIMIT 2.
    void limit_for_first();
    void limit_for_one();

    /// The SELECT the query runs.
    Select statement() const;
    /// Runs statement(), streamed.
    Result run() const;
    /// The attributes the query leaves out (Deferred members unless undeferred, load_only /
    /// defer), by position.
    std::vector<bool> unloaded() const;
    bool has_joined_loads() const;
    bool has_eager_loading() const;
    /// The objects of a query with joinedload / contains_eager, their relationships filled and
    /// what the plan left to selectin loaded.
    std::vector<InstanceRef> load_joined_objects() const;
    /// The eager loads (selectin, subquery, and what is chained) for objects the query loaded.
    void load_eagerly(const std::vector<InstanceBase*>& objects) const;
    /// The query selecting only column `column` of its objects (for subqueryload): without
    /// its order unless it is a page (limit / offset).
    Select owner_select(const std::string& column) const;
    std::int64_t count() const;
    std::int64_t update(std::vector<Assignment> assignments, Synchronize synchronize) const;
    std::int64_t delete_(Synchronize synchronize) const;
    /// This query's FROM, joins, criteria, order and limits, selecting `items` instead of the
    /// model (query.with_entities()).
    MultiQueryState with_entities(std::vector<MultiQueryState::Item> items) const;

    SessionState& session() const noexcept { return *session_; }
    const Mapper& mapper() const noexcept { return *mapper_; }

  private:
    Select statement_with(std::vector<Expression> extra, bool lock) const;
    Select statement_of(std::vector<Expression> columns, bool ordered, bool lock) const;
    std::vector<Expression> selected_columns(const std::vector<bool>& left_out) const;
    bool has_contains_eager() const;
    void check_bulk(const char* what) const;

    SessionState* session_;  // survives moves of the Session object
    const ModelBase* model_;
    const Mapper* mapper_;
    std::vector<Expression> criteria_;
    std::vector<Expression> order_;
    std::optional<std::int64_t> limit_;
    std::optional<std::int64_t> offset_;
    std::optional<ForUpdate> for_update_;
    std::vector<LoadOption> options_;
    std::vector<ColumnOption> column_options_;
    std::vector<RelationshipJoin> joins_;
    bool distinct_ = false;
};

}  // namespace retort::orm::detail
