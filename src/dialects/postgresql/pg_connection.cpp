#include "pg_connection.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>

#include "../../types/text_format.hpp"
#include "pg_result.hpp"
#include "pg_types.hpp"
#include "retort/errors.hpp"
#include "sigpipe_guard.hpp"

namespace retort::postgresql {

using Clock = std::chrono::steady_clock;

namespace {

constexpr auto default_grace = std::chrono::seconds(5);

std::string trimmed(const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// The exception class for a SQLSTATE, as psycopg2 and SQLAlchemy classify them.
template <class... Args>
[[noreturn]] void throw_for_sqlstate(const std::string& sqlstate, Args&&... args) {
    std::string_view cls = std::string_view(sqlstate).substr(0, 2);
    if (cls == "23") throw IntegrityError(std::forward<Args>(args)...);
    if (cls == "22") throw DataError(std::forward<Args>(args)...);
    if (cls == "0A") throw NotSupportedError(std::forward<Args>(args)...);
    // 25: invalid transaction state (25P02: "current transaction is aborted"); P0: PL/pgSQL
    // RAISE; XX: internal errors.
    if (cls == "25" || cls == "P0" || cls == "XX") throw InternalError(std::forward<Args>(args)...);
    if (cls == "08" || cls == "40" || cls == "53" || cls == "54" || cls == "55" || cls == "57" ||
        cls == "58" || cls == "HV")
        throw OperationalError(std::forward<Args>(args)...);
    throw ProgrammingError(std::forward<Args>(args)...);  // 42 syntax and access, 26, 34, 3D, ...
}

int poll_socket(PGconn* conn, short events, int timeout_ms) {
    pollfd descriptor{PQsocket(conn), events, 0};
    int rc;
    do {
        rc = ::poll(&descriptor, 1, timeout_ms);
    } while (rc < 0 && errno == EINTR);
    return rc;
}

int remaining_ms(std::optional<Clock::time_point> deadline) {
    if (!deadline) return -1;
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(left);
}

void route_notice(void* arg, const char* message) {
    static_cast<PgConnection*>(arg)->notice(message);
}

}  // namespace

PgConnection::PgConnection(const Url& url, const EngineOptions& options)
    : mode_(options.prepare),
      cache_capacity_(options.prepared_statement_cache_size),
      grace_(options.deadline_grace.value_or(default_grace)),
      log_sink_(options.log_sink),
      echo_notices_(options.echo) {
    if (grace_ < std::chrono::milliseconds(0))
        throw ArgumentError("deadline_grace cannot be negative");
    try {
        connect(url, options);
    } catch (...) {
        if (conn_) PQfinish(conn_);  // the destructor does not run for a failed constructor
        conn_ = nullptr;
        throw;
    }
}

PgConnection::~PgConnection() {
    if (stream_) stream_->abandon(false);  // PQfinish ends the command; reading it would be wasted
    if (conn_) PQfinish(conn_);
}

void PgConnection::connect(const Url& url, const EngineOptions& options) {
    std::vector<std::pair<std::string, std::string>> params;
    if (url.host) params.emplace_back("host", *url.host);
    if (url.port) params.emplace_back("port", std::to_string(*url.port));
    if (!url.database.empty()) params.emplace_back("dbname", url.database);
    if (url.username) params.emplace_back("user", *url.username);
    if (url.password) params.emplace_back("password", *url.password);
    params.emplace_back("client_encoding", "UTF8");
    for (const auto& [key, value] : url.query) params.emplace_back(key, value);
    for (const auto& [key, value] : options.connect_args) params.emplace_back(key, value);

    std::optional<Clock::time_point> deadline;
    for (const auto& [key, value] : params) {
        if (key != "connect_timeout") continue;
        int seconds = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec != std::errc{} || end != value.data() + value.size())
            throw ArgumentError(
                fmt::format("connect_timeout must be a whole number of seconds, not '{}'", value));
        // As libpq: zero or negative waits forever, and anything shorter than 2 s means 2 s.
        if (seconds > 0) deadline = Clock::now() + std::chrono::seconds(std::max(seconds, 2));
    }
    // Without a connect_timeout, a statement deadline bounds the connect (and the session
    // setup below) too: deadline + grace, as every other wait.
    timeout_ = options.statement_timeout;
    if (!deadline) deadline = grace_deadline();

