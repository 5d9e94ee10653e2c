// Pipelines: many executions sent at once and their results read in order, one round trip for
// all (the ORM's flush, execute_many, and a statement with the transaction-id query after it).
#include <cstring>
#include <functional>

#include "pg_connection.hpp"
#include "pg_result.hpp"
#include "retort/errors.hpp"

namespace retort::postgresql {

std::int64_t PgConnection::execute_many(std::string_view sql,
                                        std::span<const std::vector<const Value*>> sets) {
    std::int64_t affected = 0;
    BatchStatement statement{sql, sets};
    execute_batch({&statement, 1}, [&](std::size_t, std::size_t, DriverResult& outcome) {
        affected += std::max<std::int64_t>(outcome.rows_affected(), 0);
    });
    return affected;
}

namespace {
// The rows of one pipelined execution that arrived one PGresult per row. libpq keeps
// single-row mode set after a streamed query into the first query of the next pipeline, so a
// batch must read that form too.
class SingleRowResults final : public DriverResult {
  public:
    SingleRowResults(std::vector<ResultPtr> rows, ResultPtr final)
        : rows_(std::move(rows)), final_(std::move(final)) {}
    std::size_t column_count() const override {
        return static_cast<std::size_t>(PQnfields(final_.get));
    }
    std::string_view column_name(std::size_t column) const override {
        return PQfname(final_.get, static_cast<int>(column));
    }
    bool next() override {
        if (next_ == rows_.size()) return false;
        current_ = std::make_unique<PgResult>(std::move(rows_[next_++]));
        return current_->next();
    }
    Field field(std::size_t column) override { return current_->field(column); }
    std::int64_t rows_affected() const override {
        const char* tuples = PQcmdTuples(const_cast<PGresult*>(final_.get));
        return tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : -1;
    }
    void close() override { next_ = rows_.size(); }

