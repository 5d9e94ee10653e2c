#include "retort/sql/expression.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "nodes.hpp"
#include "retort/sql/typed.hpp"

namespace retort {

using namespace sql;

namespace {

Expression unary(std::string prefix, const Expression& operand, std::string suffix, int prec) {
    auto node = std::make_shared<UnaryNode>();
    node->prefix = std::move(prefix);
    node->operand = operand.node();
    node->suffix = std::move(suffix);
    node->prec = prec;
    return Expression(std::move(node));
}

Expression like_node(const Expression& operand, const Expression& pattern, bool negated, bool ci,
                     std::optional<char> escape) {
    if (escape && (*escape == '\'' || *escape == '\0'))
        throw ArgumentError("a LIKE escape character cannot be a quote or NUL");
    auto node = std::make_shared<LikeNode>();
    node->operand = operand.node();
    node->pattern = pattern.node();
    node->negated = negated;
    node->case_insensitive = ci;
    node->escape = escape;
    return Expression(std::move(node));
}

// The pattern for startswith/endswith/contains: the user's text matches literally.
std::string escape_like(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '/') out += '/';
        out += c;
    }
    return out;
}

Expression boolean_list(bool is_and, const std::vector<Expression>& operands) {
    if (operands.empty()) {
        auto node = std::make_shared<KeywordNode>();
        node->text = is_and ? "1 = 1" : "1 = 0";
        return Expression(std::move(node));
    }
    if (operands.size() == 1) return operands.front();
    auto node = std::make_shared<BooleanListNode>();
    node->is_and = is_and;
    for (const auto& operand : operands) {
        // Flatten (a AND b) AND c into one list.
        auto* inner = dynamic_cast<const BooleanListNode*>(operand.node().get());
        if (inner != nullptr && inner->is_and == is_and) {
            node->operands.insert(node->operands.end(), inner->operands.begin(),
                                  inner->operands.end());
        } else {
            node->operands.push_back(operand.node());
        }
    }
    return Expression(std::move(node));
}

int binary_precedence(std::string_view op) {
    if (op == "*" || op == "/" || op == "%") return p_multiplicative;
    if (op == "+" || op == "-") return p_additive;
    if (op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=")
        return p_comparison;
    return p_concat;  // ||, and PostgreSQL's other operators (@>, ->, @@, &&, ...) bind alike
}

std::string_view mirrored(std::string_view op) {
    if (op == "<") return ">";
    if (op == ">") return "<";
    if (op == "<=") return ">=";
    if (op == ">=") return "<=";
    return op;
}

Expression in_values(const Expression& operand, const std::vector<Value>& values, bool negated) {
    auto node = std::make_shared<InNode>();
    node->operand = operand.node();
    node->negated = negated;
    for (const auto& value : values) node->items.push_back(literal(value).node());
    return Expression(std::move(node));
}

Expression in_select(const Expression& operand, const Select& select, bool negated) {
    auto node = std::make_shared<InNode>();
    node->operand = operand.node();
    node->negated = negated;
    node->subquery = select.node();
    return Expression(std::move(node));
}

Expression function(std::string name, std::vector<Expression> arguments) {
    auto node = std::make_shared<FunctionNode>();
    node->name = std::move(name);
    for (const auto& argument : arguments) node->arguments.push_back(argument.node());
    return Expression(std::move(node));
}

Expression portable(std::string name, std::string keyword, std::vector<Expression> arguments) {
    auto node = std::make_shared<FunctionNode>();
    node->name = std::move(name);
    node->portable = true;
    node->keyword_arg = std::move(keyword);
    for (const auto& argument : arguments) node->arguments.push_back(argument.node());
    return Expression(std::move(node));
}

}  // namespace

