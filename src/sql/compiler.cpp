// SQL generation: each node writes itself through the Compiler; the Dialect supplies spelling.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "literal.hpp"
#include "nodes.hpp"

namespace retort::sql {

// --- Compiler ----------------------------------------------------------------------------------

void Compiler::operand(const NodePtr& node, int context, bool right_side) {
    int own = node->precedence();
    // Comparisons do not chain in SQL ("a = b = c" is an error), so an equal-precedence
    // comparison operand is parenthesised on either side; so are operands of || (SQLite binds it
    // tighter than arithmetic).
    bool parens = own < context || (own == context && (right_side || context == p_comparison)) ||
                  (context == p_concat && own < p_atom);
    if (parens) write("(");
    node->compile(*this);
    if (parens) write(")");
}

void Compiler::conditions(std::string_view keyword, const std::vector<NodePtr>& nodes) {
    if (nodes.empty()) return;
    write(keyword);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (i) write(" AND ");
        operand(nodes[i], nodes.size() > 1 ? p_and : 0);
    }
}

void Compiler::list(const std::vector<NodePtr>& nodes, std::string_view separator) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (i) write(separator);
        nodes[i]->compile(*this);
    }
}

namespace {
// A value written into DDL (a server default, a CHECK constraint): DDL takes no parameters.
// Strings are quoted with every quote doubled; only numbers, booleans and NULL otherwise.
std::string ddl_literal(const Value& value) {
    if (std::holds_alternative<Null>(value)) return "NULL";
    if (const bool* b = std::get_if<bool>(&value)) return *b ? "TRUE" : "FALSE";
    if (const std::int64_t* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const double* d = std::get_if<double>(&value)) {
        if (!std::isfinite(*d))
            throw ArgumentError("a NaN or infinite number cannot be written into DDL");
        return fmt::format("{}", *d);
    }
    if (const Decimal* d = std::get_if<Decimal>(&value)) {
        if (d->is_nan()) throw ArgumentError("a NaN decimal cannot be written into DDL");
        return d->to_string();
    }
    // Everything else is written as a quoted string literal of its text form.
    std::optional<std::string> form = text_form(value);
    if (!form)
        throw ArgumentError("binary data cannot be written into DDL; use a server_default text");
    return string_literal(*form);
}
}  // namespace

