// Result: the rows of one executed statement, as Rows or as typed tuples.
#pragma once

#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

#include "retort/engine/driver.hpp"
#include "retort/engine/row.hpp"

namespace retort {

namespace detail {
template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;
}  // namespace detail

/// The outcome of Connection::execute. Rows are read forward, once: iterate it, or take
/// all() / one() / first() / scalar() / scalars(). Every accessor has a typed form that decodes
/// straight from the driver into tuples: `result.all<std::int64_t, std::string>()`.
/// A streamed result (ExecuteOptions::stream) holds its connection busy until read or closed.
class Result {
  public:
    Result() = default;
    explicit Result(std::unique_ptr<DriverResult> cursor);
    Result(Result&&) noexcept = default;
    Result& operator=(Result&&) noexcept = default;
    ~Result();

    /// Column names.
    const std::vector<std::string>& keys() const noexcept { return columns_->names; }
    /// Rows changed by INSERT / UPDATE / DELETE; -1 for a query.
    std::int64_t rows_affected() const noexcept { return rows_affected_; }

    /// The next row, or nullopt at the end.
    std::optional<Row> fetchone();
    /// Up to `count` next rows (fewer at the end); reading in such partitions keeps memory flat.
    std::vector<Row> fetchmany(std::size_t count);
    std::vector<Row> all();
    /// Exactly one row: NoResultFound or MultipleResultsFound otherwise.
    Row one();
    /// At most one row: MultipleResultsFound when there are more.
    std::optional<Row> one_or_none();
    /// The first row, if any; the rest are discarded.
    std::optional<Row> first();

    template <class... Ts>
    std::vector<std::tuple<Ts...>> all() {
        check_width(sizeof...(Ts));
        std::vector<std::tuple<Ts...>> rows;
        if (cursor_) rows.reserve(cursor_->size_hint());
        while (advance()) rows.push_back(decode<Ts...>());
        return rows;
    }
    template <class... Ts>
    std::tuple<Ts...> one() {
        auto row = one_or_none<Ts...>();
        if (!row) throw NoResultFound("one() found no row");
        return std::move(*row);
    }
    template <class... Ts>
    std::optional<std::tuple<Ts...>> one_or_none() {
        check_width(sizeof...(Ts));
        if (!advance()) return std::nullopt;
        auto row = decode<Ts...>();
        if (advance()) {
            close();
            throw MultipleResultsFound("one() found more than one row");
        }
        return row;
    }
    template <class... Ts>
    std::optional<std::tuple<Ts...>> first() {
        check_width(sizeof...(Ts));
        std::optional<std::tuple<Ts...>> row;
        if (advance()) row = decode<Ts...>();
        close();
        return row;
    }

    /// The first column of the first row (the rest are discarded). With T = std::optional<U>
    /// both "no row" and NULL give nullopt; otherwise no row raises NoResultFound.
    template <class T>
    T scalar() {
        bool found = advance();
        if (!found) {
            close();
            if constexpr (detail::is_optional<T>)
                return std::nullopt;
            else
                throw NoResultFound("scalar() found no row");
        }
        T value = decode_one<T>(0);
        close();
        return value;
    }
    /// The first column of every row.
    template <class T>
    std::vector<T> scalars() {
        std::vector<T> values;
        if (cursor_) values.reserve(cursor_->size_hint());
        while (advance()) values.push_back(decode_one<T>(0));
        return values;
    }

    /// The rows of select(model) as entities of the model's struct.
    template <class Model>
    std::vector<typename Model::entity_type> entities(const Model& model) {
        check_width(model.mapped_column_count());
        std::vector<typename Model::entity_type> out;
        if (cursor_) out.reserve(cursor_->size_hint());
        try {
            while (advance()) out.push_back(model.read(*cursor_));
        } catch (const DataError&) {
            close();
            throw;
        }
        return out;
    }

    /// Low-level row access for mappers (the ORM): calls `reader(cursor)` for each of at most
    /// `limit` next rows; the cursor's fields are valid during the call only. Returns the rows
    /// read (fewer than `limit` at the end).
    template <class Reader>
    std::size_t read_rows(std::size_t limit, Reader&& reader) {
        std::size_t count = 0;
        try {
            while (count < limit && advance()) {
                reader(*cursor_);
                ++count;
            }
        } catch (...) {
            close();
            throw;
        }
        return count;
    }
    /// The number of rows when the driver holds them all already, else 0.
    std::size_t size_hint() const noexcept { return cursor_ ? cursor_->size_hint() : 0; }

    /// Iterates typed tuples as they are read: `for (auto [id, name] : r.tuples<std::int64_t,
    /// std::string>())`.
    template <class... Ts>
    class TupleRange;
    template <class... Ts>
    TupleRange<Ts...> tuples() & {
        check_width(sizeof...(Ts));
        return TupleRange<Ts...>(this);
    }
    /// On a temporary (`for (auto t : conn.execute(...).tuples<...>())`) the range keeps the
    /// Result alive for the loop.
    template <class... Ts>
    TupleRange<Ts...> tuples() && {
        check_width(sizeof...(Ts));
        return TupleRange<Ts...>(std::make_unique<Result>(std::move(*this)));
    }