    std::vector<const char*> keys, values;
    for (const auto& [key, value] : params) {
        keys.push_back(key.c_str());
        values.push_back(value.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);

    conn_ = PQconnectStartParams(keys.data(), values.data(), 0);
    if (conn_ == nullptr) throw OperationalError("could not allocate a PostgreSQL connection");
    if (PQstatus(conn_) == CONNECTION_BAD)
        throw OperationalError(
            fmt::format("could not connect to PostgreSQL: {}", trimmed(PQerrorMessage(conn_))),
            "08001");

    // The asynchronous handshake, so that connect_timeout bounds the whole of it.
    PostgresPollingStatusType state = PGRES_POLLING_WRITING;
    while (state != PGRES_POLLING_OK) {
        if (state == PGRES_POLLING_FAILED)
            throw OperationalError(
                fmt::format("could not connect to PostgreSQL: {}", trimmed(PQerrorMessage(conn_))),
                "08001");
        short events = state == PGRES_POLLING_READING ? POLLIN : POLLOUT;
        int rc = poll_socket(conn_, events, remaining_ms(deadline));
        if (rc == 0)
            throw OperationalError(
                fmt::format(
                    "could not connect to PostgreSQL at {}:{}: no answer within connect_timeout "
                    "(or, without one, statement_timeout + deadline_grace)",
                    url.host.value_or("localhost"), url.port.value_or(5432)),
                "08001");
        if (rc < 0)
            throw OperationalError(
                fmt::format("could not connect to PostgreSQL: {}", std::strerror(errno)), "08001");
        state = PQconnectPoll(conn_);
    }
    PQsetNoticeProcessor(conn_, route_notice, this);

    // Text forms Retort's codecs parse, whatever the server's defaults are.
    std::string setup =
        "SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'iso_8601'; SET bytea_output = 'hex'";
    if (options.isolation_level && *options.isolation_level != IsolationLevel::autocommit)
        setup += fmt::format("; SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL {}",
                             isolation_level_sql(*options.isolation_level));
    execute_script(setup);
    set_up_transaction_ids();
}

void PgConnection::notice(const char* message) {
    if (echo_notices_) emit_log(log_sink_, LogLevel::info, "retort.postgresql", trimmed(message));
}

PgConnection::Deadline PgConnection::deadline() const {
    if (!timeout_) return std::nullopt;
    return Clock::now() + *timeout_;
}

PgConnection::Deadline PgConnection::grace_deadline() const {
    if (!timeout_) return std::nullopt;
    return Clock::now() + *timeout_ + grace_;
}

void PgConnection::raise_connection_error(std::string_view sql, std::string_view what) {
    if (PQstatus(conn_) != CONNECTION_OK) broken_ = true;
    std::string message = fmt::format("{}: {}", what, trimmed(PQerrorMessage(conn_)));
    if (!sql.empty()) message += fmt::format("\n[SQL: {}]", statement_excerpt(sql));
    if (broken_) throw OperationalError(message, "08006", std::string(sql));
    throw InterfaceError(message, "", std::string(sql));
}

void PgConnection::raise_result_error(const PGresult* result, std::string_view sql) {
    if (PQstatus(conn_) != CONNECTION_OK) broken_ = true;
    server_refused_ = true;
    auto field = [&](int code) {
        const char* value = PQresultErrorField(result, code);
        return std::string(value ? value : "");
    };
    std::string sqlstate = field(PG_DIAG_SQLSTATE);
    std::string message = field(PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) message = trimmed(PQresultErrorMessage(result));
    if (message.empty()) message = trimmed(PQerrorMessage(conn_));
    std::string text = sqlstate.empty() ? message : fmt::format("({}) {}", sqlstate, message);
    if (std::string detail = field(PG_DIAG_MESSAGE_DETAIL); !detail.empty())
        text += "\nDETAIL: " + detail;
    if (std::string hint = field(PG_DIAG_MESSAGE_HINT); !hint.empty()) text += "\nHINT: " + hint;
    if (sqlstate == "42601" && message.find("multiple commands") != std::string::npos)
        text += fmt::format("\n({})", several_statements_refused);
    if (sqlstate == "57014" && cancelled_)
        text += "\n(cancelled by Retort: statement_timeout expired)";
    text += fmt::format("\n[SQL: {}]", statement_excerpt(sql));
    if (broken_ && sqlstate.empty()) sqlstate = "08006";
    throw_for_sqlstate(sqlstate, text, sqlstate, std::string(sql), field(PG_DIAG_CONSTRAINT_NAME));
}

void PgConnection::ensure_idle(std::string_view sql) {
    if (conn_ == nullptr) throw InterfaceError("the connection is closed");
    if (broken_)
        throw OperationalError("the connection was invalidated after an earlier failure", "08006",
                               std::string(sql));
    if (stream_ != nullptr)
        throw InterfaceError(fmt::format(
            "a streamed result is still being read on this connection; read it to the end or "
            "close() it before running another statement\n[SQL: {}]",
            statement_excerpt(sql)));
    wait_for_cancel(sql);
}

Oid PgConnection::type_oid(const Value& value) noexcept {
    static constexpr Oid oids[] = {oid::unknown, oid::boolean,   oid::int8,        oid::float8,
                                   oid::unknown, oid::bytea,     oid::numeric,     oid::date,
                                   oid::time,    oid::timestamp, oid::timestamptz, oid::interval,
                                   oid::uuid,    oid::unknown};
    static_assert(std::size(oids) == std::variant_size_v<ValueVariant>);
    // An integer that fits is sent as int4, as psycopg2's literal 5 is an integer constant: a
    // function declared with integer arguments (substr, left, round(numeric, int), ...) is
    // found, and `bigint_key = $1::int4` still uses the key's index (a cross-type btree
    // operator). Larger values are int8.
    if (const auto* integer = std::get_if<std::int64_t>(&value))
        return *integer >= std::numeric_limits<std::int32_t>::min() &&
                       *integer <= std::numeric_limits<std::int32_t>::max()
                   ? oid::int4
                   : oid::int8;
    return oids[value.index()];
}

void PgConnection::check_encodable(const Value& value, std::size_t index) {
    // Text parameters end at the first NUL byte, so one would silently cut the value short.
    const std::string* text = std::get_if<std::string>(&value);
    if (const Json* json = std::get_if<Json>(&value)) text = &json->text();
    if (text != nullptr && text->find('\0') != std::string::npos)
        throw DataError(fmt::format(
            "parameter ${} contains a NUL byte, which PostgreSQL text cannot hold; use Bytes",
            index + 1));
}

void PgConnection::encode_params(ParamRefs params) {
    const std::size_t n = params.size();
    texts_.resize(n);
    values_.assign(n, nullptr);
    lengths_.assign(n, 0);
    formats_.assign(n, 0);
    types_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Value& value = *params[i];
        types_[i] = type_oid(value);
        std::string& text = texts_[i];
        if (value.index() == 0) continue;  // NULL
        if (const auto* string = std::get_if<std::string>(&value)) {
            // Bound in place, untyped: the server reads it as the type it goes into.
            check_encodable(value, i);
            values_[i] = string->c_str();
            continue;
        }
        if (const auto* json = std::get_if<Json>(&value)) {  // untyped too: json or jsonb
            check_encodable(value, i);
            values_[i] = json->text().c_str();
            continue;
        }
        if (const auto* bytes = std::get_if<Bytes>(&value)) {
            static const char empty = 0;
            values_[i] = bytes->empty() ? &empty : reinterpret_cast<const char*>(bytes->data());
            lengths_[i] = static_cast<int>(bytes->size());
            formats_[i] = 1;
            continue;
        }
        text.clear();
        detail::append_text_form(text, value);
        values_[i] = text.c_str();
    }
}

std::string first_word(std::string_view sql) {
    std::size_t start = sql.find_first_not_of(" \t\r\n(");
    std::string word;
    for (std::size_t i = start; i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]));
         ++i)
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
    return word;
}

