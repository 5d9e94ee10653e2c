#include "pg_result.hpp"

#include <charconv>
#include <cstring>

#include "pg_types.hpp"
#include "retort/errors.hpp"
#include "retort/types/hex.hpp"
#include "retort/types/traits.hpp"

namespace retort::postgresql {

namespace {

ColumnDecoding decoding_for(Oid type) {
    switch (type) {
        case oid::int2:
        case oid::int4:
        case oid::int8:
        case oid::oid:
            return ColumnDecoding::integer;
        case oid::float4:
        case oid::float8:
            return ColumnDecoding::real;
        case oid::boolean:
            return ColumnDecoding::boolean;
        case oid::bytea:
            return ColumnDecoding::bytea;
        default:
            return ColumnDecoding::text;
    }
}

// bytea text output in the hex format ("\x0a1b...").
void decode_bytea(std::string_view text, std::string& out) {
    out.clear();
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x')
        throw DataError("bytea value is not in hex format (bytea_output must be 'hex')");
    out.resize((text.size() - 2) / 2);
    for (std::size_t i = 2, j = 0; i + 1 < text.size(); i += 2, ++j) {
        int high = hex_digit(text[i]);
        int low = hex_digit(text[i + 1]);
        if (high < 0 || low < 0) throw DataError("malformed bytea hex text");
        out[j] = static_cast<char>(high * 16 + low);
    }
}

std::int64_t affected_rows(const PGresult* result) {
    const char* status = PQcmdStatus(const_cast<PGresult*>(result));
    if (std::strncmp(status, "SELECT", 6) == 0) return -1;
    const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
    if (tuples == nullptr || *tuples == '\0') return -1;
    return detail::parse_int64(tuples);
}

}  // namespace

PgResult::PgResult(ResultPtr result) : result_(std::move(result)) {
    describe(result_.get);
    rows_ = PQntuples(result_.get);
    rows_affected_ = affected_rows(result_.get);
}

PgResult::PgResult(ResultPtr first, PgConnection* owner, std::string sql)
    : result_(std::move(first)), owner_(owner), sql_(std::move(sql)), streaming_(true) {
    describe(result_.get);
    if (PQresultStatus(result_.get) == PGRES_SINGLE_TUPLE) {
        pending_first_ = true;
    } else {  // PGRES_TUPLES_OK: no rows at all; the command is complete
        rows_affected_ = affected_rows(result_.get);
        done_ = true;
        if (owner_) owner_->stream_finished(this);
        owner_ = nullptr;
    }
}

PgResult::~PgResult() {
    try {
        close();
    } catch (...) {
        // A failure while draining means the connection is dead; the pool discards it.
    }
    if (owner_) owner_->stream_finished(this);
}

void PgResult::describe(const PGresult* result) {
    int n = PQnfields(result);
    names_.reserve(static_cast<std::size_t>(n));
    decoding_.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        names_.emplace_back(PQfname(result, i));
        decoding_.push_back(decoding_for(PQftype(result, i)));
    }
}

bool PgResult::next() {
    if (!streaming_) return ++row_ < rows_;
    if (pending_first_) {
        pending_first_ = false;
        row_ = 0;
        return true;
    }
    if (abandoned_)
        throw InterfaceError(
            "the connection of this streamed result was returned to the pool before it was read");
    if (done_) return false;
    ResultPtr next;
    try {
        next = owner_->next_result(sql_);
    } catch (...) {
        // The command ended in an error: this stream is over and must never read from the
        // connection again, whatever runs on it next.
        done_ = true;
        std::exchange(owner_, nullptr)->stream_finished(this);
        throw;
    }
    if (next.get != nullptr && PQresultStatus(next.get) == PGRES_SINGLE_TUPLE) {
        result_ = std::move(next);
        row_ = 0;
        return true;
    }
    // The final (empty) result, then nothing: the command is complete.
    if (next.get != nullptr) rows_affected_ = affected_rows(next.get);
    done_ = true;
    result_ = ResultPtr{};
    owner_->stream_finished(this);
    owner_ = nullptr;
    return false;
}

Field PgResult::field(std::size_t column) {
    const int c = static_cast<int>(column);
    PGresult* r = result_.get;
    const auto length = static_cast<std::size_t>(PQgetlength(r, row_, c));
    // Only an empty value can be NULL: skip the extra call for every other one.
    if (length == 0 && PQgetisnull(r, row_, c)) return Field{};
    const char* value = PQgetvalue(r, row_, c);
    switch (decoding_[column]) {
        case ColumnDecoding::integer: {
            std::int64_t number = 0;
            auto [end, ec] = std::from_chars(value, value + length, number);
            if (ec != std::errc{} || end != value + length) return Field::of_text({value, length});
            return Field::of_integer(number);
        }
        case ColumnDecoding::real: {
            return Field::of_real(detail::parse_double(std::string_view(value, length)));
        }
        case ColumnDecoding::boolean:
            return Field::of_integer(value[0] == 't' ? 1 : 0);
        case ColumnDecoding::bytea:
            decode_bytea(std::string_view(value, length), scratch_);
            return Field::of_blob(scratch_);
        case ColumnDecoding::text:
            break;
    }
    return Field::of_text({value, length});
}

void PgResult::abandon(bool drain) noexcept {
    if (done_) return;
    if (drain) {
        try {
            close();
        } catch (...) {
            // The drain failed: the connection is broken and will be discarded.
        }
    }
    abandoned_ = true;
    done_ = true;
    owner_ = nullptr;
}

void PgResult::close() {
    if (!streaming_ || done_) return;
    pending_first_ = false;
    // libpq must read the command to its end before the connection can run anything else;
    // cancelling instead would abort the enclosing transaction.
    while (next()) {
    }
}

}  // namespace retort::postgresql
