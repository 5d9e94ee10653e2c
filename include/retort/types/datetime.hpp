// Calendar and clock types of Retort's SQL values, and their ISO 8601 text forms.
// Dates and timestamps are std::chrono types, so user code computes with them directly.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace retort {

/// SQL DATE: a calendar day.
using Date = std::chrono::sys_days;

/// SQL TIMESTAMP (WITHOUT TIME ZONE): a wall-clock reading with no zone, to the microsecond.
/// It is a local_time because it names no instant until a zone is chosen.
using DateTime = std::chrono::local_time<std::chrono::microseconds>;

/// SQL TIMESTAMP WITH TIME ZONE: an instant, held in UTC, to the microsecond.
using DateTimeTz = std::chrono::sys_time<std::chrono::microseconds>;

/// SQL TIME (WITHOUT TIME ZONE): a time of day, to the microsecond.
struct Time {
    std::chrono::microseconds since_midnight{0};

    friend auto operator<=>(const Time&, const Time&) = default;
};

/// SQL INTERVAL, kept as PostgreSQL keeps it: months, days and microseconds are separate
/// because a month and a day have no fixed length.
struct Interval {
    std::int32_t months = 0;
    std::int32_t days = 0;
    std::chrono::microseconds time{0};

    friend bool operator==(const Interval&, const Interval&) = default;
};

/// The current UTC time, as naive DateTime (SQLAlchemy's datetime.utcnow) and as an instant.
DateTime utc_now();
DateTimeTz utc_now_tz();

// Text forms. Formatting gives ISO 8601 ("2024-02-29", "13:05:07.000250",
// "2024-02-29 13:05:07.000250", "... +00:00", "P1Y2M3DT4H5M6.5S"); years before 1 AD are written
// as PostgreSQL does ("0044-03-15 BC"). Parsing accepts those forms, 'T' as date/time separator,
// any UTC offset "+HH[:MM[:SS]]", and "infinity"/"-infinity" for timestamps (mapped to max/min).
// A malformed text raises DataError naming the text.
std::string format_date(Date value);
std::string format_time(Time value);
std::string format_datetime(DateTime value);
std::string format_datetime_tz(DateTimeTz value);
std::string format_interval(const Interval& value);

Date parse_date(std::string_view text);
Time parse_time(std::string_view text);
DateTime parse_datetime(std::string_view text);
DateTimeTz parse_datetime_tz(std::string_view text);
Interval parse_interval(std::string_view text);

}  // namespace retort