bool changes_schema(std::string_view sql) {
    const std::string word = first_word(sql);
    return word == "CREATE" || word == "ALTER" || word == "DROP" || word == "TRUNCATE" ||
           word == "COMMENT";
}

const std::string& PgConnection::prepared_name(std::string_view sql) {
    if (cache_stale_) {
        cache_stale_ = false;
        if (!prepared_.empty()) {
            prepared_.clear();
            execute_script("DEALLOCATE ALL");
        }
    }
    key_.assign(sql);
    key_.push_back('\0');
    key_.append(reinterpret_cast<const char*>(types_.data()), types_.size() * sizeof(Oid));
    last_prepared_key_ = key_;
    if (auto it = prepared_.find(key_); it != prepared_.end()) return it->second.name;

    if (prepared_.size() >= cache_capacity_) {
        // Dropping the whole cache keeps this simple; a workload with more distinct statements
        // than the cache holds should raise prepared_statement_cache_size.
        prepared_.clear();
        execute_script("DEALLOCATE ALL");
    }
    std::string name = fmt::format("retort_{}", ++statement_counter_);
    if (!PQsendPrepare(conn_, name.c_str(), std::string(sql).c_str(),
                       static_cast<int>(types_.size()), types_.data()))
        raise_connection_error(sql, "could not send the statement");
    collect(sql);
    return prepared_.emplace(key_, Prepared{std::move(name)}).first->second.name;
}

