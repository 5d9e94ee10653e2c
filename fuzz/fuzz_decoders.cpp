// libFuzzer target: every decoder of a server's text form. The first byte picks the decoder,
// the rest is the text. Bad text must raise retort::Error (DataError), never crash, hang or
// raise anything else.
#include <cstdint>
#include <retort/engine/copy.hpp>
#include <retort/retort.hpp>
#include <string_view>

namespace {

using namespace retort;

template <class T>
void decode(std::string_view text) {
    (void)value_traits<T>::from_field(Field::of_text(text));
}

void decode_with(std::uint8_t which, std::string_view text) {
    switch (which % 20) {
        case 0:
            decode<std::int64_t>(text);
            break;
        case 1:
            decode<double>(text);
            break;
        case 2:
            decode<bool>(text);
            break;
        case 3:
            decode<Decimal>(text);
            break;
        case 4:
            decode<Date>(text);
            break;
        case 5:
            decode<Time>(text);
            break;
        case 6:
            decode<DateTime>(text);
            break;
        case 7:
            decode<DateTimeTz>(text);
            break;
        case 8:
            decode<Interval>(text);
            break;
        case 9:
            decode<Uuid>(text);
            break;
        case 10:
            decode<Json>(text);
            break;
        case 11:
            decode<Bytes>(text);
            break;
        case 12:
            decode<std::vector<std::int64_t>>(text);
            break;
        case 13:
            decode<std::vector<std::string>>(text);
            break;
        case 14:
            decode<std::vector<std::optional<double>>>(text);
            break;
        case 15:
            decode<std::vector<std::vector<std::int32_t>>>(text);
            break;
        case 16:
            decode<Range<std::int64_t>>(text);
            break;
        case 17:
            decode<Range<DateTime>>(text);
            break;
        case 18:
            decode<std::vector<Date>>(text);
            break;
        default:
            (void)parse_copy_row(text);
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        decode_with(data[0], text);
    } catch (const retort::Error&) {
    }
    return 0;
}
