// The seed's data migration (examples/data_migration), its data step beside raw libpq doing
// the same job on the same server, in one run, alternating, medians:
//   Retort   run_data_step(): chunks of 5000 legacy rows read as structs, converted, written
//            with Session::bulk_insert (COPY) with the checkpoint, a commit per chunk; its
//            start-up drift check included.
//   raw      libpq: the same chunks (PQexecParams, text rows), the same conversion, COPY text
//            built by hand for both tables, the same checkpoint UPDATE and commit per chunk.
//   floor    raw COPY of the already-converted rows alone: what writing them costs at least.
// Usage: RETORT_BENCH_PG_URL=postgresql://... retort_bench_data_migration [--rows N] [--runs R]
// The tables live in a schema of their own (bench_data_migration), seeded once per size.
#include <libpq-fe.h>
#include <retort/migrate/runner.hpp>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "data_migration/data_step.hpp"
#include "data_migration/history.hpp"
#include "data_migration/legacy_data.hpp"
#include "data_migration/transform.hpp"
#include "harness.hpp"
#include "raw_libpq.hpp"

using namespace retort;
using namespace data_migration;
using retort::bench::append_copy_escaped;
using retort::bench::raw_exec;

namespace {

constexpr std::int64_t chunk_rows = 5000;

PGresult* checked(PGconn* pg, PGresult* result) {
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN) {
        std::string message = PQerrorMessage(pg);
        PQclear(result);
        throw std::runtime_error("libpq: " + message);
    }
    return result;
}

void append_optional(std::string& out, const std::optional<std::string>& text) {
    if (text)
        append_copy_escaped(out, *text);
    else
        out += "\\N";
}
void append_timestamp(std::string& out, DateTime value) {
    using namespace std::chrono;
    const auto day = floor<days>(value);
    const year_month_day ymd{day};
    const hh_mm_ss<microseconds> time{value - day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02ld:%02ld:%02ld", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), long(time.hours().count()),
                  long(time.minutes().count()), long(time.seconds().count()));
    out += text;
}

void copy(PGconn* pg, const char* sql, const std::string& data) {
    PQclear(checked(pg, PQexec(pg, sql)));
    if (PQputCopyData(pg, data.data(), static_cast<int>(data.size())) != 1 ||
        PQputCopyEnd(pg, nullptr) != 1)
        throw std::runtime_error(PQerrorMessage(pg));
    PQclear(checked(pg, PQgetResult(pg)));
}

std::string users_copy_text(const std::vector<User>& users) {
    std::string out;
    for (const auto& u : users) {
        out += std::to_string(u.id) + '\t';
        append_copy_escaped(out, u.username);
        out += '\t';
        append_optional(out, u.first_name);
        out += '\t';
        append_optional(out, u.last_name);
        out += '\t';
        append_copy_escaped(out, u.email);
        out += '\t';
        append_timestamp(out, u.created_at);
        out += u.is_active ? "\tt\t" : "\tf\t";
        append_copy_escaped(out, u.profile.dump());
        out += '\n';
    }
    return out;
}
std::string quarantine_copy_text(const std::vector<QuarantinedUser>& rows) {
    std::string out;
    for (const auto& q : rows) {
        out += std::to_string(q.legacy_id) + '\t';
        append_copy_escaped(out, q.reason);
        out += '\t';
        append_copy_escaped(out, q.detail);
        out += '\n';
    }
    return out;
}

std::optional<std::string> field(PGresult* result, int row, int column) {
    if (PQgetisnull(result, row, column)) return std::nullopt;
    return std::string(PQgetvalue(result, row, column),
                       static_cast<std::size_t>(PQgetlength(result, row, column)));
}

constexpr const char* copy_users =
    "COPY users (id, username, first_name, last_name, email, created_at, is_active, profile) "
    "FROM STDIN";
constexpr const char* copy_quarantine =
    "COPY users_quarantine (legacy_id, reason, detail) FROM STDIN";

// The data step in raw libpq.
void raw_data_step(PGconn* pg) {
    Converter converter;
    std::int64_t last = 0, migrated = 0, quarantined = 0;
    for (;;) {
        raw_exec(pg, "BEGIN");
        const std::string after = std::to_string(last), limit = std::to_string(chunk_rows);
        const char* params[] = {after.c_str(), limit.c_str()};
        PGresult* rows =
            checked(pg, PQexecParams(pg,
                                     "SELECT id, username, full_name, email, signup, status, notes "
                                     "FROM legacy_users WHERE id > $1 ORDER BY id LIMIT $2",
                                     2, nullptr, params, nullptr, nullptr, 0));
        const int n = PQntuples(rows);
        std::vector<User> users;
        std::vector<QuarantinedUser> bad;
        for (int i = 0; i < n; ++i) {
            LegacyUser row{std::stoll(PQgetvalue(rows, i, 0)),
                           field(rows, i, 1),
                           field(rows, i, 2),
                           field(rows, i, 3),
                           field(rows, i, 4),
                           field(rows, i, 5),
                           field(rows, i, 6)};
            last = row.id;
            auto outcome = converter.convert(row);
            if (auto* user = std::get_if<User>(&outcome))
                users.push_back(std::move(*user));
            else
                bad.push_back(std::move(std::get<QuarantinedUser>(outcome)));
        }
        PQclear(rows);
        if (n == 0) {
            raw_exec(pg, "COMMIT");
            return;
        }
        copy(pg, copy_users, users_copy_text(users));
        copy(pg, copy_quarantine, quarantine_copy_text(bad));
        migrated += static_cast<std::int64_t>(users.size());
        quarantined += static_cast<std::int64_t>(bad.size());
        const std::string a = std::to_string(last), b = std::to_string(migrated),
                          c = std::to_string(quarantined);
        const char* update[] = {a.c_str(), b.c_str(), c.c_str()};
        PQclear(checked(pg, PQexecParams(pg,
                                         "UPDATE data_migration_progress SET last_legacy_id = "
                                         "$1, migrated = $2, quarantined = $3",
                                         3, nullptr, update, nullptr, nullptr, 0)));
        raw_exec(pg, "COMMIT");
    }
}

