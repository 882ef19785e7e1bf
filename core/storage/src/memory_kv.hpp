// The in-process key-value store: one mutex, lazy TTL expiry plus a periodic
// sweep so expired keys do not pile up. Also the fallback of RedisKeyValue.
#pragma once

#include <chrono>
#include <meetgate/storage/kv.hpp>
#include <mutex>
#include <set>
#include <unordered_map>

namespace meetgate::storage {

class MemoryKeyValue : public KeyValue {
 public:
  bool is_redis() const override { return false; }
  void set(const std::string &key, const std::string &value, std::chrono::seconds ttl) override;
  std::optional<std::string> get(const std::string &key) override;
  bool exists(const std::string &key) override;
  void del(const std::string &key) override;
  int64_t incr(const std::string &key, int64_t by, std::chrono::seconds ttl) override;
  int64_t ttl(const std::string &key) override;
  void sadd(const std::string &key, const std::string &member) override;
  void srem(const std::string &key, const std::string &member) override;
  std::vector<std::string> smembers(const std::string &key) override;
  int64_t scard(const std::string &key) override;

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::string value;
    std::set<std::string> members;
    bool is_set = false;
    std::optional<Clock::time_point> expires;
  };
  // The live entry for `key`, or nullptr (an expired one is erased first).
  Entry *find_live(const std::string &key);
  Entry &fresh_entry(const std::string &key, std::chrono::seconds ttl);
  void sweep_now_and_then();

  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  size_t writes_since_sweep_ = 0;
};

}  // namespace meetgate::storage
