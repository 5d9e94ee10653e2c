// Flush planning, the first phase of the unit of work: from the objects a flush writes to the
// statements it sends — which rows, in which order, batched how. The statements are the SQL
// layer's row writes (sql/row_writes.hpp), spelled by the session's dialect; the plan holds
// no connection and runs no SQL, so it is unit-tested without a database
// (tests/unit/flush_plan_test.cpp). Execution is flush_execution.cpp; the flush that drives
// both, in waves, and moves the objects to their new states is unit_of_work.cpp.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "retort/orm/instance.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::orm::detail {

/// One statement of a flush, executed once per parameter set.
struct FlushStep {
    enum class Kind { insert, update, delete_, copy };
    FlushStep(Kind step_kind, const Mapper* step_mapper) : kind(step_kind), mapper(step_mapper) {}
    Kind kind;
    const Mapper* mapper;
    std::string sql;                   ///< empty for COPY, which names its columns instead
    std::vector<std::string> columns;  ///< COPY: the columns each row gives
    /// COPY, and INSERTs that bind their objects: the attributes each row gives, read from the
    /// objects as the rows are written (after a reserved key, if any): no copy of the values
    /// is kept.
    std::vector<std::size_t> copied;
    /// One INSERT per object whose parameters (`copied`) are read from it as it runs; `sets`
    /// is empty.
    bool binds_objects = false;
    std::vector<std::vector<const Value*>> sets;   ///< one per execution (not for COPY)
    std::vector<std::vector<InstanceBase*>> rows;  ///< the objects each execution writes
    std::vector<std::size_t> returning;            ///< attributes RETURNING brings back
    bool sort_by_key = false;   ///< multi-row INSERT: rows come back matched by ascending key
    bool check_count = false;   ///< rows affected must equal the objects written
    bool inserted_key = false;  ///< the numbered key comes from the driver, not RETURNING
    /// Server-filled columns were not read back (no RETURNING): the objects are flagged and
    /// load them on their next access (SessionState::load_unread; SQLAlchemy's eager_defaults
    /// left False).
    bool leaves_unread = false;
    /// COPY: the sequence the key column (`returning`, first of `columns`) is reserved from
    /// before the rows are written; the sets hold the other columns.
    std::string reserve_from;
};
const char* verb(FlushStep::Kind kind) noexcept;

/// A mapped table and its columns as the SQL layer's row writes name them.
sql::WriteTable write_table(const TableDefinition& table);
sql::WriteColumn write_column(const Mapper& mapper, std::size_t attribute);
std::vector<sql::WriteColumn> write_columns(const Mapper& mapper,
                                            const std::vector<std::size_t>& attributes);

/// A many-to-many row: an owner and a target paired through an association table.
struct AssociationPair {
    const RelationshipInfo* info;
    InstanceBase* owner;
    InstanceBase* target;
};

/// Mappers in the order their rows must be inserted: a table after the tables it refers to;
/// otherwise in order of first appearance. Cycles keep that order.
std::vector<const Mapper*> dependency_order(const std::vector<const Mapper*>& mappers);

class FlushPlan {
  public:
    /// Compiled row writes by shape, kept by the session across flushes: a multi-row
    /// statement costs thousands of placeholders to write.
    using StatementCache = std::unordered_map<std::string, std::string>;
    /// `batch_rows`: the most rows one multi-row statement writes.
    FlushPlan(const sql::Dialect& dialect, std::size_t batch_rows, StatementCache& cache)
        : dialect_(dialect),
          multirow_(dialect.prefers_multirow_dml()),
          batch_rows_(batch_rows),
          cache_(cache) {}

    std::vector<FlushStep> steps;
    /// The sequences numbering the keys of mappers (from Dialect::key_sequence_sql(); empty:
    /// none): new objects of those mappers are COPYed with keys reserved ahead.
    const std::unordered_map<const Mapper*, std::string>* key_sequences = nullptr;
    /// From this many new rows of one shape, COPY beats multi-row INSERTs.
    static constexpr std::size_t copy_threshold = 1000;

    std::vector<std::pair<InstanceBase*, std::size_t>> filled;    ///< set from blank here
    std::vector<std::pair<InstanceBase*, std::size_t>> advanced;  ///< onupdate / version values

