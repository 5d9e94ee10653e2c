// UserRepository and UserService as the walkthrough writes them, and its example main(): create
// a user, list the users, update the email, delete the user.
#include "repository.hpp"

#include <stdexcept>
#include <utility>

#include "sha256.hpp"
#include "tutorial.hpp"

using namespace retort;
using namespace retort::orm;

namespace tutorial {

UserResponse UserResponse::from_orm(const User& user) {
    return {.username = user.username,
            .email = user.email,
            .is_active = user.is_active,
            .id = user.id,
            .created_at = user.created_at};
}

// --- repository.py ----------------------------------------------------------------------------

Ptr<User> UserRepository::get_by_id(std::int64_t user_id) {
    return session_.query(app_users).filter(app_users.id == user_id).first();
}

Ptr<User> UserRepository::get_by_username(const std::string& username) {
    return session_.query(app_users).filter(app_users.username == username).first();
}

std::vector<Ptr<User>> UserRepository::get_all(std::int64_t skip, std::int64_t limit) {
    return session_.query(app_users).order_by(app_users.id).offset(skip).limit(limit).all();
}

Ptr<User> UserRepository::create(User user_data) {
    auto user = session_.add(app_users, std::move(user_data));
    session_.commit();
    session_.refresh(user);
    return user;
}

Ptr<User> UserRepository::update(std::int64_t user_id, const UserUpdate& user_data) {
    auto user = get_by_id(user_id);
    if (user) {
        // for key, value in user_data.items(): setattr(user, key, value)
        if (user_data.username) user->username = *user_data.username;
        if (user_data.email) user->email = *user_data.email;
        if (user_data.is_active) user->is_active = *user_data.is_active;
        session_.commit();
        session_.refresh(user);
    }
    return user;
}

bool UserRepository::remove(std::int64_t user_id) {
    auto user = get_by_id(user_id);
    if (!user) return false;
    session_.delete_(user);
    session_.commit();
    return true;
}

// --- service.py ---------------------------------------------------------------------------------

std::optional<UserResponse> UserService::get_user(std::int64_t user_id) {
    auto user = repository_.get_by_id(user_id);
    if (user) return UserResponse::from_orm(*std::as_const(user));
    return std::nullopt;
}

std::vector<UserResponse> UserService::get_users(std::int64_t skip, std::int64_t limit) {
    std::vector<UserResponse> responses;
    for (const auto& user : repository_.get_all(skip, limit))
        responses.push_back(UserResponse::from_orm(*user));
    return responses;
}

UserResponse UserService::create_user(const UserCreate& user_data) {
    // EmailStr: something@domain.tld
    const auto at = user_data.email.find('@');
    if (at == std::string::npos || at == 0 || user_data.email.find('.', at) == std::string::npos)
        throw std::invalid_argument("value is not a valid email address");
    // Check if username already exists
    if (repository_.get_by_username(user_data.username))
        throw std::invalid_argument("Username already exists");
    // Hash password; create user from the data, without the password
    auto user = repository_.create(User{.username = user_data.username,
                                        .email = user_data.email,
                                        .password_hash = sha256_hex(user_data.password),
                                        .is_active = user_data.is_active});
    return UserResponse::from_orm(*std::as_const(user));
}

std::optional<UserResponse> UserService::update_user(std::int64_t user_id,
                                                     const UserUpdate& user_data) {
    auto user = repository_.update(user_id, user_data);
    if (user) return UserResponse::from_orm(*std::as_const(user));
    return std::nullopt;
}

bool UserService::delete_user(std::int64_t user_id) {
    return repository_.remove(user_id);
}

// --- the example's main() -----------------------------------------------------------------------

namespace {

void example_main(Context& context, Session& db) {
    // Create user service
    UserService user_service(db);
    // Create a user
    const UserResponse user = user_service.create_user(
        {.username = "johndoe", .email = "john@example.com", .password = "secure_password"});
    std::printf("Created user: %s, ID: %lld\n", user.username.c_str(), ll(user.id));
    // Get all users
    const auto users_found = user_service.get_users();
    std::printf("Total users: %zu\n", users_found.size());
    try {
        user_service.create_user(
            {.username = "johndoe", .email = "john2@example.com", .password = "another_one"});
    } catch (const std::invalid_argument& error) {
        std::printf("Creating johndoe again: ValueError: %s\n", error.what());
    }
    const auto stored = UserRepository(db).get_by_id(user.id);
    // Update user
    const auto updated_user = user_service.update_user(user.id, {.email = "john.doe@example.com"});
    std::printf("Updated user email: %s\n", updated_user ? updated_user->email.c_str() : "-");
    // Delete user
    const bool deleted = user_service.delete_user(user.id);
    std::printf("User deleted: %s\n", deleted ? "True" : "False");

    Check& check = context.check;
    check.equal(user.id, 1, "the new user's ID");
    check.equal(users_found.size(), 1, "one user in the application's table");
    check.that(stored && std::as_const(stored)->password_hash == sha256_hex("secure_password"),
               "the stored password hash");
    check.equal(sha256_hex("abc"),
                std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                "SHA-256 of 'abc' (FIPS 180-4's example)");
    check.that(updated_user && updated_user->email == "john.doe@example.com", "the new email");
    check.that(deleted && !user_service.get_user(user.id), "the user is deleted");
}

}  // namespace

void repository_and_service(Context& context) {
    heading("Structuring Code: Repository and Service");
    app_metadata.create_all(context.engine);  // models.py's Base, on a fresh table
    ScopedSession SessionLocal{SessionFactory(context.engine)};  // from db import SessionLocal
    Session& db = SessionLocal();
    try {
        example_main(context, db);
    } catch (...) {
        SessionLocal.remove();  // finally: db.close()
        throw;
    }
    SessionLocal.remove();
}

}  // namespace tutorial
