// Timestamps. The database keeps UTC as "YYYY-MM-DD HH:MM:SS" (TEXT in
// SQLite, TIMESTAMP in PostgreSQL: both sort and compare the same way); the
// API speaks RFC 3339 ("2026-11-25T18:00:00Z", offsets accepted on input).
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace meetgate::meeting {

std::string db_time(std::time_t when);
std::string db_now();
// RFC 3339 ("...Z" or "+hh:mm", optional fraction) or "YYYY-MM-DD HH:MM:SS"
// (UTC) -> database form; nullopt when malformed.
std::optional<std::string> parse_api_time(const std::string &text);
// Database form (possibly with a fraction from PostgreSQL) -> RFC 3339 UTC.
std::string api_time(const std::string &db_text);

}  // namespace meetgate::meeting
