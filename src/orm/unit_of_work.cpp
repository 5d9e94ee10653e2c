// The unit of work: a flush in named phases. Dependency processing first (relationships add
// the objects they reach and sync foreign keys: relationship_sync.cpp), then waves of planning
// (flush_plan.cpp) and execution (flush_execution.cpp) — one wave unless new objects wait for
// a parent's generated key — then the objects move to their new states, only when the whole
// flush succeeded. On failure, recovery puts every object back as it was before the flush.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "flush_execution.hpp"
#include "flush_plan.hpp"
#include "retort/errors.hpp"
#include "session_state.hpp"

namespace retort::orm::detail {

/// One flush: the objects it took off the session's lists, and its plan.
class UnitOfWork {
  public:
    UnitOfWork(SessionState& session, bool related, std::set<InstanceBase*> waiting)
        : session_(session),
          related_(related),
          waiting_(std::move(waiting)),
          // Objects that hooks add, change or delete while this flush runs are left for the
          // next one.
          inserting_(session.work.take_pending()),
          updating_(session.work.take_changed()),
          removing_(session.work.take_deleting()),
          plan_(session.engine.dialect(), session.options.batch_rows, session.statement_cache) {
        plan_.key_sequences = &session.key_sequences;
    }

    /// Plans and sends the statements, wave by wave.
    void write();
    /// After a failure of write(): objects as before the flush, the transaction rolled back
    /// (or the savepoint, inside begin_nested()) when anything was sent.
    void recover(const std::exception& error) noexcept;
    /// After write() succeeded: objects to their new states, then the after_* hooks.
    void finish();

  private:
    void note_association_changes();
    bool pairs_ready() const;
    /// Tables in foreign-key order, over everything this flush touches.
    std::vector<const Mapper*> table_order() const;
    void send() {
        if (executed_ < plan_.steps.size()) sent_ = true;
        executed_ = execute_steps(session_.conn(), plan_, executed_);
    }
    /// The wave's new objects ready to insert (none waiting for a parent's key); `more` when
    /// some wait.
    std::vector<InstanceBase*> ready_inserts(bool& more);
    void find_key_sequences(const std::vector<InstanceBase*>& ready);
    void plan_changes();

