// Passwords and login tokens. Passwords are hashed with Argon2id (libsodium's
// crypto_pwhash_str, memory-hard); a token is 32 random bytes given to the client once, and the
// server keeps only its BLAKE2b digest, so a leaked table logs nobody in.
#pragma once

#include <string>
#include <string_view>

namespace blog_api {

/// Initialises libsodium; call once before the rest (throws when it cannot).
void init_security();

/// The Argon2id hash of `password`, in libsodium's self-describing string form.
std::string hash_password(std::string_view password);
/// Whether `password` matches `hash` (in constant time for a given hash).
bool verify_password(std::string_view password, const std::string& hash);

/// A new bearer token: 32 random bytes, hex.
std::string new_token();
/// The digest stored for a token: BLAKE2b-256, hex.
std::string token_digest(std::string_view token);

}  // namespace blog_api
