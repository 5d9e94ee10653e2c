// Session: the ORM's unit of work over an Engine (SQLAlchemy's Session).
//
//   Session session(engine);
//   auto john = session.add(User{.username = "johndoe", .email = "john@example.com"});
//   session.commit();                                    // INSERT ... RETURNING id; john->id set
//   john->email = "john.doe@example.com";                // found by the next flush
//   auto admins = session.query(users).filter(users.is_admin).order_by(users.id).all();
//
// The identity map keeps at most one object per primary key: loading a row twice gives the same
// Ptr. A flush writes pending INSERTs, changed columns' UPDATEs and DELETEs ordered by the
// tables' foreign keys, batched, as one pipeline (one round trip) on PostgreSQL. The Session
// checks out a connection at its first statement and holds it until commit(), rollback() or
// close(); destroying the Session rolls back what was not committed. A Session, and the objects
// attached to it, belong to one thread at a time.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "retort/engine/engine.hpp"
#include "retort/orm/detail/query_items.hpp"
#include "retort/orm/detail/session_access.hpp"
#include "retort/orm/instance.hpp"
#include "retort/orm/loading.hpp"
#include "retort/orm/mapper.hpp"
#include "retort/orm/relationship.hpp"
#include "retort/schema/model.hpp"

namespace retort::orm {

class Session;
template <class E>
class Query;

/// Hooks per Session (SQLAlchemy's session events).
struct SessionEvents {
    std::vector<std::function<void(Session&)>> before_flush, after_flush, after_commit,
        after_rollback;
};

struct SessionOptions {
    /// Flush before each query, so that it sees the session's own changes.
    bool autoflush = true;
    /// Expire every object at commit: their next access reloads what the database now holds.
    bool expire_on_commit = true;
    /// Rows per multi-row statement of a flush where the dialect writes many rows per
    /// statement (PostgreSQL's INSERT ... VALUES, and its UPDATE ... FROM (VALUES ...) for
    /// changes to array columns). A PostgreSQL UPDATE otherwise binds one array per column
    /// and writes every changed row of one shape in one statement.
    std::size_t batch_rows = 1000;
    /// N+1 detection: when one relationship is lazily loaded more than this many times in a
    /// session, a warning names it and suggests selectinload (0 turns the check off).
    std::size_t lazy_load_warning_threshold = 10;
    /// Make that warning an InvalidRequestError (for test suites).
    bool raise_on_repeated_lazy_loads = false;
    SessionEvents events{};
};

/// How a bulk query update() / delete_() brings objects already in the session up to date.
enum class Synchronize {
    none,   ///< leave them: they may be stale until expired or refreshed
    fetch,  ///< RETURNING the affected rows: updated objects take the new values, deleted
            ///< ones leave the session
};

/// A savepoint of a Session (begin_nested): commit() releases it; leaving scope without
/// commit, or a failed flush inside it, rolls back to it — the database and the objects.
class SessionTransaction {
  public:
    SessionTransaction(SessionTransaction&& other) noexcept;
    SessionTransaction& operator=(SessionTransaction&&) = delete;
    ~SessionTransaction();
    /// Flushes, then releases the savepoint.
    void commit();
    void rollback();
    bool is_active() const noexcept;

  private:
    friend class Session;
    explicit SessionTransaction(std::shared_ptr<detail::NestedState> state) noexcept
        : state_(std::move(state)) {}
    std::shared_ptr<detail::NestedState> state_;
};

/// session.begin(): the session's transaction as a scope, SQLAlchemy's `with session.begin():`.
/// Leaving the scope normally commits (flushing first); leaving it by an exception rolls
/// back. A commit that fails at the end of the scope throws from there (this destructor may
/// throw, but never while an exception is already in flight).
///   {
///       auto transaction = session.begin();
///       session.add(User{.username = "ann"});
///   }  // committed here
class SessionBlock {
  public:
    SessionBlock(SessionBlock&& other) noexcept;
    SessionBlock& operator=(SessionBlock&&) = delete;
    ~SessionBlock() noexcept(false);
    /// Ends the scope early: commits now / rolls back now.
    void commit();
    void rollback();
    bool is_active() const noexcept { return session_ != nullptr; }

