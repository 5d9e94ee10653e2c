#include "retort/sql/selectable.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "nodes.hpp"

namespace retort {

using namespace sql;

namespace {
FromClause make_join(const FromClause& left, const FromClause& right, std::optional<Expression> on,
                     JoinNode::Kind kind) {
    auto node = std::make_shared<JoinNode>();
    node->left = left.from_node();
    node->right = right.from_node();
    node->on = on ? on->node() : infer_join_condition(node->left, node->right);
    node->kind = kind;
    return FromClause(std::move(node));
}
}  // namespace

std::vector<std::string> FromClause::column_names() const {
    return node_->column_names();
}

std::vector<std::string> FromClause::stored_column_names() const {
    std::vector<std::string> names = node_->column_names();
    if (const TableNode* table = node_->base_table()) {
        table->ensure_complete();
        std::erase_if(names, [&](const std::string& name) {
            return std::find(table->generated_columns.begin(), table->generated_columns.end(),
                             name) != table->generated_columns.end();
        });
    }
    return names;
}

Expression FromClause::c(std::string_view name) const {
    if (!node_->may_have_column(name)) {
        std::vector<std::string> known = node_->column_names();
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw ArgumentError(fmt::format("'{}' has no column '{}' (columns: {})",
                                        node_->reference_name(), name, list));
    }
    if (node_->reference_name().empty())
        throw ArgumentError(
            fmt::format("a join has no columns of its own; ask one of its tables for '{}'", name));
    auto column = std::make_shared<ColumnNode>();
    column->from = node_;
    column->name = std::string(name);
    return Expression(std::move(column));
}

FromClause FromClause::alias(std::string name) const {
    auto node = std::make_shared<AliasNode>();
    node->target = node_;
    node->name = std::move(name);
    return FromClause(std::move(node));
}

FromClause FromClause::join(const FromClause& right, std::optional<Expression> on) const {
    return make_join(*this, right, std::move(on), JoinNode::Kind::inner);
}
FromClause FromClause::outerjoin(const FromClause& right, std::optional<Expression> on) const {
    return make_join(*this, right, std::move(on), JoinNode::Kind::left);
}
FromClause FromClause::full_join(const FromClause& right, std::optional<Expression> on) const {
    return make_join(*this, right, std::move(on), JoinNode::Kind::full);
}

FromClause table(std::string name, std::vector<std::string> columns,
                 std::optional<std::string> schema) {
    auto node = std::make_shared<TableNode>();
    node->name = std::move(name);
    node->schema = std::move(schema);
    node->columns = std::move(columns);
    return FromClause(std::move(node));
}

namespace sql {

std::vector<std::string> SubqueryNode::column_names() const {
    return select->result_names();
}

FromPtr first_from(const NodePtr& node) {
    std::vector<const FromNode*> froms;
    node->collect_froms(froms);
    if (froms.empty()) return nullptr;
    return froms.front()->shared_from_this();
}

NodePtr infer_join_condition(const FromPtr& left, const FromPtr& right) {
    std::vector<const FromNode*> left_leaves, right_leaves;
    left->leaves(left_leaves);
    right->leaves(right_leaves);
    std::vector<Expression> found;
    int matches = 0;
    // A foreign key on `from` that refers to the table behind `to` joins them.
    auto consider = [&](const FromNode* from, const FromNode* to) {
        const TableNode* from_table = from->base_table();
        const TableNode* to_table = to->base_table();
        if (from_table == nullptr || to_table == nullptr) return;
        from_table->ensure_complete();
        for (const auto& fk : from_table->foreign_keys) {
            if (fk.referred_table != to_table->qualified_name()) continue;
            ++matches;
            std::vector<Expression> equalities;
            FromClause from_clause(from->shared_from_this()), to_clause(to->shared_from_this());
            for (std::size_t i = 0; i < fk.columns.size(); ++i)
                equalities.push_back(from_clause.c(fk.columns[i]) ==
                                     to_clause.c(fk.referred_columns[i]));
            found.push_back(and_(equalities));
        }
    };
    for (const FromNode* l : left_leaves) {
        for (const FromNode* r : right_leaves) {
            consider(l, r);
            if (l->base_table() != r->base_table()) consider(r, l);
        }
    }
    if (matches == 0)
        throw ArgumentError(
            fmt::format("cannot join '{}' to '{}' without an ON clause: no foreign key links them",
                        left->reference_name().empty() ? "(join)" : left->reference_name(),
                        right->reference_name()));
    if (matches > 1)
        throw ArgumentError(
            fmt::format("cannot join '{}' to '{}' without an ON clause: {} foreign keys link them; "
                        "give the condition",
                        left->reference_name().empty() ? "(join)" : left->reference_name(),
                        right->reference_name(), matches));
    return found.front().node();
}

}  // namespace sql

namespace sql {
Expression rebase_sort_item(const Expression& item, const FromClause& from, const FromClause& to) {
    if (from.from_node() == to.from_node()) return item;
    const Expression key = item.sort_key();
    if (const auto* column = dynamic_cast<const ColumnNode*>(key.node().get());
        column != nullptr && column->from == from.from_node())
        return item.with_sort_key(to.c(column->name));
    std::vector<const FromNode*> froms;
    key.node()->collect_froms(froms);
    for (const FromNode* named : froms)
        if (named == from.from_node().get())
            throw NotSupportedError(
                "an order_by of a relationship sorts by columns of the related table, not by an "
                "expression of them");
    return item;
}
}  // namespace sql

}  // namespace retort