    SessionState& session_;
    bool related_;
    std::set<InstanceBase*> waiting_;
    std::vector<InstanceRef> inserting_, updating_, removing_;
    std::vector<AssociationPair> added_pairs_, removed_pairs_;
    FlushPlan plan_;
    std::vector<char> planned_;  // by position in inserting_: planned by an earlier wave
    std::size_t executed_ = 0;
    bool sent_ = false;
};

std::vector<const Mapper*> UnitOfWork::table_order() const {
    std::vector<const Mapper*> mappers;
    for (const auto* list : {&inserting_, &updating_, &removing_})
        for (const auto& object : *list)
            if (std::find(mappers.begin(), mappers.end(), &object->mapper()) == mappers.end())
                mappers.push_back(&object->mapper());
    return dependency_order(mappers);
}

// Many-to-many: the pairs added to and removed from collections since they were loaded.
void UnitOfWork::note_association_changes() {
    std::set<std::tuple<const Table*, const void*, const void*>> seen;
    auto note_pair = [&](std::vector<AssociationPair>& list, const RelationshipInfo& info,
                         InstanceBase* owner, InstanceBase* target) {
        // Both sides of a back_populates pair name the same row: count it once.
        const void* low = std::min<const void*>(owner, target);
        const void* high = std::max<const void*>(owner, target);
        if (seen.emplace(info.spec.options.secondary, low, high).second)
            list.push_back({&info, owner, target});
    };
    for (const auto* list : {&inserting_, &updating_}) {
        for (const auto& object : *list) {
            for (const auto& info : object->mapper().relationships()) {
                if (info.spec.options.secondary == nullptr) continue;
                if (!info.spec.slot(object->object())->loaded()) continue;
                std::vector<InstanceRef> now, before;
                info.spec.targets(object->object(), now);
                if (!object->pending_) {
                    const void* snapshot = object->snapshot();
                    if (snapshot == nullptr) continue;
                    auto* old = const_cast<void*>(snapshot);
                    if (!info.spec.slot(old)->loaded()) continue;
                    info.spec.targets(old, before);
                }
                for (auto& target : now)
                    if (std::find(before.begin(), before.end(), target) == before.end())
                        note_pair(added_pairs_, info, object.get(), target.get());
                for (auto& target : before)
                    if (std::find(now.begin(), now.end(), target) == now.end())
                        note_pair(removed_pairs_, info, object.get(), target.get());
            }
        }
    }
}

bool UnitOfWork::pairs_ready() const {
    for (const auto& pair : added_pairs_)
        if (key_waiting(*pair.owner, pair.info->owner_columns) ||
            key_waiting(*pair.target, pair.info->target_columns))
            return false;
    return true;
}

std::vector<InstanceBase*> UnitOfWork::ready_inserts(bool& more) {
    std::vector<InstanceBase*> ready;
    more = false;
    planned_.resize(inserting_.size());
    for (std::size_t i = 0; i < inserting_.size(); ++i) {
        InstanceBase* object = inserting_[i].get();
        if (planned_[i]) continue;
        if (!waiting_.empty() && waiting_.count(object)) {
            more = true;
            continue;
        }
        planned_[i] = true;
        ready.push_back(object);
    }
    if (ready.empty() && more)
        throw FlushError(
            "new objects refer to each other in a cycle through their foreign keys; flush one "
            "of them first, then set the reference");
    return ready;
}

// Mappers with enough new objects for a COPY learn, once per session, the sequence that
// numbers their key (Dialect::key_sequence_sql): the plan then reserves their keys ahead.
void UnitOfWork::find_key_sequences(const std::vector<InstanceBase*>& ready) {
    const sql::Dialect& dialect = session_.engine.dialect();
    if (ready.size() < FlushPlan::copy_threshold || dialect.key_sequence_sql().empty()) return;
    std::map<const Mapper*, std::size_t> counts;  // objects whose key the database numbers
    for (InstanceBase* object : ready) {
        const auto key = object->mapper().autoincrement();
        if (key && object->mapper().is_blank(*key, object->object())) ++counts[&object->mapper()];
    }
    for (const auto& [mapper, count] : counts) {
        const auto key = mapper->autoincrement();
        if (count < FlushPlan::copy_threshold || session_.key_sequences.count(mapper) != 0)
            continue;
        sent_ = true;  // a failure here ends the transaction like any flush statement's
        auto names = session_.conn()
                         .exec_driver_sql(dialect.key_sequence_sql(),
                                          {Value(dialect.table_name_sql(mapper->model())),
                                           Value(mapper->attributes()[*key].name)})
                         .scalars<std::optional<std::string>>();
        session_.key_sequences[mapper] = names.empty() || !names.front() ? "" : *names.front();
    }
}

// The last wave's updates and deletes (and association rows).
void UnitOfWork::plan_changes() {
    if (related_) {  // objects whose foreign keys the relationships changed
        session_.work.drain_changed_into(updating_);
    }
    std::vector<InstanceBase*> updates, deletes;
    for (auto& object : updating_)
        if (object->snapshot() != nullptr && !object->marked_deleted_ && !object->deleted_)
            updates.push_back(object.get());
    for (auto& object : removing_) deletes.push_back(object.get());
    plan_.plan_changes(table_order(), updates, removed_pairs_, deletes, related_);
}

void UnitOfWork::write() {
    if (related_) note_association_changes();
    bool pairs_planned = added_pairs_.empty();
    // Waves: objects whose foreign key needs a parent's generated key wait until the wave that
    // inserts the parent has run. Without such parents there is one wave: one round trip for
    // the whole flush.
    while (true) {
        bool more = false;
        std::vector<InstanceBase*> ready = ready_inserts(more);
        // Saved objects moved to a parent inserted in this wave take its key in the next.
        bool updates_wait = false;
        for (const auto& object : updating_)
            if (waiting_.count(object.get()) != 0) updates_wait = true;
        const bool last = !more && !(updates_wait && !ready.empty());
        find_key_sequences(ready);
        plan_.plan_inserts(table_order(), ready);
        if (last) {
            plan_changes();
            if (!pairs_planned && pairs_ready()) {
                plan_.plan_association_rows(added_pairs_, true);
                pairs_planned = true;
            }
        }
        send();
        if (last && !pairs_planned) {  // pairs with an end inserted by the last batch
            plan_.plan_association_rows(added_pairs_, true);
            pairs_planned = true;
            send();
        }
        if (last) break;
        // This wave's parents have their keys now: pass them on.
        waiting_.clear();
        for (const auto* list : {&inserting_, &updating_})
            for (const auto& object : *list) session_.sync_foreign_keys(*object, waiting_);
    }
    // The keys of the inserted objects, before anything moves: a failure here is a failed
    // flush like any other.
    for (auto& object : inserting_)
        if (!identity_of(object->mapper(), object->object()))
            throw FlushError(fmt::format("a '{}' object was inserted with a NULL primary key",
                                         object->mapper().name()));
}

void UnitOfWork::recover(const std::exception& error) noexcept {
    plan_.restore();
    session_.work.give_back(std::move(inserting_), std::move(updating_), std::move(removing_));
    if (!sent_) return;
    if (session_.transactions.in_savepoint()) {
        // Inside begin_nested(): the savepoint is rolled back, the outer work goes on.
        auto nested = session_.transactions.current().nested;
        try {
            session_.rollback_nested(*nested);
            return;
        } catch (const Error&) {
        }
    } else {
        try {
            if (Connection* connection = session_.transactions.checked_out())
                connection->rollback();
        } catch (const Error&) {
        }
    }
    session_.transactions.mark_failed(error.what());
}

void UnitOfWork::finish() {
    auto& inserted = session_.transactions.current().inserted;
    if (const std::size_t needed = inserted.size() + inserting_.size();
        needed > inserted.capacity())
        inserted.reserve(std::max(needed, 2 * inserted.capacity()));  // many flushes stay linear
    for (auto& object : inserting_) session_.make_persistent(object);
    for (const auto& step : plan_.steps)
        if (step.leaves_unread)
            for (const auto& objects : step.rows)
                for (InstanceBase* object : objects) SessionState::leave_unread(*object);
    if (related_) {  // references to parents that now have rows stop holding them
        for (const auto* list : {&inserting_, &updating_})
            for (const auto& object : *list)
                for (const auto& info : object->mapper().relationships())
                    if (!info.spec.many && info.many_to_one) info.spec.weaken(object->object());
    }
    for (auto& object : updating_) {
        if (object->session_ == &session_ && object->has_identity_ && !object->marked_deleted_) {
            auto key = identity_of(object->mapper(), object->object());
            if (key && !(*key == object->key_)) {  // the primary key itself was changed
                session_.forget(*object);
                object->key_ = *key;
                session_.install_identity(*object);
            }
        }
        object->drop_snapshot();
        object->in_changed_list_ = false;
    }
    for (auto& object : removing_) {
        session_.forget(*object);
        object->marked_deleted_ = false;
        object->deleted_ = true;
        object->drop_snapshot();
        session_.transactions.current().deleted.push_back(object);
    }
    for (const auto& step : plan_.steps) {
        const auto& events = step.mapper->events();
        const auto& hooks = step.kind == FlushStep::Kind::update    ? events.after_update
                            : step.kind == FlushStep::Kind::delete_ ? events.after_delete
                                                                    : events.after_insert;
        for (const auto& objects : step.rows)
            for (InstanceBase* object : objects)
                for (auto& hook : hooks) hook(object->object());
    }
}

void SessionState::flush() {
    if (flushing) throw InvalidRequestError("the Session is already flushing");
    check_usable();
    flushing = true;
    struct Reset {
        bool& flag;
        ~Reset() { flag = false; }
    } reset{flushing};

    // Dependency processing: relationships add the new objects the session's objects refer
    // to, and fill foreign keys from related objects' keys.
    std::set<InstanceBase*> waiting;
    bool related = false;
    {
        std::vector<InstanceBase*> objects;
        for (const auto* list : {&work.pending(), &work.changed()})
            for (const auto& object : *list)
                if (!object->mapper().relationships().empty()) objects.push_back(object.get());
        for (const auto& object : work.deleting())
            if (!object->mapper().relationships().empty()) related = true;
        related = related || !objects.empty();
        if (related) waiting = cascade_and_sync(objects);
    }

    // Objects opened for writing but unchanged leave the list without a statement.
    auto is_dirty = [](const InstanceRef& object) {
        return object->snapshot() != nullptr && !object->marked_deleted_ && !object->deleted_ &&
               object->modified();
    };
    // (Objects with relationships go through the flush: a collection may have changed.)
    if (!related && work.pending().empty() && work.deleting().empty() &&
        std::none_of(work.changed().begin(), work.changed().end(), is_dirty)) {
        for (const auto& object : work.changed()) object->drop_snapshot();
        work.clear_changed();
        return;
    }
    for (auto& hook : options.events.before_flush) hook(*owner);

    UnitOfWork unit(*this, related, std::move(waiting));
    try {
        unit.write();
    } catch (const std::exception& error) {
        unit.recover(error);
        throw;
    }
    unit.finish();
    for (auto& hook : options.events.after_flush) hook(*owner);
}

}  // namespace retort::orm::detail
