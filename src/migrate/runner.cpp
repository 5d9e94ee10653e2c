// Applying revisions (see runner.hpp).
#include "retort/migrate/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ostream>
#include <set>

#include "retort/engine/reflection.hpp"
#include "retort/errors.hpp"
#include "retort/schema/ddl.hpp"
#include "retort/schema/metadata.hpp"

namespace retort::migrate {

namespace {

// The version table, described once; its rows are written through the Core (bound values).
struct VersionTable {
    MetaData metadata;
    Table table{version_table_name, metadata,
                Column("revision", type::String(64), primary_key, no_autoincrement),
                Column("checksum", type::String(32), not_null),
                Column("applied_order", type::BigInteger(), not_null)};
};
const VersionTable& version() {
    static const VersionTable instance;
    return instance;
}

// Any two processes migrating one PostgreSQL database share this advisory lock key.
constexpr std::int64_t advisory_key = 0x7265746f7274;  // "retort"

void ensure_version_table(const Engine& engine) {
    Connection conn = engine.connect();
    if (Inspector(conn).has_table(version_table_name)) return;
    try {
        for (const auto& sql : create_table_ddl(version().table.definition(), conn.dialect()))
            conn.execute(text(sql));
        conn.commit();
    } catch (const DatabaseError&) {
        // Another process created it meanwhile; anything else shows at the next statement.
        conn.rollback();
        if (!Inspector(conn).has_table(version_table_name)) throw;
    }
}

std::vector<AppliedRevision> read_applied(Connection& conn) {
    if (!Inspector(conn).has_table(version_table_name)) return {};
    const Table& t = version().table;
    std::vector<AppliedRevision> out;
    for (auto [id, checksum] :
         conn.execute(select(t.c("revision"), t.c("checksum")).order_by({t.c("applied_order")}))
             .tuples<std::string, std::string>())
        out.push_back(AppliedRevision{id, checksum});
    return out;
}

std::set<std::string> ids_of(const std::vector<AppliedRevision>& revisions) {
    std::set<std::string> out;
    for (const auto& r : revisions) out.insert(r.id);
    return out;
}

void check_edits(const Engine& engine, const Migrations& migrations, const RunOptions& options) {
    if (options.allow_edited) return;
    auto lines = edited(engine, migrations);
    if (lines.empty()) return;
    std::string message =
        "applied revisions were edited since they were applied (their SQL is "
        "not what the database ran); restore them, or pass allow_edited:";
    for (const auto& line : lines) message += "\n  " + line;
    throw ArgumentError(message);
}

// Statements of one revision on the live database: PostgreSQL first waits for the advisory
// lock and sets the lock timeout; the version row goes first, so a revision another process
// applied meanwhile is found (and skipped) before any of its SQL runs.
bool run_in_transaction(const Engine& engine, Connection& conn, const Revision& revision, bool up,
                        const RunOptions& options);

// A revision that rebuilds tables runs with foreign keys off (outside its transaction, where
// the dialect's switch works), on again whatever happens.
bool run_revision(const Engine& engine, const Revision& revision, bool up,
                  const RunOptions& options) {
    Connection conn = engine.connect();
    const std::string off = conn.dialect().foreign_keys_sql(false);
    if (!revision.foreign_keys_off || off.empty())
        return run_in_transaction(engine, conn, revision, up, options);
    conn.exec_driver_sql(off, {}, {.outside_transaction = true});
    auto restore = [&] {
        conn.rollback();
        conn.exec_driver_sql(conn.dialect().foreign_keys_sql(true), {},
                             {.outside_transaction = true});
    };
    try {
        const bool ran = run_in_transaction(engine, conn, revision, up, options);
        restore();
        return ran;
    } catch (...) {
        restore();
        throw;
    }
}

// Runs a revision's statements in order (committing each when `each_alone`). A revision of
// several statements reports each as it ends, with its time: a long one (an index built, a
// table rewritten) shows where the time goes.
void run_statements(Connection& conn, const std::vector<std::string>& statements,
                    const RunOptions& options, bool each_alone) {
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const auto start = std::chrono::steady_clock::now();
        conn.exec_driver_sql(statements[i]);
        if (each_alone) conn.commit();
        if (!options.progress || statements.size() < 2) continue;
        std::string first_line = statements[i].substr(0, statements[i].find('\n'));
        if (first_line.size() > 72) first_line = first_line.substr(0, 69) + "...";
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        options.progress(
            fmt::format("  [{}/{}] {} ({:.2f} s)", i + 1, statements.size(), first_line, seconds));
    }
}

bool run_in_transaction(const Engine& engine, Connection& conn, const Revision& revision, bool up,
                        const RunOptions& options) {
    const sql::Dialect& d = conn.dialect();
    const Table& t = version().table;
    if (auto lock = d.migration_lock_sql(); !lock.empty())
        conn.exec_driver_sql(lock, {Value(advisory_key)});
    if (auto timeout = d.lock_timeout_sql(options.lock_timeout); !timeout.empty())
        conn.exec_driver_sql(timeout);
    const std::string table = d.quote(version_table_name);
    const bool recorded =
        conn.execute(text("SELECT count(*) FROM " + table + " WHERE revision = :revision"),
                     {{"revision", revision.id}})
            .scalar<std::int64_t>() > 0;
    if (recorded == up) return false;  // another process got here first
    if (up) {
        const std::int64_t order =
            conn.execute(text("SELECT COALESCE(MAX(applied_order), 0) + 1 FROM " + table))
                .scalar<std::int64_t>();
        conn.execute(insert(t).values({{"revision", revision.id},
                                       {"checksum", revision.checksum()},
                                       {"applied_order", order}}));
    } else {
        conn.execute(delete_(t).where(t.c("revision") == revision.id));
    }
    auto run_all = [&](Connection& c) {
        run_statements(c, up ? revision.upgrade : revision.downgrade, options, false);
        const auto& step = up ? revision.upgrade_step : revision.downgrade_step;
        if (step) step(c);
    };
    if (!revision.outside_transaction) {
        run_all(conn);
        if (const std::string check = d.foreign_key_check_sql();
            revision.foreign_keys_off && !check.empty()) {
            const auto violations = conn.exec_driver_sql(check).all();
            if (!violations.empty())
                throw IntegrityError(fmt::format(
                    "revision {} leaves {} row(s) breaking a foreign key (the first in table "
                    "'{}'): nothing of it is applied",
                    revision.id, violations.size(), violations.front().get<std::string>(0)));
        }
        conn.commit();
        return true;
    }
    // Outside a transaction: the version row commits first, then each statement on its own.
    conn.commit();
    Connection autocommit = engine.connect();
    autocommit.commit();
    run_statements(autocommit, up ? revision.upgrade : revision.downgrade, options, true);
    const auto& step = up ? revision.upgrade_step : revision.downgrade_step;
    if (step) {
        step(autocommit);
        autocommit.commit();
    }
    return true;
}

void write_offline(const Revision& revision, bool up, const sql::Dialect& dialect,
                   std::ostream& out) {
    const auto& statements = up ? revision.upgrade : revision.downgrade;
    out << "-- " << (up ? "upgrade " : "downgrade ") << revision.id << ": " << revision.message
        << "\n";
    if ((up ? revision.upgrade_step : revision.downgrade_step))
        out << "-- (this revision also has a C++ step, which offline SQL cannot carry)\n";
    if (!revision.outside_transaction) out << "BEGIN;\n";
    for (const auto& sql : statements) out << sql << ";\n";
    const std::string table = dialect.quote(version_table_name);
    if (up)
        out << fmt::format(
            "INSERT INTO {} (revision, checksum, applied_order) SELECT {}, {}, "
            "COALESCE(MAX(applied_order), 0) + 1 FROM {};\n",
            table, ddl::literal(revision.id), ddl::literal(revision.checksum()), table);
    else
        out << fmt::format("DELETE FROM {} WHERE revision = {};\n", table,
                           ddl::literal(revision.id));
    if (!revision.outside_transaction) out << "COMMIT;\n";
    out << "\n";
}

// A revision named by id, prefix, or "head".
std::string resolve(const Migrations& migrations, const std::string& target) {
    return target == "head" ? migrations.head() : migrations.find(target).id;
}

// The revisions `target` needs that are not applied, parents first.
std::vector<std::string> to_apply(const Migrations& migrations, const std::string& target,
                                  const std::set<std::string>& done) {
    std::vector<std::string> goals;
    if (target == "head") {
        goals.push_back(migrations.head());
    } else if (target == "heads") {
        goals = migrations.heads();
    } else if (!target.empty() && target[0] == '+') {
        const auto steps = static_cast<std::size_t>(std::stoul(target.substr(1)));
        std::vector<std::string> out;
        for (const auto& id : migrations.ordered())
            if (!done.count(id) && out.size() < steps) out.push_back(id);
        return out;
    } else {
        goals.push_back(migrations.find(target).id);
    }
    std::set<std::string> wanted;
    for (const auto& goal : goals)
        for (const auto& id : migrations.ancestry(goal)) wanted.insert(id);
    std::vector<std::string> out;
    for (const auto& id : migrations.ordered())
        if (wanted.count(id) && !done.count(id)) out.push_back(id);
    return out;
}

}  // namespace

