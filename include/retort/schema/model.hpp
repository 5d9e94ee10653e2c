// The typed table descriptor: a plain struct's members bound to columns, checked at compile time.
//
//   struct User { std::int64_t id = 0; std::string username; std::optional<std::string> email; };
//   struct Users : Model<User> {
//       Column<&User::id>       id{this, primary_key};
//       Column<&User::username> username{this, type::String(50), unique};
//       Column<&User::email>    email{this};
//       Users() : Model("users") {}
//   };
//   inline const Users users;
//
// A column's name is its member's name and its SQL type follows the member's C++ type (both can
// be overridden); std::optional members are nullable, others NOT NULL. The typed form compiles
// down to the dynamic one: the descriptor is a Table for every dynamic API.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "retort/schema/metadata.hpp"
#include "retort/schema/table.hpp"
#include "retort/sql/type_mapping.hpp"
#include "retort/sql/typed.hpp"
#include "retort/types/reflection.hpp"

namespace retort {

/// The MetaData models register in unless given another (SQLAlchemy's Base.metadata).
MetaData& default_metadata();

/// The untyped part of every Model: a FROM item whose definition is collected as its columns
/// are constructed and completed on first use.
class ModelBase : public FromClause {
  public:
    ModelBase(const ModelBase&) = delete;
    ModelBase& operator=(const ModelBase&) = delete;
    ~ModelBase();

    /// The table's definition (complete once the descriptor is constructed).
    const TableDefinition& definition() const;

    /// How a column reads and writes its member of an entity (type-erased: the entity's type
    /// is known to the typed Model<E> that hands these out).
    struct Accessor {
        Value (*get)(const void* entity);
        void (*set)(void* entity, const Field& field);
        /// The member compared between two entities, and copied from one to another.
        bool (*equal)(const void* a, const void* b);
        void (*copy)(void* to, const void* from);
        /// For a member that loads on first access (orm::Deferred<T>): its slot in an entity;
        /// null for a plain member.
        void* (*deferred_slot)(void* entity) = nullptr;
        /// The member read in place, without a Value: set for strings and signed integers
        /// (and optionals of them), which COPY writes straight from the objects; null for the
        /// rest, which go through get().
        Field (*view)(const void* entity) = nullptr;
    };

    /// Used by the columns while the descriptor is constructed.
    Expression add_mapped_column(Column column, Accessor accessor);
    void add_table_item(TableItem item);

    /// The mapped columns as expressions, in declaration order.
    std::vector<Expression> mapped_columns() const;
    /// Stores field `index` of a result row (in mapped_columns() order) into an entity;
    /// DataError names the column when the value does not fit the member.
    void read_column(std::size_t index, void* entity, const Field& field) const;
    std::size_t mapped_column_count() const;
    const std::string& mapped_column_name(std::size_t index) const;
    const Accessor& accessor(std::size_t index) const;
    /// A value-initialised entity: a member equal to its counterpart here was never set.
    const void* blank_entity() const noexcept;
    /// The entity's values, column by column; an autoincrement key still at its default
    /// (0, or an empty optional) is left out so that the database numbers the row.
    std::vector<Assignment> values_of(const void* entity) const;
    /// For a descriptor made by aliased(): the descriptor it is an alias of; null otherwise.
    const ModelBase* alias_of() const noexcept;

  protected:
    ModelBase(std::string name, MetaData& metadata, std::optional<std::string> schema,
              const void* blank_entity);
    /// In the descriptor's constructor: the table's earlier name, so that migrations rename it
    /// (keeping its rows) rather than drop it and create a new one. `Users() : Model("users")
    /// { was_named("people"); }`
    void was_named(std::string earlier_name);

