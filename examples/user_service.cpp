// The seed's "Structuring SQLAlchemy Code" in C++: a model, a repository over a Session, and a
// service that validates input and reports clear errors. Passwords are hashed with libsodium's
// Argon2id (crypto_pwhash_str) and never printed.
//
// Usage: retort_user_service [URL]   (default: an SQLite file in a temporary directory)
// It checks its own results and exits non-zero when one is wrong, so it doubles as a test.
#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <regex>
#include <retort/retort.hpp>
#include <string>
#include <vector>

using namespace retort;
using namespace retort::orm;

// --- models.py --------------------------------------------------------------------------------

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::string password_hash;
    bool is_active = true;
    DateTime created_at{};
};

struct Users : Model<User> {
    Column<&User::id> id{this, primary_key};
    Column<&User::username> username{this, type::String(50), unique};
    Column<&User::email> email{this, type::String(100), unique};
    Column<&User::password_hash> password_hash{this, type::String(128)};
    Column<&User::is_active> is_active{this};
    Column<&User::created_at> created_at{this, default_([] { return utc_now(); })};
    Users() : Model("users") {}
};
const Users users;

// --- schema.py: what callers send and get back -------------------------------------------------

struct UserCreate {
    std::string username;
    std::string email;
    std::string password;
    bool is_active = true;
};
struct UserUpdate {
    std::optional<std::string> username{};
    std::optional<std::string> email{};
    std::optional<bool> is_active{};
};
struct UserResponse {
    std::int64_t id;
    std::string username;
    std::string email;
    bool is_active;
    DateTime created_at;
};

/// Invalid input, with a message fit for the caller.
class ValidationError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// --- repository.py ------------------------------------------------------------------------------

class UserRepository {
  public:
    explicit UserRepository(Session& session) : session_(session) {}

    Ptr<User> get_by_id(std::int64_t id) { return session_.get(users, id); }
    Ptr<User> get_by_username(const std::string& username) {
        return session_.query(users).filter(users.username == username).first();
    }
    std::vector<Ptr<User>> get_all(std::int64_t skip = 0, std::int64_t limit = 100) {
        return session_.query(users).order_by(users.id).offset(skip).limit(limit).all();
    }
    Ptr<User> create(User user) {
        auto created = session_.add(std::move(user));
        session_.commit();
        session_.refresh(created);
        return created;
    }
    Ptr<User> update(std::int64_t id, const UserUpdate& changes) {
        auto user = get_by_id(id);
        if (!user) return user;
        if (changes.username) user->username = *changes.username;
        if (changes.email) user->email = *changes.email;
        if (changes.is_active) user->is_active = *changes.is_active;
        session_.commit();
        session_.refresh(user);
        return user;
    }
    bool remove(std::int64_t id) {
        auto user = get_by_id(id);
        if (!user) return false;
        session_.delete_(user);
        session_.commit();
        return true;
    }

  private:
    Session& session_;
};

// --- service.py ---------------------------------------------------------------------------------

class UserService {
  public:
    explicit UserService(Session& session) : session_(session), repository_(session) {}

    std::optional<UserResponse> get_user(std::int64_t id) {
        auto user = repository_.get_by_id(id);
        if (!user) return std::nullopt;
        return response(user);
    }
    std::vector<UserResponse> get_users(std::int64_t skip = 0, std::int64_t limit = 100) {
        std::vector<UserResponse> out;
        for (const auto& user : repository_.get_all(skip, limit)) out.push_back(response(user));
        return out;
    }
    UserResponse create_user(const UserCreate& data) {
        validate_username(data.username);
        validate_email(data.email);
        if (data.password.size() < 8)
            throw ValidationError("password: at least 8 characters are required");
        if (repository_.get_by_username(data.username))
            throw ValidationError("username '" + data.username + "' already exists");
        User user{.username = data.username,
                  .email = data.email,
                  .password_hash = hash_password(data.password),
                  .is_active = data.is_active};
        try {
            return response(repository_.create(std::move(user)));
        } catch (const IntegrityError& error) {
            // A concurrent insert won the race, or the e-mail is taken: nothing was written.
            session_.rollback();
            throw ValidationError(error.constraint_name().find("email") != std::string::npos
                                      ? "email '" + data.email + "' is already registered"
                                      : "username or email already exists");
        }
    }
    std::optional<UserResponse> update_user(std::int64_t id, const UserUpdate& data) {
        if (data.username) validate_username(*data.username);
        if (data.email) validate_email(*data.email);
        try {
            auto user = repository_.update(id, data);
            if (!user) return std::nullopt;
            return response(user);
        } catch (const IntegrityError&) {
            session_.rollback();
            throw ValidationError("username or email already exists");
        }
    }
    bool delete_user(std::int64_t id) { return repository_.remove(id); }