std::string PgConnection::encode_and_prepare(std::string_view sql, ParamRefs params, bool simple) {
    encode_params(params);
    const bool schema_change = changes_schema(sql);
    if (schema_change) cache_stale_ = true;
    if (simple || mode_ != PrepareMode::named || schema_change) return {};  // DDL runs once
    return prepared_name(sql);
}

bool PgConnection::send_encoded(std::string_view sql, const std::string& name, int params,
                                std::string& text) {
    if (name.empty()) {
        if (text.empty()) text = sql;
        return PQsendQueryParams(conn_, text.c_str(), params, types_.data(), values_.data(),
                                 lengths_.data(), formats_.data(), 0) == 1;
    }
    return PQsendQueryPrepared(conn_, name.c_str(), params, values_.data(), lengths_.data(),
                               formats_.data(), 0) == 1;
}

void PgConnection::send(std::string_view sql, ParamRefs params, bool script) {
    const bool simple = simple_protocol(params.size(), script);
    const std::string name = encode_and_prepare(sql, params, simple);
    std::string text;
    // The simple query protocol is the only one that runs a script of several statements, so a
    // pending BEGIN rides at the script's head.
    const bool ok = simple
                        ? PQsendQuery(conn_, (take_pending_begin() + std::string(sql)).c_str()) == 1
                        : send_encoded(sql, name, static_cast<int>(params.size()), text);
    if (!ok) raise_connection_error(sql, "could not send the statement");
}

struct PgConnection::CancelInFlight {
    std::mutex mutex;
    std::condition_variable delivered;
    bool done = false;
};

void PgConnection::send_cancel() noexcept {
    cancelled_ = true;
    cancel_deadline_ = Clock::now() + grace_;
    // PQcancel() blocks until the server closes the cancel connection: forever, behind a peer
    // that stalls. It runs on a thread of its own, which owns the request and ends with it;
    // this connection waits (at most the grace period) for the statement's answer, and the
    // next command waits for the delivery (wait_for_cancel).
    PGcancel* cancel = PQgetCancel(conn_);
    if (cancel == nullptr) return;
    try {
        auto state = std::make_shared<CancelInFlight>();
        std::thread([cancel, state] {
            char error[256];
            SigpipeGuard no_sigpipe;
            PQcancel(cancel, error, sizeof error);
            PQfreeCancel(cancel);
            std::lock_guard lock(state->mutex);
            state->done = true;
            state->delivered.notify_all();
        }).detach();
        cancel_in_flight_ = std::move(state);
    } catch (const std::exception&) {  // no thread to be had: cancel in place
        char error[256];
        SigpipeGuard no_sigpipe;
        PQcancel(cancel, error, sizeof error);
        PQfreeCancel(cancel);
    }
}

void PgConnection::wait_for_cancel(std::string_view sql) {
    if (!cancel_in_flight_) return;
    auto state = std::move(cancel_in_flight_);
    std::unique_lock lock(state->mutex);
    if (!state->delivered.wait_until(lock, cancel_deadline_, [&] { return state->done; })) {
        lock.unlock();
        abandon(sql,
                "a cancel request was still on its way after the grace period, and it "
                "could cancel this statement instead");
    }
}

void PgConnection::abandon(std::string_view sql, std::string_view what) {
    // Shut the socket so that nothing can wait on it any more; the connection is discarded.
    broken_ = true;
    if (int socket = PQsocket(conn_); socket >= 0) ::shutdown(socket, SHUT_RDWR);
    throw OperationalError(
        fmt::format("{}; the connection was abandoned after the deadline and the statement's "
                    "outcome is unknown\n[SQL: {}]",
                    what, statement_excerpt(sql)),
        "08006", std::string(sql));
}