    /// INSERTs of new objects, table by table in `order` (dependency_order), each table's
    /// objects in the order given, grouped into runs of one shape (same columns given, same
    /// columns returned). Fills client defaults and version counters; runs before_insert hooks.
    void plan_inserts(const std::vector<const Mapper*>& order,
                      const std::vector<InstanceBase*>& objects);
    /// UPDATEs of changed objects (table by table in `order`, by key within a table), then
    /// the association rows `removed`, the association rows of `deleted` objects when
    /// `clear_associations`, then the DELETEs (tables in reverse `order`, by key).
    void plan_changes(const std::vector<const Mapper*>& order,
                      const std::vector<InstanceBase*>& updated,
                      const std::vector<AssociationPair>& removed,
                      const std::vector<InstanceBase*>& deleted, bool clear_associations);
    /// Association rows to insert (`insert`) or delete, one statement per relationship.
    void plan_association_rows(const std::vector<AssociationPair>& pairs, bool insert);

    /// Puts every object the failed flush touched back as it was before it (recovery).
    void restore() noexcept;

  private:
    void plan_inserts(const Mapper& mapper, const std::vector<InstanceBase*>& objects);
    void plan_updates(const Mapper& mapper, std::vector<InstanceBase*> objects);
    void plan_deletes(const Mapper& mapper, const std::vector<InstanceBase*>& objects);
    void plan_association_clears(const std::vector<InstanceBase*>& deleted);
    void emit_insert_run(const Mapper& mapper, const std::vector<std::size_t>& columns,
                         const std::vector<std::size_t>& returning,
                         const std::vector<InstanceBase*>& objects);
    void emit_update_run(const Mapper& mapper, const std::vector<std::size_t>& columns,
                         const std::vector<InstanceBase*>& objects);

    /// Adds a COPY of `objects`, their keys reserved from `sequence` when not null.
    void emit_copy(const Mapper& mapper, const std::vector<std::size_t>& columns,
                   const std::vector<std::size_t>& returning,
                   const std::vector<InstanceBase*>& objects, const std::string* sequence);
    /// Whether `returning` holds a key attribute other than the database-numbered one.
    static bool reads_back_a_key(const Mapper& mapper, const std::vector<std::size_t>& returning);
    /// The sequence numbering `mapper`'s key, when its keys can be reserved ahead; else null.
    const std::string* key_sequence(const Mapper& mapper) const;
    /// Whether `update`, of many rows, binds one array per column (the dialect's unnest).
    bool binds_column_arrays(const sql::KeyedUpdate& update) const;
    /// Adds one UPDATE of every object in `objects`, each column bound as one array.
    template <class EachValue>
    void emit_array_update(const Mapper& mapper, sql::KeyedUpdate update,
                           const std::vector<std::size_t>& columns,
                           const std::vector<InstanceBase*>& objects, EachValue&& each_value);
    /// Adds `step` with one execution per object, `bind` giving each object's values.
    template <class Bind>
    void add_per_object(FlushStep step, const std::vector<InstanceBase*>& objects, Bind&& bind);
    /// Adds `step` with one execution writing objects [start, start + count) in order.
    template <class Bind>
    void add_rows(FlushStep step, const std::vector<InstanceBase*>& objects, std::size_t start,
                  std::size_t count, Bind&& bind);
    const Value* keep(Value value) {
        values_.push_back(std::move(value));
        return &values_.back();
    }
    /// The compiled text of the row write `key` names, compiled by `compile` when new.
    template <class Compile>
    const std::string& cached_sql(const std::string& key, Compile&& compile) {
        if (auto it = cache_.find(key); it != cache_.end()) return it->second;
        if (cache_.size() >= 64) cache_.clear();
        return cache_.emplace(key, compile()).first->second;
    }
    std::size_t rows_per_statement(std::size_t columns) const;

    const sql::Dialect& dialect_;
    bool multirow_;
    std::size_t batch_rows_;
    StatementCache& cache_;
    std::deque<Value> values_;  // the bound values (stable addresses)
};

}  // namespace retort::orm::detail
