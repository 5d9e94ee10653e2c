#include "retort/engine/reflection.hpp"

#include <algorithm>

#include "engine_state.hpp"
#include "retort/engine/connection.hpp"

namespace retort {

Inspector::Inspector(Connection& connection)
    : connection_(&connection), reflector_(&connection.driver_reflector()) {}

std::vector<std::string> Inspector::table_names(const std::optional<std::string>& schema) const {
    return reflector_->table_names(*connection_, schema);
}

bool Inspector::has_table(const std::string& name, const std::optional<std::string>& schema) const {
    return connection_->has_table(name, schema);
}

TableDefinition Inspector::table(const std::string& name,
                                 const std::optional<std::string>& schema) const {
    return reflector_->table(*connection_, name, schema);
}

std::vector<ReflectedEnum> Inspector::enums(const std::optional<std::string>& schema) const {
    return reflector_->enums(*connection_, schema);
}

std::vector<Sequence> Inspector::sequences(const std::optional<std::string>& schema) const {
    return reflector_->sequences(*connection_, schema);
}

}  // namespace retort
