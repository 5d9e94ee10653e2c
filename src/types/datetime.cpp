#include "retort/types/datetime.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <limits>
#include <optional>

#include "retort/errors.hpp"

namespace retort {

using namespace std::chrono;

namespace {

[[noreturn]] void bad_text(std::string_view what, std::string_view text) {
    throw DataError(fmt::format("invalid {} text: '{}'", what, text.substr(0, 80)));
}

// A small cursor over the text being parsed; every reader fails through `bad_text`.
struct Scanner {
    std::string_view text;
    std::string_view what;
    std::size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    void expect(char c) {
        if (!accept(c)) fail();
    }
    [[noreturn]] void fail() const { bad_text(what, text); }

    // Reads at least `min_digits` decimal digits (at most 18) as a number.
    std::int64_t number(int min_digits = 1) {
        std::size_t start = pos;
        while (!done() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        std::size_t n = pos - start;
        if (n < static_cast<std::size_t>(min_digits) || n > 18) fail();
        std::int64_t value = 0;
        std::from_chars(text.data() + start, text.data() + pos, value);
        return value;
    }
    // Reads ".ffffff" (any number of digits) as microseconds, rounding nothing: digits past
    // the sixth must be zero, as PostgreSQL never sends more.
    std::int64_t fraction_micros() {
        if (!accept('.')) return 0;
        std::int64_t micros = 0;
        int digits = 0;
        while (!done() && text[pos] >= '0' && text[pos] <= '9') {
            int d = text[pos++] - '0';
            if (digits < 6) {
                micros = micros * 10 + d;
            } else if (d != 0) {
                fail();
            }
            ++digits;
        }
        if (digits == 0) fail();
        for (; digits < 6; ++digits) micros *= 10;
        return micros;
    }
    bool accept_word(std::string_view word) {
        if (text.substr(pos, word.size()) != word) return false;
        pos += word.size();
        return true;
    }
};

struct CivilParts {
    Date day;
    microseconds time{0};
    std::optional<seconds> offset;  // east of UTC
};

Date read_date(Scanner& in) {
    std::int64_t y = in.number(1);
    in.expect('-');
    std::int64_t m = in.number(1);
    in.expect('-');
    std::int64_t d = in.number(1);
    if (y > 294276 || m < 1 || m > 12 || d < 1 || d > 31) in.fail();
    year_month_day ymd{year{static_cast<int>(y)}, month{static_cast<unsigned>(m)},
                       day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) in.fail();
    return sys_days{ymd};
}

microseconds read_time(Scanner& in) {
    std::int64_t h = in.number(1);
    in.expect(':');
    std::int64_t m = in.number(2);
    std::int64_t s = 0;
    std::int64_t us = 0;
    if (in.accept(':')) {
        s = in.number(2);
        us = in.fraction_micros();
    }
    if (h > 24 || m > 59 || s > 60 || (h == 24 && (m || s || us))) in.fail();
    return hours{h} + minutes{m} + seconds{s} + microseconds{us};
}

seconds read_offset(Scanner& in) {
    if (in.accept('Z')) return seconds{0};
    int sign = in.accept('-') ? -1 : (in.accept('+') ? 1 : 0);
    if (sign == 0) in.fail();
    std::size_t start = in.pos;
    std::int64_t h = in.number(1);
    std::int64_t m = 0, s = 0;
    if (in.pos - start == 4) {  // "+0530"
        m = h % 100;
        h /= 100;
    } else if (in.accept(':')) {
        m = in.number(2);
        if (in.accept(':')) s = in.number(2);
    }
    if (h > 15 || m > 59 || s > 59) in.fail();
    return sign * (hours{h} + minutes{m} + seconds{s});
}

// Applies PostgreSQL's " BC" suffix: year N BC is astronomical year 1 - N.
Date apply_era(Scanner& in, Date day) {
    if (!(in.accept(' ') && in.accept_word("BC"))) return day;
    year_month_day ymd{day};
    return sys_days{year{1 - static_cast<int>(ymd.year())} / ymd.month() / ymd.day()};
}

CivilParts read_timestamp(Scanner& in, bool allow_time_only_date) {
    CivilParts parts;
    parts.day = read_date(in);
    if (in.accept(' ') || in.accept('T')) {
        if (in.peek() == 'B') {  // "2024-01-01 BC" without a time
            --in.pos;
        } else {
            parts.time = read_time(in);
            if (in.peek() == '+' || in.peek() == '-' || in.peek() == 'Z') {
                parts.offset = read_offset(in);
            } else if (in.peek() == ' ' && in.pos + 1 < in.text.size() &&
                       (in.text[in.pos + 1] == '+' || in.text[in.pos + 1] == '-')) {
                ++in.pos;
                parts.offset = read_offset(in);
            }
        }
    } else if (!allow_time_only_date) {
        in.fail();
    }
    parts.day = apply_era(in, parts.day);
    if (!in.done()) in.fail();
    return parts;
}

std::string year_text(year_month_day ymd, bool& bc) {
    int y = static_cast<int>(ymd.year());
    bc = y <= 0;
    return fmt::format("{:04}-{:02}-{:02}", bc ? 1 - y : y, static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::string clock_text(microseconds time) {
    auto h = duration_cast<hours>(time);
    auto m = duration_cast<minutes>(time - h);
    auto s = duration_cast<seconds>(time - h - m);
    auto us = (time - h - m - s).count();
    if (us == 0) return fmt::format("{:02}:{:02}:{:02}", h.count(), m.count(), s.count());
    return fmt::format("{:02}:{:02}:{:02}.{:06}", h.count(), m.count(), s.count(), us);
}

template <class Clock>
std::string timestamp_text(time_point<Clock, microseconds> tp, std::string_view zone) {
    auto day = floor<days>(tp);
    bool bc = false;
    std::string text = year_text(year_month_day{sys_days{day.time_since_epoch()}}, bc);
    text += ' ';
    text += clock_text(tp - day);
    text += zone;
    if (bc) text += " BC";
    return text;
}

// The form PostgreSQL and Retort write, "YYYY-MM-DD HH:MM:SS[.f...]" with years 1..9999, read
// without the general scanner: reading timestamps is the hot path of large results.
bool parse_plain_timestamp(std::string_view t, DateTime& out) {
    if (t.size() < 19 || t.size() > 26 || t[4] != '-' || t[7] != '-' ||
        (t[10] != ' ' && t[10] != 'T') || t[13] != ':' || t[16] != ':')
        return false;
    auto digit = [&](std::size_t i) { return static_cast<unsigned>(t[i] - '0'); };
    auto two = [&](std::size_t i) { return digit(i) * 10 + digit(i + 1); };
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
        if (digit(i) > 9) return false;
    unsigned y = two(0) * 100 + two(2);
    unsigned mo = two(5), d = two(8), h = two(11), mi = two(14), se = two(17);
    if (y == 0 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return false;
    std::int64_t micros = 0;
    if (t.size() > 19) {
        if (t[19] != '.' || t.size() == 20) return false;
        int scale = 1'000'000;
        for (std::size_t i = 20; i < t.size(); ++i) {
            if (digit(i) > 9) return false;
            scale /= 10;
            micros += digit(i) * scale;
        }
    }
    year_month_day ymd{year{static_cast<int>(y)}, month{mo}, day{d}};
    if (!ymd.ok()) return false;
    out = DateTime{sys_days{ymd}.time_since_epoch() + hours{h} + minutes{mi} + seconds{se} +
                   microseconds{micros}};
    return true;
}

}  // namespace

DateTime utc_now() {
    auto now = floor<microseconds>(system_clock::now());
    return DateTime{now.time_since_epoch()};
}

DateTimeTz utc_now_tz() {
    return floor<microseconds>(system_clock::now());
}

std::string format_date(Date value) {
    bool bc = false;
    std::string text = year_text(year_month_day{value}, bc);
    if (bc) text += " BC";
    return text;
}

std::string format_time(Time value) {
    return clock_text(value.since_midnight);
}

// The extremes stand for PostgreSQL's infinities (see parse_datetime), and have no calendar date.
std::string format_datetime(DateTime value) {
    if (value == DateTime::max()) return "infinity";
    if (value == DateTime::min()) return "-infinity";
    return timestamp_text(value, "");
}

std::string format_datetime_tz(DateTimeTz value) {
    if (value == DateTimeTz::max()) return "infinity";
    if (value == DateTimeTz::min()) return "-infinity";
    return timestamp_text(value, "+00:00");
}

Date parse_date(std::string_view text) {
    Scanner in{text, "date"};
    Date day = apply_era(in, read_date(in));
    if (!in.done()) in.fail();
    return day;
}

Time parse_time(std::string_view text) {
    Scanner in{text, "time"};
    Time value{read_time(in)};
    if (!in.done()) in.fail();
    return value;
}

DateTime parse_datetime(std::string_view text) {
    if (DateTime fast; parse_plain_timestamp(text, fast)) return fast;
    if (text == "infinity") return DateTime::max();
    if (text == "-infinity") return DateTime::min();
    Scanner in{text, "timestamp"};
    CivilParts parts = read_timestamp(in, true);
    if (parts.offset) in.fail();  // a naive timestamp has no zone: refuse to drop one silently
    return DateTime{parts.day.time_since_epoch() + parts.time};
}

DateTimeTz parse_datetime_tz(std::string_view text) {
    if (text == "infinity") return DateTimeTz::max();
    if (text == "-infinity") return DateTimeTz::min();
    Scanner in{text, "timestamp with time zone"};
    CivilParts parts = read_timestamp(in, true);
    seconds offset = parts.offset.value_or(seconds{0});  // stored without zone means UTC
    return DateTimeTz{parts.day.time_since_epoch() + parts.time - offset};
}

std::string format_interval(const Interval& value) {
    std::string text = "P";
    std::int32_t years = value.months / 12;
    std::int32_t months = value.months % 12;
    if (years) text += fmt::format("{}Y", years);
    if (months) text += fmt::format("{}M", months);
    if (value.days) text += fmt::format("{}D", value.days);
    std::int64_t us = value.time.count();
    if (us != 0) {
        text += 'T';
        std::int64_t h = us / 3'600'000'000;
        std::int64_t m = (us / 60'000'000) % 60;
        std::int64_t rest = us % 60'000'000;  // seconds and microseconds, same sign as us
        if (h) text += fmt::format("{}H", h);
        if (m) text += fmt::format("{}M", m);
        if (rest) {
            std::int64_t s = rest / 1'000'000;
            std::int64_t f = std::llabs(rest % 1'000'000);
            std::string secs = fmt::format("{}{}", (rest < 0 && s == 0) ? "-" : "", s);
            if (f) {
                std::string frac = fmt::format("{:06}", f);
                frac.erase(frac.find_last_not_of('0') + 1);
                secs += '.' + frac;
            }
            text += secs + 'S';
        }
    }
    if (text == "P") text = "PT0S";
    return text;
}

namespace {
// Adds `count` units of `unit` to `total`; text whose total overflows, or leaves
// [-limit, limit], is refused (found by fuzzing: fuzz/fuzz_decoders.cpp).
void add_units(Scanner& in, std::int64_t& total, std::int64_t count, std::int64_t unit,
               std::int64_t limit) {
    std::int64_t amount = 0;
    if (__builtin_mul_overflow(count, unit, &amount) ||
        __builtin_add_overflow(total, amount, &total) || total > limit || total < -limit)
        in.fail();
}
}  // namespace

Interval parse_interval(std::string_view text) {
    Scanner in{text, "interval"};
    in.expect('P');
    constexpr std::int64_t int32_limit = std::numeric_limits<std::int32_t>::max();
    constexpr std::int64_t micros_limit = std::numeric_limits<std::int64_t>::max();
    std::int64_t months = 0, days = 0, micros_total = 0;
    bool in_time = false;
    bool any = false;
    while (!in.done()) {
        if (in.accept('T')) {
            if (in_time) in.fail();
            in_time = true;
            continue;
        }
        bool negative = in.accept('-');
        if (!negative) in.accept('+');
        const std::int64_t sign = negative ? -1 : 1;
        const std::int64_t whole = sign * in.number(1);
        const std::int64_t micros = sign * in.fraction_micros();
        char unit = in.peek();
        ++in.pos;
        if (micros != 0 && !(in_time && unit == 'S')) in.fail();
        any = true;
        if (!in_time) {
            switch (unit) {
                case 'Y':
                    add_units(in, months, whole, 12, int32_limit);
                    break;
                case 'M':
                    add_units(in, months, whole, 1, int32_limit);
                    break;
                case 'W':
                    add_units(in, days, whole, 7, int32_limit);
                    break;
                case 'D':
                    add_units(in, days, whole, 1, int32_limit);
                    break;
                default:
                    in.fail();
            }
        } else {
            switch (unit) {
                case 'H':
                    add_units(in, micros_total, whole, 3'600'000'000, micros_limit);
                    break;
                case 'M':
                    add_units(in, micros_total, whole, 60'000'000, micros_limit);
                    break;
                case 'S':
                    add_units(in, micros_total, whole, 1'000'000, micros_limit);
                    add_units(in, micros_total, micros, 1, micros_limit);
                    break;
                default:
                    in.fail();
            }
        }
    }
    if (!any) in.fail();
    Interval value;
    value.months = static_cast<std::int32_t>(months);
    value.days = static_cast<std::int32_t>(days);
    value.time = microseconds{micros_total};
    return value;
}

}  // namespace retort