std::vector<AppliedRevision> applied(const Engine& engine) {
    Connection conn = engine.connect();
    return read_applied(conn);
}

std::vector<std::string> current(const Engine& engine, const Migrations& migrations) {
    auto done = ids_of(applied(engine));
    std::set<std::string> parents;
    for (const auto& id : done)
        for (const auto& revision : migrations.all())
            if (revision.id == id) parents.insert(revision.parents.begin(), revision.parents.end());
    std::vector<std::string> out;
    for (const auto& id : done)
        if (!parents.count(id)) out.push_back(id);
    return out;
}

std::vector<std::string> edited(const Engine& engine, const Migrations& migrations) {
    std::vector<std::string> lines;
    for (const auto& record : applied(engine)) {
        auto it = std::find_if(migrations.all().begin(), migrations.all().end(),
                               [&](const Revision& r) { return r.id == record.id; });
        if (it == migrations.all().end()) {
            lines.push_back(record.id + ": applied, but no such revision any more");
        } else if (it->checksum() != record.checksum) {
            lines.push_back(record.id + ": edited since it was applied" +
                            (it->file.empty() ? "" : " (" + it->file.string() + ")"));
        }
    }
    return lines;
}

std::vector<std::string> upgrade(const Engine& engine, const Migrations& migrations,
                                 const std::string& target, const RunOptions& options) {
    migrations.validate();
    if (options.offline_from && options.sql_output == nullptr)
        throw ArgumentError("offline_from applies to offline mode only: give sql_output too");
    if (options.sql_output != nullptr) {
        std::set<std::string> done;
        if (options.offline_from)
            for (const auto& id : migrations.ancestry(migrations.find(*options.offline_from).id))
                done.insert(id);
        auto plan = to_apply(migrations, target, done);
        Connection conn = engine.connect();
        if (done.empty()) {
            // IF NOT EXISTS: a database at base may have the (empty) table already, after a
            // downgrade. The version table is one CREATE TABLE, without indexes.
            const auto ddl = create_table_ddl(version().table.definition(), conn.dialect());
            const std::string create = "CREATE TABLE ";
            *options.sql_output << create << "IF NOT EXISTS " << ddl.front().substr(create.size())
                                << ";\n\n";
        }
        for (const auto& id : plan)
            write_offline(migrations.get(id), true, conn.dialect(), *options.sql_output);
        return plan;
    }
    ensure_version_table(engine);
    check_edits(engine, migrations, options);
    std::vector<std::string> done_now;
    for (const auto& id : to_apply(migrations, target, ids_of(applied(engine)))) {
        const Revision& revision = migrations.get(id);
        if (options.progress)
            options.progress(
                fmt::format("upgrade {}: {}{}", id, revision.message,
                            revision.outside_transaction ? " (outside a transaction)" : ""));
        if (run_revision(engine, revision, true, options)) done_now.push_back(id);
    }
    return done_now;
}

