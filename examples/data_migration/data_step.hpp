// The data step: legacy rows to the enhanced schema, chunk by chunk. Each chunk's converted
// rows, quarantined rows and checkpoint commit together, so a run killed at any moment leaves
// whole chunks behind it, and the next run starts after the last of them.
#pragma once

#include <cstdint>

#include "schema.hpp"

namespace data_migration {

struct StepOptions {
    bool dry_run = false;       ///< convert and count, write nothing
    std::int64_t chunk = 5000;  ///< legacy rows per committed chunk
    int pause_ms = 0;           ///< between chunks, to spare a busy production database
    bool show_progress = true;  ///< a line on stderr per chunk, and a summary
};

/// What a run did: rows converted and quarantined, by this run (not earlier ones).
struct StepTotals {
    std::int64_t migrated = 0;
    std::int64_t quarantined = 0;
};

/// Converts the legacy rows not yet converted; progress on stderr. A dry run reads and
/// converts everything (from the checkpoint, if any), prints what it would do, and writes
/// nothing.
StepTotals run_data_step(const retort::Engine& engine, const Schema& schema,
                         const StepOptions& options);

}  // namespace data_migration
