// A job queue on one PostgreSQL table: workers take batches with SELECT ... FOR UPDATE SKIP
// LOCKED, so that none waits for another and no job is taken twice; jobs are enqueued by COPY.
//
// Usage: retort_job_queue URL [JOBS] [WORKERS]   (PostgreSQL; defaults: 10000 jobs, 4 workers)
// It checks its own results (every job done exactly once) and exits non-zero otherwise.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <retort/retort.hpp>
#include <string>
#include <thread>
#include <vector>

using namespace retort;
using namespace retort::orm;

struct Job {
    std::int64_t id = 0;
    std::string payload;
    std::string status = "pending";
    std::optional<std::int32_t> worker;
    std::optional<DateTime> done_at;
};
struct Jobs : Model<Job> {
    Column<&Job::id> id{this, primary_key};
    Column<&Job::payload> payload{this, type::Text()};
    Column<&Job::status> status{this, type::Enum("job_status", {"pending", "done"})};
    Column<&Job::worker> worker{this};
    Column<&Job::done_at> done_at{this};
    Jobs() : Model("jobs") {
        // Workers look for pending jobs in id order: a partial index keeps that cheap.
        add_table_item(Index{"ix_jobs_pending", {"id"}, {}, false, column("status") == "pending"});
    }
};
const Jobs jobs;

// What "processing" leaves behind: one row per run. Its primary key makes a second run of the
// same job fail loudly instead of passing unnoticed.
struct JobRun {
    std::int64_t job_id = 0;
    std::int32_t worker = 0;
};
struct JobRuns : Model<JobRun> {
    Column<&JobRun::job_id> job_id{this, primary_key, no_autoincrement};
    Column<&JobRun::worker> worker{this};
    JobRuns() : Model("job_runs") {}
};
const JobRuns job_runs;

constexpr int batch_size = 25;

/// Takes and finishes batches until the queue is empty; returns the jobs it did.
int work(const Engine& engine, std::int32_t worker_id) {
    int done = 0;
    Session session(engine);
    while (true) {
        auto batch = session.query(jobs)
                         .filter(jobs.status == "pending")
                         .order_by(jobs.id)
                         .limit(batch_size)
                         .with_for_update({.skip_locked = true})
                         .all();
        if (batch.empty()) {
            session.commit();
            return done;
        }
        for (auto& job : batch) {
            session.add(JobRun{job->id, worker_id});  // the "work"
            job->status = "done";
            job->worker = worker_id;
            job->done_at = utc_now();
        }
        session.commit();  // releases the locks: the batch is done, atomically
        session.expunge_all();
        done += static_cast<int>(batch.size());
    }
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s POSTGRESQL_URL [JOBS] [WORKERS]\n", argv[0]);
        return 2;
    }
    const std::string url = argv[1];
    const int job_count = argc > 2 ? std::atoi(argv[2]) : 10'000;
    const int worker_count = argc > 3 ? std::atoi(argv[3]) : 4;
    try {
        Engine engine = create_engine(url, {.pool_size = worker_count + 1});
        default_metadata().drop_all(engine);
        default_metadata().create_all(engine);

        // Enqueue through COPY.
        {
            std::vector<Job> queued;
            for (int i = 1; i <= job_count; ++i)
                queued.push_back(Job{i, "job #" + std::to_string(i), "pending", {}, {}});
            Session session(engine);
            session.bulk_insert(queued);
            session.commit();
        }
        std::printf("queued %d jobs; %d workers start\n", job_count, worker_count);

        std::vector<int> done(static_cast<std::size_t>(worker_count), 0);
        std::mutex errors_mutex;
        std::vector<std::string> errors;
        std::vector<std::thread> workers;
        for (int w = 0; w < worker_count; ++w)
            workers.emplace_back([&, w] {
                try {
                    done[static_cast<std::size_t>(w)] = work(engine, w + 1);
                } catch (const std::exception& e) {
                    std::lock_guard lock(errors_mutex);
                    errors.push_back(e.what());
                }
            });
        for (auto& worker : workers) worker.join();
        for (const auto& error : errors) std::fprintf(stderr, "worker failed: %s\n", error.c_str());

        int total = 0;
        for (int w = 0; w < worker_count; ++w) {
            std::printf("worker %d did %d jobs\n", w + 1, done[static_cast<std::size_t>(w)]);
            total += done[static_cast<std::size_t>(w)];
        }
        auto conn = engine.connect();
        const auto runs = conn.execute(select(func::count(job_runs.job_id))).scalar();
        const auto pending =
            conn.execute(select(func::count(jobs.id)).where(jobs.status == "pending")).scalar();
        const auto mismatched = conn.execute(select(func::count(jobs.id))
                                                 .join(job_runs, job_runs.job_id == jobs.id)
                                                 .where(job_runs.worker != jobs.worker))
                                    .scalar();
        std::printf(
            "%d jobs done, %lld runs recorded, %lld pending, %lld recorded by another "
            "worker than the job names\n",
            total, static_cast<long long>(runs), static_cast<long long>(pending),
            static_cast<long long>(mismatched));
        conn.commit();
        const bool ok = errors.empty() && total == job_count && runs == job_count && pending == 0 &&
                        mismatched == 0;
        default_metadata().drop_all(engine);
        std::printf(ok ? "every job done exactly once\n" : "FAILED\n");
        return ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "job queue failed: %s\n", e.what());
        return 1;
    }
}
