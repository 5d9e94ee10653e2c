// The walkthrough's "Structuring SQLAlchemy Code": schema.py's request and response types,
// repository.py's UserRepository over a Session, and service.py's UserService with the
// business rules. They work on `app_users` (models.py's own User table, models.hpp).
#pragma once

#include <retort/retort.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models.hpp"

namespace tutorial {

// --- schema.py: what callers send and get back (Pydantic's models, as plain structs) ---------

struct UserCreate {  // UserBase + password
    std::string username{};
    std::string email{};
    bool is_active = true;
    std::string password{};
};

struct UserUpdate {  // only the fields given are changed (exclude_unset=True)
    std::optional<std::string> username{};
    std::optional<std::string> email{};
    std::optional<bool> is_active{};
};

struct UserResponse {  // UserBase + id, created_at; orm_mode: from_orm(user)
    std::string username{};
    std::string email{};
    bool is_active = true;
    std::int64_t id = 0;
    retort::DateTime created_at{};

    static UserResponse from_orm(const User& user);
};

// --- repository.py ----------------------------------------------------------------------------

class UserRepository {
  public:
    explicit UserRepository(retort::orm::Session& session) : session_(session) {}

    retort::orm::Ptr<User> get_by_id(std::int64_t user_id);
    retort::orm::Ptr<User> get_by_username(const std::string& username);
    std::vector<retort::orm::Ptr<User>> get_all(std::int64_t skip = 0, std::int64_t limit = 100);
    retort::orm::Ptr<User> create(User user_data);
    retort::orm::Ptr<User> update(std::int64_t user_id, const UserUpdate& user_data);
    bool remove(std::int64_t user_id);  // delete(): a C++ keyword

  private:
    retort::orm::Session& session_;
};

// --- service.py ---------------------------------------------------------------------------------

class UserService {
  public:
    explicit UserService(retort::orm::Session& db) : repository_(db) {}

    std::optional<UserResponse> get_user(std::int64_t user_id);
    std::vector<UserResponse> get_users(std::int64_t skip = 0, std::int64_t limit = 100);
    /// Throws std::invalid_argument ("Username already exists", or an invalid email: Pydantic's
    /// EmailStr) as the walkthrough raises ValueError.
    UserResponse create_user(const UserCreate& user_data);
    std::optional<UserResponse> update_user(std::int64_t user_id, const UserUpdate& user_data);
    bool delete_user(std::int64_t user_id);

  private:
    UserRepository repository_;
};

}  // namespace tutorial