std::vector<std::string> downgrade(const Engine& engine, const Migrations& migrations,
                                   const std::string& target, const RunOptions& options) {
    migrations.validate();
    if (options.offline_from)
        throw ArgumentError(
            "a downgrade starts from what the database has applied: offline_from "
            "applies to upgrade only");
    auto records = applied(engine);
    std::vector<std::string> order;  // newest first
    for (auto it = records.rbegin(); it != records.rend(); ++it) order.push_back(it->id);
    std::vector<std::string> undo;
    if (!target.empty() && target[0] == '-') {
        const auto steps = static_cast<std::size_t>(std::stoul(target.substr(1)));
        undo.assign(order.begin(),
                    order.begin() + static_cast<std::ptrdiff_t>(std::min(steps, order.size())));
    } else if (target == "base") {
        undo = order;
    } else {
        auto keep = migrations.ancestry(resolve(migrations, target));
        for (const auto& id : order)
            if (std::find(keep.begin(), keep.end(), id) == keep.end()) undo.push_back(id);
    }
    std::vector<std::string> done_now;
    for (const auto& id : undo) {
        const Revision& revision = migrations.get(id);
        if (options.sql_output != nullptr) {
            write_offline(revision, false, engine.dialect(), *options.sql_output);
            done_now.push_back(id);
            continue;
        }
        if (options.progress)
            options.progress(fmt::format("downgrade {}: {}", id, revision.message));
        if (run_revision(engine, revision, false, options)) done_now.push_back(id);
    }
    return done_now;
}

void stamp(const Engine& engine, const Migrations& migrations, const std::string& target) {
    ensure_version_table(engine);
    const Table& t = version().table;
    engine.transaction([&](Connection& conn) {
        conn.execute(delete_(t));
        if (target == "base") return;
        std::int64_t order = 0;
        for (const auto& id : migrations.ancestry(resolve(migrations, target)))
            conn.execute(insert(t).values({{"revision", id},
                                           {"checksum", migrations.get(id).checksum()},
                                           {"applied_order", ++order}}));
    });
}

}  // namespace retort::migrate
