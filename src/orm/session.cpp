#include "retort/orm/session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "query_support.hpp"
#include "retort/errors.hpp"
#include "retort/orm/deferred.hpp"
#include "session_state.hpp"

namespace retort::orm {

const char* to_string(ObjectState state) noexcept {
    switch (state) {
        case ObjectState::transient:
            return "transient";
        case ObjectState::pending:
            return "pending";
        case ObjectState::persistent:
            return "persistent";
        case ObjectState::deleted:
            return "deleted";
        case ObjectState::detached:
            return "detached";
    }
    return "?";
}

// --- instances -------------------------------------------------------------------------------

struct WeakInstance::Anchor {
    std::atomic<InstanceBase*> object;
    std::atomic<std::uint32_t> holders;  // the object itself, and each WeakInstance
};

InstanceBase::~InstanceBase() {
    leave_session();
}

void InstanceBase::leave_session() noexcept {
    if (left_) return;
    left_ = true;
    // session_ stays: the entity's relationships may still ask it while they are destroyed.
    if (session_ != nullptr) session_->forget(*this);
    if (anchor_ != nullptr) {
        anchor_->object.store(nullptr, std::memory_order_release);
        WeakInstance::release(std::exchange(anchor_, nullptr));
    }
}

// --- weak references -------------------------------------------------------------------------

void WeakInstance::release(Anchor* anchor) noexcept {
    if (anchor->holders.fetch_sub(1, std::memory_order_acq_rel) == 1) delete anchor;
}

WeakInstance::WeakInstance(const InstanceRef& object) {
    if (!object) return;
    if (object->anchor_ == nullptr) object->anchor_ = new Anchor{object.get(), 1};
    anchor_ = object->anchor_;
    anchor_->holders.fetch_add(1, std::memory_order_relaxed);
}

WeakInstance::WeakInstance(const WeakInstance& other) noexcept : anchor_(other.anchor_) {
    if (anchor_ != nullptr) anchor_->holders.fetch_add(1, std::memory_order_relaxed);
}

WeakInstance& WeakInstance::operator=(const WeakInstance& other) noexcept {
    WeakInstance copy(other);
    std::swap(anchor_, copy.anchor_);
    return *this;
}

void WeakInstance::reset() noexcept {
    if (anchor_ != nullptr) release(std::exchange(anchor_, nullptr));
}

InstanceRef WeakInstance::lock() const noexcept {
    if (anchor_ == nullptr) return nullptr;
    InstanceBase* object = anchor_->object.load(std::memory_order_acquire);
    return object != nullptr ? InstanceRef::lock(object) : nullptr;
}

ObjectState InstanceBase::state() const noexcept {
    if (session_ == nullptr) return has_identity_ ? ObjectState::detached : ObjectState::transient;
    if (pending_) return ObjectState::pending;
    if (deleted_) return ObjectState::deleted;
    return ObjectState::persistent;
}

bool InstanceBase::modified() const {
    if (pending_) return true;
    const void* before = snapshot();
    if (before == nullptr) return false;
    for (const auto& attribute : mapper().attributes())
        if (!attribute.accessor.equal(object(), before)) return true;
    return false;
}

std::vector<std::string> InstanceBase::unloaded() const {
    std::vector<std::string> names;
    const auto& attributes = mapper().attributes();
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        const bool deferred_missing =
            attributes[i].deferred &&
            !static_cast<const DeferredSlot*>(
                 attributes[i].accessor.deferred_slot(const_cast<InstanceBase*>(this)->object()))
                 ->loaded();
        if (!attribute_loaded(i) || deferred_missing) names.push_back(attributes[i].name);
    }
    return names;
}

std::vector<Value> InstanceBase::identity() const {
    std::vector<Value> values;
    const void* source = snapshot() != nullptr ? snapshot() : object();
    for (std::size_t index : mapper().primary_key())
        values.push_back(mapper().attributes()[index].accessor.get(source));
    return values;
}

void InstanceBase::load_expired() {
    if (session_ == nullptr)
        throw DetachedInstanceError(fmt::format(
            "an expired '{}' object is not bound to a Session; its attributes cannot be loaded "
            "(keep the Session open, or use expire_on_commit = false)",
            mapper().name()));
    session_->load_expired(*this);
}