  private:
    friend class Session;
    explicit SessionBlock(Session& session) noexcept;
    Session* session_;
    int exceptions_;  // in flight when the scope began
};

/// The rows of session.execute(statement): ORM entities through the identity map, or rows.
class SessionResult {
  public:
    SessionResult(detail::SessionState* session, Result result) noexcept
        : state_(session), result_(std::move(result)) {}
    /// Rows of select(model) as tracked objects.
    template <class E>
    std::vector<Ptr<E>> scalars();
    template <class E>
    std::vector<Ptr<E>> scalars(const Model<E>& model);
    Result& rows() noexcept { return result_; }

  private:
    friend class Session;
    detail::SessionState* state_;
    Result result_;
    // select(model).options(...): the options, checked against the model, and the statement,
    // which a subqueryload re-runs.
    std::vector<LoadOption> options_;
    std::optional<Select> statement_;
};

/// The rows of session.execute(select(users)...): .scalars() gives them as tracked objects,
/// the select's loader options applied (SQLAlchemy's session.execute(select(User)).scalars()).
template <class E>
class ModelResult : public SessionResult {
  public:
    ModelResult(SessionResult rows, const Model<E>& model) noexcept
        : SessionResult(std::move(rows)), model_(&model) {}
    using SessionResult::scalars;
    std::vector<Ptr<E>> scalars() { return SessionResult::scalars(*model_); }

  private:
    const Model<E>* model_;
};

class Session {
  public:
    explicit Session(Engine engine, SessionOptions options = {});
    Session(Session&&) noexcept;
    Session& operator=(Session&&) noexcept;
    ~Session();

    // --- objects ----------------------------------------------------------------------------

    /// Adds a new object (pending: INSERTed at the next flush) and returns its handle.
    template <class E>
    Ptr<E> add(E entity) {
        return add(model_for<E>(), std::move(entity));
    }
    template <class E>
    Ptr<E> add(const Model<E>& model, E entity) {
        auto instance = Instance<E>::make(mapper_of(model), std::move(entity));
        detail::adopt(instance);
        attach(instance);
        return detail::ptr_to<E>(std::move(instance));
    }
    /// Adds an object by handle: a transient one becomes pending, a detached one persistent
    /// again (its changes made while detached are flushed); one already here is left alone.
    template <class E>
    const Ptr<E>& add(const Ptr<E>& object) {
        attach(object.instance());
        return object;
    }
    template <class E>
    std::vector<Ptr<E>> add_all(std::vector<E> entities) {
        const Model<E>& model = model_for<E>();
        std::vector<Ptr<E>> added;
        added.reserve(entities.size());
        for (auto& entity : entities) added.push_back(add(model, std::move(entity)));
        return added;
    }
    /// Marks a persistent object for DELETE at the next flush.
    template <class E>
    void delete_(const Ptr<E>& object) {
        mark_deleted(object.instance());
    }
    /// The object with this primary key: from the identity map when it is there, else one
    /// SELECT; a null Ptr when there is no such row.
    template <class E, class... Key>
    Ptr<E> get(const Model<E>& model, const Key&... key) {
        return detail::ptr_to<E>(
            get_by_key(mapper_of(model), std::vector<Value>{to_value(key)...}));
    }
    template <class E, class... Key>
    Ptr<E> get(const Key&... key) {
        return get(model_for<E>(), key...);
    }
    /// A composite key as SQLAlchemy spells it, one tuple in key order:
    /// session.get(memberships, std::tuple{7, "admins"}).
    template <class E, class... Key>
    Ptr<E> get(const Model<E>& model, const std::tuple<Key...>& key) {
        return std::apply([&](const auto&... part) { return get(model, part...); }, key);
    }
    /// Copies the state of `entity` onto the persistent object with its primary key (loaded if
    /// needed), or adds a new pending copy when there is none; returns the object in this
    /// session. The argument itself is never attached. The merge cascade carries on along
    /// every relationship member the entity carries (see RelationshipSlot::given): each
    /// related object is merged the same way and the session's object then holds exactly the
    /// merged ones, as if assigned (back_populates kept, a child left out is an orphan).
    template <class E>
    Ptr<E> merge(const E& entity) {
        const Mapper& mapper = mapper_of(model_for<E>());
        return detail::ptr_to<E>(merge_instance(Instance<E>::make(mapper, entity)));
    }
    /// merge() of an object of another session, or of none (detached or transient). One of
    /// this session is returned as it is; an expired detached one, whose values are gone, is
    /// the object with its key here (ObjectDeletedError when its row is gone too).
    template <class E>
    Ptr<E> merge(const Ptr<E>& object) {
        return detail::ptr_to<E>(merge_object(object.instance()));
    }
    /// Reloads the object's row now, discarding unflushed changes.
    template <class E>
    void refresh(const Ptr<E>& object) {
        refresh_instance(*object.instance());
    }
    /// Discards the object's loaded state: it reloads on next access.
    template <class E>
    void expire(const Ptr<E>& object) {
        expire_instance(*object.instance());
    }
    /// Removes the object from the session (it becomes detached, or transient if pending).
    template <class E>
    void expunge(const Ptr<E>& object) {
        expunge_instance(*object.instance());
    }
    void expire_all();
    void expunge_all();

