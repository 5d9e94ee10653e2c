// Revisions: one schema change each, with its parent(s), written as SQL (what autogenerate
// emits, reviewable) or as C++ data steps registered by the application. A Migrations holds
// them all and answers Alembic's graph questions: heads, bases, the path between two revisions.
//
// A revision file, <id>_<slug>.sql, in the migrations directory:
//   -- retort revision: 5c1f0e2a9b7d
//   -- parents: 1a2b3c4d5e6f
//   -- message: add nickname to users
//   -- upgrade
//   ALTER TABLE "users" ADD COLUMN "nickname" VARCHAR(30);
//   -- downgrade
//   ALTER TABLE "users" DROP COLUMN "nickname";
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace retort {
class Connection;
}

namespace retort::migrate {

/// One revision. Its SQL runs first, then its C++ step (a data migration), in one transaction.
struct Revision {
    std::string id;
    std::vector<std::string> parents;  ///< none: a base; two or more: a merge
    std::string message;
    std::vector<std::string> upgrade{};    ///< SQL statements, in order
    std::vector<std::string> downgrade{};  ///< SQL statements, in order
    std::function<void(Connection&)> upgrade_step{};
    std::function<void(Connection&)> downgrade_step{};
    /// Statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY): the
    /// revision then runs outside one, statement by statement, as the plan says.
    bool outside_transaction = false;
    /// A table is rebuilt (SQLite's batch mode): foreign keys are off while the revision runs
    /// and checked before it commits.
    bool foreign_keys_off = false;
    std::filesystem::path file{};  ///< where it was read from (empty: registered in code)

    /// A digest of what the revision does (its SQL and whether it has C++ steps), recorded when
    /// it is applied: an applied revision edited afterwards is reported.
    std::string checksum() const;
};

/// Splits SQL text into statements at the semicolons that end them (not those inside quotes,
/// quoted identifiers, comments or dollar-quoted bodies).
std::vector<std::string> split_statements(const std::string& sql);

/// The revision file's text, and the revision read back from such text. ArgumentError names
/// the file and what is missing or malformed.
std::string revision_file_text(const Revision& revision);
Revision parse_revision_file(const std::string& text, const std::filesystem::path& file = {});

/// The application's revisions.
class Migrations {
  public:
    Migrations() = default;
    /// Every *.sql revision file of `directory` (none when it does not exist yet).
    static Migrations from_directory(const std::filesystem::path& directory);

    const std::filesystem::path& directory() const noexcept { return directory_; }
    /// Adds a revision; ArgumentError for a duplicate id.
    void add(Revision revision);
    /// C++ steps for a revision read from a file (a data migration beside its SQL).
    void set_steps(const std::string& id, std::function<void(Connection&)> upgrade,
                   std::function<void(Connection&)> downgrade = {});

    const std::vector<Revision>& all() const noexcept { return revisions_; }
    const Revision& get(const std::string& id) const;
    /// The revision whose id is `id` or starts with it (as Alembic accepts prefixes);
    /// ArgumentError when none or several match.
    const Revision& find(const std::string& id_or_prefix) const;
    /// Revisions no other revision names as parent.
    std::vector<std::string> heads() const;
    /// Revisions with no parent.
    std::vector<std::string> bases() const;
    /// The one head; ArgumentError listing them when there are several (merge them first).
    std::string head() const;
    /// `id` and every revision it descends from, parents before children.
    std::vector<std::string> ancestry(const std::string& id) const;
    /// Revisions in an order where each comes after its parents (ties by id).
    std::vector<std::string> ordered() const;
    /// Checks that every parent exists and that there is no cycle; ArgumentError otherwise.
    void validate() const;

  private:
    std::filesystem::path directory_;
    std::vector<Revision> revisions_;
};

/// A new revision id: 12 hex digits, random.
std::string new_revision_id();
/// The file name of a revision: <id>_<message as a slug>.sql.
std::string revision_file_name(const Revision& revision);
/// Writes `revision` into `directory` (made if missing); returns the file's path.
std::filesystem::path write_revision(const std::filesystem::path& directory,
                                     const Revision& revision);

}  // namespace retort::migrate
