// What a MultiQuery<...> is apart from its row type: the entities and columns it selects, its
// criteria, joins, grouping and order, and how a row splits into them. Compiled once in
// libretort (src/orm/multi_query_state.cpp); MultiQuery is a thin typed front end over it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "retort/engine/result.hpp"
#include "retort/sql/statements.hpp"

namespace retort {
class DataError;
class ModelBase;
}  // namespace retort

namespace retort::orm {
class InstanceBase;
class InstanceRef;
class Mapper;
struct LoadOption;
struct ColumnOption;
}  // namespace retort::orm

namespace retort::orm::detail {

class SessionState;

class MultiQueryState {
  public:
    /// One selected item: an entity (its mapper) or a column expression.
    struct Item {
        const Mapper* mapper = nullptr;
        std::optional<Expression> column{};
        /// For an entity selected through an alias: the alias's columns and FROM item, taken
        /// when the query is made (the alias may not outlive it).
        std::vector<Expression> source_columns{};
        std::optional<FromClause> source{};
    };
    /// `session` null: a statement built with select(), bound by session.execute().
    MultiQueryState(SessionState* session, std::vector<Item> items);
    void bind(SessionState& session) noexcept { session_ = &session; }

    void filter(const Expression& criterion) { criteria_.push_back(criterion); }
    void order_by(std::vector<Expression> expressions);
    void group_by(std::vector<Expression> expressions);
    void having(const Expression& condition) { having_.push_back(condition); }
    /// JOIN along relationship `index` of `owner` (LEFT OUTER JOIN when `outer`).
    void join(const Mapper& owner, std::size_t index, bool outer);
    /// JOIN of a FROM item ON a condition (inferred from foreign keys when none is given).
    void join(const FromClause& target, std::optional<Expression> on, bool outer);
    /// JOIN of `target` ON `on`, starting from `owner` when it is the first join.
    void join_from(const FromClause& owner, FromClause target, std::optional<Expression> on);
    void distinct() { distinct_ = true; }
    void limit(std::int64_t count) { limit_ = count; }
    /// one() / one_or_none(): two rows tell "more than one", unless fewer were asked for.
    void limit_for_one() {
        if (!limit_ || *limit_ > 2) limit_ = 2;
    }
    void offset(std::int64_t count) { offset_ = count; }

    /// The SELECT the query runs.
    Select statement() const;
    /// The query selecting only column `column` of entity item `item`'s objects (for
    /// subqueryload): without its order unless it is a page (limit / offset).
    Select owner_select(std::size_t item, const std::string& column) const;
    /// Runs statement() (autoflushing first), streamed; InvalidRequestError when unbound.
    Result run() const;
    /// Loader options for the entities' relationships (selectinload(users.posts), ...);
    /// ArgumentError for a relationship of a model that is not among the items.
    void add_option(const LoadOption& option);
    /// defer / undefer / load_only for the entity items of the option's model (through an
    /// alias: for the aliased items); ArgumentError when no entity item is of that model.
    void add_option(const ColumnOption& option);
    /// Per item: the objects read for it, for the eager loads after the rows.
    using Loaded = std::vector<std::vector<InstanceBase*>>;
    /// The object item `item` names in the current row, through the identity map; null on
    /// the missing side of an outer join. Recorded in `loaded`.
    InstanceRef entity(std::size_t item, DriverResult& row, Loaded& loaded) const;
    /// After the rows: the relationships the options (or the mappers) load eagerly, for the
    /// objects of each entity item, by selectin (joinedload too: one more statement).
    void load_eagerly(const Loaded& loaded) const;
    /// Where column item `item` is in a row.
    std::size_t position(std::size_t item) const noexcept { return positions_[item]; }
    /// DataError for a value of column item `item` that does not fit its C++ type, saying which.
    [[noreturn]] void column_error(std::size_t item, const DataError& error) const;

  private:
    std::vector<Expression> selected_columns() const;
    Select statement_of(std::vector<Expression> columns, bool ordered) const;

    struct Join {
        FromClause target;
        std::optional<Expression> on;
        bool outer = false;
        const FromClause* owner = nullptr;  // the relationship's owner, for a FROM to join to
    };

    SessionState* session_;  // survives moves of the Session object
    std::vector<Item> items_;
    std::vector<std::size_t> positions_;                     // where each item's columns start
    std::vector<std::vector<bool>> unloaded_;                // per entity item: members left out
    std::vector<std::vector<ColumnOption>> column_options_;  // per item: defer, load_only ...
    std::vector<LoadOption> options_;
    std::vector<Expression> criteria_;
    std::vector<Expression> order_;
    std::vector<Expression> group_by_;
    std::vector<Expression> having_;
    std::vector<Join> joins_;
    std::optional<std::int64_t> limit_;
    std::optional<std::int64_t> offset_;
    bool distinct_ = false;
};

}  // namespace retort::orm::detail
