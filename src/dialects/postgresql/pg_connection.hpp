// The libpq connection behind a PostgreSQL engine: asynchronous sends with a blocking wait on
// top (so that a coroutine API can later share the code), prepared statement cache, pipelines.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "retort/engine/driver.hpp"

namespace retort::postgresql {

class PgResult;

/// Owns a PGresult.
struct ResultPtr {
    PGresult* get = nullptr;
    ResultPtr() = default;
    explicit ResultPtr(PGresult* r) : get(r) {}
    ResultPtr(ResultPtr&& o) noexcept : get(std::exchange(o.get, nullptr)) {}
    ResultPtr& operator=(ResultPtr&& o) noexcept {
        if (this != &o) {
            if (get) PQclear(get);
            get = std::exchange(o.get, nullptr);
        }
        return *this;
    }
    ~ResultPtr() {
        if (get) PQclear(get);
    }
};

/// Statements that change the schema: after one, plans prepared earlier may describe tables
/// that no longer look that way ("cached plan must not change result type").
bool changes_schema(std::string_view sql);
/// The statement's first keyword, upper-cased ("" when there is none).
std::string first_word(std::string_view sql);

class PgConnection final : public DriverConnection {
  public:
    PgConnection(const Url& url, const EngineOptions& options);
    ~PgConnection() override;

    std::unique_ptr<DriverResult> execute(std::string_view sql, ParamRefs params,
                                          const ExecuteOptions& options) override;
    std::int64_t execute_many(std::string_view sql,
                              std::span<const std::vector<const Value*>> sets) override;
    void execute_batch(std::span<const BatchStatement> statements,
                       const BatchReader& reader) override;
    void execute_script(std::string_view sql) override;
    std::optional<Notify> wait_notification(std::chrono::milliseconds timeout) override;
    std::int64_t copy_in(std::string_view sql, const std::function<void(CopySink&)>& body) override;
    std::int64_t copy_out(std::string_view sql,
                          const std::function<void(std::string_view)>& consume) override;
    void begin(std::optional<IsolationLevel> isolation) override;
    void commit() override;
    CommitOutcome resolve_commit(const CommitOutcomeUnknown& lost,
                                 std::chrono::milliseconds wait) override;
    void rollback() override;
    bool in_transaction() const override;
    bool ping() override;
    bool is_broken() const override;
    void reset() override;
    void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) override {
        timeout_ = timeout;
    }
    void* native_handle() noexcept override { return conn_; }

    // Used by PgResult while streaming.
    ResultPtr next_result(std::string_view sql);
    void stream_finished(PgResult* stream) noexcept;
    /// A NOTICE from the server: logged when echo is on, dropped otherwise.
    void notice(const char* message);

  private:
    struct Prepared {
        std::string name;
    };
    using Clock = std::chrono::steady_clock;
    using Deadline = std::optional<Clock::time_point>;