void PgConnection::wait_ready(std::string_view sql, Deadline deadline) {
    while (PQisBusy(conn_)) {
        // Once a cancel is sent, every further wait for this command shares its grace period.
        if (cancelled_) deadline = cancel_deadline_;
        int rc = poll_socket(conn_, POLLIN, remaining_ms(deadline));
        if (rc == 0) {
            if (!cancelled_) {
                // The client-side deadline passed: ask the server to cancel, then give it a
                // moment to answer with the cancellation error.
                send_cancel();
                continue;
            }
            abandon(sql,
                    "statement_timeout expired and the server answered neither the statement nor "
                    "the cancel request within the grace period");
        }
        if (rc < 0) {
            broken_ = true;
            throw OperationalError(
                fmt::format("waiting for the server failed: {}", std::strerror(errno)));
        }
        if (!PQconsumeInput(conn_))
            raise_connection_error(sql, "the connection to the server was lost");
    }
}

ResultPtr PgConnection::collect(std::string_view sql, ResultPtr* trailing) {
    cancelled_ = false;
    Deadline limit = deadline();
    ResultPtr previous;
    ResultPtr last;
    ResultPtr error;
    while (true) {
        wait_ready(sql, limit);
        ResultPtr result(PQgetResult(conn_));
        if (result.get == nullptr) break;
        ExecStatusType status = PQresultStatus(result.get);
        if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE ||
            status == PGRES_NONFATAL_ERROR) {
            if (error.get == nullptr) error = std::move(result);
            continue;
        }
        if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
            broken_ = true;  // we cannot finish a COPY started through execute()
            throw ProgrammingError(
                "COPY is not supported through execute(); the connection was invalidated", "",
                std::string(sql));
        }
        previous = std::move(last);
        last = std::move(result);
    }
    if (error.get != nullptr) raise_result_error(error.get, sql);
    if (trailing != nullptr) {
        *trailing = std::move(last);
        last = std::move(previous);
    }
    if (last.get == nullptr && PQstatus(conn_) != CONNECTION_OK)
        raise_connection_error(sql, "the connection to the server was lost");
    return last;
}

std::unique_ptr<DriverResult> PgConnection::execute(std::string_view sql, ParamRefs params,
                                                    const ExecuteOptions& options) {
    ensure_idle(sql);
    refuse_if_aborted(sql);
    UnsentBeginGuard keep_begin(*this);
    const bool outside_transaction =
        pending_begin_.empty() && PQtransactionStatus(conn_) == PQTRANS_IDLE;
    try {
        const bool learn = learns_transaction_id(sql, options);
        if (!pending_begin_.empty() && !options.stream &&
            !simple_protocol(params.size(), options.script)) {
            if (!learn) note_statement(sql);
            return run_after_begin(sql, params, learn);
        }
        if (learn) return run_learning_transaction_id(sql, params, options);
        note_statement(sql);
        return run(sql, params, options);
    } catch (const DatabaseError& error) {
        // A prepared statement the server no longer accepts: its plan went stale after another
        // session changed the schema (0A000), or it was deallocated behind our back (26000).
        // Forget it; outside a transaction nothing was lost, so run the statement again.
        bool stale = error.sqlstate() == "0A000" || error.sqlstate() == "26000";
        if (!stale || mode_ != PrepareMode::named || last_prepared_key_.empty()) throw;
        prepared_.erase(last_prepared_key_);
        if (!outside_transaction || broken_) throw;
        return run(sql, params, options);
    }
}

std::unique_ptr<DriverResult> PgConnection::run(std::string_view sql, ParamRefs params,
                                                const ExecuteOptions& options) {
    last_prepared_key_.clear();
    if (options.stream && !pending_begin_.empty()) {
        // A simple-protocol stream (a script) cannot share a pipeline: BEGIN goes first.
        if (!simple_protocol(params.size(), false)) return stream_after_begin(sql, params);
        send_pending_begin();
    }
    send(sql, params, options.script && !options.stream);
    if (!options.stream) return std::make_unique<PgResult>(collect(sql));

    if (!PQsetSingleRowMode(conn_)) raise_connection_error(sql, "could not enter single-row mode");
    cancelled_ = false;
    ResultPtr first = next_result(sql);
    if (first.get == nullptr) raise_connection_error(sql, "the server sent no result");
    auto stream = std::make_unique<PgResult>(std::move(first), this, std::string(sql));
    if (!stream->finished()) stream_ = stream.get();
    return stream;
}

