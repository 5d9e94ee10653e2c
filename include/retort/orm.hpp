// Retort Core and the ORM: Session, identity map and unit of work, relationships, loader
// options, queries of entities.
#pragma once

#include "retort/core.hpp"
#include "retort/orm/deferred.hpp"
#include "retort/orm/instance.hpp"
#include "retort/orm/loading.hpp"
#include "retort/orm/mapper.hpp"
#include "retort/orm/multi_query.hpp"
#include "retort/orm/query.hpp"
#include "retort/orm/relationship.hpp"
#include "retort/orm/session.hpp"
