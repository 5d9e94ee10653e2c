// What kind of value an expression yields, read off the tree: the declared types of table
// columns, the C++ type of bound values, and what operators and common functions return.
#include <algorithm>

#include "nodes.hpp"

namespace retort::sql {

ValueKind kind_of(const SqlType& type) {
    if (type.dimensions > 0) return ValueKind::other;
    switch (type.kind) {
        case SqlType::Kind::string:
        case SqlType::Kind::text:
        case SqlType::Kind::enum_:
            return ValueKind::string;
        case SqlType::Kind::integer:
        case SqlType::Kind::small_integer:
        case SqlType::Kind::big_integer:
        case SqlType::Kind::float_:
        case SqlType::Kind::double_:
        case SqlType::Kind::numeric:
            return ValueKind::number;
        case SqlType::Kind::custom:
            return ValueKind::unknown;
        default:
            return ValueKind::other;
    }
}

ValueKind TableNode::column_kind(std::string_view column) const {
    for (const auto& [name, type] : column_types)
        if (name == column) return kind_of(type);
    return ValueKind::unknown;
}

ValueKind SelectNode::result_kind(std::string_view name) const {
    for (const auto& column : columns) {
        if (const auto* label = dynamic_cast<const LabelNode*>(column.get())) {
            if (label->name == name) return label->value_kind();
        } else if (const auto* col = dynamic_cast<const ColumnNode*>(column.get())) {
            if (col->name == name) return col->value_kind();
        }
    }
    return ValueKind::unknown;
}

ValueKind SubqueryNode::column_kind(std::string_view column) const {
    return select->result_kind(column);
}

ValueKind CteNode::column_kind(std::string_view column) const {
    return select->result_kind(column);
}

ValueKind BindNode::value_kind() const {
    if (std::holds_alternative<Null>(value)) return ValueKind::unknown;
    if (std::holds_alternative<std::string>(value)) return ValueKind::string;
    if (std::holds_alternative<std::int64_t>(value) || std::holds_alternative<double>(value) ||
        std::holds_alternative<Decimal>(value))
        return ValueKind::number;
    return ValueKind::other;
}

namespace {
// The first of `kinds` that is known.
ValueKind first_known(std::initializer_list<ValueKind> kinds) {
    for (ValueKind kind : kinds)
        if (kind != ValueKind::unknown) return kind;
    return ValueKind::unknown;
}

bool named_in(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}
}  // namespace

ValueKind BinaryNode::value_kind() const {
    if (extended) {  // a JSON element as text; else containment, JSON and range operators
        return extended == ExtendedOperator::json_get_text ||
                       extended == ExtendedOperator::json_path_text
                   ? ValueKind::string
                   : ValueKind::other;
    }
    if (op == "||") {  // strings, but also arrays, JSON documents and search vectors
        const ValueKind l = left->value_kind();
        const ValueKind r = right->value_kind();
        if (l == ValueKind::string || r == ValueKind::string) return ValueKind::string;
        return l == ValueKind::other || r == ValueKind::other ? ValueKind::other
                                                              : ValueKind::unknown;
    }
    if (named_in(op, {"+", "-", "*", "/", "%"}))
        return first_known({left->value_kind(), right->value_kind()});
    return ValueKind::other;  // comparisons
}

ValueKind FunctionNode::value_kind() const {
    if (named_in(name, {"lower", "upper", "concat", "substr", "substring", "trim", "ltrim", "rtrim",
                        "replace", "left", "right", "repeat", "lpad", "rpad", "split_part", "md5",
                        "initcap", "reverse"}))
        return ValueKind::string;
    if (named_in(name, {"count", "sum", "avg", "length", "char_length", "abs", "round", "floor",
                        "ceil", "row_number", "rank", "dense_rank"}))
        return ValueKind::number;
    if (named_in(name, {"coalesce", "min", "max", "nullif"}) && !arguments.empty()) {
        for (const auto& argument : arguments)
            if (ValueKind kind = argument->value_kind(); kind != ValueKind::unknown) return kind;
    }
    return ValueKind::unknown;
}

ValueKind CaseNode::value_kind() const {
    for (const auto& [when, then] : whens)
        if (ValueKind kind = then->value_kind(); kind != ValueKind::unknown) return kind;
    return else_ ? else_->value_kind() : ValueKind::unknown;
}

ValueKind ScalarSelectNode::value_kind() const {
    if (exists || select->columns.empty()) return exists ? ValueKind::other : ValueKind::unknown;
    return select->columns.front()->value_kind();
}

}  // namespace retort::sql
