// Transactions on a PostgreSQL connection, and what Retort does when the reply to COMMIT is
// lost: it learns each writing transaction's id before COMMIT, without a round trip of its own
// (the id query rides in the pipeline of the transaction's first statement that may write), so
// that a lost reply can be resolved by asking the server (pg_xact_status) on a new connection.
#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <thread>

#include "pg_connection.hpp"
#include "pg_result.hpp"
#include "retort/engine/events.hpp"
#include "retort/errors.hpp"

namespace retort::postgresql {

namespace {

// How likely a statement is to give its transaction an id (to write).
enum class WriteRisk {
    none,      // transaction control and session settings: never writes
    possible,  // a query, DDL, LOCK: may write (a SELECT may call a function that writes)
    likely,    // INSERT, UPDATE, DELETE, MERGE, CALL, DO, a WITH that modifies
};

bool contains_word(std::string_view sql, std::string_view upper_word) {
    auto upper = [](char c) {
        return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    };
    for (std::size_t at = 0; at + upper_word.size() <= sql.size(); ++at) {
        std::size_t i = 0;
        while (i < upper_word.size() && upper(sql[at + i]) == upper_word[i]) ++i;
        if (i == upper_word.size()) return true;
    }
    return false;
}

WriteRisk write_risk(std::string_view sql) {
    const std::string word = first_word(sql);
    static constexpr std::string_view never[] = {
        "",        "BEGIN", "START", "COMMIT", "END",    "ABORT",    "ROLLBACK",   "SAVEPOINT",
        "RELEASE", "SET",   "RESET", "SHOW",   "LISTEN", "UNLISTEN", "DEALLOCATE", "DISCARD"};
    for (std::string_view w : never)
        if (word == w) return WriteRisk::none;
    if (word == "INSERT" || word == "UPDATE" || word == "DELETE" || word == "MERGE" ||
        word == "CALL" || word == "DO")
        return WriteRisk::likely;
    if (word == "WITH" && (contains_word(sql, "INSERT") || contains_word(sql, "UPDATE") ||
                           contains_word(sql, "DELETE")))
        return WriteRisk::likely;
    return WriteRisk::possible;
}

// pg_stat_activity.backend_xid is a 32-bit xid: the low half of the 64-bit id.
std::string low_xid(const std::string& full_id) {
    unsigned long long id = std::strtoull(full_id.c_str(), nullptr, 10);
    return std::to_string(id & 0xffffffffULL);
}

}  // namespace

void PgConnection::set_up_transaction_ids() {
    const int version = PQserverVersion(conn_);
    if (version >= 130000) {
        transaction_id_sql_ = "SELECT pg_current_xact_id_if_assigned()::text, pg_backend_pid()";
        transaction_status_sql_ = "SELECT pg_xact_status($1::text::xid8)";
    } else if (version >= 100000) {
        transaction_id_sql_ = "SELECT txid_current_if_assigned()::text, pg_backend_pid()";
        transaction_status_sql_ = "SELECT txid_status($1::text::bigint)";
    }
}

bool PgConnection::learns_transaction_id(std::string_view sql,
                                         const ExecuteOptions& options) const {
    return !transaction_id_sql_.empty() && transaction_id_.empty() && !options.stream &&
           transaction_open() && !changes_schema(sql) && write_risk(sql) == WriteRisk::likely;
}

void PgConnection::note_statement(std::string_view sql) {
    // The cheap checks first: outside a transaction (autocommit lookups) nothing is scanned.
    if (transaction_id_.empty() && transaction_open() && write_risk(sql) != WriteRisk::none)
        transaction_unchecked_ = true;
}

std::unique_ptr<DriverResult> PgConnection::run_learning_transaction_id(
    std::string_view sql, ParamRefs params, const ExecuteOptions& options) {
    if (params.empty() && (options.script || mode_ == PrepareMode::never)) {
        // The simple query protocol (a script): the id query goes at its end, after a newline
        // that ends any trailing -- comment. It asks about whatever transaction is open then.
        const std::string script =
            fmt::format("{}{}\n;{}", take_pending_begin(), sql, transaction_id_sql_);
        if (!PQsendQuery(conn_, script.c_str()))
            raise_connection_error(sql, "could not send the statement");
        ResultPtr id;
        ResultPtr outcome = collect(sql, &id);
        read_transaction_id(id.get);
        return std::make_unique<PgResult>(std::move(outcome));
    }
    return run_after_begin(sql, params, true);
}

std::unique_ptr<DriverResult> PgConnection::run_after_begin(std::string_view sql, ParamRefs params,
                                                            bool learn_id) {
    const std::vector<const Value*> values(params.begin(), params.end());
    const std::vector<const Value*> none;
    const std::string begin = std::exchange(pending_begin_, {});
    BatchStatement statements[3];
    std::size_t count = 0;
    if (!begin.empty()) statements[count++] = {begin, {&none, 1}};
    const std::size_t main = count;
    statements[count++] = {sql, {&values, 1}};
    if (learn_id) statements[count++] = {transaction_id_sql_, {&none, 1}};
    std::unique_ptr<DriverResult> outcome;
    run_pipeline(
        {statements, count},
        [&](std::size_t statement, std::size_t, ResultPtr final, std::vector<ResultPtr> rows) {
            if (statement == main)
                outcome = pipelined_outcome(std::move(final), std::move(rows));
            else if (statement > main)
                read_transaction_id(final.get);
        },
        main);
    return outcome;
}

std::unique_ptr<DriverResult> PgConnection::stream_after_begin(std::string_view sql,
                                                               ParamRefs params) {
    const std::string begin = std::exchange(pending_begin_, {});
    const std::string name = encode_and_prepare(sql, params, false);
    std::string text;
    if (!PQenterPipelineMode(conn_)) raise_connection_error(sql, "could not enter pipeline mode");
    stream_pipeline_ = true;
    try {
        const bool sent =
            PQsendQueryParams(conn_, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) &&
            send_encoded(sql, name, static_cast<int>(params.size()), text) && PQpipelineSync(conn_);
        if (!sent) {
            broken_ = true;  // a half-queued pipeline, with no sync to end it, cannot go on
            raise_connection_error(sql, "could not send the statement");
        }
        flush_output(sql);
        cancelled_ = false;
        ResultPtr began = next_result(begin);  // BEGIN's result and the NULL after it
        if (began.get == nullptr) raise_connection_error(begin, "the server sent no result");
        if (!PQsetSingleRowMode(conn_)) raise_connection_error(sql, "could not stream the rows");
        ResultPtr first = next_result(sql);
        if (first.get == nullptr) raise_connection_error(sql, "the server sent no result");
        auto stream = std::make_unique<PgResult>(std::move(first), this, std::string(sql));
        if (!stream->finished()) stream_ = stream.get();
        return stream;
    } catch (...) {
        finish_stream_pipeline();
        throw;
    }
}

void PgConnection::finish_stream_pipeline() noexcept {
    if (!stream_pipeline_) return;
    stream_pipeline_ = false;
    if (broken_) return;  // discarded: nothing more is read from it
    try {
        // What is left: the query's end (an aborted one's marker) and the sync, at most a few
        // results; bounded so that a confused state cannot spin here.
        for (int left = 8; left > 0; --left) {
            if (PQstatus(conn_) != CONNECTION_OK) break;
            wait_ready("SYNC", grace_deadline());
            ResultPtr result(PQgetResult(conn_));
            if (result.get != nullptr && PQresultStatus(result.get) == PGRES_PIPELINE_SYNC) {
                if (PQexitPipelineMode(conn_)) return;
                break;
            }
        }
    } catch (const std::exception&) {
    }
    broken_ = true;  // the pipeline could not be closed: the connection is discarded
}

void PgConnection::keep_unsent_begin(std::string begin) noexcept {
    if (begin.empty() || !pending_begin_.empty() || broken_ || PQstatus(conn_) != CONNECTION_OK ||
        PQtransactionStatus(conn_) != PQTRANS_IDLE)
        return;  // nothing was taken, or the server ran it (the transaction is open)
    pending_begin_ = std::move(begin);
    if (server_refused_) aborted_unsent_ = true;
}

void PgConnection::refuse_if_aborted(std::string_view sql) const {
    if (!aborted_unsent_) return;
    throw InternalError(
        fmt::format("(25P02) current transaction is aborted, commands ignored until end of "
                    "transaction block: an earlier statement failed\n[SQL: {}]",
                    statement_excerpt(sql)),
        "25P02", std::string(sql));
}

std::string PgConnection::take_pending_begin() {
    if (pending_begin_.empty()) return {};
    return std::exchange(pending_begin_, {}) + ";\n";
}

void PgConnection::send_pending_begin() {
    if (pending_begin_.empty()) return;
    const std::string begin = std::exchange(pending_begin_, {});
    if (!PQsendQuery(conn_, begin.c_str())) raise_connection_error(begin, "could not send BEGIN");
    collect(begin);
}

void PgConnection::learn_transaction_id_now() {
    if (transaction_id_sql_.empty() || !transaction_id_.empty() ||
        PQtransactionStatus(conn_) != PQTRANS_INTRANS)
        return;
    if (!PQsendQueryParams(conn_, transaction_id_sql_.c_str(), 0, nullptr, nullptr, nullptr,
                           nullptr, 0))
        raise_connection_error(transaction_id_sql_, "could not send the statement");
    read_transaction_id(collect(transaction_id_sql_).get);
}

void PgConnection::read_transaction_id(const PGresult* result) {
    if (result == nullptr || PQntuples(result) != 1) return;
    transaction_unchecked_ = false;         // whatever ran before has been asked about
    if (PQgetisnull(result, 0, 0)) return;  // nothing written yet
    transaction_id_ = PQgetvalue(result, 0, 0);
    transaction_pid_ = std::strtoll(PQgetvalue(result, 0, 1), nullptr, 10);
}

void PgConnection::forget_transaction_id() noexcept {
    transaction_id_.clear();
    transaction_pid_ = 0;
    transaction_unchecked_ = false;
}

void PgConnection::begin(std::optional<IsolationLevel> isolation) {
    if (in_transaction())
        throw InvalidRequestError(
            "BEGIN refused: the server already has a transaction open on this connection");
    ensure_idle("BEGIN");
    forget_transaction_id();
    aborted_unsent_ = false;
    // Sent with the transaction's first statement (transaction_open()).
    pending_begin_ = isolation && *isolation != IsolationLevel::autocommit
                         ? fmt::format("BEGIN ISOLATION LEVEL {}", isolation_level_sql(*isolation))
                         : std::string("BEGIN");
}

void PgConnection::commit() {
    ensure_idle("COMMIT");
    if (!pending_begin_.empty()) {  // nothing ran: the server never saw the transaction
        pending_begin_.clear();
        if (std::exchange(aborted_unsent_, false))
            throw InvalidRequestError(
                "COMMIT did not commit: the transaction had been aborted by an earlier error and "
                "was rolled back instead");
        return;
    }
    const bool failed = PQtransactionStatus(conn_) == PQTRANS_INERROR;
    const bool wrote_nothing = !failed && !transaction_id_sql_.empty() && transaction_id_.empty() &&
                               !transaction_unchecked_;
    const std::string id = std::exchange(transaction_id_, {});
    const long long pid = transaction_pid_;
    forget_transaction_id();
    ResultPtr result;
    try {
        if (!PQsendQuery(conn_, "COMMIT"))
            raise_connection_error("COMMIT", "could not send COMMIT");
        result = collect("COMMIT");
    } catch (const OperationalError& error) {
        if (!is_broken()) throw;
        if (failed)
            throw OperationalError(
                fmt::format("the connection was lost during COMMIT of a transaction that had "
                            "failed: nothing was committed: {}",
                            error.what()),
                "08006", "COMMIT");
        if (wrote_nothing) {
            emit_log(log_sink_, LogLevel::warning, "retort.postgresql",
                     "the reply to COMMIT was lost; the transaction had written nothing, so "
                     "nothing was lost");
            return;
        }
        throw CommitOutcomeUnknown(
            fmt::format(
                "the connection was lost during COMMIT; the transaction may or may not have been "
                "committed{}: {}",
                id.empty() ? " (Retort learns a transaction's id with its first INSERT, "
                             "UPDATE, DELETE, MERGE, CALL or COPY; this one had none)"
                           : fmt::format(" (transaction {})", id),
                error.what()),
            "08006", "COMMIT", id, pid);
    }
    // PostgreSQL answers COMMIT of a failed transaction with a ROLLBACK: nothing was committed.
    if (result.get != nullptr && std::strcmp(PQcmdStatus(result.get), "ROLLBACK") == 0)
        throw InvalidRequestError(
            "COMMIT did not commit: the transaction had been aborted by an earlier error and was "
            "rolled back instead");
}

void PgConnection::rollback() {
    forget_transaction_id();
    aborted_unsent_ = false;
    if (!pending_begin_.empty()) {
        pending_begin_.clear();
        return;
    }
    abandon_stream();
    execute_script("ROLLBACK");
}

CommitOutcome PgConnection::resolve_commit(const CommitOutcomeUnknown& lost,
                                           std::chrono::milliseconds wait) {
    if (lost.transaction_id().empty() || transaction_status_sql_.empty())
        return CommitOutcome::unknown;
    const auto until = Clock::now() + wait;
    const Value id{lost.transaction_id()};
    bool ended_backend = false;
    while (true) {
        const Value* status_params[] = {&id};
        auto status = execute(transaction_status_sql_, status_params, {});
        if (!status->next()) return CommitOutcome::unknown;
        const Field field = status->field(0);
        if (field.is_null()) return CommitOutcome::unknown;  // too old: its status is gone
        if (field.bytes == "committed") return CommitOutcome::committed;
        if (field.bytes == "aborted") return CommitOutcome::rolled_back;
        // In progress: the server process still holds it, behind the connection Retort gave
        // up on (a stalled network). End that process, so that the transaction ends too:
        // committed if its COMMIT was being carried out, rolled back otherwise. Only the
        // process still running this very transaction is ended: never a reused pid.
        if (!ended_backend && lost.backend_pid() != 0) {
            const Value pid{static_cast<std::int64_t>(lost.backend_pid())};
            const Value low{low_xid(lost.transaction_id())};
            const Value* end_params[] = {&pid, &low};
            execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE pid = $1 AND backend_xid::text = $2",
                end_params, {});
            ended_backend = true;
        }
        if (Clock::now() >= until) return CommitOutcome::unknown;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace retort::postgresql