namespace sql {
Expression binary(const Expression& left, std::string_view op, const Expression& right) {
    // SQL only takes ANY (array) on the right: any_(tags) == "x" is written "x" = ANY (tags).
    if (dynamic_cast<const QuantifiedNode*>(left.node().get()) != nullptr &&
        dynamic_cast<const QuantifiedNode*>(right.node().get()) == nullptr)
        return binary(right, mirrored(op), left);
    auto node = std::make_shared<BinaryNode>();
    node->left = left.node();
    node->op = std::string(op);
    node->right = right.node();
    node->prec = binary_precedence(op);
    return Expression(std::move(node));
}

Expression binary(const Expression& left, ExtendedOperator op, const Expression& right) {
    auto node = std::make_shared<BinaryNode>();
    node->left = left.node();
    node->extended = op;
    node->right = right.node();
    node->prec = p_concat;  // PostgreSQL's operators other than arithmetic bind alike
    return Expression(std::move(node));
}

std::string_view api_name(ExtendedOperator op) noexcept {
    using O = ExtendedOperator;
    switch (op) {
        case O::contains:
            return "contains()";
        case O::contained_by:
            return "contained_by()";
        case O::overlap:
            return "overlap()";
        case O::adjacent_to:
            return "adjacent_to()";
        case O::strictly_left_of:
            return "strictly_left_of()";
        case O::strictly_right_of:
            return "strictly_right_of()";
        case O::json_get:
            return "[] on a JSON document";
        case O::json_get_text:
            return "astext() of a JSON element";
        case O::json_path:
            return "path()";
        case O::json_path_text:
            return "path_text() / astext() of a JSON document";
        case O::json_has_key:
            return "has_key()";
        case O::json_has_any:
            return "has_any()";
        case O::json_has_all:
            return "has_all()";
        case O::json_remove_key:
            return "remove_key()";
        case O::json_remove_path:
            return "remove_path()";
        case O::text_match:
            return "match()";
    }
    return "an operator";
}

Expression add(const Expression& left, const Expression& right) {
    const ValueKind l = left.node()->value_kind();
    const ValueKind r = right.node()->value_kind();
    auto name = [](ValueKind kind) {
        return kind == ValueKind::number ? "a number" : "a value that is not a string";
    };
    if (l == ValueKind::string || r == ValueKind::string) {
        // As SQLAlchemy: `+` on strings concatenates.
        ValueKind other = l == ValueKind::string ? r : l;
        if (other != ValueKind::string && other != ValueKind::unknown)
            throw ArgumentError(fmt::format(
                "cannot add a string and {}: cast() one side to say which is meant", name(other)));
        return binary(left, "||", right);
    }
    if (l == ValueKind::unknown && r == ValueKind::unknown)
        throw ArgumentError(
            "`+` of two expressions whose types are unknown (untyped columns, text fragments): "
            "it could be arithmetic or string concatenation; cast() one side to its type, or "
            "use func::concat() for strings");
    return binary(left, "+", right);
}

Expression comparison(const Expression& left, std::string_view op, const Expression& right) {
    // `x = NULL` is never true in SQL; SQLAlchemy reads `col == None` as IS NULL.
    bool right_null = dynamic_cast<const KeywordNode*>(right.node().get()) != nullptr &&
                      static_cast<const KeywordNode&>(*right.node()).text == "NULL";
    if (right_null) return op == "=" ? left.is_null() : left.is_not_null();
    return binary(left, op, right);
}

Expression prefix(std::string_view op, const Expression& operand) {
    return unary(std::string(op), operand, "", op == "NOT " ? p_not : p_unary);
}
}  // namespace sql

Expression literal(const Value& value) {
    auto node = std::make_shared<BindNode>();
    node->value = value;
    return Expression(std::move(node));
}

Expression bindparam(std::string name) {
    auto node = std::make_shared<NamedBindNode>();
    node->name = std::move(name);
    return Expression(std::move(node));
}

Expression null_expr() {
    auto node = std::make_shared<KeywordNode>();
    node->text = "NULL";
    return Expression(std::move(node));
}