void InstanceBase::load_unread() {
    if (session_ == nullptr)
        throw DetachedInstanceError(fmt::format(
            "this '{}' object's server-filled values were not read back and it is not bound to "
            "a Session any more: read them before closing it, or use expire_on_commit",
            mapper().name()));
    session_->load_unread(*this);
}

void InstanceBase::begin_change() {
    // Members a load_only left out are loaded first: a value assigned to one is then told from
    // the row's, even when it is the member's default.
    if (unloaded_.has_value() && session_ != nullptr) session_->load_unloaded(*this);
    take_snapshot();
    if (session_ != nullptr) session_->track(*this);
}

namespace detail {

// --- identity ---------------------------------------------------------------------------------

std::optional<IdentityKey> identity_of(const Mapper& mapper, const std::vector<Value>& key) {
    if (key.size() != mapper.primary_key().size())
        throw ArgumentError(fmt::format("model '{}': its primary key has {} column(s), {} given",
                                        mapper.name(), mapper.primary_key().size(), key.size()));
    IdentityKey identity{&mapper};
    std::string composite;
    if (key.size() == 1 && std::holds_alternative<std::int64_t>(key[0])) {
        identity.integer = std::get<std::int64_t>(key[0]);
        return identity;
    }
    for (const auto& value : key) {
        std::string text;
        if (std::holds_alternative<Null>(value)) return std::nullopt;
        if (auto* integer = std::get_if<std::int64_t>(&value))
            text = std::to_string(*integer);
        else if (auto* string = std::get_if<std::string>(&value))
            text = *string;
        else if (auto* boolean = std::get_if<bool>(&value))
            text.push_back(*boolean ? '1' : '0');
        else if (auto* real = std::get_if<double>(&value))
            text = fmt::format("{}", *real);
        else if (auto form = text_form(value))
            text = std::move(*form);
        // Length-prefixed, with the value's kind: unambiguous for any content.
        composite += fmt::format("{}:{}:", value.index(), text.size());
        composite += text;
    }
    identity.composite = std::move(composite);
    return identity;
}

std::optional<IdentityKey> identity_of(const Mapper& mapper, const void* entity) {
    const auto& key = mapper.primary_key();
    if (key.size() == 1) {
        const auto& accessor = mapper.attributes()[key[0]].accessor;
        if (accessor.view != nullptr) {  // an integer key read in place, without a Value
            const Field field = accessor.view(entity);
            if (field.kind == FieldKind::integer) return IdentityKey{&mapper, field.integer, {}};
        }
        Value value = accessor.get(entity);
        if (auto* integer = std::get_if<std::int64_t>(&value))
            return IdentityKey{&mapper, *integer, {}};
        return identity_of(mapper, std::vector<Value>{std::move(value)});
    }
    std::vector<Value> values;
    values.reserve(key.size());
    for (std::size_t index : key) values.push_back(mapper.attributes()[index].accessor.get(entity));
    return identity_of(mapper, values);
}

void assign(const Mapper& mapper, std::size_t index, void* entity, const Value& value) {
    const auto& accessor = mapper.attributes()[index].accessor;
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Null>)
                accessor.set(entity, Field{});
            else if constexpr (std::is_same_v<T, bool>)
                accessor.set(entity, Field::of_integer(v ? 1 : 0));
            else if constexpr (std::is_same_v<T, std::int64_t>)
                accessor.set(entity, Field::of_integer(v));
            else if constexpr (std::is_same_v<T, double>)
                accessor.set(entity, Field::of_real(v));
            else if constexpr (std::is_same_v<T, std::string>)
                accessor.set(entity, Field::of_text(v));
            else if constexpr (std::is_same_v<T, Bytes>)
                accessor.set(entity,
                             Field::of_blob({reinterpret_cast<const char*>(v.data()), v.size()}));
            else
                accessor.set(entity, Field::of_text(*text_form(value)));
        },
        value);
}

// --- the session ---------------------------------------------------------------------------------

SessionState::SessionState(Engine engine_, SessionOptions options_)
    : engine(std::move(engine_)), options(std::move(options_)), transactions(engine) {}

SessionState::~SessionState() {
    close();
}

