// The core's logger: one timestamped line per call on stderr, tagged with a
// level and the module (core, a plugin or a transport) that wrote it.
#pragma once

#include <meetgate/common.h>

#include <atomic>
#include <cstdarg>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace meetgate::core {

class Logger {
 public:
  using Sink = std::function<void(mg_log_level, std::string_view module, std::string_view text)>;

  static Logger &instance();

  void set_level(mg_log_level level) { level_.store(level); }
  mg_log_level level() const { return level_.load(); }
  bool enabled(mg_log_level level) const { return level <= level_.load(); }

  // Also hand every line to `sink` (tests assert on log lines); empty = none.
  void set_sink(Sink sink);

  void write(mg_log_level level, std::string_view module, std::string_view text);
  void vlog(mg_log_level level, std::string_view module, const char *fmt, va_list args);

  static std::string_view level_name(mg_log_level level);
  static std::optional<mg_log_level> parse_level(std::string_view name);

 private:
  Logger() = default;
  std::atomic<mg_log_level> level_{MG_LOG_INFO};
  std::mutex mutex_;
  Sink sink_;
};

void log_core(mg_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

}  // namespace meetgate::core