  private:
    struct State;
    void become_alias(const ModelBase& original, std::string name);
    std::shared_ptr<State> state_;
};

namespace typing {
template <class M>
struct member_pointer;
template <class C, class V>
struct member_pointer<V C::*> {
    using owner = C;
    using value = V;
};

/// Members read in place as a Field (ModelBase::Accessor::view): strings and signed integers,
/// and optionals of them.
template <class M>
inline constexpr bool in_place_field = std::is_same_v<M, std::string> ||
                                       (std::is_integral_v<M> && std::is_signed_v<M> &&
                                        !std::is_same_v<M, bool>);
template <class M>
inline constexpr bool in_place_field<std::optional<M>> = in_place_field<M>;
template <class M>
Field field_of(const M& member) noexcept {
    if constexpr (std::is_same_v<M, std::string>)
        return Field::of_text(member);
    else
        return Field::of_integer(static_cast<std::int64_t>(member));
}
template <class M>
Field field_of(const std::optional<M>& member) noexcept {
    return member ? field_of(*member) : Field{};
}

/// A default_() / onupdate() value of type V can be stored in a member of type M. A Value is
/// taken on trust; numbers do not become booleans.
template <class V, class M>
inline constexpr bool value_fits = std::is_same_v<V, Value> || (std::is_convertible_v<V, M> &&
                                                                (!is_boolean<M> || is_boolean<V>));
template <class Option, class M>
inline constexpr bool default_fits = true;
template <class V, class M>
inline constexpr bool default_fits<TypedClientDefault<V>, M> = value_fits<V, M>;
template <class V, class M>
inline constexpr bool default_fits<TypedOnUpdate<V>, M> = value_fits<V, M>;

}  // namespace typing

template <class Entity>
class Model;

namespace detail {
template <class Entity>
inline const Entity blank_entity{};
/// The first descriptor constructed for an entity type: where `session.add(User{...})` finds
/// its table.
template <class Entity>
inline const Model<Entity>* model_of = nullptr;
}  // namespace detail

/// The descriptor registered for `Entity`; InvalidRequestError when none was constructed.
template <class Entity>
const Model<Entity>& model_for();

/// How a column reads and writes its struct member. A plain member holds its value; a wrapper
/// (orm::Deferred<T>, which loads on first access) specialises this to reach the value inside.
template <class Member>
struct member_codec {
    using value_type = Member;
    static const Member& value(const Member& member) { return member; }
    static void assign(Member& member, Member value) { member = std::move(value); }
    static bool equal(const Member& a, const Member& b) { return a == b; }
};

/// A column bound to a struct member: an Expr of the member's (value) type.
template <auto Member>
class MappedColumn : public Expr<typename member_codec<
                         typename typing::member_pointer<decltype(Member)>::value>::value_type> {
    using traits = typing::member_pointer<decltype(Member)>;
    using codec = member_codec<typename traits::value>;

  public:
    using entity_type = typename traits::owner;
    using value_type = typename codec::value_type;

    template <class E, class... Options>
    requires(std::is_same_v<E, entity_type> &&
             (typing::default_fits<std::remove_cvref_t<Options>, value_type> && ...))
        MappedColumn(Model<E>* model, Options&&... options)
        : Expr<value_type>(model->add_mapped_column(
              definition(std::forward<Options>(options)...),
              ModelBase::Accessor{&get, &set, &equal, &copy, slot_function(), view_function()})) {
        model_ = model;
        index_ = model->mapped_column_count() - 1;
    }
    // Misuses, refused at the user's declaration; one line each, since g++ quotes the line of a
    // deleted function, message included.
    // clang-format off
    template <class E, class... Options> requires(!std::is_same_v<E, entity_type>)
    MappedColumn(Model<E>*, Options&&...) RETORT_MISUSE("this column is bound to a member of another struct than the model's entity");
    template <class E, class... Options> requires(std::is_same_v<E, entity_type> && !(typing::default_fits<std::remove_cvref_t<Options>, value_type> && ...))
    MappedColumn(Model<E>*, Options&&...) RETORT_MISUSE("a default_() or onupdate() value must be of the member's type (a string for a std::string member, a number for a number, ...)");
    // clang-format on

    static constexpr auto member = Member;
    /// The descriptor this column belongs to, and its position among the mapped columns.
    const ModelBase& model() const noexcept { return *model_; }
    std::size_t index() const noexcept { return index_; }

  private:
    const ModelBase* model_ = nullptr;
    std::size_t index_ = 0;

    static Value get(const void* entity) {
        return to_value(codec::value(static_cast<const entity_type*>(entity)->*Member));
    }
    static void set(void* entity, const Field& field) {
        codec::assign(static_cast<entity_type*>(entity)->*Member,
                      value_traits<value_type>::from_field(field));
    }
    static bool equal(const void* a, const void* b) {
        return codec::equal(static_cast<const entity_type*>(a)->*Member,
                            static_cast<const entity_type*>(b)->*Member);
    }
    // orm::Deferred members: their slot, for the session to mark them loaded or not.
    static constexpr bool deferred = requires(typename traits::value & member) {
        codec::slot_of(member);
    };
    static void* slot(void* entity) {
        if constexpr (deferred)
            return codec::slot_of(static_cast<entity_type*>(entity)->*Member);
        else
            return nullptr;
    }
    static constexpr auto slot_function() -> void* (*)(void*) { return deferred ? &slot : nullptr; }
    static void copy(void* to, const void* from) {
        static_cast<entity_type*>(to)->*Member = static_cast<const entity_type*>(from)->*Member;
    }
    static constexpr bool viewable =
        !deferred && typing::in_place_field<std::remove_cv_t<typename traits::value>>;
    static Field view(const void* entity) {
        return typing::field_of(static_cast<const entity_type*>(entity)->*Member);
    }
    static constexpr auto view_function() -> Field (*)(const void*) {
        if constexpr (viewable)
            return &view;
        else
            return nullptr;
    }
    template <class... Options>
    static Column definition(Options&&... options) {
        Column column(std::string(reflect::member_name(Member)),
                      typing::default_sql_type<value_type>(), std::forward<Options>(options)...);
        if (!column.nullable) column.nullable = typing::is_optional<value_type>;
        return column;
    }
};

template <class Entity>
class Model;

/// A join of models whose type lists the entities on its optional side (the right side of a
/// LEFT join, both sides of a FULL join), so that a typed select FROM it types their columns
/// std::optional: select(users.name, addresses.email).select_from(users.outerjoin(addresses))
/// yields tuple<string, optional<string>>. Joining an untyped item gives a plain FromClause.
template <class All, class Nullable>
class ModelJoin;
template <class... All, class... Nullable>
class ModelJoin<typing::entity_list<All...>, typing::entity_list<Nullable...>> : public FromClause {
  public:
    using nullable_entities = typing::entity_list<Nullable...>;
    explicit ModelJoin(FromClause from) : FromClause(std::move(from)) {}

