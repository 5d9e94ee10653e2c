// Entity-relationship diagrams of a MetaData: every table with its columns (types as PostgreSQL
// spells them, keys marked), and every foreign key as a relationship with its cardinality.
// Mermaid renders in Markdown on the usual code-hosting sites; DOT goes through Graphviz
// (`dot -Tsvg schema.dot -o schema.svg`).
#pragma once

#include <string>

namespace retort {

class MetaData;

/// A Mermaid `erDiagram`. A foreign key reads as "parent ||--o{ child : columns":
///   - the parent's end is `||` (exactly one) when every foreign-key column is NOT NULL, `|o`
///     (zero or one) otherwise;
///   - the child's end is `o|` (at most one: one-to-one) when the foreign-key columns are
///     unique in the child (a unique column, constraint or index, or the whole primary key),
///     `o{` (any number) otherwise;
///   - the line is solid (identifying) when the foreign-key columns are part of the child's
///     primary key, as in an association table, dotted otherwise.
/// Names and types keep letters, digits, `_`, `-`, `(`, `)`, `[` and `]`; a run of any other
/// characters (a space, ", ") becomes one `_`, since Mermaid reads nothing else there.
std::string to_mermaid(const MetaData& metadata);

/// The same diagram in Graphviz's DOT: a table per node (its columns in rows, keys marked), and
/// an edge per foreign key from the child's column to the parent's, with crow's-foot ends of
/// the same cardinalities as to_mermaid().
std::string to_dot(const MetaData& metadata);

}  // namespace retort