ResultPtr PgConnection::next_result(std::string_view sql) {
    wait_ready(sql, deadline());
    ResultPtr result(PQgetResult(conn_));
    if (result.get == nullptr) return result;
    ExecStatusType status = PQresultStatus(result.get);
    if (status == PGRES_SINGLE_TUPLE) return result;
    if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE) {
        // Drain what follows so that the connection is usable after the error.
        while (true) {
            wait_ready(sql, deadline());
            ResultPtr rest(PQgetResult(conn_));
            if (rest.get == nullptr) break;
        }
        stream_ = nullptr;
        raise_result_error(result.get, sql);
    }
    // The final result of the command: read the NULL that ends it.
    wait_ready(sql, deadline());
    ResultPtr end(PQgetResult(conn_));
    return result;
}

void PgConnection::stream_finished(PgResult* stream) noexcept {
    if (stream_ == stream) stream_ = nullptr;
    finish_stream_pipeline();
}

void PgConnection::flush_output(std::string_view sql) {
    const Deadline limit = grace_deadline();
    while (true) {
        int rc = PQflush(conn_);
        if (rc == 0) return;
        if (rc < 0) raise_connection_error(sql, "could not send to the server");
        // The server may be blocked writing results to us: read them while we wait to write.
        int ready = poll_socket(conn_, POLLIN | POLLOUT, remaining_ms(limit));
        if (ready == 0)
            abandon(sql, "statement_timeout expired while the server was taking no data");
        if (ready < 0) raise_connection_error(sql, "poll failed");
        if (!PQconsumeInput(conn_))
            raise_connection_error(sql, "the connection to the server was lost");
    }
}