    using FromClause::full_join;
    using FromClause::join;
    using FromClause::outerjoin;
    template <class F>
    ModelJoin<typing::entity_list<All..., F>, nullable_entities> join(
        const Model<F>& right, std::optional<Expression> on = std::nullopt) const {
        return ModelJoin<typing::entity_list<All..., F>, nullable_entities>(
            FromClause::join(right, std::move(on)));
    }
    template <class F>
    ModelJoin<typing::entity_list<All..., F>, typing::entity_list<Nullable..., F>> outerjoin(
        const Model<F>& right, std::optional<Expression> on = std::nullopt) const {
        return ModelJoin<typing::entity_list<All..., F>, typing::entity_list<Nullable..., F>>(
            FromClause::outerjoin(right, std::move(on)));
    }
    template <class F>
    ModelJoin<typing::entity_list<All..., F>, typing::entity_list<All..., F>> full_join(
        const Model<F>& right, std::optional<Expression> on = std::nullopt) const {
        return ModelJoin<typing::entity_list<All..., F>, typing::entity_list<All..., F>>(
            FromClause::full_join(right, std::move(on)));
    }
};

/// The base of a typed table descriptor for entity struct `Entity`.
template <class Entity>
class Model : public ModelBase {
  public:
    using entity_type = Entity;
    /// Column<&Entity::member> inside the descriptor.
    template <auto Member>
    using Column = MappedColumn<Member>;

