// PostgreSQL type OIDs Retort binds and decodes (from pg_type.dat; stable across versions).
#pragma once

#include <libpq-fe.h>

namespace retort::postgresql::oid {
inline constexpr Oid unknown = 0;
inline constexpr Oid boolean = 16;
inline constexpr Oid bytea = 17;
inline constexpr Oid int8 = 20;
inline constexpr Oid int2 = 21;
inline constexpr Oid int4 = 23;
inline constexpr Oid oid = 26;
inline constexpr Oid float4 = 700;
inline constexpr Oid float8 = 701;
inline constexpr Oid date = 1082;
inline constexpr Oid time = 1083;
inline constexpr Oid timestamp = 1114;
inline constexpr Oid timestamptz = 1184;
inline constexpr Oid interval = 1186;
inline constexpr Oid numeric = 1700;
inline constexpr Oid uuid = 2950;
}  // namespace retort::postgresql::oid
