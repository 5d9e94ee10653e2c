// libFuzzer target: the SQL compiler on random expression trees and statements, for PostgreSQL
// and SQLite. Compiling must never crash (a refused construct raises retort::Error), and every
// value stays a bound parameter: no string value ever appears in the SQL text.
#include <cstdint>
#include <cstdlib>
#include <retort/dialects/postgresql/driver.hpp>
#include <retort/dialects/sqlite/driver.hpp>
#include <retort/retort.hpp>
#include <string>

namespace {

using namespace retort;

// Every string value carries this marker; finding it in SQL text means a value was inlined.
constexpr std::string_view marker = "zq'x\";--";

struct Input {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t at = 0;
    std::uint8_t next() { return at < size ? data[at++] : 0; }
};

struct Schema {
    MetaData metadata;
    Table t{"fuzz_t",
            metadata,
            Column("id", type::Integer(), primary_key),
            Column("name", type::String(40)),
            Column("score", type::Float()),
            Column("flag", type::Boolean()),
            Column("doc", type::Json())};
};

const char* const column_names[] = {"id", "name", "score", "flag", "doc"};

Value value_from(Input& in) {
    switch (in.next() % 5) {
        case 0:
            return Value{static_cast<std::int64_t>(in.next()) - 100};
        case 1:
            return Value{std::string(marker) + std::to_string(in.next())};
        case 2:
            return Value{in.next() / 7.0};
        case 3:
            return Value{in.next() % 2 == 0};
        default:
            return Value{null};
    }
}

Expression build(Input& in, const Schema& s, int depth);

Expression build_leaf(Input& in, const Schema& s) {
    switch (in.next() % 4) {
        case 0:
            return s.t.c(column_names[in.next() % 5]);
        case 1:
            return literal(value_from(in));
        case 2:
            return bindparam("p" + std::to_string(in.next() % 3));
        default:
            return null_expr();
    }
}

Expression build(Input& in, const Schema& s, int depth) {
    if (depth > 6 || in.at >= in.size) return build_leaf(in, s);
    auto sub = [&] { return build(in, s, depth + 1); };
    switch (in.next() % 20) {
        case 0:
            return sub() == sub();
        case 1:
            return sub() < sub();
        case 2:
            return sub() + sub();
        case 3:
            return sub() - sub();
        case 4:
            return sub() && sub();
        case 5:
            return sub() || sub();
        case 6:
            return !sub();
        case 7:
            return sub().like(sub());
        case 8:
            return sub().in_({value_from(in), value_from(in)});
        case 9:
            return sub().between(sub(), sub());
        case 10:
            return sub().is_null();
        case 11:
            return func::coalesce({sub(), sub()});
        case 12:
            return case_({{sub(), sub()}}, sub());
        case 13:
            return sub().cast(type::Text());
        case 14:
            return exists(select(s.t.c("id")).where(sub()));
        case 15:
            return sub().label("l" + std::to_string(in.next() % 3));
        case 16:
            return sub().contains(std::string(marker));
        case 17:
            return sub().in_(select(s.t.c("id")).where(sub()));
        case 18:
            return func::count(sub());
        default:
            return build_leaf(in, s);
    }
}

void check(const sql::Dialect& dialect, const Executable& statement) {
    sql::Compiled compiled;
    try {
        compiled = dialect.compile(statement);
    } catch (const retort::Error&) {
        return;
    }
    if (compiled.sql.find(marker) != std::string::npos) std::abort();  // a value was inlined
    for (const auto& bind : compiled.binds)
        if (bind.value == nullptr && bind.name.empty()) std::abort();  // a placeholder of nothing
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Schema schema;
    Input in{data, size};
    try {
        const Expression a = build(in, schema, 0);
        const Expression b = build(in, schema, 0);
        const Schema& s = schema;
        switch (in.next() % 4) {
            case 0: {
                auto statement = select(a, b).where(b).order_by({a}).limit(in.next());
                check(postgresql::dialect(), statement);
                check(sqlite::dialect(), statement);
                break;
            }
            case 1: {
                auto statement = update(s.t).values({{"name", a}}).where(b);
                check(postgresql::dialect(), statement);
                check(sqlite::dialect(), statement);
                break;
            }
            case 2: {
                auto statement = delete_(s.t).where(a);
                check(postgresql::dialect(), statement);
                check(sqlite::dialect(), statement);
                break;
            }
            default: {
                auto statement = insert(s.t).values({{"id", a}, {"name", b}});
                check(postgresql::dialect(), statement);
                check(sqlite::dialect(), statement);
                break;
            }
        }
    } catch (const retort::Error&) {  // a construct refused while building the tree
    }
    return 0;
}
