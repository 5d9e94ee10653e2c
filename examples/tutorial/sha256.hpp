// SHA-256 as hex, for the walkthrough's hashlib.sha256(password.encode()).hexdigest(). A fast
// unsalted hash is what the walkthrough shows, not what to store: use a password hash such as
// Argon2id in an application (examples/user_service.cpp does, with libsodium).
#pragma once

#include <string>
#include <string_view>

namespace tutorial {

/// The SHA-256 digest of `data`, as 64 lowercase hex digits (FIPS 180-4).
std::string sha256_hex(std::string_view data);

}  // namespace tutorial
