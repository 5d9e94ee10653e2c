// libFuzzer target: the URL parser. Any text either parses or raises retort::Error; a parsed
// URL renders, and its rendering parses back to the same URL.
#include <cstdint>
#include <cstdlib>
#include <retort/engine/url.hpp>
#include <retort/errors.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    retort::Url url;
    try {
        url = retort::Url::parse(text);
    } catch (const retort::Error&) {
        return 0;
    }
    (void)url.str();  // the masked form
    const std::string rendered = url.render_with_password();
    retort::Url again = retort::Url::parse(rendered);
    if (again.render_with_password() != rendered) std::abort();  // rendering is stable
    return 0;
}