std::string string_literal(std::string_view text) {
    if (text.find('\0') != std::string_view::npos)
        throw DataError("a NUL byte cannot appear in SQL text");
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

void Compiler::bind(const Value* value) {
    if (inline_values_) {
        write(ddl_literal(*value));
        return;
    }
    binds.push_back(Compiled::Bind{value, {}});
    write(dialect.placeholder(binds.size()));
}

void Compiler::bind_made(Value value) {
    if (!made) made = std::make_shared<std::deque<Value>>();
    made->push_back(std::move(value));  // a deque never moves its elements
    bind(&made->back());
}

void Compiler::bind_named(const std::string& name) {
    if (inline_values_) throw ArgumentError("DDL expressions cannot take bind parameters");
    // A name used twice is one placeholder.
    for (std::size_t i = 0; i < binds.size(); ++i) {
        if (binds[i].value == nullptr && binds[i].name == name) {
            write(dialect.placeholder(i + 1));
            return;
        }
    }
    binds.push_back(Compiled::Bind{nullptr, name});
    write(dialect.placeholder(binds.size()));
}

std::vector<const FromNode*> Compiler::froms_of(const SelectNode& select) const {
    std::vector<const FromNode*> result;
    std::vector<const FromNode*> covered;  // tables inside explicit FROM items
    for (const auto& from : select.froms) {
        result.push_back(from.get());
        from->leaves(covered);
    }
    std::vector<const FromNode*> referenced;
    referenced.reserve(select.columns.size() + select.where.size());
    for (const auto& column : select.columns) column->collect_froms(referenced);
    for (const auto& condition : select.where) condition->collect_froms(referenced);
    auto seen = [](const std::vector<const FromNode*>& list, const FromNode* item) {
        return std::find(list.begin(), list.end(), item) != list.end();
    };
    std::vector<const FromNode*> inferred;
    for (const FromNode* from : referenced)
        if (!seen(covered, from) && !seen(result, from) && !seen(inferred, from))
            inferred.push_back(from);
    // Correlation: a subquery does not list the tables of the query around it, unless that
    // would leave it with no FROM at all.
    if (!enclosing_froms.empty()) {
        std::vector<const FromNode*> own;
        for (const FromNode* from : inferred) {
            bool outer = false;
            for (const auto& level : enclosing_froms) {
                for (const FromNode* enclosing : level) {
                    std::vector<const FromNode*> leaves;
                    enclosing->leaves(leaves);
                    if (seen(leaves, from)) outer = true;
                }
            }
            if (!outer) own.push_back(from);
        }
        if (!own.empty() || !result.empty()) inferred = own;
    }
    result.insert(result.end(), inferred.begin(), inferred.end());
    return result;
}

void Compiler::select_body(const SelectNode& select) {
    select_body(select, froms_of(select));
}

void Compiler::select_body(const SelectNode& select, std::vector<const FromNode*> froms) {
    write("SELECT ");
    if (!select.distinct_on.empty()) {
        write("DISTINCT ON (");
        list(select.distinct_on);
        write(") ");
    } else if (select.distinct) {
        write("DISTINCT ");
    }
    if (select.columns.empty()) throw ArgumentError("a SELECT needs at least one column");
    // Subqueries in the columns, conditions and ORDER BY correlate with this SELECT's FROM
    // items; subqueries that are FROM items themselves do not (that would need LATERAL).
    enclosing_froms.push_back(froms);
    const Node* by_name = label_by_name;
    label_by_name = nullptr;  // this SELECT's own conditions write a label's expression
    select_list(select.columns);
    if (!froms.empty()) {
        write(" FROM ");
        std::vector<const FromNode*> level = std::move(enclosing_froms.back());
        enclosing_froms.pop_back();
        for (std::size_t i = 0; i < froms.size(); ++i) {
            if (i) write(", ");
            froms[i]->compile(*this);
        }
        enclosing_froms.push_back(std::move(level));
    }
    conditions(" WHERE ", select.where);
    if (!select.group_by.empty()) {
        write(" GROUP BY ");
        list(select.group_by);
    }
    conditions(" HAVING ", select.having);
    label_by_name = by_name;
    // The caller pops the level once it has written ORDER BY.
}

void Compiler::select_list(const std::vector<NodePtr>& columns) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) write(", ");
        if (const auto* label = dynamic_cast<const LabelNode*>(columns[i].get())) {
            label->operand->compile(*this);
            write(" AS ");
            quoted(label->name);
        } else {
            columns[i]->compile(*this);
        }
    }
}

void Compiler::returning(const std::vector<NodePtr>& columns) {
    if (columns.empty()) return;
    write(" RETURNING ");
    bool qualify = qualify_columns;
    qualify_columns = false;  // SQLite refuses qualified names here
    select_list(columns);
    qualify_columns = qualify;
}

// --- FROM items --------------------------------------------------------------------------------

void TableNode::compile(Compiler& c) const {
    if (schema) {
        c.quoted(*schema);
        c.write(".");
    }
    c.quoted(name);
}

void AliasNode::compile(Compiler& c) const {
    target->compile(c);
    c.write(" AS ");
    c.quoted(name);
}

void JoinNode::compile(Compiler& c) const {
    left->compile(c);
    c.write(kind == Kind::inner  ? " JOIN "
            : kind == Kind::left ? " LEFT OUTER JOIN "
                                 : " FULL OUTER JOIN ");
    // A join on the right (a many-to-many's association and target) is parenthesised:
    // SQLite only nests joins that way.
    const bool nested = dynamic_cast<const JoinNode*>(right.get()) != nullptr;
    if (nested) c.write("(");
    right->compile(c);
    if (nested) c.write(")");
    c.write(" ON ");
    on->compile(c);
}

void SubqueryNode::compile(Compiler& c) const {
    c.write("(");
    select->compile(c);
    c.write(") AS ");
    c.quoted(name);
}

// --- expressions -------------------------------------------------------------------------------

void ColumnNode::compile(Compiler& c) const {
    if (from && c.qualify_columns && !from->reference_name().empty()) {
        c.quoted(from->reference_name());
        c.write(".");
    }
    if (name == "*") {
        c.write("*");
    } else {
        c.quoted(name);
    }
}

