// Collects the core's log lines while alive (the logger still prints them).
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "logger.hpp"

namespace meetgate::test {

class LogCapture {
 public:
  LogCapture() {
    core::Logger::instance().set_level(MG_LOG_DEBUG);
    core::Logger::instance().set_sink(
        [this](mg_log_level, std::string_view module, std::string_view text) {
          std::lock_guard lock(mutex_);
          lines_.push_back("[" + std::string(module) + "] " + std::string(text));
        });
  }
  ~LogCapture() {
    core::Logger::instance().set_sink({});
    core::Logger::instance().set_level(MG_LOG_INFO);
  }
  // How many lines contain every one of `parts`.
  size_t count(std::initializer_list<std::string> parts) const {
    std::lock_guard lock(mutex_);
    size_t matches = 0;
    for (const std::string &line : lines_) {
      bool all = true;
      for (const std::string &part : parts) all = all && line.find(part) != std::string::npos;
      if (all) ++matches;
    }
    return matches;
  }
  // Index of the first line containing `part`, or -1.
  long index_of(const std::string &part) const {
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i].find(part) != std::string::npos) return static_cast<long>(i);
    }
    return -1;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

}  // namespace meetgate::test
