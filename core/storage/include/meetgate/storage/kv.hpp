// meetgate key-value SDK: token revocation, session cache, rate limits and
// presence, on Redis (hiredis) when "redis_url" is set, in process otherwise.
// Same API either way. Key names follow the seed: session:{user_id},
// meeting:{meeting_id}:participants, online:users, ratelimit:{id}:{endpoint}.
//
// A lost Redis connection is logged once, reconnected in the background, and
// calls made meanwhile fall back to the in-process store (so a Redis outage
// degrades cross-node sharing, never availability).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace meetgate::storage {

class KeyValue {
 public:
  using LogFn = std::function<void(int level, const std::string &line)>;  // level: mg_log_level
  virtual ~KeyValue() = default;

  // "" -> in process; "redis://[:password@]host:port[/db]" -> Redis.
  static std::unique_ptr<KeyValue> open(const std::string &redis_url, LogFn log = {});

  virtual bool is_redis() const = 0;

  virtual void set(const std::string &key, const std::string &value,
                   std::chrono::seconds ttl = std::chrono::seconds(0)) = 0;
  virtual std::optional<std::string> get(const std::string &key) = 0;
  virtual bool exists(const std::string &key) = 0;
  virtual void del(const std::string &key) = 0;
  // Atomically add `by` and return the new value; the TTL is set when the key
  // is created (fixed-window counters for rate limits).
  virtual int64_t incr(const std::string &key, int64_t by, std::chrono::seconds ttl) = 0;
  // Seconds left before `key` expires; -1 no TTL, -2 missing.
  virtual int64_t ttl(const std::string &key) = 0;

  virtual void sadd(const std::string &key, const std::string &member) = 0;
  virtual void srem(const std::string &key, const std::string &member) = 0;
  virtual std::vector<std::string> smembers(const std::string &key) = 0;
  virtual int64_t scard(const std::string &key) = 0;
};

}  // namespace meetgate::storage
