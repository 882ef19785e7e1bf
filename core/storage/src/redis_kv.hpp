// KeyValue on Redis. One connection guarded by a mutex (commands are short;
// Redis is single-threaded anyway). When the link drops, the outage is logged
// once, calls go to an in-process MemoryKeyValue, and a background thread
// reconnects with exponential backoff (100 ms doubling to 5 s).
#pragma once

#include <condition_variable>
#include <thread>

#include "memory_kv.hpp"
#include "redis_connection.hpp"

namespace meetgate::storage {

class RedisKeyValue : public KeyValue {
 public:
  RedisKeyValue(RedisTarget target, LogFn log);
  ~RedisKeyValue() override;

  bool is_redis() const override { return true; }
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

  // True while the Redis link is up (tests and /health use it).
  bool connected();

 private:
  // Runs `on_redis` on the live connection, or `on_fallback` on the
  // in-process store when there is none or the link just failed.
  template <class OnRedis, class OnFallback>
  auto run(OnRedis on_redis, OnFallback on_fallback) -> decltype(on_fallback());
  void lost(const std::string &why);  // mutex_ held
  void reconnect_loop();
  void log(int level, const std::string &line) const;

  const RedisTarget target_;
  const LogFn log_;
  MemoryKeyValue fallback_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::unique_ptr<RedisConnection> connection_;
  bool stopping_ = false;
  std::thread reconnector_;
};

}  // namespace meetgate::storage