    /// Joins with another model keep track of which side may be missing (see ModelJoin);
    /// joins with untyped FROM items are FromClause's.
    using ModelBase::full_join;
    using ModelBase::join;
    using ModelBase::outerjoin;
    template <class F>
    ModelJoin<typing::entity_list<Entity, F>, typing::entity_list<>> join(
        const Model<F>& right, std::optional<Expression> on = std::nullopt) const {
        return ModelJoin<typing::entity_list<Entity, F>, typing::entity_list<>>(
            ModelBase::join(right, std::move(on)));
    }
    template <class F>
    ModelJoin<typing::entity_list<Entity, F>, typing::entity_list<F>> outerjoin(
        const Model<F>& right, std::optional<Expression> on = std::nullopt) const {
        return ModelJoin<typing::entity_list<Entity, F>, typing::entity_list<F>>(
            ModelBase::outerjoin(right, std::move(on)));
    }
    template <class F>
    ModelJoin<typing::entity_list<Entity, F>, typing::entity_list<Entity, F>> full_join(
        const Model<F>& right, std::optional<Expression> on = std::nullopt) const {
        return ModelJoin<typing::entity_list<Entity, F>, typing::entity_list<Entity, F>>(
            ModelBase::full_join(right, std::move(on)));
    }

    /// An entity's column values for insert(model).values(...).
    std::vector<Assignment> values_of(const Entity& entity) const {
        return ModelBase::values_of(&entity);
    }
    /// Builds an entity from the current row of a result of select(model).
    template <class Cursor>
    Entity read(Cursor& cursor) const {
        Entity entity{};
        for (std::size_t i = 0; i < mapped_column_count(); ++i)
            read_column(i, &entity, cursor.field(i));
        return entity;
    }

