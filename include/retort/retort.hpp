// The umbrella header: everything a Retort user needs. Narrower ones: retort/core.hpp (engine,
// SQL, schema, typed models; no ORM) and retort/orm.hpp (Core and the ORM), which is all of
// this one today.
#pragma once

#include "retort/orm.hpp"
