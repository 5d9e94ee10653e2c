// The seed's Activity 2, its two schemas: the old application's users table, kept as it was
// (free-text name, e-mail, sign-up date and status), and the enhanced one it becomes, beside a
// quarantine for the rows that cannot be converted and the data step's checkpoint.
#pragma once

#include <cstdint>
#include <optional>
#include <retort/nlohmann_json.hpp>
#include <retort/retort.hpp>
#include <string>

namespace data_migration {

using retort::Column;
using retort::DateTime;
using retort::MetaData;
using retort::Model;

/// A row of the old schema: whatever the old forms let people type.
struct LegacyUser {
    std::int64_t id = 0;
    std::optional<std::string> username;
    std::optional<std::string> full_name;  ///< "Ada Lovelace", "Lovelace, Ada", "  ada  "
    std::optional<std::string> email;      ///< "Ada <ADA@Example.com>", "ada at example"
    std::optional<std::string> signup;     ///< "2019-03-04", "04/03/2019", "1551657600", "soon"
    std::optional<std::string> status;     ///< "active", "Y", "0", "disabled", "banned?"
    std::optional<std::string> notes;
};

/// A row of the enhanced schema. Its id is the legacy row's, so references keep working.
struct User {
    std::int64_t id = 0;
    std::string username;
    std::optional<std::string> first_name;
    std::optional<std::string> last_name;
    std::string email;
    DateTime created_at{};
    bool is_active = true;
    nlohmann::json profile = nlohmann::json::object();
};

/// A legacy row that could not be converted, and why: nothing is dropped silently.
struct QuarantinedUser {
    std::int64_t legacy_id = 0;
    std::string reason;  ///< one of a few fixed phrases, to count by
    std::string detail;  ///< the offending value and what was expected
};

/// How far the data step got: rows up to last_legacy_id are converted or quarantined.
struct Progress {
    std::string step;
    std::int64_t last_legacy_id = 0;
    std::int64_t migrated = 0;
    std::int64_t quarantined = 0;
};

/// The old schema.
struct LegacyUsers : Model<LegacyUser> {
    Column<&LegacyUser::id> id{this, retort::primary_key, retort::no_autoincrement};
    Column<&LegacyUser::username> username{this, retort::type::Text()};
    Column<&LegacyUser::full_name> full_name{this, retort::type::Text()};
    Column<&LegacyUser::email> email{this, retort::type::Text()};
    Column<&LegacyUser::signup> signup{this, retort::type::Text()};
    Column<&LegacyUser::status> status{this, retort::type::Text()};
    Column<&LegacyUser::notes> notes{this, retort::type::Text()};
    explicit LegacyUsers(MetaData& metadata) : Model("legacy_users", metadata) {}
};

/// The enhanced schema.
struct Users : Model<User> {
    Column<&User::id> id{this, retort::primary_key, retort::no_autoincrement};
    Column<&User::username> username{this, retort::type::String(60), retort::not_null,
                                     retort::unique};
    Column<&User::first_name> first_name{this, retort::type::String(100)};
    Column<&User::last_name> last_name{this, retort::type::String(100)};
    Column<&User::email> email{this, retort::type::String(254), retort::not_null, retort::unique};
    Column<&User::created_at> created_at{this, retort::not_null};
    Column<&User::is_active> is_active{this, retort::not_null};
    Column<&User::profile> profile{this, retort::type::Json(), retort::not_null};
    explicit Users(MetaData& metadata) : Model("users", metadata) {}
};

struct Quarantine : Model<QuarantinedUser> {
    Column<&QuarantinedUser::legacy_id> legacy_id{this, retort::primary_key,
                                                  retort::no_autoincrement};
    Column<&QuarantinedUser::reason> reason{this, retort::type::String(60), retort::not_null,
                                            retort::indexed};
    Column<&QuarantinedUser::detail> detail{this, retort::type::Text(), retort::not_null};
    explicit Quarantine(MetaData& metadata) : Model("users_quarantine", metadata) {}
};

struct ProgressTable : Model<Progress> {
    Column<&Progress::step> step{this, retort::type::String(60), retort::primary_key};
    Column<&Progress::last_legacy_id> last_legacy_id{this, retort::not_null};
    Column<&Progress::migrated> migrated{this, retort::not_null};
    Column<&Progress::quarantined> quarantined{this, retort::not_null};
    explicit ProgressTable(MetaData& metadata) : Model("data_migration_progress", metadata) {}
};

/// The models once migrated: the legacy table stays (the downgrade needs its rows) beside the
/// new ones.
struct Schema {
    MetaData metadata;
    LegacyUsers legacy{metadata};
    Users users{metadata};
    Quarantine quarantine{metadata};
    ProgressTable progress{metadata};
};

}  // namespace data_migration