    // --- bulk ------------------------------------------------------------------------------

    /// Inserts many new rows in the session's transaction without tracking them (SQLAlchemy's
    /// bulk_insert_mappings): the objects are not added, no events run, and no keys or server
    /// defaults are read back; client defaults and version counters are applied. On
    /// PostgreSQL the rows go through COPY, the fastest way in; elsewhere through one prepared
    /// INSERT per row. Returns the rows inserted. A failure inserts none of them (the
    /// transaction then needs rollback(), as after a failed flush).
    template <class E>
    std::int64_t bulk_insert(const Model<E>& model, std::span<const E> objects) {
        return bulk_insert_rows(mapper_of(model), objects.size(),
                                [&](std::size_t i) -> const void* { return &objects[i]; });
    }
    template <class E>
    std::int64_t bulk_insert(const std::vector<E>& objects) {
        return bulk_insert(model_for<E>(), std::span<const E>(objects));
    }

    /// INSERT ... ON CONFLICT (conflict_columns) DO UPDATE, setting every other column the
    /// object gives to its value (SQLAlchemy's insert().on_conflict_do_update() run through a
    /// Session; PostgreSQL and SQLite). One statement, atomic under concurrent writers: the row
    /// is inserted or updated, never duplicated. Returns the row as it now stands, as a tracked
    /// object (an object of that row already in the session is refreshed).
    template <class E>
    Ptr<E> upsert(const Model<E>& model, const E& entity,
                  const std::vector<std::string>& conflict_columns) {
        std::vector<Assignment> values = model.values_of(entity);
        std::vector<Assignment> set;
        const TableDefinition& table = model.definition();
        for (const auto& value : values) {
            const bool target = std::find(conflict_columns.begin(), conflict_columns.end(),
                                          value.column) != conflict_columns.end();
            const Column* column = table.column(value.column);
            if (!target && !(column != nullptr && column->primary_key))
                set.emplace_back(value.column, excluded(value.column));
        }
        // Nothing else to set: a no-op update still makes RETURNING give the row back.
        if (set.empty()) set.emplace_back(conflict_columns.at(0), excluded(conflict_columns.at(0)));
        const std::size_t known = identity_map_size();
        auto objects = execute(insert(model)
                                   .values(std::move(values))
                                   .on_conflict_do_update(conflict_columns, std::move(set))
                                   .returning(model.mapped_columns()))
                           .scalars(model);
        if (objects.empty()) throw NoResultFound("upsert() returned no row");
        if (identity_map_size() == known) refresh(objects.front());  // it was here before
        return objects.front();
    }
    template <class E>
    Ptr<E> upsert(const E& entity, const std::vector<std::string>& conflict_columns) {
        return upsert(model_for<E>(), entity, conflict_columns);
    }

