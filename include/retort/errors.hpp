// The one exception hierarchy of Retort, shared by every layer.
// It sits below all layers (it includes nothing of Retort) so that types/ can raise DataError.
#pragma once

#include <stdexcept>
#include <string>

namespace retort {

/// Root of every exception Retort throws.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Misuse of the API: a malformed URL, an unknown option, a call in the wrong state.
class ArgumentError : public Error {
  public:
    using Error::Error;
};

/// Errors reported by the database or its driver. `sqlstate()` is the PostgreSQL SQLSTATE
/// (or an SQLite result code rendered as "SQLITE_..."), `statement()` the SQL text sent
/// (never parameter values).
class DatabaseError : public Error {
  public:
    DatabaseError(const std::string& message, std::string sqlstate = {}, std::string statement = {},
                  std::string constraint = {})
        : Error(message),
          sqlstate_(std::move(sqlstate)),
          statement_(std::move(statement)),
          constraint_(std::move(constraint)) {}

    const std::string& sqlstate() const noexcept { return sqlstate_; }
    const std::string& statement() const noexcept { return statement_; }
    /// The constraint the server named (PostgreSQL), empty when none.
    const std::string& constraint_name() const noexcept { return constraint_; }

    /// True for serialization failures and deadlocks (40001, 40P01; SQLITE_BUSY): the whole
    /// transaction can be retried.
    bool is_retryable() const noexcept {
        return sqlstate_ == "40001" || sqlstate_ == "40P01" ||
               sqlstate_.rfind("SQLITE_BUSY", 0) == 0;
    }
    /// True when the connection was lost or could not be made (SQLSTATE class 08: 08001 for a
    /// failed connect, 08006 for a connection lost; 57P01-57P03 for a server shutting down or
    /// starting): SQLAlchemy's connection_invalidated. That connection is gone; a new one, after
    /// rollback(), may work.
    bool is_disconnect() const noexcept {
        return sqlstate_.rfind("08", 0) == 0 || sqlstate_ == "57P01" || sqlstate_ == "57P02" ||
               sqlstate_ == "57P03";
    }

  private:
    std::string sqlstate_;
    std::string statement_;
    std::string constraint_;
};

/// A constraint was violated (unique, foreign key, not null, check).
class IntegrityError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// The server or the connection failed: connection lost, timeout, serialization failure,
/// too many connections.
class OperationalError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// What became of a transaction whose COMMIT went unanswered, as the server tells it later.
enum class CommitOutcome { committed, rolled_back, unknown };

/// A COMMIT was sent but its reply was lost, and Retort could not find out then whether the
/// transaction committed (the server was unreachable, or its id was never learned). When
/// transaction_id() is known, Engine::resolve_commit(error) asks the server again later.
class CommitOutcomeUnknown : public OperationalError {
  public:
    CommitOutcomeUnknown(const std::string& message, std::string sqlstate = {},
                         std::string statement = {}, std::string transaction_id = {},
                         long long backend_pid = 0)
        : OperationalError(message, std::move(sqlstate), std::move(statement)),
          transaction_id_(std::move(transaction_id)),
          backend_pid_(backend_pid) {}

    /// The server's id of the transaction (PostgreSQL: pg_current_xact_id()), learned before
    /// COMMIT was sent; empty when it was not (see docs/design/core.md, "Lost COMMIT replies").
    const std::string& transaction_id() const noexcept { return transaction_id_; }
    /// The server process that ran the transaction (PostgreSQL: pg_backend_pid()), 0 if unknown.
    long long backend_pid() const noexcept { return backend_pid_; }

  private:
    std::string transaction_id_;
    long long backend_pid_ = 0;
};

/// The SQL is wrong: syntax error, unknown table or column, wrong number of parameters.
class ProgrammingError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// The database hit an internal or transaction-state error: the transaction is aborted and
/// must be rolled back (PostgreSQL 25P02), a PL/pgSQL RAISE, an internal server error.
class InternalError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// The database does not support what was asked (SQLSTATE class 0A).
class NotSupportedError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// A value does not fit: out of range, malformed, NUL byte in text, NULL into a non-optional.
class DataError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// The driver was used wrongly or failed internally (closed connection, result already closed).
class InterfaceError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// An operation was asked for that cannot be done in the current state.
class InvalidRequestError : public Error {
  public:
    using Error::Error;
};

/// one() found no row.
class NoResultFound : public InvalidRequestError {
  public:
    using InvalidRequestError::InvalidRequestError;
};

/// one() or one_or_none() found more than one row.
class MultipleResultsFound : public InvalidRequestError {
  public:
    using InvalidRequestError::InvalidRequestError;
};

// --- ORM ------------------------------------------------------------------------------------

/// An UPDATE or DELETE of the unit of work matched fewer rows than it expected: another
/// transaction changed (a version_id column) or deleted the row since it was read.
class StaleDataError : public Error {
  public:
    using Error::Error;
};

/// An attribute of an object that is not in a Session (any more) had to be loaded.
class DetachedInstanceError : public InvalidRequestError {
  public:
    using InvalidRequestError::InvalidRequestError;
};

/// An expired or refreshed object's row is not in the database any more.
class ObjectDeletedError : public InvalidRequestError {
  public:
    using InvalidRequestError::InvalidRequestError;
};

/// The unit of work was asked for something it cannot do (a primary key left NULL, two objects
/// with one identity).
class FlushError : public Error {
  public:
    using Error::Error;
};

/// No connection could be checked out of the pool within pool_timeout.
class PoolTimeout : public Error {
  public:
    using Error::Error;
};

}  // namespace retort