std::optional<Notify> PgConnection::wait_notification(std::chrono::milliseconds timeout) {
    ensure_idle("LISTEN");
    const auto until = Clock::now() + timeout;
    while (true) {
        if (!PQconsumeInput(conn_))
            raise_connection_error("LISTEN", "the connection to the server was lost");
        if (PGnotify* note = PQnotifies(conn_)) {
            Notify notification{note->relname, note->extra ? note->extra : "", note->be_pid};
            PQfreemem(note);
            return notification;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
        if (left.count() <= 0) return std::nullopt;
        int rc = poll_socket(conn_, POLLIN, static_cast<int>(left.count()));
        if (rc < 0 && errno != EINTR)
            raise_connection_error("LISTEN", "waiting for a notification failed");
    }
}

void PgConnection::start_copy(std::string_view sql, ExecStatusType expected) {
    ensure_idle(sql);
    refuse_if_aborted(sql);
    send_pending_begin();
    if (!PQsendQuery(conn_, std::string(sql).c_str()))
        raise_connection_error(sql, "could not send the statement");
    cancelled_ = false;
    wait_ready(sql, deadline());
    ResultPtr started(PQgetResult(conn_));
    if (started.get != nullptr && PQresultStatus(started.get) == expected) return;
    // An error (no such table or column, a permission): read what follows, then raise it.
    for (;;) {
        ResultPtr rest(PQgetResult(conn_));
        if (rest.get == nullptr) break;
    }
    if (started.get == nullptr) raise_connection_error(sql, "the server sent no result");
    if (PQresultStatus(started.get) == PGRES_FATAL_ERROR) raise_result_error(started.get, sql);
    broken_ = true;
    throw ProgrammingError(
        "the statement did not start the expected COPY; the connection was "
        "invalidated",
        "", std::string(sql));
}

std::int64_t PgConnection::finish_copy(std::string_view sql) {
    ResultPtr result = collect(sql);
    if (result.get == nullptr) return 0;
    const char* rows = PQcmdTuples(result.get);
    return rows != nullptr && *rows != '\0' ? std::strtoll(rows, nullptr, 10) : 0;
}

std::int64_t PgConnection::copy_in(std::string_view sql,
                                   const std::function<void(CopySink&)>& body) {
    start_copy(sql, PGRES_COPY_IN);
    // Nonblocking while the data goes out: a peer that stops taking it makes libpq queue instead
    // of block, and the wait for room is bounded by deadline + grace (flush_output).
    PQsetnonblocking(conn_, 1);
    struct Blocking {
        PGconn* conn;
        ~Blocking() { PQsetnonblocking(conn, 0); }
    } restore{conn_};
    struct Sink final : CopySink {
        PgConnection* pg;
        std::string_view sql;
        void send(std::string_view data) override {
            while (!data.empty()) {  // PQputCopyData takes an int length
                const auto piece = std::min<std::size_t>(data.size(), 1u << 30);
                int rc;
                while ((rc = PQputCopyData(pg->conn_, data.data(), static_cast<int>(piece))) == 0)
                    pg->flush_output(sql);  // no room: wait (bounded) until the server takes some
                if (rc != 1) pg->raise_connection_error(sql, "could not send COPY data");
                data.remove_prefix(piece);
            }
        }
    } sink;
    sink.pg = this;
    sink.sql = sql;
    try {
        body(sink);
    } catch (...) {
        // Abort: the server rolls the COPY back and answers with an error, which is expected.
        if (PQputCopyEnd(conn_, "aborted by the client") == 1) {
            try {
                flush_output(sql);
                collect(sql);
            } catch (const Error&) {
            }
        } else {
            broken_ = true;
        }
        throw;
    }
    int rc;
    while ((rc = PQputCopyEnd(conn_, nullptr)) == 0) flush_output(sql);
    if (rc != 1) raise_connection_error(sql, "could not end the COPY");
    flush_output(sql);
    const std::int64_t rows = finish_copy(sql);
    PQsetnonblocking(conn_, 0);
    learn_transaction_id_now();  // a COPY cannot share a pipeline: one round trip after it
    return rows;
}

std::int64_t PgConnection::copy_out(std::string_view sql,
                                    const std::function<void(std::string_view)>& consume) {
    note_statement(sql);
    start_copy(sql, PGRES_COPY_OUT);
    // Each wait for more data is bounded, not the whole export: a long COPY that keeps sending
    // is not cut, one whose peer went silent is.
    std::exception_ptr consumer_error;
    Deadline limit = grace_deadline();
    while (true) {
        char* data = nullptr;
        const int size = PQgetCopyData(conn_, &data, 1);
        if (size > 0) {
            limit = grace_deadline();
            if (!consumer_error) {
                try {
                    consume(std::string_view(data, static_cast<std::size_t>(size)));
                } catch (...) {
                    consumer_error = std::current_exception();  // drain the rest, then raise
                }
            }
            PQfreemem(data);
        } else if (size == 0) {  // nothing buffered: wait for the socket
            int ready = poll_socket(conn_, POLLIN, remaining_ms(limit));
            if (ready == 0)
                abandon(sql, "statement_timeout expired while the server sent no COPY data");
            if (ready < 0) raise_connection_error(sql, "waiting for COPY data failed");
            if (!PQconsumeInput(conn_))
                raise_connection_error(sql, "the connection to the server was lost");
        } else if (size == -1) {
            break;  // done: the command's result follows
        } else {
            raise_connection_error(sql, "reading COPY data failed");
        }
    }
    const std::int64_t rows = finish_copy(sql);
    if (consumer_error) std::rethrow_exception(consumer_error);
    return rows;
}

void PgConnection::execute_script(std::string_view sql) {
    ensure_idle(sql);
    refuse_if_aborted(sql);
    UnsentBeginGuard keep_begin(*this);
    note_statement(sql);
    if (changes_schema(sql)) cache_stale_ = true;
    if (!PQsendQuery(conn_, (take_pending_begin() + std::string(sql)).c_str()))
        raise_connection_error(sql, "could not send the statement");
    collect(sql);
}

void PgConnection::abandon_stream() noexcept {
    if (stream_ == nullptr) return;
    // The transaction is being thrown away, so cancelling is safe and saves reading the rest;
    // the grace period bounds the drain.
    send_cancel();
    stream_->abandon(true);
    stream_ = nullptr;
}

bool PgConnection::in_transaction() const {
    if (!pending_begin_.empty()) return true;
    PGTransactionStatusType status = PQtransactionStatus(conn_);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool PgConnection::ping() {
    if (is_broken()) return false;
    try {
        execute_script("");
        return true;
    } catch (const Error&) {
        broken_ = true;
        return false;
    }
}

bool PgConnection::is_broken() const {
    return broken_ || conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK;
}

void PgConnection::reset() {
    abandon_stream();
    if (in_transaction()) rollback();
}

}  // namespace retort::postgresql