  private:
    std::vector<ResultPtr> rows_;
    ResultPtr final_;
    std::size_t next_ = 0;
    std::unique_ptr<PgResult> current_;
};
}  // namespace

void PgConnection::execute_batch(std::span<const BatchStatement> statements,
                                 const BatchReader& reader) {
    if (statements.empty()) return;
    ensure_idle(statements.front().sql);
    refuse_if_aborted(statements.front().sql);
    UnsentBeginGuard keep_begin(*this);
    // The transaction's id is asked for in the same pipeline, after the batch's first writes.
    bool learn = false;
    for (const BatchStatement& statement : statements) {
        if (statement.sets.empty()) continue;
        if (learns_transaction_id(statement.sql, {}))
            learn = true;
        else
            note_statement(statement.sql);
    }
    // A pending BEGIN goes first, in the same round trip.
    const std::vector<const Value*> none;
    const std::string begin = std::exchange(pending_begin_, {});
    const std::size_t first = begin.empty() ? 0 : 1;
    std::vector<BatchStatement> all;
    if (first != 0 || learn) {
        all.reserve(statements.size() + 2);
        if (first != 0) all.push_back({begin, {&none, 1}});
        all.insert(all.end(), statements.begin(), statements.end());
        if (learn) all.push_back({transaction_id_sql_, {&none, 1}});
    }
    const std::size_t id_index = first + statements.size();
    run_pipeline(
        all.empty() ? statements : std::span<const BatchStatement>(all),
        [&](std::size_t statement, std::size_t set, ResultPtr final, std::vector<ResultPtr> rows) {
            if (statement < first) return;
            if (statement == id_index) return read_transaction_id(final.get);
            if (rows.empty()) {
                PgResult outcome(std::move(final));
                reader(statement - first, set, outcome);
            } else {
                SingleRowResults outcome(std::move(rows), std::move(final));
                reader(statement - first, set, outcome);
            }
        },
        first);
}

std::unique_ptr<DriverResult> PgConnection::pipelined_outcome(ResultPtr final,
                                                              std::vector<ResultPtr> rows) {
    if (rows.empty()) return std::make_unique<PgResult>(std::move(final));
    return std::make_unique<SingleRowResults>(std::move(rows), std::move(final));
}

void PgConnection::run_pipeline(std::span<const BatchStatement> statements,
                                const PipelineSink& sink, std::size_t unnamed) {
    // Everything that can be refused on this side is refused before the pipeline starts, so that
    // a bad value never leaves a half-sent batch behind. A statement is prepared (before the
    // pipeline: preparing inside one would need its own sync) only if every set binds the same
    // types.
    std::size_t distinct = 0;
    std::vector<bool> uniform(statements.size(), true);
    for (std::size_t s = 0; s < statements.size(); ++s) {
        const auto& sets = statements[s].sets;
        ++distinct;  // the cache is keyed by text and parameter types: count every statement
        for (const auto& set : sets) {
            if (set.size() != sets.front().size()) uniform[s] = false;
            for (std::size_t i = 0; i < set.size(); ++i) {
                check_encodable(*set[i], i);
                if (uniform[s] && type_oid(*set[i]) != type_oid(*sets.front()[i]))
                    uniform[s] = false;
            }
        }
        if (changes_schema(statements[s].sql)) cache_stale_ = true;
    }
    // Preparing one statement may empty a full cache; make room first, so that no statement of
    // this batch loses its prepared plan to another of the same batch.
    const bool prepare = mode_ == PrepareMode::named && distinct < cache_capacity_;
    if (prepare && prepared_.size() + distinct > cache_capacity_ && !prepared_.empty()) {
        prepared_.clear();
        execute_script("DEALLOCATE ALL");
    }
    // Prepared last to first, so that last_prepared_key_ is the first statement's: the one
    // execute() runs again when its plan went stale.
    std::vector<std::string> names(statements.size());
    for (std::size_t s = statements.size(); s-- > 0;) {
        if (s < unnamed || !prepare || !uniform[s] || statements[s].sets.empty()) continue;
        encode_params(statements[s].sets.front());
        names[s] = prepared_name(statements[s].sql);
    }

    std::string_view current_sql = statements.front().sql;
    if (!PQenterPipelineMode(conn_))
        raise_connection_error(current_sql, "could not enter pipeline mode");
    PQsetnonblocking(conn_, 1);
    auto leave_pipeline = [&] {
        PQexitPipelineMode(conn_);
        PQsetnonblocking(conn_, 0);
    };
    std::size_t sent = 0;
    try {
        for (std::size_t s = 0; s < statements.size(); ++s) {
            current_sql = statements[s].sql;
            std::string text;  // made once for all the statement's sets, when unnamed
            for (const auto& set : statements[s].sets) {
                encode_params(set);
                int n = static_cast<int>(set.size());
                if (!send_encoded(current_sql, names[s], n, text))
                    raise_connection_error(current_sql, "could not send a pipelined statement");
                if (++sent % 64 == 0) flush_output(current_sql);
            }
        }
        if (!PQpipelineSync(conn_))
            raise_connection_error(current_sql, "could not send the pipeline sync");
        flush_output(current_sql);
    } catch (const Error&) {
        broken_ = true;  // a half-sent pipeline cannot be resumed
        // The server ended the connection: what it said before (the results already read,
        // its FATAL reason) is read below and tells which statement was running.
        if (PQstatus(conn_) == CONNECTION_OK) throw;
    } catch (...) {
        broken_ = true;
        throw;
    }

    // One result per execution (each followed by NULL), then the sync marker. Every result is
    // read before anything is raised, so that the connection is left usable.
    cancelled_ = false;
    ResultPtr error;
    std::string_view error_sql;
    std::exception_ptr reader_error;
    std::vector<ResultPtr> single_rows;
    Deadline limit = deadline();
    std::size_t s = 0;
    std::size_t k = 0;
    auto advance = [&] {
        ++k;
        while (s < statements.size() && k >= statements[s].sets.size()) {
            ++s;
            k = 0;
        }
    };
    while (s < statements.size() && statements[s].sets.empty()) ++s;
    // The statement whose result is awaited: the one errors name (not the last one sent).
    auto running = [&] { return s < statements.size() ? statements[s].sql : current_sql; };
    while (true) {
        try {
            if (PQstatus(conn_) == CONNECTION_OK) wait_ready(running(), limit);
        } catch (const OperationalError&) {
            if (PQstatus(conn_) == CONNECTION_OK || error.get == nullptr) throw;
            leave_pipeline();
            raise_result_error(error.get, error_sql);
        }
        ResultPtr result(PQgetResult(conn_));
        if (result.get == nullptr) {
            if (PQstatus(conn_) != CONNECTION_OK) {
                leave_pipeline();
                // A server that ends the connection says why first (FATAL: terminating
                // connection due to administrator command): that is the error to raise.
                broken_ = true;
                if (error.get != nullptr) raise_result_error(error.get, error_sql);
                raise_connection_error(running(), "the connection was lost during a pipeline");
            }
            continue;
        }
        ExecStatusType status = PQresultStatus(result.get);
        if (status == PGRES_PIPELINE_SYNC) break;
        if (s >= statements.size()) continue;  // not expected: more results than executions
        if (status == PGRES_SINGLE_TUPLE) {    // one row of the current execution; more follow
            single_rows.push_back(std::move(result));
            continue;
        }
        if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE ||
            status == PGRES_NONFATAL_ERROR) {
            single_rows.clear();
            if (error.get == nullptr) {
                error = std::move(result);
                error_sql = statements[s].sql;
            }
        } else if ((status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) && !reader_error) {
            try {
                std::vector<ResultPtr> rows = std::exchange(single_rows, {});
                sink(s, k, std::move(result), std::move(rows));
            } catch (...) {
                reader_error = std::current_exception();
            }
        }
        advance();
    }
    leave_pipeline();
    if (error.get != nullptr) raise_result_error(error.get, error_sql);
    if (reader_error) std::rethrow_exception(reader_error);
}

}  // namespace retort::postgresql