void SessionState::attach(const InstanceRef& instance) {
    InstanceBase& object = *instance;
    if (object.session_ == this) {
        if (object.marked_deleted_) work.cancel_deleting(instance);  // add() after delete_()
        return;
    }
    if (object.session_ != nullptr)
        throw InvalidRequestError(fmt::format(
            "this '{}' object is already attached to another Session; expunge it there or merge() "
            "it here",
            object.mapper().name()));
    if (object.has_identity_) {
        if (object.deleted_)
            throw InvalidRequestError(
                fmt::format("this '{}' object was deleted; make a new object to insert it again",
                            object.mapper().name()));
        if (identity.insert(&object) != &object)
            throw InvalidRequestError(fmt::format(
                "cannot attach this '{}' object: another object with the same primary key is "
                "already in this Session (merge() it instead)",
                object.mapper().name()));
        object.session_ = this;
        if (object.snapshot() != nullptr) work.add_changed(object);  // changed while detached
        return;
    }
    object.session_ = this;
    work.add_pending(instance);
}

void SessionState::mark_deleted(const InstanceRef& instance) {
    InstanceBase& object = *instance;
    if (!object.has_identity_)
        throw InvalidRequestError(fmt::format(
            "this '{}' object is not persisted: there is nothing to delete (expunge() a pending "
            "object instead)",
            object.mapper().name()));
    if (object.session_ != this) attach(instance);
    if (object.deleted_ || object.marked_deleted_) return;
    work.add_deleting(instance);
}

void SessionState::forget(InstanceBase& instance) noexcept {
    if (instance.has_identity_) identity.erase(&instance);
}

void SessionState::track(InstanceBase& instance) {
    work.add_changed(instance);
}

InstanceRef SessionState::load_row(const Mapper& mapper, DriverResult& row, std::size_t offset,
                                   const std::vector<bool>* unloaded) {
    // An outer join's missing side: no object (its NULLs would not fit the members). A single
    // integer key's field is read once, here.
    const auto& key_columns = mapper.primary_key();
    const std::size_t single_key = key_columns.size() == 1 ? key_columns[0] : SIZE_MAX;
    Field key_field;
    if (single_key != SIZE_MAX) {
        key_field = row.field(offset + single_key);
        if (key_field.is_null()) return nullptr;
    } else {
        for (std::size_t index : key_columns)
            if (row.field(offset + index).is_null()) return nullptr;
    }
    InstanceRef fresh = mapper.create();
    void* entity = fresh->object();
    const ModelBase& model = mapper.model();
    const auto& attributes = mapper.attributes();
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        if (unloaded == nullptr || !(*unloaded)[i]) {
            // Reused only when it is an integer: a text or blob field may be a view into a
            // buffer that reading the other columns overwrites (PostgreSQL's bytea).
            const bool reuse = i == single_key && key_field.kind == FieldKind::integer;
            model.read_column(i, entity, reuse ? key_field : row.field(offset + i));
        } else if (attributes[i].deferred) {
            mark_unloaded(*fresh, i);  // left out by the query: loads on first access
        } else {  // a plain member left out: it keeps its value-initialised state
            std::vector<bool>& left_out = fresh->unloaded_.make();
            left_out.resize(attributes.size());
            left_out[i] = true;
        }
    }
    auto key = identity_of(mapper, entity);
    if (!key) return nullptr;  // an outer join's missing side
    fresh->key_ = std::move(*key);
    InstanceBase* holder = identity.insert(fresh.get());
    if (holder != fresh.get()) {
        InstanceBase& existing = *holder;
        // An object already here keeps its unflushed changes; an expired one takes the row.
        if (existing.expired_) {
            existing.assign_from(*fresh);
            existing.unloaded_ = std::move(fresh->unloaded_);
            existing.expired_ = false;
        } else {
            fill_unloaded(existing, *fresh);
        }
        return InstanceRef(&existing);
    }
    fresh->session_ = this;
    fresh->has_identity_ = true;
    return fresh;
}

bool SessionState::reload(InstanceBase& instance) {
    // No autoflush: a reload discards this object's unflushed changes, as refresh() promises.
    const Mapper& mapper = instance.mapper();
    std::vector<Value> key = instance.identity();
    Result result = conn().exec_driver_sql(select_row_by_key(mapper, engine.dialect()), key);
    bool found = false;
    result.read_rows(1, [&](DriverResult& row) {
        InstanceRef fresh = mapper.create();
        for (std::size_t i = 0; i < mapper.attributes().size(); ++i)
            mapper.model().read_column(i, fresh->object(), row.field(i));
        instance.assign_from(*fresh);
        found = true;
    });
    result.close();
    instance.unloaded_.reset();
    instance.drop_snapshot();
    instance.expired_ = false;
    return found;
}

