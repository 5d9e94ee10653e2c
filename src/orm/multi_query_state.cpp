// The planning and row splitting of session.query(a, b, ...): entities and columns in one
// SELECT, each entity's columns at a known position, loaded through the identity map.
#include "retort/orm/detail/multi_query_state.hpp"

#include <fmt/format.h>

#include <unordered_set>

#include "retort/orm/loading.hpp"

#include "query_support.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

MultiQueryState::MultiQueryState(SessionState* session, std::vector<Item> items)
    : session_(session), items_(std::move(items)) {
    if (items_.empty()) throw ArgumentError("session.query() needs an entity or a column");
    std::size_t position = 0;
    column_options_.resize(items_.size());
    for (const Item& item : items_) {
        positions_.push_back(position);
        if (item.mapper != nullptr) {
            unloaded_.push_back(unloaded_columns(*item.mapper, {}));
            position += item.mapper->attributes().size();
        } else {
            unloaded_.emplace_back();
            position += 1;
        }
    }
}

void MultiQueryState::order_by(std::vector<Expression> expressions) {
    for (auto& e : expressions) order_.push_back(std::move(e));
}

void MultiQueryState::group_by(std::vector<Expression> expressions) {
    for (auto& e : expressions) group_by_.push_back(std::move(e));
}

void MultiQueryState::join(const Mapper& owner, std::size_t index, bool outer) {
    RelationshipJoin along = relationship_join(owner, index);
    joins_.push_back(Join{std::move(along.target), std::move(along.on), outer, &owner.model()});
}

void MultiQueryState::join(const FromClause& target, std::optional<Expression> on, bool outer) {
    joins_.push_back(Join{target, std::move(on), outer, nullptr});
}

void MultiQueryState::join_from(const FromClause& owner, FromClause target,
                                std::optional<Expression> on) {
    joins_.push_back(Join{std::move(target), std::move(on), false, &owner});
}

Select MultiQueryState::statement() const {
    return statement_of(selected_columns(), true);
}

std::vector<Expression> MultiQueryState::selected_columns() const {
    std::vector<Expression> columns;
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const Item& item = items_[i];
        if (item.mapper == nullptr) {
            columns.push_back(*item.column);
            continue;
        }
        std::vector<Expression> mapped =
            item.source ? item.source_columns : item.mapper->model().mapped_columns();
        for (std::size_t c = 0; c < mapped.size(); ++c)
            columns.push_back(unloaded_[i][c] ? null_expr() : std::move(mapped[c]));
    }
    return columns;
}

Select MultiQueryState::owner_select(std::size_t item, const std::string& column) const {
    const Item& entity = items_[item];
    const Expression owner =
        entity.source ? entity.source->c(column) : entity.mapper->model().c(column);
    if (!limit_ && !offset_) return statement_of({owner}, false);
    // A page of rows: the query as it ran, its order and limits kept, as a subquery.
    std::vector<Expression> columns = selected_columns();
    columns.push_back(owner.label("retort_owner"));
    const FromClause rows = statement_of(std::move(columns), true).subquery("retort_owners");
    return Select({rows.c("retort_owner")}).select_from(rows);
}

// The query's FROM, joins, criteria, grouping (and, when `ordered`, order and limits),
// selecting `columns`.
Select MultiQueryState::statement_of(std::vector<Expression> columns, bool ordered) const {
    const FromClause* root = nullptr;
    for (const Item& item : items_)
        if (item.mapper != nullptr && root == nullptr)
            root =
                item.source ? &*item.source : &static_cast<const FromClause&>(item.mapper->model());
    Select select(std::move(columns));
    // Joins start from the first relationship's owner (the left side SQLAlchemy gives a join
    // along a relationship), else from the first entity, else (columns only) from the first
    // column's table that is not the one joined, as in Core.
    if (!joins_.empty()) {
        if (joins_.front().owner != nullptr) root = joins_.front().owner;
        if (root != nullptr) select = std::move(select).select_from(*root);
    } else if (!ordered && root != nullptr) {
        select = std::move(select).select_from(*root);
    }
    for (const auto& join : joins_)
        select = join.outer ? std::move(select).outerjoin(join.target, join.on)
                            : std::move(select).join(join.target, join.on);
    if (distinct_ && ordered) select = std::move(select).distinct();
    for (const auto& criterion : criteria_) select = std::move(select).where(criterion);
    if (!group_by_.empty()) select = std::move(select).group_by(group_by_);
    for (const auto& condition : having_) select = std::move(select).having(condition);
    if (!ordered) return select;
    if (!order_.empty()) select = std::move(select).order_by(order_);
    if (limit_) select = std::move(select).limit(*limit_);
    if (offset_) select = std::move(select).offset(*offset_);
    return select;
}

