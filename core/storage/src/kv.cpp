#include <meetgate/storage/kv.hpp>
#include <meetgate/storage/url.hpp>

#include "memory_kv.hpp"
#include "redis_kv.hpp"

namespace meetgate::storage {

std::unique_ptr<KeyValue> KeyValue::open(const std::string &redis_url, LogFn log) {
  if (redis_url.empty()) return std::make_unique<MemoryKeyValue>();
  return std::make_unique<RedisKeyValue>(parse_redis_url(redis_url), std::move(log));
}

}  // namespace meetgate::storage
