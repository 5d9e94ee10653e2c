// The runtime syntax tree behind Expression, FromClause and the statements (private to
// libretort: headers only see factory functions, which keeps user compile times low).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "retort/sql/dialect.hpp"
#include "retort/sql/expression.hpp"
#include "retort/sql/selectable.hpp"
#include "retort/sql/statements.hpp"

namespace retort::sql {

class Compiler;

/// Operator precedence, tighter binding higher; atoms are highest.
enum Precedence : int {
    p_or = 1,
    p_and = 2,
    p_not = 3,
    p_comparison = 4,
    p_concat = 5,
    p_additive = 6,
    p_multiplicative = 7,
    p_unary = 8,
    p_atom = 10,
};

/// What kind of value an expression yields, as far as the SQL layer can tell: the SQL that
/// some operators mean depends on it (`+` on strings is concatenation, `||`).
enum class ValueKind { unknown, string, number, other };
/// The kind of values of a column of this type.
ValueKind kind_of(const SqlType& type);

struct Node {
    virtual ~Node() = default;
    virtual void compile(Compiler& compiler) const = 0;
    virtual int precedence() const { return p_atom; }
    /// The kind of value this expression yields (value_kind.cpp); unknown when it cannot tell.
    virtual ValueKind value_kind() const { return ValueKind::unknown; }
    /// The FROM items this expression refers to (for FROM inference); subqueries keep theirs.
    virtual void collect_froms(std::vector<const FromNode*>&) const {}
};

// --- FROM items --------------------------------------------------------------------------------

struct FromNode : Node, std::enable_shared_from_this<FromNode> {
    /// The name columns of this item are qualified with (table name or alias); empty for joins.
    virtual std::string reference_name() const { return {}; }
    /// Column names known for this item (empty when unknown, e.g. a join).
    virtual std::vector<std::string> column_names() const { return {}; }
    /// False only when the item knows its columns and `name` is not one of them.
    virtual bool may_have_column(std::string_view name) const {
        auto names = column_names();
        return names.empty() || std::find(names.begin(), names.end(), name) != names.end();
    }
    /// The tables inside this item (itself for a table or alias, both sides for a join).
    virtual void leaves(std::vector<const FromNode*>& out) const { out.push_back(this); }
    /// The table an alias stands for (itself for a table), for foreign-key matching.
    virtual const TableNode* base_table() const { return nullptr; }
    /// The kind of values of one of this item's columns.
    virtual ValueKind column_kind(std::string_view) const { return ValueKind::unknown; }
};

struct TableNode final : FromNode {
    std::string name;
    std::optional<std::string> schema;
    std::vector<std::string> columns;
    std::vector<ForeignKeyReference> foreign_keys;
    /// Client-side defaults (schema Column default_ / onupdate): applied by insert().values()
    /// and update().values() to the columns they do not set.
    std::vector<std::pair<std::string, std::function<Value()>>> insert_defaults;
    std::vector<std::pair<std::string, std::function<Value()>>> update_defaults;
    /// The declared SQL types of the columns (where the table has a schema definition).
    std::vector<std::pair<std::string, SqlType>> column_types;
    /// Generated (computed) columns: never written, and not copied by COPY without a list.
    std::vector<std::string> generated_columns;

    /// Completes a table whose definition is finished lazily (a typed Model): its foreign keys
    /// and defaults are set by the time this returns. Thread-safe; nothing to do for others.
    std::function<void()> complete;
    void ensure_complete() const {
        if (complete) complete();
    }