Expression text_expr(const TextClause& fragment) {
    return Expression(std::make_shared<TextNode>(fragment));
}

Expression column(std::string name) {
    auto node = std::make_shared<ColumnNode>();
    node->name = std::move(name);
    return Expression(std::move(node));
}

Expression Expression::like(const Operand& pattern, std::optional<char> escape) const {
    return like_node(*this, pattern.expression, false, false, escape);
}
Expression Expression::ilike(const Operand& pattern, std::optional<char> escape) const {
    return like_node(*this, pattern.expression, false, true, escape);
}
Expression Expression::not_like(const Operand& pattern, std::optional<char> escape) const {
    return like_node(*this, pattern.expression, true, false, escape);
}
Expression Expression::startswith(std::string_view prefix) const {
    return like_node(*this, literal(escape_like(prefix) + "%"), false, false, '/');
}
Expression Expression::endswith(std::string_view suffix) const {
    return like_node(*this, literal("%" + escape_like(suffix)), false, false, '/');
}
Expression Expression::contains(std::string_view part) const {
    return like_node(*this, literal("%" + escape_like(part) + "%"), false, false, '/');
}

Expression Expression::is_null() const {
    return unary("", *this, " IS NULL", p_comparison);
}
Expression Expression::is_not_null() const {
    return unary("", *this, " IS NOT NULL", p_comparison);
}
Expression Expression::is_distinct_from(const Operand& other) const {
    auto node = std::make_shared<DistinctFromNode>();
    node->left = node_;
    node->right = other.expression.node();
    return Expression(std::move(node));
}
Expression Expression::is_not_distinct_from(const Operand& other) const {
    auto node = std::make_shared<DistinctFromNode>();
    node->left = node_;
    node->right = other.expression.node();
    node->negated = true;
    return Expression(std::move(node));
}
Expression Expression::in_(const std::vector<Value>& values) const {
    return in_values(*this, values, false);
}
Expression Expression::not_in(const std::vector<Value>& values) const {
    return in_values(*this, values, true);
}
Expression Expression::in_(const Select& subquery) const {
    return in_select(*this, subquery, false);
}
Expression Expression::not_in(const Select& subquery) const {
    return in_select(*this, subquery, true);
}
Expression Expression::between(const Operand& low, const Operand& high) const {
    auto node = std::make_shared<BetweenNode>();
    node->operand = node_;
    node->low = low.expression.node();
    node->high = high.expression.node();
    return Expression(std::move(node));
}

Expression Expression::asc() const {
    return unary("", *this, " ASC", p_atom - 1);
}
Expression Expression::desc() const {
    return unary("", *this, " DESC", p_atom - 1);
}
Expression Expression::nulls_first() const {
    return unary("", *this, " NULLS FIRST", p_atom - 1);
}
Expression Expression::nulls_last() const {
    return unary("", *this, " NULLS LAST", p_atom - 1);
}

namespace {
// The node of x.asc() / x.desc() / x.nulls_first() / x.nulls_last(), or null.
const UnaryNode* ordering_node(const NodePtr& node) {
    const auto* unary = dynamic_cast<const UnaryNode*>(node.get());
    if (unary == nullptr || !unary->prefix.empty()) return nullptr;
    for (std::string_view suffix : {" ASC", " DESC", " NULLS FIRST", " NULLS LAST"})
        if (unary->suffix == suffix) return unary;
    return nullptr;
}
}  // namespace

Expression Expression::sort_key() const {
    NodePtr node = node_;
    while (const UnaryNode* ordering = ordering_node(node)) node = ordering->operand;
    return Expression(std::move(node));
}

Expression Expression::with_sort_key(const Expression& key) const {
    const UnaryNode* ordering = ordering_node(node_);
    if (ordering == nullptr) return key;
    return unary("", Expression(ordering->operand).with_sort_key(key), ordering->suffix,
                 ordering->prec);
}

