// Database URLs: "postgresql://user:pass@host:5432/db?sslmode=require", "sqlite:///app.db".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retort {

/// A parsed database URL, as SQLAlchemy's make_url gives it.
///
///   postgresql://user:pass\@host:5432/db?sslmode=require&application_name=app
///   postgresql:///db?host=/run/postgresql          (unix socket directory)
///   sqlite:///relative/path.db    sqlite:////absolute/path.db    sqlite://  (in memory)
///   sqlite:///data.db?mode=ro     (SQLite URI options)
///
/// Every part is percent-decoded. The password is never part of the printed form: `str()`
/// writes "***" in its place, and no error message repeats it. A malformed URL raises
/// ArgumentError naming the part that is wrong.
class Url {
  public:
    static Url parse(std::string_view text);

    /// "postgresql" or "sqlite"; a driver suffix ("postgresql+libpq") is dropped here and
    /// kept in `drivername`.
    std::string backend() const;

    /// The URL with the password replaced by "***"; safe for logs.
    std::string str() const { return render(true); }
    /// The full URL including the password, percent-encoded; never log this.
    std::string render_with_password() const { return render(false); }

    /// The value of a query option, if given.
    std::optional<std::string> option(std::string_view key) const;

    std::string drivername;
    std::optional<std::string> username;
    std::optional<std::string> password;
    std::optional<std::string> host;
    std::optional<int> port;
    std::string database;
    std::vector<std::pair<std::string, std::string>> query;

  private:
    std::string render(bool hide_password) const;
};

}  // namespace retort
