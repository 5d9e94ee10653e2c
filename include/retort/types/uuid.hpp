// A UUID value: sixteen bytes, written as the canonical 36-character text.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace retort {

/// SQL UUID. Text form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (lower case); parsing also accepts
/// upper case, no hyphens and braces.
class Uuid {
  public:
    Uuid() = default;  // the nil UUID
    explicit Uuid(const std::array<std::uint8_t, 16>& bytes) : bytes_(bytes) {}
    /// Raises DataError naming the text when it is not a UUID.
    static Uuid parse(std::string_view text);
    /// A random (version 4) UUID.
    static Uuid random();

    std::string to_string() const;
    const std::array<std::uint8_t, 16>& bytes() const noexcept { return bytes_; }

    friend auto operator<=>(const Uuid&, const Uuid&) = default;

  private:
    std::array<std::uint8_t, 16> bytes_{};
};

}  // namespace retort
