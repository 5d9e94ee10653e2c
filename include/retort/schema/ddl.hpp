// The pieces of DDL, each for any dialect: what create_all writes, and what migrations compose
// into ALTER statements. Identifiers are quoted by the dialect; literals (defaults, enum labels,
// comments) are written as SQL string literals, since DDL takes no parameters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retort/schema/table.hpp"
#include "retort/sql/dialect.hpp"

namespace retort::ddl {

/// "schema"."name", or "name".
std::string qualified(const sql::Dialect& dialect, const std::optional<std::string>& schema,
                      const std::string& name);
/// "a", "b"
std::string column_list(const sql::Dialect& dialect, const std::vector<std::string>& columns);
/// A column's definition in CREATE TABLE or ADD COLUMN: name, type (or the dialect's identity
/// spelling when `identity`), GENERATED, NOT NULL, DEFAULT.
std::string column_definition(const sql::Dialect& dialect, const Column& column,
                              bool identity = false);
/// A server default's expression as DEFAULT writes it (without the parentheses).
std::string default_expression(const sql::Dialect& dialect, const ServerDefault& server_default);
/// CONSTRAINT "name" PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY ... (for CREATE or ADD).
std::string primary_key_clause(const sql::Dialect& dialect, const PrimaryKeyConstraint& key);
std::string unique_clause(const sql::Dialect& dialect, const UniqueConstraint& unique);
std::string check_clause(const sql::Dialect& dialect, const CheckConstraint& check);
std::string foreign_key_clause(const sql::Dialect& dialect, const ForeignKeyInfo& foreign_key);
/// CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" ON table [USING method] (...) [WHERE ...].
std::string create_index(const sql::Dialect& dialect, const std::optional<std::string>& schema,
                         const std::string& table, const Index& index, bool concurrently = false);
/// 'a', 'b': an enum's labels as string literals.
std::string labels_list(const std::vector<std::string>& labels);
/// CREATE TYPE "name" AS ENUM (...).
std::string create_enum(const sql::Dialect& dialect, const std::string& name,
                        const std::vector<std::string>& labels);
/// CREATE SEQUENCE [IF NOT EXISTS] ... START WITH ... INCREMENT BY ...
std::string create_sequence(const sql::Dialect& dialect, const Sequence& sequence,
                            bool if_not_exists = false);
/// A string as an SQL literal ('O''Brien'): comments, labels.
std::string literal(const std::string& text);

}  // namespace retort::ddl
