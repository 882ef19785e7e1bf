#include "logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

namespace meetgate::core {

Logger &Logger::instance() {
  static Logger logger;
  return logger;
}

void Logger::set_sink(Sink sink) {
  std::lock_guard lock(mutex_);
  sink_ = std::move(sink);
}

std::string_view Logger::level_name(mg_log_level level) {
  switch (level) {
    case MG_LOG_ERROR:
      return "error";
    case MG_LOG_WARN:
      return "warn";
    case MG_LOG_INFO:
      return "info";
    case MG_LOG_DEBUG:
      return "debug";
  }
  return "?";
}

std::optional<mg_log_level> Logger::parse_level(std::string_view name) {
  for (mg_log_level level : {MG_LOG_ERROR, MG_LOG_WARN, MG_LOG_INFO, MG_LOG_DEBUG}) {
    if (name == level_name(level)) return level;
  }
  if (name == "warning") return MG_LOG_WARN;
  return std::nullopt;
}

namespace {
std::string timestamp_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}
}  // namespace

void Logger::write(mg_log_level level, std::string_view module, std::string_view text) {
  if (!enabled(level)) return;
  std::string line = timestamp_now();
  line += " [";
  line += level_name(level);
  line += "] [";
  line += module;
  line += "] ";
  line += text;
  while (!line.empty() && line.back() == '\n') line.pop_back();
  line += '\n';
  // One write per line under the lock, so lines from threads never interleave.
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  if (sink_) sink_(level, module, text);
}

void Logger::vlog(mg_log_level level, std::string_view module, const char *fmt, va_list args) {
  if (!enabled(level)) return;
  va_list copy;
  va_copy(copy, args);
  const int needed = std::vsnprintf(nullptr, 0, fmt, copy);
  va_end(copy);
  if (needed < 0) return;
  std::vector<char> buffer(static_cast<size_t>(needed) + 1);
  std::vsnprintf(buffer.data(), buffer.size(), fmt, args);
  write(level, module, std::string_view(buffer.data(), static_cast<size_t>(needed)));
}

void log_core(mg_log_level level, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  Logger::instance().vlog(level, "core", fmt, args);
  va_end(args);
}

}  // namespace meetgate::core