    std::string qualified_name() const { return schema ? *schema + "." + name : name; }
    void compile(Compiler& compiler) const override;
    std::string reference_name() const override { return name; }
    std::vector<std::string> column_names() const override { return columns; }
    bool may_have_column(std::string_view column) const override {
        return columns.empty() ||
               std::find(columns.begin(), columns.end(), column) != columns.end();
    }
    const TableNode* base_table() const override { return this; }
    ValueKind column_kind(std::string_view column) const override;
};

struct AliasNode final : FromNode {
    FromPtr target;
    std::string name;
    void compile(Compiler& compiler) const override;
    std::string reference_name() const override { return name; }
    std::vector<std::string> column_names() const override { return target->column_names(); }
    bool may_have_column(std::string_view column) const override {
        return target->may_have_column(column);
    }
    const TableNode* base_table() const override { return target->base_table(); }
    ValueKind column_kind(std::string_view column) const override {
        return target->column_kind(column);
    }
};

struct JoinNode final : FromNode {
    enum class Kind { inner, left, full };
    FromPtr left;
    FromPtr right;
    NodePtr on;
    Kind kind = Kind::inner;
    void compile(Compiler& compiler) const override;
    void leaves(std::vector<const FromNode*>& out) const override {
        left->leaves(out);
        right->leaves(out);
    }
};

struct SubqueryNode final : FromNode {
    std::shared_ptr<const SelectNode> select;
    std::string name;
    void compile(Compiler& compiler) const override;
    std::string reference_name() const override { return name; }
    std::vector<std::string> column_names() const override;
    ValueKind column_kind(std::string_view column) const override;
};

// --- expressions -------------------------------------------------------------------------------

struct ColumnNode final : Node {
    FromPtr from;  // null for an unqualified column()
    std::string name;
    void compile(Compiler& compiler) const override;
    ValueKind value_kind() const override {
        return from ? from->column_kind(name) : ValueKind::unknown;
    }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        if (from) out.push_back(from.get());
    }
};

struct BindNode final : Node {
    Value value;
    void compile(Compiler& compiler) const override;
    ValueKind value_kind() const override;
};

/// A client-side default: its value is made anew each time the statement is compiled for an
/// execution (one fresh Uuid or timestamp per row and per execution).
struct DefaultNode final : Node {
    std::function<Value()> make;
    void compile(Compiler& compiler) const override;
};

struct NamedBindNode final : Node {
    std::string name;
    void compile(Compiler& compiler) const override;
};

struct KeywordNode final : Node {  // NULL, TRUE, *, ... fixed SQL, never user data
    std::string text;
    void compile(Compiler& compiler) const override;
};

struct TextNode final : Node {
    TextClause clause;
    explicit TextNode(TextClause c) : clause(std::move(c)) {}
    void compile(Compiler& compiler) const override;
};

struct BinaryNode final : Node {
    NodePtr left;
    std::string op;                            ///< as written, unless `extended`
    std::optional<ExtendedOperator> extended;  ///< spelled by the dialect
    NodePtr right;
    int prec = p_comparison;
    void compile(Compiler& compiler) const override;
    int precedence() const override { return prec; }
    ValueKind value_kind() const override;
    void collect_froms(std::vector<const FromNode*>& out) const override {
        left->collect_froms(out);
        right->collect_froms(out);
    }
};

/// AND / OR over any number of operands.
struct BooleanListNode final : Node {
    bool is_and = true;
    std::vector<NodePtr> operands;
    void compile(Compiler& compiler) const override;
    int precedence() const override { return is_and ? p_and : p_or; }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        for (const auto& operand : operands) operand->collect_froms(out);
    }
};

/// `prefix operand suffix`: NOT x, -x, x IS NULL, x DESC, x NULLS FIRST.
struct UnaryNode final : Node {
    std::string prefix;
    NodePtr operand;
    std::string suffix;
    int prec = p_unary;
    void compile(Compiler& compiler) const override;
    int precedence() const override { return prec; }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        operand->collect_froms(out);
    }
};

struct LikeNode final : Node {
    NodePtr operand;
    NodePtr pattern;
    bool negated = false;
    bool case_insensitive = false;
    std::optional<char> escape;
    void compile(Compiler& compiler) const override;
    int precedence() const override { return p_comparison; }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        operand->collect_froms(out);
        pattern->collect_froms(out);
    }
};