void BindNode::compile(Compiler& c) const {
    c.bind(&value);
}
void NamedBindNode::compile(Compiler& c) const {
    c.bind_named(name);
}
void DefaultNode::compile(Compiler& c) const {
    c.bind_made(c.values_needed ? make() : Value{});
}
void KeywordNode::compile(Compiler& c) const {
    c.write(text);
}

void TextNode::compile(Compiler& c) const {
    // The fragment's own :name markers become named binds in this statement's numbering; its
    // text (string literals included) is written as it is.
    for (const auto& segment : clause.segments()) {
        if (segment.parameter == 0) {
            c.write(segment.text);
        } else {
            c.bind_named(clause.param_names()[segment.parameter - 1]);
        }
    }
}

void BinaryNode::compile(Compiler& c) const {
    c.operand(left, prec);
    c.write(" ");
    c.write(extended ? c.dialect.extended_operator_sql(*extended) : op);
    c.write(" ");
    c.operand(right, prec, true);
}

void BooleanListNode::compile(Compiler& c) const {
    for (std::size_t i = 0; i < operands.size(); ++i) {
        if (i) c.write(is_and ? " AND " : " OR ");
        c.operand(operands[i], precedence());
    }
}

void UnaryNode::compile(Compiler& c) const {
    c.write(prefix);
    const auto* inner = dynamic_cast<const UnaryNode*>(operand.get());
    if (prec == p_atom - 1 && inner != nullptr && inner->prec == p_atom - 1) {
        inner->compile(c);  // "x DESC NULLS LAST": ordering modifiers stack without parentheses
    } else if (prefix == "-" && inner != nullptr && inner->prefix == "-") {
        c.write("(");  // "--" would start a comment
        inner->compile(c);
        c.write(")");
    } else {
        c.operand(operand, prec + (suffix.empty() ? 0 : 1));
    }
    c.write(suffix);
}

void LikeNode::compile(Compiler& c) const {
    bool emulate = case_insensitive && !c.dialect.has_ilike();
    if (emulate) {
        c.write("lower(");
        operand->compile(c);
        c.write(")");
    } else {
        c.operand(operand, p_comparison);
    }
    c.write(negated ? " NOT" : "");
    c.write(case_insensitive && !emulate ? " ILIKE " : " LIKE ");
    if (emulate) {
        c.write("lower(");
        pattern->compile(c);
        c.write(")");
    } else {
        c.operand(pattern, p_comparison, true);
    }
    if (escape) {
        c.write(" ESCAPE '");
        c.write(std::string_view(&*escape, 1));
        c.write("'");
    }
}

void InNode::compile(Compiler& c) const {
    if (!subquery && items.empty()) {
        // An empty list: IN is never true, NOT IN always (as SQLAlchemy renders it).
        c.write(negated ? "1 = 1" : "1 = 0");
        return;
    }
    c.operand(operand, p_comparison);
    c.write(negated ? " NOT IN (" : " IN (");
    if (subquery) {
        subquery->compile(c);
    } else {
        c.list(items);
    }
    c.write(")");
}

void BetweenNode::compile(Compiler& c) const {
    c.operand(operand, p_comparison);
    c.write(" BETWEEN ");
    c.operand(low, p_comparison, true);
    c.write(" AND ");
    c.operand(high, p_comparison, true);
}

