// What a TU pays for the umbrella header alone.
#include <retort/retort.hpp>