struct InNode final : Node {
    NodePtr operand;
    std::vector<NodePtr> items;                  // a value list
    std::shared_ptr<const SelectNode> subquery;  // or a subquery
    bool negated = false;
    void compile(Compiler& compiler) const override;
    int precedence() const override { return p_comparison; }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        operand->collect_froms(out);
    }
};

struct BetweenNode final : Node {
    NodePtr operand, low, high;
    void compile(Compiler& compiler) const override;
    int precedence() const override { return p_comparison; }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        operand->collect_froms(out);
        low->collect_froms(out);
        high->collect_froms(out);
    }
};

struct DistinctFromNode final : Node {
    NodePtr left, right;
    bool negated = false;  // IS NOT DISTINCT FROM
    void compile(Compiler& compiler) const override;
    int precedence() const override { return p_comparison; }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        left->collect_froms(out);
        right->collect_froms(out);
    }
};

struct FunctionNode final : Node {
    std::string name;
    std::vector<NodePtr> arguments;
    bool star = false;        // count(*)
    bool distinct = false;    // count(DISTINCT x)
    bool portable = false;    // spelled by the dialect (now, date_trunc, extract)
    std::string keyword_arg;  // date_trunc unit / extract field, from a fixed list
    void compile(Compiler& compiler) const override;
    ValueKind value_kind() const override;
    void collect_froms(std::vector<const FromNode*>& out) const override {
        for (const auto& argument : arguments) argument->collect_froms(out);
    }
};

/// ANY (array) / ALL (array): compared with a value on the other side (PostgreSQL).
struct QuantifiedNode final : Node {
    bool all = false;
    NodePtr array;
    void compile(Compiler& compiler) const override;
    void collect_froms(std::vector<const FromNode*>& out) const override {
        array->collect_froms(out);
    }
};

/// operand[index] or operand[lower:upper]: an element or a slice of a PostgreSQL array.
struct SubscriptNode final : Node {
    NodePtr operand, index, upper;  // `upper` set for a slice
    void compile(Compiler& compiler) const override;
    void collect_froms(std::vector<const FromNode*>& out) const override {
        operand->collect_froms(out);
        index->collect_froms(out);
        if (upper) upper->collect_froms(out);
    }
};

struct CastNode final : Node {
    NodePtr operand;
    SqlType type;
    void compile(Compiler& compiler) const override;
    ValueKind value_kind() const override { return kind_of(type); }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        operand->collect_froms(out);
    }
};

struct CaseNode final : Node {
    NodePtr value;  // simple CASE when set
    std::vector<std::pair<NodePtr, NodePtr>> whens;
    NodePtr else_;
    void compile(Compiler& compiler) const override;
    ValueKind value_kind() const override;
    void collect_froms(std::vector<const FromNode*>& out) const override {
        if (value) value->collect_froms(out);
        for (const auto& [when, then] : whens) {
            when->collect_froms(out);
            then->collect_froms(out);
        }
        if (else_) else_->collect_froms(out);
    }
};

struct LabelNode final : Node {
    NodePtr operand;
    std::string name;
    void compile(Compiler& compiler) const override;
    ValueKind value_kind() const override { return operand->value_kind(); }
    void collect_froms(std::vector<const FromNode*>& out) const override {
        operand->collect_froms(out);
    }
};

struct ExcludedNode final : Node {
    std::string name;
    void compile(Compiler& compiler) const override;
};

struct OverNode final : Node {
    NodePtr function;
    std::vector<NodePtr> partition_by;
    std::vector<NodePtr> order_by;
    std::optional<Frame> frame;
    void compile(Compiler& compiler) const override;
    void collect_froms(std::vector<const FromNode*>& out) const override {
        function->collect_froms(out);
        for (const auto& p : partition_by) p->collect_froms(out);
        for (const auto& o : order_by) o->collect_froms(out);
    }
};

struct CteNode final : FromNode {
    std::shared_ptr<const SelectNode> select;
    std::string name;
    bool recursive = false;
    void compile(Compiler& compiler) const override;  // a reference: the name
    std::string reference_name() const override { return name; }
    std::vector<std::string> column_names() const override;
    ValueKind column_kind(std::string_view column) const override;
};

