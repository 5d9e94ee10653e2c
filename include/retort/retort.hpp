// The umbrella header: everything a Retort user needs.
#pragma once

#include "retort/engine/connection.hpp"
#include "retort/engine/engine.hpp"
#include "retort/engine/result.hpp"
#include "retort/engine/row.hpp"
#include "retort/engine/url.hpp"
#include "retort/errors.hpp"
#include "retort/sql/params.hpp"
#include "retort/sql/text.hpp"
#include "retort/types/traits.hpp"
#include "retort/types/value.hpp"