    // --- the unit of work and transactions --------------------------------------------------

    /// Writes pending changes. A failure rolls back (the savepoint, when inside begin_nested(),
    /// else the transaction: then rollback() must be called before the session is used again);
    /// the objects keep their unflushed state.
    void flush();
    /// Flushes and commits; expires every object when expire_on_commit; releases the connection.
    void commit();
    /// Rolls back the transaction: objects added in it leave the session, objects deleted in
    /// it come back, every other object is expired.
    void rollback();
    /// Expunges every object and rolls back; the session may be used again afterwards.
    void close() noexcept;
    /// A savepoint (flushing first). Any depth.
    [[nodiscard]] SessionTransaction begin_nested();
    /// The transaction as a scope: committed when the scope ends normally, rolled back when it
    /// ends by an exception (see SessionBlock). InvalidRequestError when a transaction is
    /// already begun (a statement ran since the last commit): commit first, or begin_nested().
    [[nodiscard]] SessionBlock begin();
    bool in_transaction() const noexcept;

    /// Queries are not preceded by a flush while the returned guard lives.
    class NoAutoflush {
      public:
        explicit NoAutoflush(Session& session) noexcept;
        NoAutoflush(const NoAutoflush&) = delete;
        NoAutoflush& operator=(const NoAutoflush&) = delete;
        ~NoAutoflush();

      private:
        detail::SessionState* state_;
    };

    // --- queries ----------------------------------------------------------------------------

    /// session.query(users).filter(...).order_by(...).all(): see Query.
    template <class E>
    Query<E> query(const Model<E>& model);
    /// Rows of several entities and columns, typed (see orm/multi_query.hpp):
    /// session.query(users, posts).join(users.posts).all() gives tuple<Ptr<User>, Ptr<Post>>.
    template <class First, class Second, class... Rest>
    requires typing::query_operands<First, Second, Rest...>
    auto query(const First& first, const Second& second, const Rest&... rest);
    /// Binds a select() of entities to this session: session.execute(select(users, posts)
    /// .join(users.posts)).all() (see orm/multi_query.hpp).
    template <class Nullable, class... Items>
    MultiQuery<Nullable, Items...> execute(const MultiQuery<Nullable, Items...>& statement);
    // Anything else is refused at the caller's line.
    // clang-format off
    template <class First, class Second, class... Rest> requires(!typing::query_operands<First, Second, Rest...>)
    misuse::session_query_takes_models_and_typed_expressions_columns_functions_labels query(const First&, const Second&, const Rest&...) RETORT_MISUSE("session.query() takes models and typed expressions (columns, functions, labels)");
    // clang-format on
    /// Executes a statement in the session's transaction (after an autoflush);
    /// `.scalars<User>()` maps select(users) rows to tracked objects.
    SessionResult execute(const Executable& statement, const Params& params = {},
                          const ExecuteOptions& options = {});
    /// A typed select of columns and aggregates: rows come back as std::tuple.
    template <class... Ts>
    TypedResult<Ts...> execute(const TypedSelect<Ts...>& statement, const Params& params = {}) {
        return TypedResult<Ts...>(
            std::move(execute(static_cast<const Executable&>(statement), params).rows()));
    }
    /// SQLAlchemy's session.scalar(select(...)): the first column of the first row, typed
    /// (NoResultFound without a row, unless the column is a std::optional).
    template <class... Ts>
    auto scalar(const TypedSelect<Ts...>& statement, const Params& params = {}) {
        return execute(statement, params).scalar();
    }
    /// session.scalars(select(column)): the first column of every row.
    template <class... Ts>
    auto scalars(const TypedSelect<Ts...>& statement, const Params& params = {}) {
        return execute(statement, params).scalars();
    }
    /// session.execute(select(users).options(selectinload(users.posts))).scalars(): the
    /// rows as tracked objects, the loader options applied.
    template <class E>
    ModelResult<E> execute(const ModelSelect<E>& statement, const Params& params = {}) {
        return ModelResult<E>(execute_model_select(statement, mapper_of(statement.model()),
                                                   statement.loader_options().get(), params),
                              statement.model());
    }
    /// session.scalars(select(users).where(...)): the rows as tracked objects.
    template <class E>
    std::vector<Ptr<E>> scalars(const ModelSelect<E>& statement, const Params& params = {}) {
        return execute(statement, params).scalars();
    }
    /// session.scalar(select(users).where(...)): the first row's object, null without a row.
    template <class E>
    Ptr<E> scalar(const ModelSelect<E>& statement, const Params& params = {}) {
        auto objects = execute(statement.limit(1), params).scalars();
        return objects.empty() ? Ptr<E>() : objects.front();
    }
    /// The session's connection (beginning its transaction), for Core statements.
    Connection& connection();
    const Engine& engine() const noexcept;