/// A row value: (a, b, ...).
struct RowNode final : Node {
    std::vector<NodePtr> items;
    void compile(Compiler& compiler) const override;
    void collect_froms(std::vector<const FromNode*>& out) const override {
        for (const auto& item : items) item->collect_froms(out);
    }
};

struct ScalarSelectNode final : Node {
    std::shared_ptr<const SelectNode> select;
    bool exists = false;
    void compile(Compiler& compiler) const override;
    ValueKind value_kind() const override;
};

// --- statements --------------------------------------------------------------------------------

/// What a statement compiled to, remembered on the statement's node for its next execution:
/// a statement executed again is neither walked nor hashed. A copied node starts without one
/// (builders copy a node to change it), and a node changed in place forgets it (clear()).
class CompiledMemo {
  public:
    struct Entry {
        const Dialect* dialect = nullptr;
        std::shared_ptr<const std::string> sql;
        std::shared_ptr<const std::vector<Compiled::Bind>> binds;  ///< into the node's own tree
    };
    CompiledMemo() = default;
    CompiledMemo(const CompiledMemo&) noexcept {}
    CompiledMemo& operator=(const CompiledMemo&) noexcept {
        clear();
        return *this;
    }
    std::shared_ptr<const Entry> find(const Dialect& dialect) const {
        auto entry = entry_.load(std::memory_order_acquire);
        return entry && entry->dialect == &dialect ? entry : nullptr;
    }
    void remember(std::shared_ptr<const Entry> entry) const {
        entry_.store(std::move(entry), std::memory_order_release);
    }
    void clear() const { entry_.store(nullptr, std::memory_order_release); }

  private:
    mutable std::atomic<std::shared_ptr<const Entry>> entry_;
};

struct StatementNode : Node {
    CompiledMemo memo;
};

struct SelectNode final : StatementNode {
    std::vector<NodePtr> columns;
    std::vector<FromPtr> froms;  // explicit FROM items (select_from and joins)
    std::vector<NodePtr> where;
    std::vector<NodePtr> group_by;
    std::vector<NodePtr> having;
    std::vector<NodePtr> order_by;
    bool distinct = false;
    std::vector<NodePtr> distinct_on;  // DISTINCT ON (...) when not empty (PostgreSQL)
    std::optional<ForUpdate> for_update;
    std::vector<std::pair<std::string, std::shared_ptr<const SelectNode>>> compounds;
    // LIMIT and OFFSET travel as bound values too.
    std::shared_ptr<BindNode> limit_value;
    std::shared_ptr<BindNode> offset_value;

    void compile(Compiler& compiler) const override;
    /// Names of the result columns (labels, column names), for subqueries.
    std::vector<std::string> result_names() const;
    /// The kind of values of the result column named `name`.
    ValueKind result_kind(std::string_view name) const;
};

struct InsertNode final : StatementNode {
    FromPtr table;
    std::vector<std::string> columns;
    std::vector<std::vector<NodePtr>> rows;
    std::shared_ptr<const SelectNode> from_select;
    std::vector<NodePtr> returning;
    // ON CONFLICT
    bool on_conflict = false;
    std::vector<std::string> conflict_target;
    std::string conflict_constraint;
    std::vector<std::pair<std::string, NodePtr>> conflict_set;  // empty: DO NOTHING
    NodePtr conflict_where;
    void compile(Compiler& compiler) const override;
};

struct UpdateNode final : StatementNode {
    FromPtr table;
    std::vector<FromPtr> extra_froms;
    std::vector<std::pair<std::string, NodePtr>> assignments;
    std::vector<NodePtr> where;
    std::vector<NodePtr> returning;
    void compile(Compiler& compiler) const override;
};

struct DeleteNode final : StatementNode {
    FromPtr table;
    std::vector<FromPtr> extra_froms;
    std::vector<NodePtr> where;
    std::vector<NodePtr> returning;
    void compile(Compiler& compiler) const override;
};