void reset(PGconn* pg) {
    raw_exec(pg, "TRUNCATE users, users_quarantine, data_migration_progress");
    raw_exec(pg, "INSERT INTO data_migration_progress VALUES ('legacy_users -> users', 0, 0, 0)");
}

}  // namespace

int main(int argc, char** argv) {
    const char* base = retort::bench::bench_pg_url();
    if (base == nullptr) return 2;
    const std::int64_t rows = retort::bench::int_option(argc, argv, "--rows", 100000);
    const int runs = retort::bench::int_option(argc, argv, "--runs", 5);
    std::string url = base;
    url += (url.find('?') == std::string::npos ? "?" : "&");
    url += "options=-c%20search_path%3Dbench_data_migration";

    Schema schema;
    Engine engine = create_engine(url);
    PGconn* pg = PQconnectdb(url.c_str());
    if (PQstatus(pg) != CONNECTION_OK) {
        std::fprintf(stderr, "%s", PQerrorMessage(pg));
        return 2;
    }
    PQsetNoticeProcessor(
        pg, [](void*, const char*) {}, nullptr);
    raw_exec(pg, "DROP SCHEMA IF EXISTS bench_data_migration CASCADE");
    raw_exec(pg, "CREATE SCHEMA bench_data_migration");
    migrate::upgrade(engine, history(schema, engine.dialect()));
    seed(engine, schema, rows);
    raw_exec(pg, "ANALYZE legacy_users");

    // The converted rows, for the floor: what the data step writes.
    std::vector<User> converted;
    std::vector<QuarantinedUser> quarantined;
    {
        Converter converter;
        for (std::int64_t id = 1; id <= rows; ++id) {
            LegacyUser row = data_migration::legacy_row(id);
            auto outcome = converter.convert(row);
            if (auto* user = std::get_if<User>(&outcome))
                converted.push_back(std::move(*user));
            else
                quarantined.push_back(std::move(std::get<QuarantinedUser>(outcome)));
        }
    }

    std::vector<double> retort_s, raw_s, floor_s;
    for (int run = 0; run <= runs; ++run) {  // run 0 warms up
        reset(pg);
        const double raw = retort::bench::seconds_of([&] { raw_data_step(pg); });
        reset(pg);
        const double ours = retort::bench::seconds_of(
            [&] { run_data_step(engine, schema, {.chunk = chunk_rows, .show_progress = false}); });
        reset(pg);
        const double floor = retort::bench::seconds_of([&] {
            raw_exec(pg, "BEGIN");
            copy(pg, copy_users, users_copy_text(converted));
            copy(pg, copy_quarantine, quarantine_copy_text(quarantined));
            raw_exec(pg, "COMMIT");
        });
        if (run == 0) continue;
        raw_s.push_back(raw);
        retort_s.push_back(ours);
        floor_s.push_back(floor);
        std::fprintf(stderr, "  run %d/%d\n", run, runs);
    }
    const double n = static_cast<double>(rows);
    const double retort_m = retort::bench::median(retort_s), raw_m = retort::bench::median(raw_s),
                 floor_m = retort::bench::median(floor_s);
    std::printf(
        "\ndata step, %lld legacy rows (%zu migrated, %zu quarantined), chunks of %lld; "
        "medians of %d runs\n",
        static_cast<long long>(rows), converted.size(), quarantined.size(),
        static_cast<long long>(chunk_rows), runs);
    std::printf("%-52s %10.3f s %10.0f rows/s\n", "Retort run_data_step", retort_m, n / retort_m);
    std::printf("%-52s %10.3f s %10.0f rows/s  Retort speed %.2fx\n",
                "raw libpq, same chunks, conversion, COPY, commits", raw_m, n / raw_m,
                raw_m / retort_m);
    std::printf("%-52s %10.3f s %10.0f rows/s  Retort speed %.2fx\n",
                "raw COPY of the converted rows alone (floor)", floor_m, n / floor_m,
                floor_m / retort_m);
    PQfinish(pg);
    return 0;
}