void SessionState::load_expired(InstanceBase& instance) {
    if (!reload(instance)) {
        expunge(instance);
        throw ObjectDeletedError(
            fmt::format("the row of this expired '{}' object is not in the database any more",
                        instance.mapper().name()));
    }
}

void SessionState::refresh(InstanceBase& instance) {
    if (instance.session_ != this)
        throw InvalidRequestError(
            fmt::format("cannot refresh this '{}' object: it is not persistent in this Session",
                        instance.mapper().name()));
    if (instance.pending_)
        throw InvalidRequestError(
            fmt::format("cannot refresh this pending '{}' object: it has no row yet",
                        instance.mapper().name()));
    instance.expired_ = false;
    load_expired(instance);
}

InstanceRef SessionState::get(const Mapper& mapper, const std::vector<Value>& key) {
    check_usable();
    auto identity_key = identity_of(mapper, key);
    if (!identity_key) return nullptr;
    if (InstanceBase* found = identity.find(*identity_key)) {
        InstanceBase& existing = *found;
        if (!existing.marked_deleted_) {
            if (existing.expired_ && !reload(existing)) {
                expunge(existing);
                return nullptr;
            }
            return InstanceRef(&existing);
        }
    }
    autoflush();
    Result result = conn().exec_driver_sql(select_row_by_key(mapper, engine.dialect()), key);
    InstanceRef found;
    result.read_rows(1, [&](DriverResult& row) { found = load_row(mapper, row); });
    return found;
}

void SessionState::expire(InstanceBase& instance) noexcept {
    if (instance.session_ != this || instance.pending_) return;
    release_association_collections(instance);
    instance.expired_ = true;
    instance.drop_snapshot();
}

void SessionState::leave_unread(InstanceBase& object) noexcept {
    object.unread_ = true;
}

void SessionState::load_unread(InstanceBase& object) {
    const Mapper& mapper = object.mapper();
    const auto& attributes = mapper.attributes();
    const auto& key = mapper.primary_key();
    std::vector<bool> server_filled(attributes.size());
    bool any = false;
    for (std::size_t i = 0; i < attributes.size(); ++i)
        if ((attributes[i].server_generated || attributes[i].computed) &&
            std::find(key.begin(), key.end(), i) == key.end()) {
            server_filled[i] = true;
            any = true;
        }
    if (!any) {
        object.unread_ = false;
        return;
    }
    object.unloaded_ = std::move(server_filled);
    load_unloaded(object, true);  // clears unread_ on each object it fills
}

void SessionState::expire_all() noexcept {
    // Kept alive while the map is walked: releasing collections may drop the last references.
    std::vector<InstanceRef> alive;
    alive.reserve(identity.size());
    identity.for_each([&](InstanceBase* instance) {
        if (auto held = InstanceRef::lock(instance)) alive.push_back(std::move(held));
    });
    for (auto& instance : alive) {
        release_association_collections(*instance);
        instance->expired_ = true;
        instance->drop_snapshot();
    }
    work.clear_changed();
    referenced_parents.clear();
}

void SessionState::expunge(InstanceBase& instance) noexcept {
    if (instance.session_ != this) return;
    auto self = InstanceRef(&instance);  // releasing its collections may drop the last Ptr
    release_association_collections(instance);
    forget(instance);
    work.remove(instance);
    instance.session_ = nullptr;
}

void SessionState::expunge_all() noexcept {
    std::vector<InstanceRef> alive;
    alive.reserve(identity.size());
    identity.for_each([&](InstanceBase* instance) {
        if (auto held = InstanceRef::lock(instance)) alive.push_back(std::move(held));
    });
    identity.clear();
    for (auto& instance : alive) {
        instance->session_ = nullptr;
        instance->in_changed_list_ = false;
        instance->marked_deleted_ = false;
        release_association_collections(*instance);
    }
    referenced_parents.clear();
    work.clear([](InstanceBase& instance) {
        release_association_collections(instance);
        instance.session_ = nullptr;
    });
    for (auto& level : transactions.all())
        for (auto& instance : level.deleted) instance->session_ = nullptr;
}

