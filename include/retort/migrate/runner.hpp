// Applying revisions: upgrade, downgrade, stamp, and what is applied (Alembic's command module),
// for the CLI and for applications that migrate at startup:
//   migrate::upgrade(engine, migrate::Migrations::from_directory("migrations"), "head");
//
// The version table (retort_version) records every applied revision with its checksum. Each
// revision runs in a transaction of its own (PostgreSQL's DDL is transactional; SQLite's too),
// which first records the revision: a second process migrating at the same time waits for the
// first (on PostgreSQL an advisory lock, then the version row) and skips what it applied, so
// nothing is applied twice. A revision that needs to run outside a transaction (CREATE INDEX
// CONCURRENTLY) runs statement by statement, and says so in the plan.
#pragma once

#include <chrono>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "retort/engine/engine.hpp"
#include "retort/migrate/revision.hpp"

namespace retort::migrate {

/// The table applied revisions are recorded in.
inline constexpr const char* version_table_name = "retort_version";

struct RunOptions {
    /// PostgreSQL: a statement waiting longer than this for a lock on a busy table gives up
    /// (lock_timeout), instead of blocking every query queued behind it. Zero: wait forever.
    std::chrono::milliseconds lock_timeout{10000};
    /// One line before each revision is applied or undone ("upgrade 3c4d..: message"), and for
    /// a revision of several statements one per statement as it ends, with its time
    /// ("  [2/5] CREATE INDEX ... (12.40 s)").
    std::function<void(const std::string&)> progress{};
    /// Offline mode (`--sql`): the SQL is written here, for a DBA to run, instead of run.
    std::ostream* sql_output = nullptr;
    /// Offline upgrade: the revision the database is at (none: an empty database); anywhere
    /// else an ArgumentError.
    std::optional<std::string> offline_from{};
    /// Apply even when an applied revision's file was edited since (reported otherwise).
    bool allow_edited = false;
};

struct AppliedRevision {
    std::string id;
    std::string checksum;
};

/// The applied revisions, in the order they were applied (none when the table does not exist).
std::vector<AppliedRevision> applied(const Engine& engine);
/// The applied revisions no other applied revision descends from (Alembic's `current`).
std::vector<std::string> current(const Engine& engine, const Migrations& migrations);
/// Applied revisions whose recorded checksum differs from their file's, one line each.
std::vector<std::string> edited(const Engine& engine, const Migrations& migrations);

/// Applies what `target` needs ("head", "heads", a revision id or prefix, "+N"), oldest first.
/// Returns the ids applied. ArgumentError for an unknown target, several heads with "head", or
/// an edited applied revision (unless allowed).
std::vector<std::string> upgrade(const Engine& engine, const Migrations& migrations,
                                 const std::string& target = "head",
                                 const RunOptions& options = {});
/// Undoes revisions down to `target` ("-N", "base", or a revision, which stays applied),
/// newest first. Returns the ids undone.
std::vector<std::string> downgrade(const Engine& engine, const Migrations& migrations,
                                   const std::string& target, const RunOptions& options = {});
/// Records `target` and its ancestry as applied without running anything ("base": none).
void stamp(const Engine& engine, const Migrations& migrations, const std::string& target);

}  // namespace retort::migrate
