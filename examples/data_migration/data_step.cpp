#include "data_step.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <retort/migrate/compare.hpp>
#include <thread>
#include <vector>

#include "transform.hpp"

namespace data_migration {

using namespace retort;
using namespace retort::orm;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* step_name = "legacy_users -> users";

// Where the last run stopped (0: it never ran), and what it had done; a first run records
// its row.
Progress checkpoint(Session& session, const Schema& schema, bool dry_run) {
    const ProgressTable& p = schema.progress;
    Connection& conn = session.connection();
    if (dry_run && !Inspector(conn).has_table(p.definition().name, std::nullopt)) return {};
    auto rows = conn.execute(select(p).where(p.step == step_name)).entities(p);
    if (!rows.empty()) return rows.front();
    Progress fresh{.step = step_name};
    if (!dry_run) {
        conn.execute(insert(p).values(p.values_of(fresh)));
        session.commit();
    }
    return fresh;
}

// A resumed run knows the e-mails and usernames earlier chunks claimed.
void claim_converted(Connection& conn, const Schema& schema, Converter& converter) {
    const Users& u = schema.users;
    if (!Inspector(conn).has_table(u.definition().name, std::nullopt)) return;
    for (auto [email, id, username] : conn.execute(select(u.email, u.id, u.username)))
        converter.claim(email, id, username);
}

void print_progress(std::int64_t done, std::int64_t total, const StepTotals& totals,
                    Clock::time_point start) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::fprintf(
        stderr,
        "converted %lld/%lld rows (%.0f%%); this run: %lld migrated, %lld quarantined, "
        "%.0f rows/s\n",
        static_cast<long long>(done), static_cast<long long>(total),
        total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0,
        static_cast<long long>(totals.migrated), static_cast<long long>(totals.quarantined),
        seconds > 0 ? static_cast<double>(totals.migrated + totals.quarantined) / seconds : 0.0);
}

}  // namespace

StepTotals run_data_step(const Engine& engine, const Schema& schema, const StepOptions& options) {
    const LegacyUsers& l = schema.legacy;
    const ProgressTable& p = schema.progress;
    if (!options.dry_run) migrate::verify(schema.metadata, engine);  // the tables are as modelled
    Session session(engine);
    Progress progress = checkpoint(session, schema, options.dry_run);
    Converter converter;
    // The session's connection: fetched again after each commit, which returns it to the pool.
    Connection* conn = &session.connection();
    claim_converted(*conn, schema, converter);
    const auto total = conn->execute(select(func::count()).select_from(l)).scalar<std::int64_t>();
    std::int64_t done =
        conn->execute(select(func::count()).select_from(l).where(l.id <= progress.last_legacy_id))
            .scalar<std::int64_t>();
    if (done > 0)
        std::fprintf(stderr, "resuming after legacy id %lld\n",
                     static_cast<long long>(progress.last_legacy_id));

    StepTotals totals;
    std::map<std::string, std::int64_t> reasons;
    const auto start = Clock::now();
    for (;;) {
        auto rows = conn->execute(select(l)
                                      .where(l.id > progress.last_legacy_id)
                                      .order_by({l.id})
                                      .limit(options.chunk))
                        .entities(l);
        if (rows.empty()) break;
        std::vector<User> converted;
        std::vector<QuarantinedUser> quarantined;
        for (const auto& row : rows) {
            auto outcome = converter.convert(row);
            if (auto* user = std::get_if<User>(&outcome)) {
                converted.push_back(std::move(*user));
            } else {
                auto& bad = std::get<QuarantinedUser>(outcome);
                ++reasons[bad.reason];
                quarantined.push_back(std::move(bad));
            }
        }
        progress.last_legacy_id = rows.back().id;
        progress.migrated += static_cast<std::int64_t>(converted.size());
        progress.quarantined += static_cast<std::int64_t>(quarantined.size());
        if (!options.dry_run) {  // the chunk and its checkpoint, together or not at all
            session.bulk_insert(schema.users, std::span<const User>(converted));
            session.bulk_insert(schema.quarantine, std::span<const QuarantinedUser>(quarantined));
            conn->execute(update(p)
                              .values({{"last_legacy_id", progress.last_legacy_id},
                                       {"migrated", progress.migrated},
                                       {"quarantined", progress.quarantined}})
                              .where(p.step == step_name));
            session.commit();
            conn = &session.connection();
        }
        totals.migrated += static_cast<std::int64_t>(converted.size());
        totals.quarantined += static_cast<std::int64_t>(quarantined.size());
        done += static_cast<std::int64_t>(rows.size());
        if (options.show_progress) print_progress(done, total, totals, start);
        if (options.pause_ms > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(options.pause_ms));
    }
    if (!options.show_progress) return totals;
    std::fprintf(stderr, "%s%lld migrated, %lld quarantined by this run\n",
                 options.dry_run ? "dry run, nothing written: would have " : "",
                 static_cast<long long>(totals.migrated),
                 static_cast<long long>(totals.quarantined));
    for (const auto& [reason, count] : reasons)
        std::fprintf(stderr, "  quarantined for %s: %lld\n", reason.c_str(),
                     static_cast<long long>(count));
    return totals;
}

}  // namespace data_migration