void SessionState::make_persistent(const InstanceRef& instance) {
    InstanceBase& object = *instance;
    auto key = identity_of(object.mapper(), object.object());
    if (!key)
        throw FlushError(fmt::format("a '{}' object was inserted with a NULL primary key column",
                                     object.mapper().name()));
    object.pending_ = false;
    object.key_ = std::move(*key);
    object.has_identity_ = true;
    install_identity(object);
    transactions.current().inserted.push_back(instance);
}

void SessionState::install_identity(InstanceBase& object) noexcept {
    InstanceBase* holder = identity.insert(&object);
    if (holder == &object) return;
    // Another object held this key: its row was deleted behind the session's back (a bulk or
    // Core DELETE). It leaves the session, so that it never points at it again.
    expunge(*holder);
    identity.insert(&object);
}

void SessionState::refresh_from(InstanceBase& instance, InstanceBase& fresh) noexcept {
    instance.assign_from(fresh);
    instance.unloaded_.reset();
    instance.expired_ = false;
    instance.drop_snapshot();
}

void SessionState::mark_gone(InstanceBase& instance) noexcept {
    auto self = InstanceRef(&instance);
    expunge(instance);
    instance.session_ = this;
    instance.deleted_ = true;
    transactions.current().deleted.push_back(self);
}

void SessionState::undo_levels(std::size_t from) noexcept {
    // Objects added since: out of the session, their generated keys forgotten.
    work.clear_pending([](InstanceBase& instance) { instance.session_ = nullptr; });
    auto levels = transactions.all();
    for (std::size_t i = levels.size(); i-- > from;) {
        for (auto& instance : levels[i].inserted) {
            forget(*instance);
            instance->session_ = nullptr;
            instance->has_identity_ = false;
            instance->in_changed_list_ = false;
            instance->drop_snapshot();
            instance->unloaded_.reset();  // its server values were never read: blank, as before
            instance->unread_ = false;
            if (auto key = instance->mapper().autoincrement())
                instance->mapper().reset_to_blank(*key, instance->object());
        }
        for (auto& instance : levels[i].deleted) {  // their rows are back
            instance->deleted_ = false;
            if (instance->session_ == this) identity.insert(instance.get());
        }
    }
    work.clear_deleting();
    transactions.drop_from(from);
    expire_all();
}

void SessionState::commit() {
    check_usable();
    flush();
    if (Connection* connection = transactions.checked_out()) {
        try {
            connection->commit();
        } catch (...) {
            transactions.mark_failed("COMMIT failed");
            throw;
        }
    }
    for (auto& level : transactions.all())
        for (auto& instance : level.deleted) {
            forget(*instance);
            instance->session_ = nullptr;
        }
    transactions.drop_from(0);
    if (options.expire_on_commit) expire_all();
    transactions.release();
    for (auto& hook : options.events.after_commit) hook(*owner);
}

void SessionState::rollback() {
    if (Connection* connection = transactions.checked_out()) {
        try {
            connection->rollback();
        } catch (const Error&) {
            // The connection is discarded below: its transaction ends with it.
        }
    }
    transactions.release();
    undo_levels(0);
    transactions.clear_failure();
    for (auto& hook : options.events.after_rollback) hook(*owner);
}

void SessionState::close() noexcept {
    // Objects inserted in the transaction being abandoned have no row: they become transient.
    for (auto& level : transactions.all())
        for (auto& instance : level.inserted) {
            forget(*instance);
            instance->session_ = nullptr;
            instance->has_identity_ = false;
            if (auto key = instance->mapper().autoincrement())
                instance->mapper().reset_to_blank(*key, instance->object());
        }
    expunge_all();
    transactions.drop_from(0);
    transactions.release();
    transactions.clear_failure();
}

std::shared_ptr<NestedState> SessionState::begin_nested() {
    check_usable();
    flush();
    return transactions.begin_savepoint(*this);
}

void SessionState::commit_nested(NestedState& state) {
    std::size_t level = transactions.level_of(state);
    if (level + 1 != transactions.all().size())
        throw InvalidRequestError("commit the inner savepoints before this one");
    flush();  // on failure the savepoint is rolled back (see flush) and `state` inactive
    state.savepoint->commit();
    transactions.merge_innermost();
}

