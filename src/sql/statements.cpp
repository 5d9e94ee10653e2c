#include "retort/sql/statements.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "nodes.hpp"

namespace retort {

using namespace sql;

namespace {
std::vector<NodePtr> nodes_of(const std::vector<Expression>& expressions) {
    std::vector<NodePtr> nodes;
    nodes.reserve(expressions.size());
    for (const auto& e : expressions) nodes.push_back(e.node());
    return nodes;
}

void check_table(const FromClause& table, std::string_view statement) {
    if (dynamic_cast<const TableNode*>(table.from_node().get()) == nullptr &&
        dynamic_cast<const AliasNode*>(table.from_node().get()) == nullptr)
        throw ArgumentError(fmt::format("{} needs a table", statement));
}

void check_column(const FromClause& table, const std::string& column) {
    (void)table.c(column);
}
}  // namespace

std::string Executable::to_string() const {
    Compiled compiled = generic_dialect().compile(*this);
    std::string text = compiled.sql;
    if (compiled.binds.empty()) return text;
    text += "\n[parameters: ";
    for (std::size_t i = 0; i < compiled.binds.size(); ++i) {
        if (i) text += ", ";
        const auto& bind = compiled.binds[i];
        text += bind.value ? describe_value(*bind.value) : ":" + bind.name;
    }
    return text + "]";
}

// --- SELECT ------------------------------------------------------------------------------------

Select::Select(std::vector<Expression> columns) {
    auto node = std::make_shared<SelectNode>();
    node->columns = nodes_of(columns);
    node_ = std::move(node);
}

std::shared_ptr<const StatementNode> Select::statement_node() const {
    return node_;
}

Select Select::with(const std::function<void(SelectNode&)>& change) const& {
    auto copy = std::make_shared<SelectNode>(*node_);
    change(*copy);
    return Select(std::move(copy));
}

Select Select::with(const std::function<void(SelectNode&)>& change) && {
    if (node_.use_count() != 1) return static_cast<const Select&>(*this).with(change);
    // Sole owner of a temporary: nobody else can see the node, so it may change.
    auto& node = const_cast<SelectNode&>(*node_);
    node.memo.clear();  // compiled before, as it was
    change(node);
    return Select(std::move(node_));
}

namespace {
std::function<void(SelectNode&)> add_where(const Expression& condition) {
    return [node = condition.node()](SelectNode& n) { n.where.push_back(node); };
}
std::function<void(SelectNode&)> add_from(const FromClause& from) {
    return [node = from.from_node()](SelectNode& n) { n.froms.push_back(node); };
}
std::function<void(SelectNode&)> append(std::vector<NodePtr> SelectNode::*list,
                                        const std::vector<Expression>& expressions) {
    return [list, nodes = nodes_of(expressions)](SelectNode& n) {
        (n.*list).insert((n.*list).end(), nodes.begin(), nodes.end());
    };
}
std::function<void(SelectNode&)> bound_count(std::shared_ptr<BindNode> SelectNode::*slot,
                                             std::int64_t count, const char* what) {
    if (count < 0) throw ArgumentError(fmt::format("{}() cannot be negative", what));
    return [slot, count](SelectNode& n) {
        n.*slot = std::make_shared<BindNode>();
        (n.*slot)->value = count;
    };
}
}  // namespace

namespace {
// Replaces the last FROM item (or adds the first) with `left` joined to `right`.
std::function<void(SelectNode&)> joined_onto(const FromClause& left, const FromClause& right,
                                             std::optional<Expression> on, int kind) {
    FromClause combined = kind == 0   ? left.join(right, std::move(on))
                          : kind == 1 ? left.outerjoin(right, std::move(on))
                                      : left.full_join(right, std::move(on));
    return [joined = combined.from_node()](SelectNode& n) {
        if (n.froms.empty()) {
            n.froms.push_back(joined);
        } else {
            n.froms.back() = joined;
        }
    };
}
}  // namespace

std::function<void(SelectNode&)> Select::join_change(const FromClause& right,
                                                     std::optional<Expression> on, int kind) const {
    FromPtr left;
    if (!node_->froms.empty()) {
        left = node_->froms.back();
    } else {
        // The first column's table, unless it is the one joined (select(b.x, a.y).join(b)).
        for (const auto& column : node_->columns)
            if ((left = first_from(column)) && left != right.from_node()) break;
        if (left == right.from_node()) left = nullptr;
        if (!left)
            throw ArgumentError("join() needs a FROM to join onto: call select_from() first");
    }
    return joined_onto(FromClause(left), right, std::move(on), kind);
}

std::function<void(SelectNode&)> Select::join_change(const JoinPathParts& path, int kind) const {
    // No FROM yet: the path starts from its owner, whatever the first column's table.
    if (node_->froms.empty()) return joined_onto(path.owner, path.target, path.on, kind);
    return join_change(path.target, path.on, kind);
}

Select Select::where(const Expression& condition) const& {
    return with(add_where(condition));
}
Select Select::where(const Expression& condition) && {
    return std::move(*this).with(add_where(condition));
}
Select Select::select_from(const FromClause& from) const& {
    return with(add_from(from));
}
Select Select::select_from(const FromClause& from) && {
    return std::move(*this).with(add_from(from));
}
Select Select::join(const FromClause& right, std::optional<Expression> on) const& {
    return with(join_change(right, std::move(on), 0));
}
Select Select::join(const FromClause& right, std::optional<Expression> on) && {
    auto change = join_change(right, std::move(on), 0);
    return std::move(*this).with(change);
}
Select Select::outerjoin(const FromClause& right, std::optional<Expression> on) const& {
    return with(join_change(right, std::move(on), 1));
}
Select Select::outerjoin(const FromClause& right, std::optional<Expression> on) && {
    auto change = join_change(right, std::move(on), 1);
    return std::move(*this).with(change);
}
Select Select::full_join(const FromClause& right, std::optional<Expression> on) const& {
    return with(join_change(right, std::move(on), 2));
}
Select Select::full_join(const FromClause& right, std::optional<Expression> on) && {
    auto change = join_change(right, std::move(on), 2);
    return std::move(*this).with(change);
}
Select Select::group_by(std::vector<Expression> expressions) const& {
    return with(append(&SelectNode::group_by, expressions));
}
Select Select::group_by(std::vector<Expression> expressions) && {
    return std::move(*this).with(append(&SelectNode::group_by, expressions));
}
Select Select::having(const Expression& condition) const& {
    return with(append(&SelectNode::having, {condition}));
}
Select Select::having(const Expression& condition) && {
    return std::move(*this).with(append(&SelectNode::having, {condition}));
}
Select Select::order_by(std::vector<Expression> expressions) const& {
    return with(append(&SelectNode::order_by, expressions));
}
Select Select::order_by(std::vector<Expression> expressions) && {
    return std::move(*this).with(append(&SelectNode::order_by, expressions));
}
Select Select::limit(std::int64_t count) const& {
    return with(bound_count(&SelectNode::limit_value, count, "limit"));
}
Select Select::limit(std::int64_t count) && {
    return std::move(*this).with(bound_count(&SelectNode::limit_value, count, "limit"));
}
Select Select::offset(std::int64_t count) const& {
    return with(bound_count(&SelectNode::offset_value, count, "offset"));
}
Select Select::offset(std::int64_t count) && {
    return std::move(*this).with(bound_count(&SelectNode::offset_value, count, "offset"));
}
Select Select::distinct() const& {
    return with([](SelectNode& n) { n.distinct = true; });
}
Select Select::distinct() && {
    return std::move(*this).with([](SelectNode& n) { n.distinct = true; });
}
Select Select::distinct_on(std::vector<Expression> expressions) const& {
    return with([&](SelectNode& n) {
        n.distinct = true;
        for (const auto& e : expressions) n.distinct_on.push_back(e.node());
    });
}
Select Select::distinct_on(std::vector<Expression> expressions) && {
    return std::move(*this).with([&](SelectNode& n) {
        n.distinct = true;
        for (const auto& e : expressions) n.distinct_on.push_back(e.node());
    });
}
Select Select::for_update(ForUpdate options) const& {
    return with([options](SelectNode& n) { n.for_update = options; });
}
Select Select::for_update(ForUpdate options) && {
    return std::move(*this).with([options](SelectNode& n) { n.for_update = options; });
}
FromClause Select::subquery(std::string name) const {
    auto node = std::make_shared<SubqueryNode>();
    node->select = node_;
    node->name = std::move(name);
    return FromClause(std::move(node));
}
Cte Select::cte(std::string name, bool recursive) const {
    auto node = std::make_shared<CteNode>();
    node->select = node_;
    node->name = std::move(name);
    node->recursive = recursive;
    return Cte(std::move(node));
}

namespace {
Cte extend_cte(const Cte& cte, const char* op, const Select& part) {
    const auto& base = static_cast<const CteNode&>(*cte.from_node());
    auto select = std::make_shared<SelectNode>(*base.select);
    select->compounds.emplace_back(op, part.node());
    auto node = std::make_shared<CteNode>(base);
    node->select = std::move(select);
    return Cte(std::move(node));
}
}  // namespace

Cte Cte::union_all(const Select& recursive_part) const {
    return extend_cte(*this, "UNION ALL", recursive_part);
}
Cte Cte::union_(const Select& recursive_part) const {
    return extend_cte(*this, "UNION", recursive_part);
}

Select Select::compound(const char* op, const Select& other) const {
    return with([&](SelectNode& n) { n.compounds.emplace_back(op, other.node()); });
}
Select Select::union_(const Select& other) const {
    return compound("UNION", other);
}
Select Select::union_all(const Select& other) const {
    return compound("UNION ALL", other);
}
Select Select::intersect(const Select& other) const {
    return compound("INTERSECT", other);
}
Select Select::except_(const Select& other) const {
    return compound("EXCEPT", other);
}

// --- INSERT / UPDATE / DELETE ------------------------------------------------------------------

Insert::Insert(const FromClause& table) {
    check_table(table, "INSERT");
    auto node = std::make_shared<InsertNode>();
    node->table = table.from_node();
    node_ = std::move(node);
}

std::shared_ptr<const StatementNode> Insert::statement_node() const {
    return node_;
}

Insert Insert::values(std::vector<Assignment> row) const {
    return values_many(std::vector<std::vector<Assignment>>{std::move(row)});
}

Insert Insert::values_many(const std::vector<std::vector<Assignment>>& rows) const {
    if (rows.empty()) throw ArgumentError("values() needs at least one row");
    auto node = std::make_shared<InsertNode>(*node_);
    FromClause table(node->table);
    for (const auto& row : rows) {
        std::vector<std::string> columns;
        std::vector<NodePtr> values;
        for (const auto& assignment : row) {
            check_column(table, assignment.column);
            columns.push_back(assignment.column);
            values.push_back(assignment.value.node());
        }
        if (node->columns.empty() && node->rows.empty()) node->columns = columns;
        if (columns != node->columns)
            throw ArgumentError(
                "every row of a multi-row INSERT must name the same columns in the same order");
        node->rows.push_back(std::move(values));
    }
    // Client-side defaults of the columns no row sets, evaluated for each row.
    if (const auto* t = dynamic_cast<const TableNode*>(node->table.get())) {
        t->ensure_complete();
        for (const auto& [column, make] : t->insert_defaults) {
            if (std::find(node->columns.begin(), node->columns.end(), column) !=
                node->columns.end())
                continue;
            if (node->rows.size() != rows.size())
                break;  // a later values() call: defaults are in already
            node->columns.push_back(column);
            for (auto& row : node->rows) {
                auto made = std::make_shared<DefaultNode>();
                made->make = make;
                row.push_back(std::move(made));
            }
        }
    }
    return with_node(std::move(node));
}

Insert Insert::from_select(std::vector<std::string> columns, const Select& select) const {
    auto node = std::make_shared<InsertNode>(*node_);
    FromClause table(node->table);
    for (const auto& column : columns) check_column(table, column);
    node->columns = std::move(columns);
    node->from_select = select.node();
    return with_node(std::move(node));
}

Insert Insert::returning(std::vector<Expression> columns) const {
    auto node = std::make_shared<InsertNode>(*node_);
    node->returning = nodes_of(columns);
    return with_node(std::move(node));
}

namespace {
std::shared_ptr<InsertNode> with_conflict(const std::shared_ptr<const InsertNode>& base,
                                          std::vector<std::string> target, std::string constraint,
                                          std::vector<Assignment> set,
                                          std::optional<Expression> where) {
    auto node = std::make_shared<InsertNode>(*base);
    FromClause table(node->table);
    for (const auto& column : target) check_column(table, column);
    node->on_conflict = true;
    node->conflict_target = std::move(target);
    node->conflict_constraint = std::move(constraint);
    node->conflict_set.clear();
    for (auto& assignment : set) {
        check_column(table, assignment.column);
        node->conflict_set.emplace_back(assignment.column, assignment.value.node());
    }
    node->conflict_where = where ? where->node() : nullptr;
    return node;
}
}  // namespace

Insert Insert::on_conflict_do_nothing(std::vector<std::string> target) const {
    return with_node(with_conflict(node_, std::move(target), {}, {}, std::nullopt));
}

Insert Insert::on_conflict_do_update(std::vector<std::string> target, std::vector<Assignment> set,
                                     std::optional<Expression> where) const {
    if (target.empty())
        throw ArgumentError("ON CONFLICT DO UPDATE needs the conflict target columns");
    if (set.empty()) throw ArgumentError("ON CONFLICT DO UPDATE needs columns to set");
    return with_node(with_conflict(node_, std::move(target), {}, std::move(set), std::move(where)));
}

Insert Insert::on_conflict_constraint_do_update(std::string constraint, std::vector<Assignment> set,
                                                std::optional<Expression> where) const {
    if (set.empty()) throw ArgumentError("ON CONFLICT DO UPDATE needs columns to set");
    return with_node(
        with_conflict(node_, {}, std::move(constraint), std::move(set), std::move(where)));
}

Update::Update(const FromClause& table) {
    check_table(table, "UPDATE");
    auto node = std::make_shared<UpdateNode>();
    node->table = table.from_node();
    node_ = std::move(node);
}

std::shared_ptr<const StatementNode> Update::statement_node() const {
    return node_;
}

Update Update::values(std::vector<Assignment> assignments) const {
    auto node = std::make_shared<UpdateNode>(*node_);
    FromClause table(node->table);
    for (const auto& assignment : assignments) {
        check_column(table, assignment.column);
        node->assignments.emplace_back(assignment.column, assignment.value.node());
    }
    if (const auto* t = dynamic_cast<const TableNode*>(node->table.get())) {
        t->ensure_complete();
        for (const auto& update_default : t->update_defaults) {
            const std::string& column = update_default.first;
            bool set = std::any_of(node->assignments.begin(), node->assignments.end(),
                                   [&](const auto& a) { return a.first == column; });
            if (set) continue;
            auto made = std::make_shared<DefaultNode>();
            made->make = update_default.second;
            node->assignments.emplace_back(column, std::move(made));
        }
    }
    return with_node(std::move(node));
}

Update Update::where(const Expression& condition) const {
    auto node = std::make_shared<UpdateNode>(*node_);
    node->where.push_back(condition.node());
    return with_node(std::move(node));
}

Update Update::from(const FromClause& other) const {
    auto node = std::make_shared<UpdateNode>(*node_);
    node->extra_froms.push_back(other.from_node());
    return with_node(std::move(node));
}

Update Update::returning(std::vector<Expression> columns) const {
    auto node = std::make_shared<UpdateNode>(*node_);
    node->returning = nodes_of(columns);
    return with_node(std::move(node));
}

Delete::Delete(const FromClause& table) {
    check_table(table, "DELETE");
    auto node = std::make_shared<DeleteNode>();
    node->table = table.from_node();
    node_ = std::move(node);
}

std::shared_ptr<const StatementNode> Delete::statement_node() const {
    return node_;
}

Delete Delete::where(const Expression& condition) const {
    auto node = std::make_shared<DeleteNode>(*node_);
    node->where.push_back(condition.node());
    return with_node(std::move(node));
}

Delete Delete::using_(const FromClause& other) const {
    auto node = std::make_shared<DeleteNode>(*node_);
    node->extra_froms.push_back(other.from_node());
    return with_node(std::move(node));
}

Delete Delete::returning(std::vector<Expression> columns) const {
    auto node = std::make_shared<DeleteNode>(*node_);
    node->returning = nodes_of(columns);
    return with_node(std::move(node));
}

namespace {
// The tables (aliases, subqueries) whose rows an outer join may leave out: a LEFT join's
// right side, both sides of a FULL join, and everything below such a side.
void optional_sides(const sql::FromNode* from, bool optional,
                    std::vector<const sql::FromNode*>& out) {
    if (const auto* join = dynamic_cast<const sql::JoinNode*>(from)) {
        using Kind = sql::JoinNode::Kind;
        optional_sides(join->left.get(), optional || join->kind == Kind::full, out);
        optional_sides(join->right.get(), optional || join->kind != Kind::inner, out);
        return;
    }
    if (optional) out.push_back(from);
}
}  // namespace

namespace sql {
void check_outer_join_columns(const Select& statement, std::initializer_list<bool> may_be_null) {
    const auto* select = dynamic_cast<const SelectNode*>(statement.statement_node().get());
    if (select == nullptr) return;
    std::vector<const FromNode*> optional;
    for (const auto& from : select->froms) optional_sides(from.get(), false, optional);
    if (optional.empty()) return;
    std::size_t i = 0;
    for (bool nullable : may_be_null) {
        if (i >= select->columns.size()) break;
        const Node* column = select->columns[i++].get();
        if (const auto* label = dynamic_cast<const LabelNode*>(column))
            column = label->operand.get();
        const auto* named = dynamic_cast<const ColumnNode*>(column);
        if (nullable || named == nullptr || named->from == nullptr ||
            std::find(optional.begin(), optional.end(), named->from.get()) == optional.end())
            continue;
        throw ArgumentError(fmt::format(
            "select(): the column {}.{} comes from the optional side of an outer join and may be "
            "NULL, but its C++ type cannot hold NULL: join the models themselves "
            "(users.outerjoin(addresses), or .outerjoin(addresses) on the select), which types "
            "their columns std::optional, or select maybe_null(column)",
            named->from->reference_name(), named->name));
    }
}
}  // namespace sql

}  // namespace retort
