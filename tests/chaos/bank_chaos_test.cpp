// The chaos test: a bank moves money between accounts, through Core and through the ORM, over a
// fault proxy that stalls, cuts, resets, refuses and delays, while server processes are
// terminated and the server restarts. Afterwards: money is conserved, every transfer that
// reported success is there exactly once, every transfer that reported failure is absent, every
// balance agrees with the transfers table (no half-applied transaction), and every lost COMMIT
// was resolved. RETORT_CHAOS_SECONDS sets how long faults are injected (default 30).
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "support/faults.hpp"

namespace retort::testing {
namespace {

using namespace std::chrono_literals;

constexpr int account_count = 20;
constexpr std::int64_t opening_balance = 1000;

struct Account {
    std::int64_t id = 0;
    std::int64_t balance = 0;
};
struct Transfer {
    std::int64_t id = 0;
    std::int64_t from_id = 0;
    std::int64_t to_id = 0;
    std::int64_t amount = 0;
};
MetaData bank_metadata;
struct Accounts : Model<Account> {
    Column<&Account::id> id{this, primary_key};
    Column<&Account::balance> balance{this};
    Accounts() : Model("chaos_accounts", bank_metadata) {}
};
struct Transfers : Model<Transfer> {
    Column<&Transfer::id> id{this, primary_key};
    Column<&Transfer::from_id> from_id{this};
    Column<&Transfer::to_id> to_id{this};
    Column<&Transfer::amount> amount{this};
    Transfers() : Model("chaos_transfers", bank_metadata) {}
};
const Accounts accounts;
const Transfers transfers;

// What each transfer reported, and what the engine logged about lost COMMIT replies.
struct Ledger {
    std::mutex mutex;
    std::set<std::int64_t> succeeded;
    std::set<std::int64_t> failed;
    std::vector<std::pair<std::int64_t, CommitOutcomeUnknown>> unknown;
    std::map<std::string, int> failures;  // by SQLSTATE
    int retries = 0;
    int resolved_committed = 0;  // lost replies the engine resolved during commit()
    int resolved_rolled_back = 0;
};

struct Move {
    std::int64_t id, from, to, amount;
};

Move random_move(std::int64_t id, std::minstd_rand& random) {
    std::uniform_int_distribution<std::int64_t> account(1, account_count);
    std::uniform_int_distribution<std::int64_t> amount(1, 50);
    std::int64_t from = account(random), to = account(random);
    while (to == from) to = account(random);
    return {id, from, to, amount(random)};
}

void core_transfer(Connection& conn, const Move& move) {
    conn.execute(update(accounts)
                     .values({{"balance", accounts.balance - move.amount}})
                     .where(accounts.id == move.from));
    conn.execute(update(accounts)
                     .values({{"balance", accounts.balance + move.amount}})
                     .where(accounts.id == move.to));
    conn.execute(insert(transfers).values(
        {{"id", move.id}, {"from_id", move.from}, {"to_id", move.to}, {"amount", move.amount}}));
}

void orm_transfer(orm::Session& session, const Move& move) {
    auto from = session.get(accounts, move.from);
    auto to = session.get(accounts, move.to);
    if (!from || !to) throw std::runtime_error("an account is missing");
    from->balance -= move.amount;
    to->balance += move.amount;
    session.add(Transfer{move.id, move.from, move.to, move.amount});
}

// Moves money until `stop`, recording each transfer's reported outcome.
void run_worker(int worker, bool orm, const Engine& engine, const std::atomic<bool>& stop,
                Ledger& ledger) {
    std::minstd_rand random(static_cast<unsigned>(worker * 7919 + 1));
    orm::SessionFactory sessions(engine);
    RetryOptions retry{.max_attempts = 8,
                       .backoff = 20ms,
                       .max_backoff = 500ms,
                       .on_retry = [&](int, const DatabaseError& error) {
                           std::lock_guard lock(ledger.mutex);
                           ++ledger.retries;
                           if (std::string_view(error.what()).find("confirms that transaction") !=
                               std::string_view::npos)
                               ++ledger.resolved_rolled_back;
                       }};
    for (std::int64_t sequence = 1; !stop; ++sequence) {
        const Move move = random_move((std::int64_t{worker} << 32) | sequence, random);
        try {
            if (orm)
                sessions.run_transaction([&](orm::Session& s) { orm_transfer(s, move); }, retry);
            else
                engine.run_transaction([&](Connection& c) { core_transfer(c, move); }, retry);
            std::lock_guard lock(ledger.mutex);
            ledger.succeeded.insert(move.id);
        } catch (const CommitOutcomeUnknown& error) {
            std::lock_guard lock(ledger.mutex);
            ledger.unknown.emplace_back(move.id, error);
        } catch (const DatabaseError& error) {
            std::lock_guard lock(ledger.mutex);
            ledger.failed.insert(move.id);
            ++ledger.failures[error.sqlstate().empty() ? "(none)" : error.sqlstate()];
        } catch (const Error& error) {  // PoolTimeout and the like: nothing was committed
            std::lock_guard lock(ledger.mutex);
            ledger.failed.insert(move.id);
            ++ledger.failures["(client)"];
        }
    }
}

// RETORT_CHAOS_SEED picks another sequence of faults (default 42; printed, to replay a run).
unsigned chaos_seed() {
    const char* value = std::getenv("RETORT_CHAOS_SEED");
    return value != nullptr ? static_cast<unsigned>(std::strtoul(value, nullptr, 10)) : 42u;
}

// Injects one fault after another until `stop`; returns how many of each kind.
std::map<std::string, int> inject_faults(FaultProxy& proxy, const std::atomic<bool>& stop,
                                         std::chrono::steady_clock::time_point until) {
    std::map<std::string, int> injected;
    std::minstd_rand random(chaos_seed());
    Engine admin = create_engine(
        postgresql_url(), {.pool_pre_ping = true, .isolation_level = IsolationLevel::autocommit});
    bool restarted = false;
    auto pause = [&](std::chrono::milliseconds d) {
        for (auto end = std::chrono::steady_clock::now() + d;
             !stop && std::chrono::steady_clock::now() < end;)
            std::this_thread::sleep_for(10ms);
    };
    while (!stop && std::chrono::steady_clock::now() < until) {
        pause(std::chrono::milliseconds(300 + random() % 500));
        switch (random() % 10) {
            case 0:
                proxy.stall_existing();
                pause(1500ms);
                proxy.resume();
                ++injected["stall"];
                break;
            case 1:
                proxy.drop_replies_on_existing();
                pause(1500ms);
                proxy.resume();
                ++injected["drop replies"];
                break;
            case 2:
                proxy.cut();
                ++injected["cut (FIN)"];
                break;
            case 3:
                proxy.reset();
                ++injected["reset (RST)"];
                break;
            case 4:
                proxy.cut_when_client_sends("COMMIT", true);
                ++injected["cut as COMMIT is delivered"];
                break;
            case 5:
                proxy.cut_when_client_sends("COMMIT", false);
                ++injected["cut before COMMIT is delivered"];
                break;
            case 6:
                proxy.refuse(true);
                pause(500ms);
                proxy.refuse(false);
                ++injected["refuse connections"];
                break;
            case 7:
                proxy.delay(30ms);
                pause(1000ms);
                proxy.delay(0ms);
                ++injected["delay 30 ms"];
                break;
            case 9:
                proxy.cut_after_bytes(static_cast<long>(random() % 2000));
                ++injected["cut after N bytes"];
                break;
            case 8: {
                auto conn = admin.connect();
                injected["terminate backends"] += terminate_backends(conn) > 0 ? 1 : 0;
                break;
            }
        }
        if (!restarted && can_restart_server() &&
            std::chrono::steady_clock::now() > until - std::chrono::seconds(8)) {
            restart_server();  // once, near the end, so that the rest runs on the new server
            restarted = true;
            ++injected["server restart"];
        }
    }
    proxy.resume();
    proxy.cut_when_client_sends({}, false);
    return injected;
}

int chaos_seconds() {
    const char* value = std::getenv("RETORT_CHAOS_SECONDS");
    return value != nullptr ? std::max(5, std::atoi(value)) : 30;
}

// What the engine logged while resolving lost replies inside commit().
LogSink counting_sink(Ledger& ledger) {
    return [&ledger](const LogRecord& record) {
        if (record.message.find("the server confirms that transaction") == std::string_view::npos)
            return;
        std::lock_guard lock(ledger.mutex);
        ++ledger.resolved_committed;
    };
}

void create_bank(Engine& direct) {
    bank_metadata.drop_all(direct);
    bank_metadata.create_all(direct);
    direct.transaction([](Connection& conn) {
        for (int id = 1; id <= account_count; ++id)
            conn.execute(insert(accounts).values({{"id", id}, {"balance", opening_balance}}));
    });
}

// Asks the server about each transfer whose COMMIT outcome a worker could not learn.
void resolve_unknown(const Engine& direct, Ledger& ledger, int& unresolved) {
    for (auto& [id, lost] : ledger.unknown) {
        CommitOutcome outcome = CommitOutcome::unknown;
        try {
            outcome = direct.resolve_commit(lost);
        } catch (const Error& error) {
            ADD_FAILURE() << "resolving transfer " << id << ": " << error.what();
        }
        if (outcome == CommitOutcome::committed) ledger.succeeded.insert(id);
        if (outcome == CommitOutcome::rolled_back) ledger.failed.insert(id);
        if (outcome == CommitOutcome::unknown) ++unresolved;
    }
}

// Money conserved; each balance agrees with the transfers; every reported outcome is true.
void check_invariants(const Engine& direct, const Ledger& ledger) {
    auto conn = direct.connect();
    EXPECT_EQ(conn.execute(text("SELECT sum(balance) FROM chaos_accounts")).scalar<std::int64_t>(),
              account_count * opening_balance);
    auto mismatched = conn.execute(text(R"(
        SELECT a.id FROM chaos_accounts a
        WHERE a.balance <> :opening
            + coalesce((SELECT sum(amount) FROM chaos_transfers WHERE to_id = a.id), 0)
            - coalesce((SELECT sum(amount) FROM chaos_transfers WHERE from_id = a.id), 0))"),
                                   {{"opening", opening_balance}})
                          .all<std::int64_t>();
    EXPECT_TRUE(mismatched.empty()) << mismatched.size() << " accounts disagree with transfers";
    std::set<std::int64_t> stored;
    for (auto [id] : conn.execute(text("SELECT id FROM chaos_transfers")).all<std::int64_t>())
        stored.insert(id);
    int missing = 0, unexpected = 0;
    for (std::int64_t id : ledger.succeeded) missing += stored.count(id) == 0;
    for (std::int64_t id : ledger.failed) unexpected += stored.count(id) == 1;
    EXPECT_EQ(missing, 0) << "transfers reported committed but absent";
    EXPECT_EQ(unexpected, 0) << "transfers reported failed but present";
    EXPECT_EQ(stored.size(), ledger.succeeded.size()) << "transfers nobody reported committed";
}

void report(const std::map<std::string, int>& injected, const Ledger& ledger, int unresolved) {
    std::printf("faults injected (RETORT_CHAOS_SEED=%u):\n", chaos_seed());
    for (const auto& [kind, count] : injected) std::printf("  %-32s %d\n", kind.c_str(), count);
    std::printf(
        "transfers: %zu committed, %zu failed for good, %zu lost COMMIT replies left "
        "to the end (%d unresolved), %d retries\n",
        ledger.succeeded.size(), ledger.failed.size(), ledger.unknown.size(), unresolved,
        ledger.retries);
    std::printf("lost COMMIT replies resolved inside commit(): %d committed, %d rolled back\n",
                ledger.resolved_committed, ledger.resolved_rolled_back);
    for (const auto& [state, count] : ledger.failures)
        std::printf("  failed for good with %s: %d\n", state.c_str(), count);
}

TEST(Chaos, a_bank_under_faults_loses_and_duplicates_nothing) {
    // Its pooled connections are among those terminated and restarted away: pre-ping them.
    Engine direct = create_engine(postgresql_url(), {.pool_pre_ping = true});
    create_bank(direct);
    Ledger ledger;
    FaultProxy proxy = proxy_to_server();
    Engine engine = engine_through(proxy, 1s,
                                   {.pool_size = 6,
                                    .isolation_level = IsolationLevel::repeatable_read,
                                    .log_sink = counting_sink(ledger)});
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    for (int worker = 0; worker < 4; ++worker)
        workers.emplace_back(
            [&, worker] { run_worker(worker, worker % 2 == 1, engine, stop, ledger); });
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(chaos_seconds());
    std::map<std::string, int> injected;
    try {
        injected = inject_faults(proxy, stop, until);
    } catch (...) {
        stop = true;
        for (auto& worker : workers) worker.join();
        throw;
    }
    std::this_thread::sleep_for(2s);  // the workers finish on a healthy network
    stop = true;
    for (auto& worker : workers) worker.join();

    int unresolved = 0;
    resolve_unknown(direct, ledger, unresolved);
    report(injected, ledger, unresolved);
    EXPECT_EQ(unresolved, 0);
    EXPECT_GT(ledger.succeeded.size(), 100u) << "the workload hardly ran";
    check_invariants(direct, ledger);
    bank_metadata.drop_all(direct);
}
}  // namespace

}  // namespace retort::testing