  protected:
    explicit Model(std::string table_name, MetaData& metadata = default_metadata(),
                   std::optional<std::string> schema = std::nullopt)
        : ModelBase(std::move(table_name), metadata, std::move(schema),
                    &detail::blank_entity<Entity>) {
        static_assert(std::is_aggregate_v<Entity>, "retort: an entity is a plain aggregate struct");
        if (detail::model_of<Entity> == nullptr) detail::model_of<Entity> = this;
    }
    ~Model() {
        if (detail::model_of<Entity> == this) detail::model_of<Entity> = nullptr;
    }
};

namespace detail {
[[noreturn]] void throw_unmapped(const char* entity_name);
}

namespace detail {
/// Makes the next descriptor constructed on this thread an alias of `original` (aliased()).
void begin_alias(const ModelBase& original, std::string name);
/// Forgets an alias request the constructor did not take (it threw first).
void end_alias() noexcept;
}  // namespace detail

/// An alias of a model's table (SQLAlchemy's aliased()): a descriptor of the same type whose
/// columns are typed like the model's and refer to `FROM table AS name`, for self-joins and a
/// table joined twice. `auto parent = aliased(nodes);` then `parent.id`, `parent.data`.
/// Without a name it is `<table>_<n>`, n the lowest number no other live alias of the table
/// holds. Entities load from it through the model's mapper (one identity map). The
/// descriptor must be default-constructible (as descriptors are).
template <class M>
requires std::is_base_of_v<ModelBase, M> M aliased(const M& model, std::string name = {}) {
    static_assert(std::is_default_constructible_v<M>,
                  "retort: aliased() constructs the descriptor again: it needs a default "
                  "constructor");
    struct Forget {
        ~Forget() { detail::end_alias(); }
    } forget;
    detail::begin_alias(model, std::move(name));  // taken by ModelBase's constructor
    return M();
}

template <class Entity>
const Model<Entity>& model_for() {
    if (detail::model_of<Entity> == nullptr) detail::throw_unmapped(__PRETTY_FUNCTION__);
    return *detail::model_of<Entity>;
}

namespace detail {
/// The loader options of a select(model) (selectinload(users.posts), ...): defined by the
/// ORM, which alone reads them; this layer only carries them.
struct LoaderOptions;
/// True for the ORM's relationship loader options, which select(model).options() takes.
template <class T>
inline constexpr bool is_loader_option = false;
}  // namespace detail

/// select(model): a Select that remembers its model through every builder, so that a session
/// reads its rows as objects without being told the type again (session.scalars(select(users)
/// .where(...)), SQLAlchemy's session.scalars(select(User)...)).
template <class E>
class ModelSelect : public Select {
  public:
    // An alias's rows are the model's objects: keep the model, which outlives any alias.
    ModelSelect(const Model<E>& model, Select select)
        : Select(std::move(select)),
          model_(model.alias_of() != nullptr ? static_cast<const Model<E>*>(model.alias_of())
                                             : &model) {}
    /// The model the rows are read as.
    const Model<E>& model() const noexcept { return *model_; }

#define RETORT_MODEL_BUILDER(name, parameters, arguments)            \
    ModelSelect name parameters const& {                             \
        return rebuilt(Select::name arguments);                      \
    }                                                                \
    ModelSelect name parameters&& {                                  \
        return rebuilt(static_cast<Select&&>(*this).name arguments); \
    }
    RETORT_MODEL_BUILDER(where, (const Expression& c), (c))
    RETORT_MODEL_BUILDER(join, (const FromClause& r, std::optional<Expression> on = std::nullopt),
                         (r, std::move(on)))
    RETORT_MODEL_BUILDER(outerjoin,
                         (const FromClause& r, std::optional<Expression> on = std::nullopt),
                         (r, std::move(on)))
    RETORT_MODEL_BUILDER(group_by, (std::vector<Expression> e), (std::move(e)))
    RETORT_MODEL_BUILDER(having, (const Expression& c), (c))
    RETORT_MODEL_BUILDER(order_by, (std::vector<Expression> e), (std::move(e)))
    RETORT_MODEL_BUILDER(limit, (std::int64_t n), (n))
    RETORT_MODEL_BUILDER(offset, (std::int64_t n), (n))
    RETORT_MODEL_BUILDER(distinct, (), ())
    RETORT_MODEL_BUILDER(for_update, (ForUpdate o = {}), (std::move(o)))
#undef RETORT_MODEL_BUILDER
    template <JoinPath P>
    ModelSelect join(const P& path) const {
        return rebuilt(Select::join(path));
    }
    template <JoinPath P>
    ModelSelect outerjoin(const P& path) const {
        return rebuilt(Select::outerjoin(path));
    }
    /// How a Session loads the objects' relationships (SQLAlchemy's select(User).options(
    /// selectinload(User.posts))): selectinload, subqueryload, lazyload, raiseload, noload,
    /// chained with .then(). Applied by session.execute / scalars / scalar; Core's
    /// connection.execute refuses a select that carries them.
    template <class... Options>
    requires(sizeof...(Options) > 0 && (detail::is_loader_option<Options> && ...)) ModelSelect
        options(const Options&... options)
    const {
        ModelSelect copy = *this;
        (add_loader_option(copy.loader_options_, options), ...);  // the ORM's, found by ADL
        return copy;
    }
    // Anything else (column options such as load_only among them) is refused at the caller's
    // line.
    // clang-format off
    template <class... Options> requires(!(detail::is_loader_option<Options> && ...))
    misuse::select_of_a_model_takes_relationship_loader_options_use_session_query_for_load_only options(const Options&...) const RETORT_MISUSE("select(model).options() takes relationship loader options (selectinload, subqueryload, ...); use session.query(model).options(...) for load_only and defer");
    // clang-format on
    /// The options given to options(), null when none was.
    const std::shared_ptr<const detail::LoaderOptions>& loader_options() const noexcept {
        return loader_options_;
    }
    const char* session_only() const noexcept override {
        return loader_options_ ? "select(model).options(...): loader options apply when a "
                                 "Session runs the select (session.execute, session.scalars)"
                               : nullptr;
    }

  private:
    ModelSelect rebuilt(Select select) const {
        ModelSelect result(*model_, std::move(select));
        result.loader_options_ = loader_options_;
        return result;
    }

    const Model<E>* model_;
    std::shared_ptr<const detail::LoaderOptions> loader_options_;
};

/// SELECT of every mapped column of a model, FROM its table: rows read back as entities with
/// result.entities(model), or as tracked objects by session.scalars().
template <class E>
ModelSelect<E> select(const Model<E>& model) {
    return ModelSelect<E>(model, Select(model.mapped_columns()).select_from(model));
}

}  // namespace retort
