// What a TU pays for Core alone (no ORM).
#include <retort/core.hpp>
