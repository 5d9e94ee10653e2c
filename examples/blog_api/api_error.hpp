// The blog's errors are the shared ones (web_service/api_error.hpp), under the blog's namespace.
#pragma once

#include <web_service/api_error.hpp>

namespace blog_api {

using web_service::ApiError;
using web_service::conflict;
using web_service::forbidden;
using web_service::not_found;
using web_service::unauthorized;

}  // namespace blog_api
