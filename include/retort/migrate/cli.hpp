// The migration tool's command line, Alembic's commands for an application's models. The
// application owns the executable:
//
//   int main(int argc, char** argv) {
//       return retort::migrate::main(argc, argv, app::metadata());
//   }
//
//   ./migrate revision --autogenerate -m "add nickname"   # writes migrations/<id>_add_nickname.sql
//   ./migrate upgrade head                                # or +1, <id>; --sql writes the script
//   ./migrate downgrade -1                                # or base, <id>
//   ./migrate current | history | heads | branches | show <id> | stamp <id> | merge -m "..."
//   ./migrate check                                       # exit 1 when models and database differ
//
// The database comes from --url or DATABASE_URL; the revisions from --dir (default
// ./migrations); --schema and --ignore-table (repeatable) say what autogenerate, check and lint
// compare, when the database holds tables the application does not own. Passwords in URLs are
// never printed.
#pragma once

#include <functional>
#include <string>

#include "retort/migrate/revision.hpp"
#include "retort/schema/metadata.hpp"

namespace retort::migrate {

struct CliSetup {
    /// Registers the C++ data steps of revisions read from files (Migrations::set_steps).
    std::function<void(Migrations&)> register_steps{};
    std::string default_directory = "migrations";
};

/// Runs one command; returns the process's exit code (0 success, 1 differences found by
/// `check` or a failed command, 2 bad usage). Errors are printed to stderr in one line.
int main(int argc, char** argv, const MetaData& models, const CliSetup& setup = {});

}  // namespace retort::migrate