/// Writes SQL for one dialect. Nodes call back into it.
class Compiler {
  public:
    explicit Compiler(const Dialect& dialect, bool inline_values = false)
        : dialect(dialect), inline_values_(inline_values) {}

    const Dialect& dialect;
    std::string out;
    std::vector<Compiled::Bind> binds;
    bool qualify_columns = true;
    int depth = 0;  // nesting of SELECTs; WITH is written at depth 0 only
    /// The label an ORDER BY item sorts by, when it is one of that select's columns: written
    /// as its name. Any other label outside a select list is written as its expression.
    const Node* label_by_name = nullptr;
    /// FROM items of the enclosing SELECTs, for correlation of subqueries.
    std::vector<std::vector<const FromNode*>> enclosing_froms;

    /// In fingerprint mode nothing is written: the text that would be is hashed instead, and the
    /// binds are collected as usual. Equal fingerprints mean equal SQL.
    bool fingerprint_only = false;
    std::uint64_t hash_a = 14695981039346656037ull;
    std::uint64_t hash_b = 0x9E3779B97F4A7C15ull;  // an independent second hash

    void write(std::string_view text) {
        if (fingerprint_only) {
            frame('w', text);
        } else {
            out += text;
        }
    }
    void quoted(std::string_view identifier) {
        if (fingerprint_only) {
            frame('i', identifier);
        } else {
            out += dialect.quote(identifier);
        }
    }
    /// Each piece is hashed with a tag and its length, so that no two different sequences of
    /// pieces (whatever bytes identifiers hold) hash the same stream; the text is then hashed
    /// eight bytes at a time, its last word padded with zeros (the length says where it ends).
    void frame(char tag, std::string_view text) {
        mix_word((static_cast<std::uint64_t>(text.size()) << 8) | static_cast<unsigned char>(tag));
        std::size_t i = 0;
        for (; i + 8 <= text.size(); i += 8) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            mix_word(word);
        }
        if (i < text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + i, text.size() - i);
            mix_word(word);
        }
    }
    void mix_word(std::uint64_t word) {
        hash_a = (hash_a ^ word) * 0x100000001B3ull;
        hash_a ^= hash_a >> 29;
        hash_b = (hash_b + word + 1) * 0xBF58476D1CE4E5B9ull;
        hash_b ^= hash_b >> 31;
    }
    /// An operand, in parentheses when it binds less tightly than `context`.
    void operand(const NodePtr& node, int context, bool right_side = false);
    void list(const std::vector<NodePtr>& nodes, std::string_view separator = ", ");
    /// " WHERE a AND b" (or HAVING): the conditions ANDed, nothing when there are none.
    void conditions(std::string_view keyword, const std::vector<NodePtr>& nodes);
    void bind(const Value* value);
    /// Binds a value made during this compilation; `made` keeps it alive with the result.
    void bind_made(Value value);
    std::shared_ptr<std::deque<Value>> made;
    /// False when only the text is wanted: client-side defaults are then not called (a default
    /// must run once per execution, not once per compilation pass).
    bool values_needed = true;
    void bind_named(const std::string& name);
    /// The FROM items a SELECT reads from: explicit ones, else those its expressions refer to.
    std::vector<const FromNode*> froms_of(const SelectNode& select) const;
    void select_body(const SelectNode& select);
    void select_body(const SelectNode& select, std::vector<const FromNode*> froms);
    /// WITH ... for the CTEs a top-level statement reads from.
    void with_clause(const std::vector<const FromNode*>& froms);
    void returning(const std::vector<NodePtr>& columns);
    /// Items of a select list or RETURNING: a label is written `expression AS name`.
    void select_list(const std::vector<NodePtr>& columns);

  private:
    bool inline_values_;
};

/// The first FROM item an expression refers to (for Select::join without select_from).
FromPtr first_from(const NodePtr& node);

/// The join condition between two FROM items from their foreign keys; ArgumentError when there
/// is none or more than one.
NodePtr infer_join_condition(const FromPtr& left, const FromPtr& right);

}  // namespace retort::sql