    /// Iterates Rows.
    class iterator;
    iterator begin();
    iterator end();

    /// Discards unread rows and frees the connection.
    void close() noexcept;

  private:
    bool advance();
    void check_width(std::size_t wanted) const;
    [[noreturn]] void rethrow_with_column(const DataError& error, std::size_t column) const;

    template <class T>
    T decode_one(std::size_t column) {
        try {
            return value_traits<T>::from_field(cursor_->field(column));
        } catch (const DataError& error) {
            rethrow_with_column(error, column);
        }
    }
    template <class... Ts>
    std::tuple<Ts...> decode() {
        return decode_columns<Ts...>(std::index_sequence_for<Ts...>{});
    }
    template <class... Ts, std::size_t... I>
    std::tuple<Ts...> decode_columns(std::index_sequence<I...>) {
        return std::tuple<Ts...>{decode_one<Ts>(I)...};  // braces: left-to-right
    }

    std::unique_ptr<DriverResult> cursor_;
    std::shared_ptr<const ColumnNames> columns_ = std::make_shared<ColumnNames>();
    std::int64_t rows_affected_ = -1;
    bool exhausted_ = false;
};

template <class... Ts>
class Result::TupleRange {
  public:
    class iterator {
      public:
        using value_type = std::tuple<Ts...>;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(Result* result) : result_(result) { ++*this; }
        const value_type& operator*() const { return current_; }
        const value_type* operator->() const { return &current_; }
        iterator& operator++() {
            if (result_->advance()) {
                current_ = result_->decode<Ts...>();
            } else {
                result_ = nullptr;
            }
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(const iterator& other) const { return result_ == other.result_; }

      private:
        Result* result_ = nullptr;
        value_type current_;
    };
    explicit TupleRange(Result* result) : result_(result) {}
    explicit TupleRange(std::unique_ptr<Result> owned)
        : owned_(std::move(owned)), result_(owned_.get()) {}
    iterator begin() { return iterator(result_); }
    iterator end() { return iterator(); }

  private:
    std::unique_ptr<Result> owned_;
    Result* result_;
};

class Result::iterator {
  public:
    using value_type = Row;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(Result* result) : result_(result) { ++*this; }
    const Row& operator*() const { return current_; }
    const Row* operator->() const { return &current_; }
    iterator& operator++() {
        auto row = result_->fetchone();
        if (row) {
            current_ = std::move(*row);
        } else {
            result_ = nullptr;
        }
        return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(const iterator& other) const { return result_ == other.result_; }

  private:
    Result* result_ = nullptr;
    Row current_;
};

inline Result::iterator Result::begin() {
    return iterator(this);
}
inline Result::iterator Result::end() {
    return iterator();
}

/// The result of a TypedSelect: rows are std::tuple<Ts...>, decoded straight from the driver.
template <class... Ts>
class TypedResult {
  public:
    using row_type = std::tuple<Ts...>;
    explicit TypedResult(Result result) : result_(std::move(result)) {}

    std::vector<row_type> all() { return result_.all<Ts...>(); }
    row_type one() { return result_.one<Ts...>(); }
    std::optional<row_type> one_or_none() { return result_.one_or_none<Ts...>(); }
    std::optional<row_type> first() { return result_.first<Ts...>(); }
    /// The first column of every row (for a one-column select).
    auto scalars() { return result_.scalars<std::tuple_element_t<0, row_type>>(); }
    /// The first column of the first row.
    auto scalar() { return result_.scalar<std::tuple_element_t<0, row_type>>(); }
    /// The same, with the type spelled out: it must be the column's (a typed select already
    /// knows it; this keeps code written against untyped results compiling, and checked).
    template <class U>
    U scalar() {
        static_assert(std::is_same_v<U, std::tuple_element_t<0, row_type>>,
                      "retort: a typed select knows its column's type: call scalar() without "
                      "one, or give the column's own type");
        return scalar();
    }
    template <class U>
    std::vector<U> scalars() {
        static_assert(std::is_same_v<U, std::tuple_element_t<0, row_type>>,
                      "retort: a typed select knows its column's type: call scalars() without "
                      "one, or give the column's own type");
        return scalars();
    }
    template <class... Us>
    std::vector<row_type> all() {
        static_assert(std::is_same_v<std::tuple<Us...>, row_type>,
                      "retort: a typed select knows its row type: call all() without types, or "
                      "give the columns' own types");
        return all();
    }
    auto begin() { return tuples().begin(); }
    auto end() { return tuples().end(); }
    Result& untyped() noexcept { return result_; }

  private:
    Result::TupleRange<Ts...>& tuples() {
        if (!range_) range_.emplace(result_.tuples<Ts...>());
        return *range_;
    }
    Result result_;
    std::optional<Result::TupleRange<Ts...>> range_;
};

}  // namespace retort
