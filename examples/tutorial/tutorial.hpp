// What every section of the tutorial shares: the engine and session factory, the checks of the
// program's own results, and the sections themselves, declared in the walkthrough's order.
#pragma once

#include <retort/retort.hpp>

#include <concepts>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tutorial {

/// Compares a result with what the walkthrough's data must give; a mismatch is printed and
/// counted, and the program then exits 1.
class Check {
  public:
    template <class Actual, class Expected>
    void equal(const Actual& actual, const Expected& expected, std::string_view what) {
        ++checks_;
        if (same(actual, expected)) return;
        std::printf("MISMATCH: %.*s: got %s, expected %s\n", static_cast<int>(what.size()),
                    what.data(), show(actual).c_str(), show(expected).c_str());
        ++failures_;
    }
    void that(bool ok, std::string_view what) { equal(ok, true, what); }
    int checks() const noexcept { return checks_; }
    int failures() const noexcept { return failures_; }

  private:
    template <class A, class B>
    static bool same(const A& a, const B& b) {
        if constexpr (std::integral<A> && std::integral<B> && !std::same_as<A, bool> &&
                      !std::same_as<B, bool>)
            return std::cmp_equal(a, b);
        else
            return a == b;
    }
    template <class T>
    static std::string show(const T& value) {
        std::ostringstream out;
        if constexpr (std::same_as<T, bool>) {
            out << (value ? "true" : "false");
        } else if constexpr (std::same_as<T, std::vector<std::string>>) {
            out << '[';
            for (std::size_t i = 0; i < value.size(); ++i)
                out << (i ? ", " : "") << '\'' << value[i] << '\'';
            out << ']';
        } else if constexpr (std::convertible_to<T, std::string_view>) {
            out << '\'' << std::string_view(value) << '\'';
        } else {
            out << value;
        }
        return out.str();
    }

    int checks_ = 0;
    int failures_ = 0;
};

/// The state the sections share.
struct Context {
    retort::Engine engine;
    retort::orm::SessionFactory make_session;  // Session = sessionmaker(bind=engine)
    bool postgresql = false;
    Check check{};
};

/// Prints "== name ==".
void heading(std::string_view name);
/// On SQLite, prints "-- <section>: skipped on SQLite (needs PostgreSQL: <why>)" and returns
/// false; on PostgreSQL prints the heading and returns true.
bool on_postgresql(const Context& context, std::string_view section, std::string_view why);
/// An integer as printf's %lld wants it.
inline long long ll(std::int64_t value) {
    return static_cast<long long>(value);
}

// --- sections_basics.cpp -----------------------------------------------------------------------
void creating_an_engine(Context& context);
void defining_models(Context& context);
void creating_the_tables(Context& context);
void creating_a_session(Context& context);
// --- sections_crud.cpp -------------------------------------------------------------------------
void basic_crud_operations(Context& context);
// --- sections_relationships.cpp ----------------------------------------------------------------
void working_with_relationships(Context& context);
void querying_with_relationships(Context& context);
// --- sections_transactions.cpp -----------------------------------------------------------------
void transactions_and_error_handling(Context& context);
// --- sections_queries.cpp ----------------------------------------------------------------------
void complex_filtering(Context& context);
void querying_with_functions(Context& context);
void subqueries_and_joins(Context& context);
void pagination(Context& context);
// --- sections_postgresql.cpp -------------------------------------------------------------------
void array_types(Context& context);
void json_types(Context& context);
void full_text_search(Context& context);
/// Drops every table of the program and the search trigger's function: the end of a run on a
/// shared PostgreSQL database.
void drop_postgresql_objects(Context& context);
// --- sections_practices.cpp --------------------------------------------------------------------
void n_plus_one_and_eager_loading(Context& context);
void selecting_only_needed_columns(Context& context);
void bulk_insert(Context& context);
void session_factory_pattern(Context& context);
// --- repository.cpp ----------------------------------------------------------------------------
void repository_and_service(Context& context);

}  // namespace tutorial
