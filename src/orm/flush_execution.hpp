// Flush execution, the unit of work's second phase: a plan's statements sent, and what they
// return applied to the objects they wrote.
#pragma once

#include <cstddef>

#include "flush_plan.hpp"
#include "retort/engine/connection.hpp"

namespace retort::orm::detail {

/// Sends the steps of `plan` from index `from` on, in plan order: runs of statements as one
/// batch each (one pipeline on PostgreSQL), COPY steps on their own (COPY cannot be part of a
/// pipeline). Returned rows go to the objects that wrote them; rows affected are checked where
/// the step asks (StaleDataError). Returns the index after the last step sent.
std::size_t execute_steps(Connection& connection, const FlushPlan& plan, std::size_t from);

}  // namespace retort::orm::detail