    void connect(const Url& url, const EngineOptions& options);
    std::unique_ptr<DriverResult> run(std::string_view sql, ParamRefs params,
                                      const ExecuteOptions& options);
    static Oid type_oid(const Value& value) noexcept;
    static void check_encodable(const Value& value, std::size_t index);
    void send_cancel() noexcept;
    void abandon_stream() noexcept;
    void encode_params(ParamRefs params);
    void send(std::string_view sql, ParamRefs params, bool script = false);
    /// Encodes `params` and, in named mode, prepares `sql` (its own round trip, the first
    /// time): the name send_encoded() sends it by, empty for an unnamed statement.
    std::string encode_and_prepare(std::string_view sql, ParamRefs params, bool simple);
    /// Queues `sql` with the encoded parameters, prepared by `name` or unnamed. An unnamed one
    /// needs the text NUL-terminated: `text` holds that copy, made once (a batch reuses it).
    bool send_encoded(std::string_view sql, const std::string& name, int params, std::string& text);
    /// Whether a statement with `params` parameters goes out as a simple query (text, which
    /// may hold several statements) rather than through the extended protocol.
    bool simple_protocol(std::size_t params, bool script) const {
        return params == 0 && (script || mode_ == PrepareMode::never);
    }
    const std::string& prepared_name(std::string_view sql);
    void wait_ready(std::string_view sql, Deadline deadline);
    /// All results of one command; raises on error. Returns the last statement's result, or,
    /// with `trailing`, the one before it (`trailing` gets the last).
    ResultPtr collect(std::string_view sql, ResultPtr* trailing = nullptr);
    /// Receives one execution's outcome in a pipeline: its final result, and its rows when they
    /// came one PGresult each (single-row mode).
    using PipelineSink = std::function<void(std::size_t statement, std::size_t set, ResultPtr final,
                                            std::vector<ResultPtr> rows)>;
    /// Sends every execution of `statements` in one pipeline and hands each outcome to `sink`;
    /// the first error (of the server, or thrown by `sink`) is raised after all were read.
    /// The first `unnamed` statements are never prepared (a BEGIN sent ahead of the rest).
    void run_pipeline(std::span<const BatchStatement> statements, const PipelineSink& sink,
                      std::size_t unnamed = 0);

    // BEGIN waits for the transaction's first statement and goes out in its round trip
    // (pg_transaction.cpp): a pipeline ahead of an extended-protocol statement or batch, text
    // ahead of a script. A transaction that runs nothing sends nothing.
    bool transaction_open() const {
        return !pending_begin_.empty() || PQtransactionStatus(conn_) == PQTRANS_INTRANS;
    }
    /// Sends a pending BEGIN in a round trip of its own (before a COPY).
    void send_pending_begin();
    /// A streamed query sent in one pipeline after the pending BEGIN: BEGIN's result is read,
    /// then the query's rows stream in single-row mode; the pipeline's sync is read and the
    /// pipeline left when the stream ends (finish_stream_pipeline).
    std::unique_ptr<DriverResult> stream_after_begin(std::string_view sql, ParamRefs params);
    void finish_stream_pipeline() noexcept;
    /// The pending BEGIN as the head of a script ("BEGIN;\n"), or "" when there is none.
    std::string take_pending_begin();
    /// Keeps a taken BEGIN when the statement that carried it failed before the server ran it
    /// (a value refused on this side; a statement the server could not parse or prepare, which
    /// it refuses before running anything): the transaction is still open then, and, after a
    /// server error, aborted as PostgreSQL would have left it.
    class UnsentBeginGuard;
    void keep_unsent_begin(std::string begin) noexcept;
    /// A statement while the transaction is aborted that way: refused (25P02) until rollback.
    void refuse_if_aborted(std::string_view sql) const;
    /// `sql` run with the pending BEGIN in one pipeline (and the id query after, when asked).
    std::unique_ptr<DriverResult> run_after_begin(std::string_view sql, ParamRefs params,
                                                  bool learn_id);

