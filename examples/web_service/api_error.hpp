// The errors an API answers with: an HTTP status, a stable code, a message for people, and for
// invalid input each field's problem. Anything else thrown while serving is a 500 whose body
// says only that, with the request id; the details go to the log.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>

namespace web_service {

class ApiError : public std::runtime_error {
  public:
    ApiError(int status, std::string code, const std::string& message,
             std::map<std::string, std::string> fields = {})
        : std::runtime_error(message),
          status_(status),
          code_(std::move(code)),
          fields_(std::move(fields)) {}
    int status() const noexcept { return status_; }
    const std::string& code() const noexcept { return code_; }
    const std::map<std::string, std::string>& fields() const noexcept { return fields_; }

  private:
    int status_;
    std::string code_;
    std::map<std::string, std::string> fields_;
};

inline ApiError not_found(const std::string& what) {
    return ApiError(404, "not_found", what + " not found");
}
inline ApiError unauthorized(const std::string& why) {
    return ApiError(401, "unauthorized", why);
}
inline ApiError forbidden(const std::string& why) {
    return ApiError(403, "forbidden", why);
}
inline ApiError conflict(const std::string& field, const std::string& why) {
    return ApiError(409, "conflict", why, {{field, why}});
}
/// Invalid input: a 422 naming each field's (or query parameter's) problem.
inline ApiError invalid(const std::string& message, std::map<std::string, std::string> fields) {
    return ApiError(422, "validation_failed", message, std::move(fields));
}

}  // namespace web_service
