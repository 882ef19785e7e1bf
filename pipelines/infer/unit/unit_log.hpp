// Minimal leveled logging to stderr for the inference unit (a separate
// process, so it does not use the gateway's logger).
#pragma once

#include <string>

namespace meetgate::infer {

enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

void set_log_level(LogLevel level);
LogLevel parse_log_level(const std::string &name);  // unknown names -> kInfo
void log_line(LogLevel level, const std::string &text);

}  // namespace meetgate::infer