Result MultiQueryState::run() const {
    if (session_ == nullptr)
        throw InvalidRequestError(
            "a select() of entities runs in a Session: session.execute(select(users, posts)...)");
    return run_query(*session_, statement(), true);
}

InstanceRef MultiQueryState::entity(std::size_t item, DriverResult& row, Loaded& loaded) const {
    auto object = session_->load_row(*items_[item].mapper, row, positions_[item], &unloaded_[item]);
    if (object) {
        if (loaded.size() < items_.size()) loaded.resize(items_.size());
        loaded[item].push_back(object.get());
    }
    return object;
}

void MultiQueryState::add_option(const LoadOption& option) {
    for (const Item& item : items_)
        if (item.mapper != nullptr && &item.mapper->model() == option.model) {
            if (option.from_join)
                throw ArgumentError(
                    "session.query(a, b): contains_eager() is for query(model); select the "
                    "related entity as an item of its own instead");
            options_.push_back(option);
            return;
        }
    throw ArgumentError(fmt::format(
        "session.query(): a loader option for '{}', which is not an entity of this query",
        option.model->definition().name));
}

void MultiQueryState::add_option(const ColumnOption& option) {
    const ModelBase* original =
        option.model->alias_of() != nullptr ? option.model->alias_of() : option.model;
    const bool through_alias = option.model->alias_of() != nullptr;
    bool applied = false;
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const Item& item = items_[i];
        if (item.mapper == nullptr || &item.mapper->model() != original ||
            item.source.has_value() != through_alias)
            continue;
        column_options_[i].push_back(option);
        unloaded_[i] = unloaded_columns(*item.mapper, column_options_[i]);
        applied = true;
    }
    if (!applied)
        throw ArgumentError(fmt::format(
            "session.query(): a column option (defer, undefer, load_only) for '{}', which is not "
            "an entity of this query",
            original->definition().name));
}

namespace {
// Whether a load of `mapper`'s objects loads some relationship with them (an option for the
// model, or a relationship its mapper loads eagerly by default).
bool loads_eagerly(const Mapper& mapper, const std::vector<LoadOption>& options) {
    for (const auto& option : options)
        if (option.model == &mapper.model()) return true;
    for (const auto& relationship : mapper.relationships())
        if (relationship.spec.options.lazy == Loading::selectin ||
            relationship.spec.options.lazy == Loading::subquery ||
            relationship.spec.options.lazy == Loading::joined)
            return true;
    return false;
}

// The statement that selected one entity item's objects, for subqueryload.
class ItemOwners final : public OwnerSource {
  public:
    ItemOwners(const MultiQueryState& query, std::size_t item) : query_(query), item_(item) {}
    Select select(const std::string& column) const override {
        return query_.owner_select(item_, column);
    }

  private:
    const MultiQueryState& query_;
    std::size_t item_;
};
}  // namespace

void MultiQueryState::load_eagerly(const Loaded& loaded) const {
    std::unordered_set<const Mapper*> done;
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        if (loaded[i].empty()) continue;
        const Mapper& mapper = *items_[i].mapper;
        if (!loads_eagerly(mapper, options_)) continue;
        // An entity selected twice (a model and its alias) is loaded for once, for all rows.
        if (!done.insert(&mapper).second) continue;
        std::vector<InstanceBase*> objects;
        std::unordered_set<InstanceBase*> seen;
        std::size_t items = 0;
        for (std::size_t j = i; j < loaded.size(); ++j)
            if (items_[j].mapper == &mapper) {
                ++items;
                for (InstanceBase* object : loaded[j])
                    if (seen.insert(object).second) objects.push_back(object);
            }
        // Objects of two items (a model and its alias) have no one statement of theirs: a
        // subqueryload loads them as selectin.
        const ItemOwners source(*this, i);
        session_->load_eagerly(mapper, objects, options_, items == 1 ? &source : nullptr);
    }
}

void MultiQueryState::column_error(std::size_t item, const DataError& error) const {
    throw DataError(fmt::format("item {} of session.query(): {}", item + 1, error.what()),
                    error.sqlstate());
}

}  // namespace retort::orm::detail