void DistinctFromNode::compile(Compiler& c) const {
    c.operand(left, p_comparison);
    if (c.dialect.has_is_distinct_from()) {
        c.write(negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
    } else {
        c.write(negated ? " IS " : " IS NOT ");  // SQLite's IS compares NULLs as values
    }
    c.operand(right, p_comparison, true);
}

void FunctionNode::compile(Compiler& c) const {
    if (portable && c.fingerprint_only) {
        c.write(name);
        c.write("(");
        c.write(keyword_arg);
        for (const auto& argument : arguments) {
            argument->compile(c);
            c.write(",");  // frames each argument: two splits of one text never hash alike
        }
        c.write(")");
        return;
    }
    if (portable) {
        std::vector<std::string> compiled;
        for (const auto& argument : arguments) {
            std::string saved = std::move(c.out);
            c.out.clear();
            argument->compile(c);
            compiled.push_back(std::move(c.out));
            c.out = std::move(saved);
        }
        std::vector<std::string> with_keyword;
        if (!keyword_arg.empty()) with_keyword.push_back(keyword_arg);
        with_keyword.insert(with_keyword.end(), compiled.begin(), compiled.end());
        c.write(c.dialect.portable_function(name, with_keyword));
        return;
    }
    c.write(name);
    c.write("(");
    if (star) c.write("*");
    if (distinct) c.write("DISTINCT ");
    c.list(arguments);
    c.write(")");
}

void QuantifiedNode::compile(Compiler& c) const {
    c.write(all ? "ALL (" : "ANY (");
    array->compile(c);
    c.write(")");
}

void SubscriptNode::compile(Compiler& c) const {
    // A subscript binds tighter than anything: only an atom goes without parentheses.
    c.operand(operand, p_atom);
    c.write("[");
    index->compile(c);
    if (upper) {
        c.write(":");
        upper->compile(c);
    }
    c.write("]");
}

void CastNode::compile(Compiler& c) const {
    const auto [before, after] = c.dialect.cast_frame(type);
    c.write(before);
    operand->compile(c);
    c.write(after);
}

void CaseNode::compile(Compiler& c) const {
    c.write("CASE");
    if (value) {
        c.write(" ");
        value->compile(c);
    }
    for (const auto& [when, then] : whens) {
        c.write(" WHEN ");
        when->compile(c);
        c.write(" THEN ");
        then->compile(c);
    }
    if (else_) {
        c.write(" ELSE ");
        else_->compile(c);
    }
    c.write(" END");
}

// A label defines its name in a select list (Compiler::select_list); sorted by in the ORDER BY
// of that select it refers to that name, as SQLAlchemy writes it; anywhere else it stands for
// its expression.
void LabelNode::compile(Compiler& c) const {
    if (c.label_by_name == this) {
        c.quoted(name);
    } else {
        c.operand(operand, p_atom - 1);
    }
}

void ExcludedNode::compile(Compiler& c) const {
    c.write("excluded.");
    c.quoted(name);
}

namespace {
void frame_bound(Compiler& c, const FrameBound& bound, bool start) {
    if (!bound.offset) {
        c.write(start ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING");
    } else if (*bound.offset == 0) {
        c.write("CURRENT ROW");
    } else {
        // A number from the program, not from data: written as SQL, as a frame offset must be.
        c.write(std::to_string(*bound.offset < 0 ? -*bound.offset : *bound.offset));
        c.write(*bound.offset < 0 ? " PRECEDING" : " FOLLOWING");
    }
}
}  // namespace

void OverNode::compile(Compiler& c) const {
    function->compile(c);
    c.write(" OVER (");
    bool space = false;
    if (!partition_by.empty()) {
        c.write("PARTITION BY ");
        c.list(partition_by);
        space = true;
    }
    if (!order_by.empty()) {
        if (space) c.write(" ");
        c.write("ORDER BY ");
        c.list(order_by);
        space = true;
    }
    if (frame) {
        if (space) c.write(" ");
        c.write(frame->rows ? "ROWS BETWEEN " : "RANGE BETWEEN ");
        frame_bound(c, frame->start, true);
        c.write(" AND ");
        frame_bound(c, frame->end, false);
    }
    c.write(")");
}

void CteNode::compile(Compiler& c) const {
    c.quoted(name);
}

std::vector<std::string> CteNode::column_names() const {
    return select->result_names();
}

namespace {
// The CTEs a statement reads, each once by name, those it depends on first: through joins,
// FROM subqueries, compound members and the bodies of other CTEs.
void collect_ctes(const SelectNode& select, std::vector<const CteNode*>& out, const Compiler& c);

void collect_ctes(const FromNode* from, std::vector<const CteNode*>& out, const Compiler& c) {
    std::vector<const FromNode*> leaves;
    from->leaves(leaves);
    for (const FromNode* leaf : leaves) {
        if (const auto* sub = dynamic_cast<const SubqueryNode*>(leaf)) {
            collect_ctes(*sub->select, out, c);
            continue;
        }
        const auto* cte = dynamic_cast<const CteNode*>(leaf);
        if (cte == nullptr) continue;
        if (std::any_of(out.begin(), out.end(),
                        [&](const CteNode* known) { return known->name == cte->name; }))
            continue;
        // A recursive CTE names itself in its body: mark it seen before walking the body.
        std::size_t position = out.size();
        out.push_back(cte);
        std::vector<const CteNode*> inner;
        collect_ctes(*cte->select, inner, c);
        for (const CteNode* dependency : inner)
            if (std::none_of(out.begin(), out.end(),
                             [&](const CteNode* k) { return k->name == dependency->name; }))
                out.insert(out.begin() + static_cast<std::ptrdiff_t>(position++), dependency);
    }
}

void collect_ctes(const SelectNode& select, std::vector<const CteNode*>& out, const Compiler& c) {
    for (const FromNode* from : c.froms_of(select)) collect_ctes(from, out, c);
    for (const auto& [op, member] : select.compounds) collect_ctes(*member, out, c);
}
}  // namespace

void Compiler::with_clause(const std::vector<const FromNode*>& froms) {
    std::vector<const CteNode*> ctes;
    for (const FromNode* from : froms) collect_ctes(from, ctes, *this);
    if (ctes.empty()) return;
    bool recursive =
        std::any_of(ctes.begin(), ctes.end(), [](const CteNode* c) { return c->recursive; });
    write(recursive ? "WITH RECURSIVE " : "WITH ");
    for (std::size_t i = 0; i < ctes.size(); ++i) {
        if (i) write(", ");
        quoted(ctes[i]->name);
        std::vector<std::string> names = ctes[i]->column_names();
        // Only a full list: an unnamed column would shift the names of those after it.
        if (!names.empty() && names.size() == ctes[i]->select->columns.size()) {
            write("(");
            for (std::size_t k = 0; k < names.size(); ++k) {
                if (k) write(", ");
                quoted(names[k]);
            }
            write(")");
        }
        write(" AS (");
        ctes[i]->select->compile(*this);
        write(")");
    }
    write(" ");
}

void RowNode::compile(Compiler& c) const {
    c.write("(");
    c.list(items);
    c.write(")");
}

void ScalarSelectNode::compile(Compiler& c) const {
    c.write(exists ? "EXISTS (" : "(");
    select->compile(c);
    c.write(")");
}

// --- statements --------------------------------------------------------------------------------

void SelectNode::compile(Compiler& c) const {
    // Found once: WITH, FROM and the ORDER BY's correlation all read the same FROM items.
    std::vector<const FromNode*> froms = c.froms_of(*this);
    if (++c.depth == 1) c.with_clause(froms);
    c.select_body(*this, froms);
    c.enclosing_froms.pop_back();
    for (const auto& [op, other] : compounds) {
        // A member's own ORDER BY, LIMIT or compounds would be lost in "a UNION b": refuse.
        if (!other->order_by.empty() || other->limit_value || other->offset_value ||
            !other->compounds.empty() || other->for_update)
            throw ArgumentError(fmt::format(
                "a {} member cannot have its own ORDER BY, LIMIT, OFFSET, FOR UPDATE or compounds; "
                "select from its subquery() instead",
                op));
        c.write(" ");
        c.write(op);
        c.write(" ");
        c.select_body(*other);
        c.enclosing_froms.pop_back();
    }
    c.enclosing_froms.push_back(std::move(froms));  // ORDER BY subqueries correlate too
    if (!order_by.empty()) {
        c.write(" ORDER BY ");
        const Node* by_name = c.label_by_name;
        for (std::size_t i = 0; i < order_by.size(); ++i) {
            if (i) c.write(", ");
            // A label of this select list, sorted by (maybe with DESC / NULLS LAST), is
            // written as its name; any other label as its expression.
            c.label_by_name = nullptr;
            const Node* key = Expression(order_by[i]).sort_key().node().get();
            if (dynamic_cast<const LabelNode*>(key) != nullptr)
                for (const auto& column : columns)
                    if (column.get() == key) c.label_by_name = key;
            order_by[i]->compile(c);
        }
        c.label_by_name = by_name;
    }
    if (limit_value) {
        c.write(" LIMIT ");
        limit_value->compile(c);
    } else if (offset_value && c.dialect.offset_needs_limit()) {
        c.write(" LIMIT -1");
    }
    if (offset_value) {
        c.write(" OFFSET ");
        offset_value->compile(c);
    }
    c.enclosing_froms.pop_back();
    if (for_update && c.dialect.has_row_locks()) {
        c.write(for_update->key_share ? " FOR SHARE" : " FOR UPDATE");
        if (!for_update->of.empty()) {
            c.write(" OF ");
            for (std::size_t i = 0; i < for_update->of.size(); ++i) {
                if (i) c.write(", ");
                c.quoted(for_update->of[i].from_node()->reference_name());
            }
        }
        if (for_update->nowait) c.write(" NOWAIT");
        if (for_update->skip_locked) c.write(" SKIP LOCKED");
    }
    --c.depth;
}

std::vector<std::string> SelectNode::result_names() const {
    std::vector<std::string> names;
    for (const auto& column : columns) {
        if (const auto* label = dynamic_cast<const LabelNode*>(column.get())) {
            names.push_back(label->name);
        } else if (const auto* col = dynamic_cast<const ColumnNode*>(column.get())) {
            names.push_back(col->name);
        }
    }
    return names;
}

void InsertNode::compile(Compiler& c) const {
    c.write("INSERT INTO ");
    table->compile(c);
    if (!columns.empty()) {
        c.write(" (");
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) c.write(", ");
            c.quoted(columns[i]);
        }
        c.write(")");
    }
    if (from_select) {
        c.write(" ");
        from_select->compile(c);
    } else if (rows.empty()) {
        c.write(" DEFAULT VALUES");
    } else {
        c.write(" VALUES ");
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (r) c.write(", ");
            c.write("(");
            c.list(rows[r]);
            c.write(")");
        }
    }
    if (on_conflict) {
        c.write(" ON CONFLICT");
        if (!conflict_constraint.empty()) {
            c.write(" ON CONSTRAINT ");
            c.quoted(conflict_constraint);
        } else if (!conflict_target.empty()) {
            c.write(" (");
            for (std::size_t i = 0; i < conflict_target.size(); ++i) {
                if (i) c.write(", ");
                c.quoted(conflict_target[i]);
            }
            c.write(")");
        }
        if (conflict_set.empty()) {
            c.write(" DO NOTHING");
        } else {
            c.write(" DO UPDATE SET ");
            for (std::size_t i = 0; i < conflict_set.size(); ++i) {
                if (i) c.write(", ");
                c.quoted(conflict_set[i].first);
                c.write(" = ");
                conflict_set[i].second->compile(c);
            }
            if (conflict_where) {
                c.write(" WHERE ");
                conflict_where->compile(c);
            }
        }
    }
    c.returning(returning);
}