    static bool verify_password(const User& user, const std::string& password) {
        return crypto_pwhash_str_verify(user.password_hash.c_str(), password.c_str(),
                                        password.size()) == 0;
    }

  private:
    static void validate_username(const std::string& username) {
        static const std::regex allowed("[A-Za-z0-9_]{3,50}");
        if (!std::regex_match(username, allowed))
            throw ValidationError("username: 3 to 50 letters, digits or underscores");
    }
    static void validate_email(const std::string& email) {
        static const std::regex shape("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
        if (email.size() > 100 || !std::regex_match(email, shape))
            throw ValidationError("email: not a valid address");
    }
    static std::string hash_password(const std::string& password) {
        char hashed[crypto_pwhash_STRBYTES];
        // Interactive limits keep the example quick; use MODERATE or SENSITIVE in production.
        if (crypto_pwhash_str(hashed, password.c_str(), password.size(),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            throw std::runtime_error("out of memory while hashing the password");
        return hashed;
    }
    static UserResponse response(const Ptr<User>& user) {
        const User& u = *std::as_const(user);
        return UserResponse{u.id, u.username, u.email, u.is_active, u.created_at};
    }

    Session& session_;
    UserRepository repository_;
};

// --- main ---------------------------------------------------------------------------------------

int failures = 0;
void check(bool ok, const char* what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) ++failures;
}

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 1;
    std::string url;
    std::filesystem::path scratch;
    if (argc > 1) {
        url = argv[1];
    } else {
        scratch = std::filesystem::temp_directory_path() / "retort_user_service";
        std::filesystem::remove_all(scratch);
        std::filesystem::create_directories(scratch);
        url = "sqlite:///" + (scratch / "users.db").string();
    }
    try {
        // RETORT_ECHO=1 logs every statement (parameters of secret() values stay masked).
        Engine engine = create_engine(url, {.echo = std::getenv("RETORT_ECHO") != nullptr});
        default_metadata().drop_all(engine);
        default_metadata().create_all(engine);
        SessionFactory make_session(engine);
        Session session = make_session();
        UserService service(session);

        auto john = service.create_user({"johndoe", "john@example.com", "correct horse"});
        std::printf("created user %lld: %s <%s>\n", static_cast<long long>(john.id),
                    john.username.c_str(), john.email.c_str());
        check(john.id > 0 && john.created_at != DateTime{}, "create_user returns the stored row");

        try {
            service.create_user({"johndoe", "other@example.com", "another secret"});
            check(false, "a duplicate username is refused");
        } catch (const ValidationError& error) {
            std::printf("refused: %s\n", error.what());
            check(true, "a duplicate username is refused with a clear error");
        }
        try {
            service.create_user({"jane", "john@example.com", "another secret"});
            check(false, "a duplicate email is refused");
        } catch (const ValidationError& error) {
            std::printf("refused: %s\n", error.what());
            check(true, "a duplicate email is refused (by the database's unique constraint)");
        }
        try {
            service.create_user({"x", "not-an-email", "short"});
            check(false, "invalid input is refused");
        } catch (const ValidationError& error) {
            std::printf("refused: %s\n", error.what());
            check(true, "invalid input is refused before touching the database");
        }
        check(service.get_users().size() == 1, "nothing was written by the refused requests");

        auto jane = service.create_user({"jane", "jane@example.com", "pa55word!"});
        auto updated = service.update_user(jane.id, {.email = "jane.doe@example.com"});
        check(updated && updated->email == "jane.doe@example.com", "update_user changes the email");
        auto stored = session.get(users, jane.id);
        check(UserService::verify_password(*std::as_const(stored), "pa55word!") &&
                  !UserService::verify_password(*std::as_const(stored), "wrong"),
              "the stored hash verifies the password, and only it");
        check(service.delete_user(john.id) && !service.get_user(john.id),
              "delete_user removes the user");
        check(!service.delete_user(john.id), "deleting a missing user reports false");
        for (const auto& user : service.get_users())
            std::printf("user %lld: %s <%s>\n", static_cast<long long>(user.id),
                        user.username.c_str(), user.email.c_str());
    } catch (const std::exception& error) {
        std::printf("FAIL unexpected error: %s\n", error.what());
        ++failures;
    }
    if (!scratch.empty()) std::filesystem::remove_all(scratch);
    std::printf("%s\n", failures == 0 ? "all checks passed" : "some checks FAILED");
    return failures == 0 ? 0 : 1;
}
