// Retort Core: engine, connections, results, the SQL expression language and schema, typed
// models and typed queries; no ORM (no Session). Include retort/orm.hpp for the ORM, or
// retort/retort.hpp for everything.
#pragma once

#include "retort/engine/connection.hpp"
#include "retort/engine/engine.hpp"
#include "retort/engine/reflection.hpp"
#include "retort/engine/result.hpp"
#include "retort/engine/row.hpp"
#include "retort/engine/url.hpp"
#include "retort/errors.hpp"
#include "retort/schema/diagram.hpp"
#include "retort/schema/metadata.hpp"
#include "retort/schema/model.hpp"
#include "retort/schema/table.hpp"
#include "retort/sql/dialect.hpp"
#include "retort/sql/expression.hpp"
#include "retort/sql/functions.hpp"
#include "retort/sql/params.hpp"
#include "retort/sql/selectable.hpp"
#include "retort/sql/statements.hpp"
#include "retort/sql/text.hpp"
#include "retort/sql/typed.hpp"
#include "retort/types/sql_type.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"
