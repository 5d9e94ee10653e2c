// Textual SQL with named bound parameters: text("SELECT * FROM users WHERE id = :id").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retort {

/// How a driver spells positional placeholders.
enum class ParamStyle {
    dollar_numeric,    ///< $1, $2 (PostgreSQL)
    question_numeric,  ///< ?1, ?2 (SQLite)
};

/// A SQL string whose `:name` markers are bound parameters. The text is scanned once, when the
/// clause is built: markers inside quoted strings, quoted identifiers, dollar-quoted bodies and
/// comments are left alone, `::` stays a cast, and `\:` is a literal colon. A name used twice is
/// one parameter. Build it once and reuse it: executing it again compiles nothing.
class TextClause {
  public:
    explicit TextClause(std::string sql);

    /// The SQL as written.
    const std::string& sql() const noexcept { return sql_; }
    /// Distinct parameter names, in the order of their first use.
    const std::vector<std::string>& param_names() const noexcept { return names_; }
    /// The SQL as pieces: literal text, or a parameter (its 1-based index in param_names()).
    struct Segment {
        std::string text;
        std::size_t parameter = 0;
    };
    const std::vector<Segment>& segments() const noexcept { return segments_; }
    /// The SQL with each marker replaced by a positional placeholder of `style`.
    const std::string& compiled(ParamStyle style) const noexcept {
        return style == ParamStyle::dollar_numeric ? dollar_ : question_;
    }

  private:
    std::string sql_;
    std::vector<std::string> names_;
    std::string dollar_;
    std::string question_;
    std::vector<Segment> segments_;
};

/// Builds a TextClause (SQLAlchemy's text()).
inline TextClause text(std::string sql) {
    return TextClause(std::move(sql));
}

}  // namespace retort