    /// Objects in the identity map, pending, marked for deletion, and opened for writing.
    std::size_t identity_map_size() const noexcept;
    std::size_t pending_count() const noexcept;
    std::size_t deleted_count() const noexcept;
    /// SQLAlchemy's session.dirty: persistent objects whose mapped values differ from what was
    /// loaded. Reading through a non-const Ptr opens an object for writing, but an object
    /// opened and left unchanged is not dirty (the values are compared).
    std::vector<InstanceRef> dirty() const;
    /// SQLAlchemy's session.new: objects added and not yet flushed, in add() order.
    std::vector<InstanceRef> new_objects() const;
    /// SQLAlchemy's session.deleted: objects marked for deletion, DELETE not yet flushed.
    std::vector<InstanceRef> deleted_objects() const;
    SessionEvents& events() noexcept;
    const SessionOptions& options() const noexcept;

    /// The ORM's internals; used by Query and SessionResult.
    detail::SessionState& state() noexcept { return *state_; }

    template <class E>
    static const Mapper& mapper_of(const Model<E>& model) {
        return mapper_for(model, &Instance<E>::create);
    }

  private:
    void attach(InstanceRef instance);
    void mark_deleted(InstanceRef instance);
    InstanceRef get_by_key(const Mapper& mapper, std::vector<Value> key);
    InstanceRef merge_instance(InstanceRef copy);
    InstanceRef merge_object(const InstanceRef& object);
    void refresh_instance(InstanceBase& instance);
    void expire_instance(InstanceBase& instance);
    void expunge_instance(InstanceBase& instance);
    std::int64_t bulk_insert_rows(const Mapper& mapper, std::size_t count,
                                  const std::function<const void*(std::size_t)>& entity_at);
    SessionResult execute_model_select(const Select& statement, const Mapper& mapper,
                                       const retort::detail::LoaderOptions* options,
                                       const Params& params);

    std::unique_ptr<detail::SessionState> state_;
};

/// Typed hooks on a model's mapper: `orm::model_events(users).before_insert([](User& u) { ... });`.
template <class E>
class ModelEvents {
  public:
    explicit ModelEvents(MapperEvents& events) noexcept : events_(&events) {}
    template <class F>
    ModelEvents& before_insert(F hook) {
        events_->before_insert.push_back(wrap(std::move(hook)));
        return *this;
    }
    template <class F>
    ModelEvents& after_insert(F hook) {
        events_->after_insert.push_back(wrap(std::move(hook)));
        return *this;
    }
    template <class F>
    ModelEvents& before_update(F hook) {
        events_->before_update.push_back(wrap(std::move(hook)));
        return *this;
    }
    template <class F>
    ModelEvents& after_update(F hook) {
        events_->after_update.push_back(wrap(std::move(hook)));
        return *this;
    }
    template <class F>
    ModelEvents& before_delete(F hook) {
        events_->before_delete.push_back(wrap(std::move(hook)));
        return *this;
    }
    template <class F>
    ModelEvents& after_delete(F hook) {
        events_->after_delete.push_back(wrap(std::move(hook)));
        return *this;
    }
    /// Removes every hook of this model.
    void clear() { *events_ = MapperEvents{}; }

