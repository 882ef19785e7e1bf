// This process's resident memory and CPU time, from /proc/self.
#pragma once

namespace meetgate::core {

class ProcessStats {
 public:
  static double resident_memory_bytes();  // 0 if unreadable
  static double cpu_seconds_total();      // user + system
};

}  // namespace meetgate::core