void UpdateNode::compile(Compiler& c) const {
    if (assignments.empty()) throw ArgumentError("an UPDATE needs values() to set");
    c.write("UPDATE ");
    table->compile(c);
    // Subqueries in SET, WHERE and RETURNING refer to the row being updated, never to a copy.
    std::vector<const FromNode*> level{table.get()};
    for (const auto& from : extra_froms) level.push_back(from.get());
    c.enclosing_froms.push_back(std::move(level));
    c.write(" SET ");
    for (std::size_t i = 0; i < assignments.size(); ++i) {
        if (i) c.write(", ");
        c.quoted(assignments[i].first);
        c.write(" = ");
        assignments[i].second->compile(c);
    }
    for (std::size_t i = 0; i < extra_froms.size(); ++i) {
        c.write(i == 0 ? " FROM " : ", ");
        extra_froms[i]->compile(c);
    }
    c.conditions(" WHERE ", where);
    c.returning(returning);
    c.enclosing_froms.pop_back();
}

void DeleteNode::compile(Compiler& c) const {
    c.write("DELETE FROM ");
    table->compile(c);
    if (!extra_froms.empty() && !c.dialect.has_delete_using())
        throw NotSupportedError(
            fmt::format("{} has no DELETE ... USING; use a subquery in where()", c.dialect.name()));
    for (std::size_t i = 0; i < extra_froms.size(); ++i) {
        c.write(i == 0 ? " USING " : ", ");
        extra_froms[i]->compile(c);
    }
    std::vector<const FromNode*> level{table.get()};
    for (const auto& from : extra_froms) level.push_back(from.get());
    c.enclosing_froms.push_back(std::move(level));
    c.conditions(" WHERE ", where);
    c.returning(returning);
    c.enclosing_froms.pop_back();
}

}  // namespace retort::sql