    // Commit-outcome resolution (pg_transaction.cpp): the transaction's id is learned in the
    // round trip of its first statement that may write, so that a lost COMMIT reply can be
    // resolved later by asking the server (pg_xact_status).
    void set_up_transaction_ids();
    bool learns_transaction_id(std::string_view sql, const ExecuteOptions& options) const;
    std::unique_ptr<DriverResult> run_learning_transaction_id(std::string_view sql,
                                                              ParamRefs params,
                                                              const ExecuteOptions& options);
    /// Asks for the id in a round trip of its own (after a COPY, which cannot be pipelined).
    void learn_transaction_id_now();
    /// `sql` runs in the transaction without the id being asked for after it: unless it cannot
    /// write, the transaction may have an id Retort does not know.
    void note_statement(std::string_view sql);
    void read_transaction_id(const PGresult* result);
    void forget_transaction_id() noexcept;
    /// One pipelined execution's outcome as a result the caller keeps.
    static std::unique_ptr<DriverResult> pipelined_outcome(ResultPtr final,
                                                           std::vector<ResultPtr> rows);
    void start_copy(std::string_view sql, ExecStatusType expected);
    std::int64_t finish_copy(std::string_view sql);
    /// Sends what libpq has queued (a pipeline, COPY data) in nonblocking mode, reading results
    /// meanwhile; the wait for room is bounded by deadline + grace.
    void flush_output(std::string_view sql);
    [[noreturn]] void raise_connection_error(std::string_view sql, std::string_view what);
    [[noreturn]] void raise_result_error(const PGresult* result, std::string_view sql);
    void ensure_idle(std::string_view sql);
    Deadline deadline() const;
    /// The statement deadline plus the grace a cancel is given: for waits that cannot cancel
    /// (sending a batch, COPY data).
    Deadline grace_deadline() const;
    /// Shuts the connection's socket and raises the error saying its outcome is unknown.
    [[noreturn]] void abandon(std::string_view sql, std::string_view what);

    PGconn* conn_ = nullptr;
    PrepareMode mode_;
    std::size_t cache_capacity_;
    std::unordered_map<std::string, Prepared> prepared_;
    std::uint64_t statement_counter_ = 0;
    std::optional<std::chrono::milliseconds> timeout_;
    std::chrono::milliseconds grace_;  // EngineOptions::deadline_grace
    bool broken_ = false;
    bool cancelled_ = false;
    Clock::time_point cancel_deadline_{};
    /// A cancel request still being delivered (send_cancel). The next command waits for it,
    /// within the grace: a cancel that lands late would cancel that command instead.
    struct CancelInFlight;
    std::shared_ptr<CancelInFlight> cancel_in_flight_;
    void wait_for_cancel(std::string_view sql);
    // The SQL that asks for the transaction's id and the backend's pid, and the one that asks
    // for a transaction's status: empty on servers before PostgreSQL 10, which have neither.
    std::string transaction_id_sql_;
    std::string transaction_status_sql_;
    std::string pending_begin_;      // BEGIN not sent yet (empty: none)
    bool aborted_unsent_ = false;    // a server error came before the pending BEGIN ran
    bool server_refused_ = false;    // raise_result_error ran since the last guard began
    bool stream_pipeline_ = false;   // a stream_after_begin() pipeline awaits its sync
    std::string transaction_id_;     // of the open transaction, once learned
    long long transaction_pid_ = 0;  // the server process running it (behind any pooler)
    bool transaction_unchecked_ = false;
    bool cache_stale_ = false;    // a schema change ran: drop prepared plans before the next use
    PgResult* stream_ = nullptr;  // the streamed result being read, if any
    LogSink log_sink_;
    bool echo_notices_ = false;

    // Parameter scratch space, reused between executions.
    std::vector<std::string> texts_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    std::vector<Oid> types_;
    std::string key_;
    std::string last_prepared_key_;  // the statement the last execution used
};

/// Constructed where a statement may carry the pending BEGIN; when the statement throws, hands
/// the BEGIN back to keep_unsent_begin(), which keeps it if the server never ran it.
class PgConnection::UnsentBeginGuard {
  public:
    explicit UnsentBeginGuard(PgConnection& connection)
        : connection_(connection),
          begin_(connection.pending_begin_),
          exceptions_(std::uncaught_exceptions()) {
        connection_.server_refused_ = false;
    }
    UnsentBeginGuard(const UnsentBeginGuard&) = delete;
    UnsentBeginGuard& operator=(const UnsentBeginGuard&) = delete;
    ~UnsentBeginGuard() {
        if (std::uncaught_exceptions() > exceptions_) connection_.keep_unsent_begin(begin_);
    }

  private:
    PgConnection& connection_;
    std::string begin_;
    int exceptions_;
};

}  // namespace retort::postgresql
