// The old application's data, generated: what years of free-text forms leave behind. Row `id`
// is the same on every run (its own random stream), so a run is reproducible at any size.
#pragma once

#include <cstdint>

#include "schema.hpp"

namespace data_migration {

/// Legacy row `id` (from 1). About one row in five cannot be converted (no e-mail, a bad
/// e-mail, an e-mail an earlier row already has, a date that is not one, an unknown status);
/// others need work: "Last, First" names, "Name <ADDRESS>" e-mails, day-first dates, Unix
/// times, "Y"/"0" statuses, duplicate or missing usernames, non-ASCII names, notes with tabs,
/// newlines, quotes and backslashes.
LegacyUser legacy_row(std::int64_t id);

}  // namespace data_migration
