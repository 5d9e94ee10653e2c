// A small side-by-side benchmark harness: runs a reference and Retort alternately, reports
// medians and the ratio of Retort's throughput to the reference's.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

namespace retort::bench {

struct Comparison {
    std::string workload;
    std::string unit;  // what one operation is ("rows", "lookups")
    double operations;
    double reference_median_s;
    double retort_median_s;

    double reference_rate() const { return operations / reference_median_s; }
    double retort_rate() const { return operations / retort_median_s; }
    double ratio() const { return reference_median_s / retort_median_s; }
};

/// Peak resident memory of this process (VmHWM), in KiB; exec starts it afresh.
inline long peak_rss_kib() {
    FILE* status = std::fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (status && std::fgets(line, sizeof line, status))
        if (std::strncmp(line, "VmHWM:", 6) == 0) kib = std::atol(line + 6);
    if (status) std::fclose(status);
    return kib;
}

inline double median(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    std::size_t n = samples.size();
    return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

/// CPU time of this process (every thread, user and system), for client-CPU comparisons.
inline double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// The PostgreSQL URL of a benchmark (RETORT_BENCH_PG_URL, which bench/run sets), or null
/// after saying on stderr that it is missing.
inline const char* bench_pg_url() {
    const char* url = std::getenv("RETORT_BENCH_PG_URL");
    if (url == nullptr) std::fprintf(stderr, "set RETORT_BENCH_PG_URL (bench/run does)\n");
    return url;
}

/// The value of `--name N` on the command line, or `fallback`.
inline int int_option(int argc, char** argv, const char* name, int fallback) {
    for (int i = 1; i + 1 < argc; i += 2)
        if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
    return fallback;
}

inline double seconds_of(const std::function<void()>& body) {
    auto start = std::chrono::steady_clock::now();
    body();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Runs both bodies `repetitions` times, alternating (after one warm-up each), so that drift
/// of the machine affects both alike. RETORT_BENCH_CPU=1 prints each run's client CPU too
/// (where the wall time is the server's, this is what the client adds).
inline Comparison compare(std::string workload, std::string unit, double operations,
                          int repetitions, const std::function<void()>& reference,
                          const std::function<void()>& retort) {
    const bool show_cpu = std::getenv("RETORT_BENCH_CPU") != nullptr;
    reference();
    retort();
    std::vector<double> ref, ours;
    for (int i = 0; i < repetitions; ++i) {
        const double cpu_start = cpu_seconds();
        ref.push_back(seconds_of(reference));
        const double cpu_between = cpu_seconds();
        ours.push_back(seconds_of(retort));
        if (show_cpu)
            std::fprintf(stderr, "  %s: client CPU %.4f s (reference) %.4f s (Retort)\n",
                         workload.c_str(), cpu_between - cpu_start, cpu_seconds() - cpu_between);
        std::fprintf(stderr, "  %s: run %d/%d\n", workload.c_str(), i + 1, repetitions);
    }
    return Comparison{std::move(workload), std::move(unit), operations, median(ref), median(ours)};
}

inline void print_table(const std::vector<Comparison>& rows) {
    std::printf("\n%-52s %18s %18s %8s\n", "workload (median)", "raw libpq", "Retort", "ratio");
    for (const auto& row : rows) {
        std::printf("%-52s %12.0f %s/s %12.0f %s/s %7.2fx\n", row.workload.c_str(),
                    row.reference_rate(), row.unit.c_str(), row.retort_rate(), row.unit.c_str(),
                    row.ratio());
    }
}

}  // namespace retort::bench