const Value* Expression::bound_value() const noexcept {
    const auto* bind = dynamic_cast<const BindNode*>(node_.get());
    return bind != nullptr ? &bind->value : nullptr;
}

Expression Expression::label(std::string name) const {
    auto node = std::make_shared<LabelNode>();
    node->operand = node_;
    node->name = std::move(name);
    return Expression(std::move(node));
}

Expression Expression::cast(const SqlType& type) const {
    return retort::cast(*this, type);
}

Expression Expression::over(const Window& window) const {
    if (dynamic_cast<const FunctionNode*>(node_.get()) == nullptr)
        throw ArgumentError("over() applies to a function call, e.g. func::row_number()");
    auto node = std::make_shared<OverNode>();
    node->function = node_;
    for (const auto& e : window.partition_by) node->partition_by.push_back(e.node());
    for (const auto& e : window.order_by) node->order_by.push_back(e.node());
    node->frame = window.frame;
    return Expression(std::move(node));
}

Expression excluded(std::string column) {
    auto node = std::make_shared<ExcludedNode>();
    node->name = std::move(column);
    return Expression(std::move(node));
}

Expression operator-(const Expression& operand) {
    return unary("-", operand, "", p_unary);
}
Expression operator&&(const Expression& l, const Expression& r) {
    return boolean_list(true, {l, r});
}
Expression operator||(const Expression& l, const Expression& r) {
    return boolean_list(false, {l, r});
}
Expression operator!(const Expression& operand) {
    return unary("NOT ", operand, "", p_not);
}
Expression and_(const std::vector<Expression>& conditions) {
    return boolean_list(true, conditions);
}
Expression or_(const std::vector<Expression>& conditions) {
    return boolean_list(false, conditions);
}
Expression not_(const Expression& condition) {
    return !condition;
}

Expression case_(const std::vector<std::pair<Expression, Expression>>& whens,
                 std::optional<Expression> else_) {
    if (whens.empty()) throw ArgumentError("case_() needs at least one WHEN");
    auto node = std::make_shared<CaseNode>();
    for (const auto& [when, then] : whens) node->whens.emplace_back(when.node(), then.node());
    if (else_) node->else_ = else_->node();
    return Expression(std::move(node));
}

Expression case_(const Expression& value,
                 const std::vector<std::pair<Expression, Expression>>& whens,
                 std::optional<Expression> else_) {
    Expression searched = case_(whens, std::move(else_));
    auto node = std::make_shared<CaseNode>(static_cast<const CaseNode&>(*searched.node()));
    node->value = value.node();
    return Expression(std::move(node));
}

Expression cast(const Expression& expression, const SqlType& type) {
    auto node = std::make_shared<CastNode>();
    node->operand = expression.node();
    node->type = type;
    return Expression(std::move(node));
}

Expression any_(const Expression& array) {
    auto node = std::make_shared<QuantifiedNode>();
    node->array = array.node();
    return Expression(std::move(node));
}

Expression all_(const Expression& array) {
    auto node = std::make_shared<QuantifiedNode>();
    node->all = true;
    node->array = array.node();
    return Expression(std::move(node));
}

namespace sql {
Expression subscript(const Expression& operand, const Expression& index) {
    auto node = std::make_shared<SubscriptNode>();
    node->operand = operand.node();
    node->index = index.node();
    return Expression(std::move(node));
}

Expression slice(const Expression& operand, const Expression& lower, const Expression& upper) {
    auto node = std::make_shared<SubscriptNode>();
    node->operand = operand.node();
    node->index = lower.node();
    node->upper = upper.node();
    return Expression(std::move(node));
}

Expression json_astext(const Expression& element) {
    // data -> 'a' -> 'b' reads as text by turning its last step into ->> (#> into #>>).
    using O = ExtendedOperator;
    if (const auto* step = dynamic_cast<const BinaryNode*>(element.node().get())) {
        if (step->extended == O::json_get || step->extended == O::json_path) {
            auto node = std::make_shared<BinaryNode>(*step);
            node->extended = step->extended == O::json_get ? O::json_get_text : O::json_path_text;
            return Expression(std::move(node));
        }
    }
    // A whole document as text: the empty path.
    return binary(element, O::json_path_text,
                  cast(literal(std::string("{}")), type::Array(type::Text())));
}
}  // namespace sql

