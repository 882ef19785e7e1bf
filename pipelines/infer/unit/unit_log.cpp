#include "unit_log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>

namespace meetgate::infer {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
constexpr const char *kNames[] = {"error", "warn", "info", "debug"};
}  // namespace

void set_log_level(LogLevel level) {
  g_level = static_cast<int>(level);
}

LogLevel parse_log_level(const std::string &name) {
  for (int i = 0; i < 4; ++i)
    if (name == kNames[i]) return static_cast<LogLevel>(i);
  return LogLevel::kInfo;
}

void log_line(LogLevel level, const std::string &text) {
  if (static_cast<int>(level) > g_level) return;
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  // One fprintf per line keeps lines whole across threads.
  std::fprintf(stderr, "%lld.%03lld meetgate-infer [%s] %s\n", static_cast<long long>(now / 1000),
               static_cast<long long>(now % 1000), kNames[static_cast<int>(level)], text.c_str());
}

}  // namespace meetgate::infer
