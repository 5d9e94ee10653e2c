// The Dialect base: identifier quoting, the standard type spellings, the statement cache, and
// the generic dialect used for printing. The SQL writing itself is in compiler.cpp.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "nodes.hpp"

namespace retort::sql {

namespace {
// SQL:2016 and PostgreSQL reserved words, plus the ones SQLite refuses as bare names.
constexpr std::array reserved_words{
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "delete",
    "desc",
    "distinct",
    "do",
    "drop",
    "else",
    "end",
    "except",
    "exists",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "in",
    "index",
    "initially",
    "inner",
    "insert",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "key",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "set",
    "similar",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "update",
    "user",
    "using",
    "values",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "transaction",
};
}  // namespace

bool Dialect::is_reserved(std::string_view word) const {
    return std::find(reserved_words.begin(), reserved_words.end(), word) != reserved_words.end();
}

std::string Dialect::quote(std::string_view identifier) const {
    if (identifier.empty()) throw ArgumentError("an identifier cannot be empty");
    if (std::size_t limit = max_identifier_length(); limit != 0 && identifier.size() > limit)
        throw ArgumentError(fmt::format(
            "the name '{}' is {} bytes long, and {} keeps only the first {} bytes of a name: "
            "shorten it",
            identifier, identifier.size(), name(), limit));
    bool plain = !std::isdigit(static_cast<unsigned char>(identifier.front()));
    for (char c : identifier)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
    if (plain && !is_reserved(identifier)) return std::string(identifier);
    if (identifier.find('\0') != std::string_view::npos)
        throw ArgumentError("an identifier cannot contain NUL");
    std::string out = "\"";
    for (char c : identifier) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

std::string Dialect::portable_function(std::string_view name,
                                       const std::vector<std::string>& args) const {
    if (name == "now") return "now()";
    if (name == "date_trunc") return fmt::format("date_trunc('{}', {})", args.at(0), args.at(1));
    if (name == "extract") return fmt::format("EXTRACT({} FROM {})", args.at(0), args.at(1));
    if (name == "trim") return fmt::format("btrim({})", fmt::join(args, ", "));
    if (name == "round")
        return fmt::format("round(CAST({} AS NUMERIC), {})", args.at(0), args.at(1));
    if (name == "extract_integer") return fmt::format("CAST(floor({}) AS BIGINT)", args.at(0));
    if (name == "add_interval")
        return fmt::format(
            "({} + make_interval(months => CAST({} AS INTEGER), days => CAST({} AS INTEGER), "
            "secs => CAST({} AS DOUBLE PRECISION) / 1000000))",
            args.at(0), args.at(1), args.at(2), args.at(3));
    if (name == "add_interval_to_date")
        return fmt::format(
            "CAST({} + make_interval(months => CAST({} AS INTEGER), days => CAST({} AS INTEGER)) "
            "AS DATE)",
            args.at(0), args.at(1), args.at(2));
    if (name == "moment_difference") return fmt::format("({} - {})", args.at(0), args.at(1));
    if (name == "left" || name == "right" || name == "greatest" || name == "least" ||
        name == "random" || name == "char_length" || name == "string_agg")
        return fmt::format("{}({})", name, fmt::join(args, ", "));
    throw ArgumentError(fmt::format("no SQL for the function '{}' in this dialect", name));
}

std::pair<std::string, std::string> Dialect::cast_frame(const SqlType& type) const {
    return {"CAST(", " AS " + type_sql(type) + ")"};
}

std::string Dialect::type_sql(const SqlType& type) const {
    if (type.dimensions > 0) {
        SqlType element = type;
        element.dimensions = 0;
        std::string sql = type_sql(element);
        for (int i = 0; i < type.dimensions; ++i) sql += "[]";
        return sql;
    }
    using K = SqlType::Kind;
    switch (type.kind) {
        case K::integer:
            return "INTEGER";
        case K::small_integer:
            return "SMALLINT";
        case K::big_integer:
            return "BIGINT";
        case K::float_:
            return "REAL";
        case K::double_:
            return "DOUBLE PRECISION";
        case K::numeric:
            if (type.precision && type.scale)
                return fmt::format("NUMERIC({}, {})", *type.precision, *type.scale);
            if (type.precision) return fmt::format("NUMERIC({})", *type.precision);
            return "NUMERIC";
        case K::string:
            return type.length ? fmt::format("VARCHAR({})", *type.length) : "VARCHAR";
        case K::text:
            return "TEXT";
        case K::boolean:
            return "BOOLEAN";
        case K::date:
            return "DATE";
        case K::time:
            return "TIME WITHOUT TIME ZONE";
        case K::datetime:
            return type.timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
        case K::interval:
            return "INTERVAL";
        case K::binary:
            return "BYTEA";
        case K::uuid:
            return "UUID";
        case K::json:
            return "JSON";
        case K::jsonb:
            return "JSONB";
        case K::tsvector:
            return "TSVECTOR";
        case K::enum_:
            return quote(type.name);
        case K::custom:
            return type.name;
    }
    return "TEXT";
}

std::string Dialect::identity_column_sql(const SqlType& type) const {
    return type_sql(type) + " GENERATED BY DEFAULT AS IDENTITY";
}

std::string Dialect::has_table_sql() const {
    return "SELECT 1 FROM information_schema.tables WHERE table_name = $1::text AND "
           "table_schema = COALESCE($2::text, current_schema())";
}

namespace {
struct CacheKey {
    std::uint64_t a, b;
    bool operator==(const CacheKey&) const = default;
};
struct CacheKeyHash {
    std::size_t operator()(const CacheKey& key) const noexcept { return key.a ^ (key.b << 1); }
};
}  // namespace

struct Dialect::StatementCache {
    std::shared_mutex mutex;
    std::unordered_map<CacheKey, std::shared_ptr<const std::string>, CacheKeyHash> entries;
};

Dialect::Dialect() : cache_(std::make_unique<StatementCache>()) {}
Dialect::~Dialect() = default;

CachedCompiled Dialect::compile_cached(const Executable& statement) const {
    auto node = statement.statement_node();
    if (auto memo = node->memo.find(*this))  // this very statement, executed before
        return CachedCompiled{memo->sql, memo->binds, node, nullptr};
    CachedCompiled compiled = compile_by_fingerprint(node);
    // Values made per execution (client defaults) must be made again: not remembered.
    if (!compiled.made)
        node->memo.remember(std::make_shared<const CompiledMemo::Entry>(
            CompiledMemo::Entry{this, compiled.sql, compiled.binds}));
    return compiled;
}

CachedCompiled Dialect::compile_by_fingerprint(
    const std::shared_ptr<const StatementNode>& node) const {
    Compiler fingerprint(*this);
    fingerprint.fingerprint_only = true;
    node->compile(fingerprint);
    CacheKey key{fingerprint.hash_a, fingerprint.hash_b};
    {
        std::shared_lock lock(cache_->mutex);
        auto it = cache_->entries.find(key);
        if (it != cache_->entries.end())
            return CachedCompiled{
                it->second,
                std::make_shared<const std::vector<Compiled::Bind>>(std::move(fingerprint.binds)),
                node, std::move(fingerprint.made)};
    }
    // The fingerprint pass made the defaults' values already: compile once more only for the
    // text, and keep the fingerprint's values so that each execution gets its own.
    Compiler text_only(*this);
    text_only.values_needed = false;
    node->compile(text_only);
    auto sql = std::make_shared<const std::string>(std::move(text_only.out));
    Compiled full{std::string(), std::move(fingerprint.binds), node, std::move(fingerprint.made)};
    std::unique_lock lock(cache_->mutex);
    if (cache_->entries.size() >= 2000)
        cache_->entries.clear();  // bounded; shapes are few in practice
    cache_->entries.emplace(key, sql);
    return CachedCompiled{
        std::move(sql), std::make_shared<const std::vector<Compiled::Bind>>(std::move(full.binds)),
        node, std::move(full.made)};
}

std::size_t Dialect::cached_statements() const {
    std::shared_lock lock(cache_->mutex);
    return cache_->entries.size();
}

Compiled Dialect::compile(const Executable& statement) const {
    Compiler compiler(*this);
    auto node = statement.statement_node();
    node->compile(compiler);
    return Compiled{std::move(compiler.out), std::move(compiler.binds), node,
                    std::move(compiler.made)};
}

std::string Dialect::table_name_sql(const FromClause& table) const {
    const auto* node = dynamic_cast<const TableNode*>(table.from_node().get());
    if (node == nullptr)
        throw ArgumentError("a table is needed here, not a join, alias or subquery");
    return node->schema ? fmt::format("{}.{}", quote(*node->schema), quote(node->name))
                        : quote(node->name);
}

std::string Dialect::compile_ddl_expression(const Expression& expression) const {
    Compiler compiler(*this, true);
    compiler.qualify_columns = false;
    expression.node()->compile(compiler);
    return std::move(compiler.out);
}

}  // namespace retort::sql