Expression scalar_subquery(const Select& select) {
    auto node = std::make_shared<ScalarSelectNode>();
    node->select = select.node();
    return Expression(std::move(node));
}

Expression exists(const Select& select) {
    auto node = std::make_shared<ScalarSelectNode>();
    node->select = select.node();
    node->exists = true;
    return Expression(std::move(node));
}

namespace func {
Expression call(std::string name, std::vector<Expression> arguments) {
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'))
            throw ArgumentError(fmt::format("invalid SQL function name '{}'", name));
    return function(std::move(name), std::move(arguments));
}
Expr<std::int64_t> count() {
    auto node = std::make_shared<FunctionNode>();
    node->name = "count";
    node->star = true;
    return Expr<std::int64_t>(Expression(std::move(node)));
}
Expression count(const Expression& expression) {
    return function("count", {expression});
}
Expression count_distinct(const Expression& expression) {
    auto node = std::make_shared<FunctionNode>();
    node->name = "count";
    node->distinct = true;
    node->arguments.push_back(expression.node());
    return Expression(std::move(node));
}
Expression sum(const Expression& expression) {
    return function("sum", {expression});
}
Expression avg(const Expression& expression) {
    return function("avg", {expression});
}
Expression min(const Expression& expression) {
    return function("min", {expression});
}
Expression max(const Expression& expression) {
    return function("max", {expression});
}
Expression lower(const Expression& expression) {
    return function("lower", {expression});
}
Expression upper(const Expression& expression) {
    return function("upper", {expression});
}
Expression length(const Expression& expression) {
    return function("length", {expression});
}
Expression coalesce(std::vector<Expression> expressions) {
    return function("coalesce", std::move(expressions));
}
Expression concat(std::vector<Expression> expressions) {
    if (expressions.empty()) return literal(std::string());
    Expression result = expressions.front();
    for (std::size_t i = 1; i < expressions.size(); ++i)
        result = sql::binary(result, "||", expressions[i]);
    return result;
}
Expression now() {
    return portable("now", "", {});
}
Expression next_value(std::string sequence_name) {
    auto node = std::make_shared<FunctionNode>();
    node->name = "nextval";
    node->arguments.push_back(literal(std::move(sequence_name)).node());
    return Expression(std::move(node));
}
Expr<std::int64_t> row_number() {
    return Expr<std::int64_t>(function("row_number", {}));
}
Expr<std::int64_t> rank() {
    return Expr<std::int64_t>(function("rank", {}));
}
Expr<std::int64_t> dense_rank() {
    return Expr<std::int64_t>(function("dense_rank", {}));
}

Expression date_trunc(std::string unit, const Expression& timestamp) {
    static constexpr std::array units{"microseconds", "milliseconds", "second", "minute",  "hour",
                                      "day",          "week",         "month",  "quarter", "year"};
    if (std::find(units.begin(), units.end(), unit) == units.end())
        throw ArgumentError(fmt::format("unknown date_trunc unit '{}'", unit));
    return portable("date_trunc", std::move(unit), {timestamp});
}

Expression extract(std::string field, const Expression& timestamp) {
    static constexpr std::array fields{"year",   "month", "day", "hour", "minute",
                                       "second", "dow",   "doy", "epoch"};
    if (std::find(fields.begin(), fields.end(), field) == fields.end())
        throw ArgumentError(fmt::format("unknown extract field '{}'", field));
    return portable("extract", std::move(field), {timestamp});
}
}  // namespace func

}  // namespace retort