void SessionState::rollback_nested(NestedState& state) {
    std::size_t level = transactions.level_of(state);
    if (level == 0) return;
    try {
        state.savepoint->rollback();  // inner savepoints are rolled back with it
    } catch (...) {
        undo_levels(level);
        throw;
    }
    undo_levels(level);
}

}  // namespace detail

// --- Session ---------------------------------------------------------------------------------

Session::Session(Engine engine, SessionOptions options)
    : state_(std::make_unique<detail::SessionState>(std::move(engine), std::move(options))) {
    state_->owner = this;
}
Session::Session(Session&& other) noexcept : state_(std::move(other.state_)) {
    if (state_) state_->owner = this;
}
Session& Session::operator=(Session&& other) noexcept {
    if (this != &other) {
        state_ = std::move(other.state_);
        if (state_) state_->owner = this;
    }
    return *this;
}
Session::~Session() = default;

void Session::attach(InstanceRef instance) {
    state_->attach(instance);
}
void Session::mark_deleted(InstanceRef instance) {
    state_->mark_deleted(instance);
}
InstanceRef Session::get_by_key(const Mapper& mapper, std::vector<Value> key) {
    return state_->get(mapper, key);
}
InstanceRef Session::merge_instance(InstanceRef copy) {
    return state_->merge(std::move(copy));
}

InstanceRef Session::merge_object(const InstanceRef& object) {
    return state_->merge_object(object);
}
void Session::refresh_instance(InstanceBase& instance) {
    state_->refresh(instance);
}
void Session::expire_instance(InstanceBase& instance) {
    state_->expire(instance);
}
void Session::expunge_instance(InstanceBase& instance) {
    state_->expunge(instance);
}
void Session::expire_all() {
    state_->expire_all();
}
void Session::expunge_all() {
    state_->expunge_all();
}
void Session::flush() {
    state_->flush();
}
void Session::commit() {
    state_->commit();
}
void Session::rollback() {
    state_->rollback();
}
void Session::close() noexcept {
    if (state_) state_->close();
}
bool Session::in_transaction() const noexcept {
    const Connection* connection = state_->transactions.checked_out();
    return connection != nullptr && connection->in_transaction();
}
SessionTransaction Session::begin_nested() {
    return SessionTransaction(state_->begin_nested());
}
SessionBlock Session::begin() {
    state_->check_usable();
    if (in_transaction())
        throw InvalidRequestError(
            "a transaction is already begun on this Session (a statement ran since the last "
            "commit): commit() or rollback() first, or use begin_nested() for a savepoint");
    return SessionBlock(*this);
}
SessionResult Session::execute(const Executable& statement, const Params& params,
                               const ExecuteOptions& options) {
    state_->check_usable();
    state_->autoflush();
    return SessionResult(state_.get(), state_->conn().execute(statement, params, options));
}
SessionResult Session::execute_model_select(const Select& statement, const Mapper& mapper,
                                            const retort::detail::LoaderOptions* options,
                                            const Params& params) {
    // A copy of the Select part alone: Core runs it, the options stay here.
    const Select plain(statement);
    std::vector<LoadOption> checked;
    if (options != nullptr)
        for (const LoadOption& option : options->options)
            detail::add_load_option(mapper, checked, option);
    SessionResult rows = execute(plain, params);
    rows.options_ = std::move(checked);
    rows.statement_ = plain;
    return rows;
}
std::int64_t Session::bulk_insert_rows(const Mapper& mapper, std::size_t count,
                                       const std::function<const void*(std::size_t)>& entity_at) {
    return detail::bulk_insert(*state_, mapper, count, entity_at);
}

Connection& Session::connection() {
    return state_->conn();
}
const Engine& Session::engine() const noexcept {
    return state_->engine;
}
std::size_t Session::identity_map_size() const noexcept {
    return state_->identity.size();
}
std::size_t Session::pending_count() const noexcept {
    return state_->work.pending().size();
}
std::size_t Session::deleted_count() const noexcept {
    return state_->work.deleting().size();
}
std::vector<InstanceRef> Session::dirty() const {
    const std::unordered_set<const InstanceBase*> deleting = [&] {
        std::unordered_set<const InstanceBase*> set;
        for (const auto& instance : state_->work.deleting()) set.insert(instance.get());
        return set;
    }();
    std::vector<InstanceRef> objects;
    for (const auto& instance : state_->work.changed())
        if (instance->state() == ObjectState::persistent && !deleting.contains(instance.get()) &&
            instance->modified())
            objects.push_back(instance);
    return objects;
}
std::vector<InstanceRef> Session::new_objects() const {
    return state_->work.pending();
}
std::vector<InstanceRef> Session::deleted_objects() const {
    return state_->work.deleting();
}
SessionEvents& Session::events() noexcept {
    return state_->options.events;
}
const SessionOptions& Session::options() const noexcept {
    return state_->options;
}

