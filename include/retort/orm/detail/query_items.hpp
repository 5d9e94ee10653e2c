// How session.query() types what it selects: a model gives Ptr<E> in each row, a typed
// expression its C++ value (std::optional when an outer join may leave its entity missing).
// Used by Session and MultiQuery (orm/multi_query.hpp). Not for users: the names may change.
#pragma once

#include <type_traits>

#include "retort/orm/instance.hpp"
#include "retort/schema/model.hpp"
#include "retort/sql/typed.hpp"

namespace retort::orm {

template <class Nullable, class... Items>
class MultiQuery;

namespace typing {
/// A selected entity: rows hold a Ptr<E>.
template <class E>
struct entity_item {
    using entity = E;
    static constexpr bool is_entity = true;
    template <class Nullable>
    using value = Ptr<E>;
};
/// A selected column of C++ type V (of entity Owner, or void for other expressions).
template <class V, class Owner>
struct column_item {
    static constexpr bool is_entity = false;
    template <class Nullable>
    using value = retort::typing::joined_t<V, Owner, Nullable>;
};

template <class E>
std::true_type is_model_of(const Model<E>*);
std::false_type is_model_of(...);
template <class V>
V expr_value_of(const Expr<V>*);

template <class T, bool = decltype(is_model_of(static_cast<const T*>(nullptr)))::value>
struct query_item {
    using type = entity_item<typename T::entity_type>;
};
template <class T>
struct query_item<T, false> {
    using type = column_item<decltype(expr_value_of(static_cast<const T*>(nullptr))),
                             typename retort::typing::owner_of<T>::type>;
};
template <class T>
using query_item_t = typename query_item<T>::type;

template <class E, class List>
struct add_entity;
template <class E, class... Es>
struct add_entity<E, retort::typing::entity_list<Es...>> {
    using type = retort::typing::entity_list<Es..., E>;
};

/// What session.query() takes: a model, or a typed expression (a column, a function, a label).
template <class T>
concept query_operand = decltype(is_model_of(static_cast<const T*>(nullptr)))::value ||
                        requires(const T* item) {
    expr_value_of(item);
};
template <class T>
inline constexpr bool is_model = decltype(is_model_of(static_cast<const T*>(nullptr)))::value;
template <class... Ts>
concept query_operands = (query_operand<Ts> && ...);
}  // namespace typing

}  // namespace retort::orm