  private:
    template <class F>
    static MapperEvents::Hook wrap(F hook) {
        static_assert(std::is_invocable_v<F&, E&>, "retort: a model hook takes the entity: E&");
        return [hook = std::move(hook)](void* entity) mutable { hook(*static_cast<E*>(entity)); };
    }
    MapperEvents* events_;
};

template <class E>
ModelEvents<E> model_events(const Model<E>& model) {
    return ModelEvents<E>(Session::mapper_of(model).events());
}

/// Makes Sessions with one configuration (SQLAlchemy's sessionmaker).
class SessionFactory {
  public:
    explicit SessionFactory(Engine engine, SessionOptions options = {})
        : engine_(std::move(engine)), options_(std::move(options)) {}
    Session operator()() const { return Session(engine_, options_); }
    const Engine& engine() const noexcept { return engine_; }
    /// Runs `body(session)` in a new Session, committed on return, and runs it again in a fresh
    /// Session (after a backoff) when it failed with a serialization failure, a deadlock,
    /// SQLite busy, or a connection lost before COMMIT was sent or with a COMMIT the server
    /// confirms rolled back; a lost COMMIT reply is resolved, never blindly retried (see
    /// Engine::run_transaction). The isolation is the engine's:
    /// RetryOptions::isolation is refused here (ArgumentError), since a Session begins its own
    /// transaction. Returns what `body` returns.
    template <class Body>
    auto run_transaction(Body&& body, RetryOptions options = {}) const {
        if (options.isolation)
            throw ArgumentError(
                "SessionFactory::run_transaction() cannot set the isolation: a Session begins its "
                "transaction itself; give the engine an isolation_level instead");
        using Returned = std::invoke_result_t<Body&, Session&>;
        if constexpr (std::is_void_v<Returned>) {
            retort::detail::retry_transaction(
                [&] {
                    Session session = (*this)();
                    body(session);
                    session.commit();
                },
                options,
                [this](const CommitOutcomeUnknown& lost) { return engine_.resolve_commit(lost); });
        } else {
            std::optional<Returned> result;
            retort::detail::retry_transaction(
                [&] {
                    Session session = (*this)();
                    result.emplace(body(session));
                    session.commit();
                },
                options,
                [this](const CommitOutcomeUnknown& lost) { return engine_.resolve_commit(lost); });
            return std::move(*result);
        }
    }

  private:
    Engine engine_;
    SessionOptions options_;
};

/// One Session per thread (SQLAlchemy's scoped_session), for servers: `registry()` is the
/// calling thread's session, made on first use; remove() closes and forgets it: call it at the
/// end of each request. Sessions left over are closed when the registry is destroyed.
class ScopedSession {
  public:
    explicit ScopedSession(SessionFactory factory);
    ScopedSession(const ScopedSession&) = delete;
    ScopedSession& operator=(const ScopedSession&) = delete;
    ~ScopedSession();
    Session& operator()();
    void remove();
    bool has_session() const;

  private:
    struct Registry;
    std::shared_ptr<Registry> registry_;
};

template <class E>
std::vector<Ptr<E>> SessionResult::scalars(const Model<E>& model) {
    const Mapper& mapper = Session::mapper_of(model);
    auto objects = detail::load_objects<E>(*state_, mapper, result_);
    if (!mapper.relationships().empty()) {
        result_.close();  // the connection is needed for eager loads
        std::vector<InstanceBase*> loaded;
        for (auto& object : objects) loaded.push_back(object.instance().get());
        detail::load_eagerly(*state_, mapper, loaded, options_,
                             statement_ ? &*statement_ : nullptr);
    }
    return objects;
}

template <class E>
Ptr<E> make(E entity) {
    auto instance = Instance<E>::make(Session::mapper_of(model_for<E>()), std::move(entity));
    detail::adopt(instance);
    return detail::ptr_to<E>(std::move(instance));
}
template <class E>
std::vector<Ptr<E>> SessionResult::scalars() {
    return scalars(model_for<E>());
}

}  // namespace retort::orm
