#include "time_text.hpp"

#include <cstdio>
#include <regex>

namespace meetgate::meeting {

std::string db_time(std::time_t when) {
  std::tm parts{};
  gmtime_r(&when, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &parts);
  return buffer;
}

std::string db_now() {
  return db_time(std::time(nullptr));
}

std::optional<std::string> parse_api_time(const std::string &text) {
  static const std::regex pattern(
      R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|z|[+-]\d{2}:\d{2})?$)");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) return std::nullopt;
  std::tm parts{};
  parts.tm_year = std::stoi(match[1]) - 1900;
  parts.tm_mon = std::stoi(match[2]) - 1;
  parts.tm_mday = std::stoi(match[3]);
  parts.tm_hour = std::stoi(match[4]);
  parts.tm_min = std::stoi(match[5]);
  parts.tm_sec = std::stoi(match[6]);
  if (parts.tm_year < 70 || parts.tm_year > 8099 - 1900 || parts.tm_mon > 11 || parts.tm_mday < 1 ||
      parts.tm_mday > 31 || parts.tm_hour > 23 || parts.tm_min > 59 || parts.tm_sec > 60)
    return std::nullopt;
  std::tm normalised = parts;
  std::time_t when = timegm(&normalised);
  if (normalised.tm_mday != parts.tm_mday) return std::nullopt;  // e.g. February 30th
  std::string zone = match[8];
  if (zone.size() == 6) {
    int offset = (std::stoi(zone.substr(1, 2)) * 60 + std::stoi(zone.substr(4, 2))) * 60;
    when += zone[0] == '+' ? -offset : offset;
  }
  return db_time(when);
}

std::string api_time(const std::string &db_text) {
  if (db_text.size() < 19) return db_text;
  std::string out = db_text.substr(0, 19);
  out[10] = 'T';
  return out + "Z";
}

}  // namespace meetgate::meeting
