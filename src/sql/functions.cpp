// The typed functions' dynamic side: functions the dialects spell apart, row values, and the
// names of a typed subquery's columns.
#include "retort/sql/functions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "nodes.hpp"
#include "retort/errors.hpp"

namespace retort {

namespace sql {

Expression portable_call(std::string name, std::vector<Expression> arguments) {
    static constexpr std::array names{"left",
                                      "right",
                                      "trim",
                                      "greatest",
                                      "least",
                                      "random",
                                      "round",
                                      "char_length",
                                      "string_agg",
                                      "extract_integer",
                                      "add_interval",
                                      "add_interval_to_date",
                                      "moment_difference"};
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw ArgumentError(fmt::format("'{}' is not a portable SQL function", name));
    auto node = std::make_shared<FunctionNode>();
    node->name = std::move(name);
    node->portable = true;
    for (const auto& argument : arguments) node->arguments.push_back(argument.node());
    return Expression(std::move(node));
}

Expression row(const std::vector<Expression>& items) {
    auto node = std::make_shared<RowNode>();
    for (const auto& item : items) node->items.push_back(item.node());
    return Expression(std::move(node));
}

Expression in_rows(const Expression& row_value, const std::vector<std::vector<Value>>& rows,
                   bool negated) {
    const auto* columns = dynamic_cast<const RowNode*>(row_value.node().get());
    auto node = std::make_shared<InNode>();
    node->operand = row_value.node();
    node->negated = negated;
    for (const auto& values : rows) {
        if (columns != nullptr && values.size() != columns->items.size())
            throw ArgumentError(fmt::format("a row of {} values compared with a row of {}",
                                            values.size(), columns->items.size()));
        std::vector<Expression> bound;
        for (const auto& value : values) bound.push_back(literal(value));
        node->items.push_back(row(bound).node());
    }
    return Expression(std::move(node));
}

namespace {
// The SELECT behind a subquery or a CTE.
const SelectNode& subquery_select(const FromClause& subquery) {
    if (const auto* node = dynamic_cast<const SubqueryNode*>(subquery.from_node().get()))
        return *node->select;
    if (const auto* node = dynamic_cast<const CteNode*>(subquery.from_node().get()))
        return *node->select;
    throw ArgumentError("not a subquery or a CTE of a select");
}
std::string column_name(const NodePtr& column, std::size_t index) {
    if (const auto* label = dynamic_cast<const LabelNode*>(column.get())) return label->name;
    if (const auto* named = dynamic_cast<const ColumnNode*>(column.get())) return named->name;
    throw ArgumentError(fmt::format(
        "column {} of the subquery has no name to refer to it by: label() it", index + 1));
}
}  // namespace

std::string subquery_column_name(const FromClause& subquery, std::size_t index) {
    const auto& columns = subquery_select(subquery).columns;
    if (index >= columns.size())
        throw ArgumentError(
            fmt::format("the subquery has {} columns, not {}", columns.size(), index + 1));
    return column_name(columns[index], index);
}

std::string subquery_column_name(const FromClause& subquery, const Expression& selected) {
    const auto& columns = subquery_select(subquery).columns;
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == selected.node()) return column_name(columns[i], i);
    // A column of a model, selected as itself: the same column, made again.
    if (const auto* wanted = dynamic_cast<const ColumnNode*>(selected.node().get())) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const auto* column = dynamic_cast<const ColumnNode*>(columns[i].get());
            if (column != nullptr && column->name == wanted->name && column->from == wanted->from)
                return column->name;
        }
    }
    throw ArgumentError("the expression is not one of the subquery's columns");
}

Expression add_interval(const Expression& moment, const Interval& interval, bool subtract,
                        bool date_only) {
    if (date_only && interval.time.count() != 0)
        throw ArgumentError(
            "a date moves by whole months and days: this interval has a time of day; cast the "
            "date to a timestamp first");
    const std::int64_t sign = subtract ? -1 : 1;
    std::vector<Expression> arguments{moment, literal(Value(sign * interval.months)),
                                      literal(Value(sign * interval.days))};
    if (date_only) return portable_call("add_interval_to_date", std::move(arguments));
    arguments.push_back(literal(Value(sign * interval.time.count())));
    return portable_call("add_interval", std::move(arguments));
}

Expression moment_difference(const Expression& later, const Expression& earlier) {
    return portable_call("moment_difference", {later, earlier});
}

}  // namespace sql

namespace func {
Expr<double> random() {
    return Expr<double>(sql::portable_call("random", {}));
}
}  // namespace func

}  // namespace retort