Session::NoAutoflush::NoAutoflush(Session& session) noexcept : state_(session.state_.get()) {
    ++state_->no_autoflush;
}
Session::NoAutoflush::~NoAutoflush() {
    --state_->no_autoflush;
}

// --- SessionTransaction ----------------------------------------------------------------------

SessionTransaction::SessionTransaction(SessionTransaction&& other) noexcept
    : state_(std::move(other.state_)) {}

SessionTransaction::~SessionTransaction() {
    if (!is_active()) return;
    try {
        state_->session->rollback_nested(*state_);
    } catch (const Error&) {
        // Destructors do not throw; the outer transaction's rollback will end the work.
    }
}

void SessionTransaction::commit() {
    if (!is_active())
        throw InvalidRequestError("this savepoint is no longer active (rolled back or released)");
    state_->session->commit_nested(*state_);
}

void SessionTransaction::rollback() {
    if (!is_active()) return;
    state_->session->rollback_nested(*state_);
}

bool SessionTransaction::is_active() const noexcept {
    return state_ && state_->active && state_->session != nullptr;
}

// --- SessionBlock ----------------------------------------------------------------------------

SessionBlock::SessionBlock(Session& session) noexcept
    : session_(&session), exceptions_(std::uncaught_exceptions()) {}

SessionBlock::SessionBlock(SessionBlock&& other) noexcept
    : session_(std::exchange(other.session_, nullptr)), exceptions_(other.exceptions_) {}

SessionBlock::~SessionBlock() noexcept(false) {
    if (session_ == nullptr) return;
    if (std::uncaught_exceptions() > exceptions_) {  // leaving by an exception
        Session* session = std::exchange(session_, nullptr);
        try {
            session->rollback();
        } catch (const Error&) {
            // The exception in flight says what went wrong; the session stays refused until
            // rolled back again, as after any failed rollback.
        }
        return;
    }
    commit();
}

void SessionBlock::commit() {
    if (session_ == nullptr)
        throw InvalidRequestError("this session.begin() scope has already ended");
    Session* session = std::exchange(session_, nullptr);
    try {
        session->commit();
    } catch (...) {
        // A failed commit leaves nothing half done: the transaction is rolled back.
        try {
            session->rollback();
        } catch (const Error&) {
        }
        throw;
    }
}

void SessionBlock::rollback() {
    if (Session* session = std::exchange(session_, nullptr)) session->rollback();
}

// --- ScopedSession ---------------------------------------------------------------------------

struct ScopedSession::Registry {
    explicit Registry(SessionFactory f) : factory(std::move(f)) {}
    SessionFactory factory;
    mutable std::mutex mutex;
    std::unordered_map<std::thread::id, std::unique_ptr<Session>> sessions;
};

ScopedSession::ScopedSession(SessionFactory factory)
    : registry_(std::make_shared<Registry>(std::move(factory))) {}

ScopedSession::~ScopedSession() = default;

Session& ScopedSession::operator()() {
    std::lock_guard lock(registry_->mutex);
    auto& session = registry_->sessions[std::this_thread::get_id()];
    if (!session) session = std::make_unique<Session>(registry_->factory());
    return *session;
}

void ScopedSession::remove() {
    std::unique_ptr<Session> session;
    {
        std::lock_guard lock(registry_->mutex);
        auto it = registry_->sessions.find(std::this_thread::get_id());
        if (it == registry_->sessions.end()) return;
        session = std::move(it->second);
        registry_->sessions.erase(it);
    }
    session->close();
}

bool ScopedSession::has_session() const {
    std::lock_guard lock(registry_->mutex);
    return registry_->sessions.count(std::this_thread::get_id()) != 0;
}

}  // namespace retort::orm
