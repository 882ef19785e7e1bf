#include "redis_kv.hpp"

#include <algorithm>

namespace meetgate::storage {
namespace {

constexpr int kLogError = 0;  // mg_log_level values (common.h), without the C header
constexpr int kLogWarn = 1;
constexpr int kLogInfo = 2;
constexpr auto kFirstRetry = std::chrono::milliseconds(100);
constexpr auto kMaxRetry = std::chrono::milliseconds(5000);

// INCRBY that sets the TTL only when the key has none (i.e. it was just
// created): one round trip, atomic on the server.
constexpr const char *kIncrScript =
    "local v = redis.call('INCRBY', KEYS[1], ARGV[1]) "
    "if tonumber(ARGV[2]) > 0 and redis.call('TTL', KEYS[1]) == -1 then "
    "redis.call('EXPIRE', KEYS[1], ARGV[2]) end return v";

}  // namespace

RedisKeyValue::RedisKeyValue(RedisTarget target, LogFn log)
    : target_(std::move(target)), log_(std::move(log)) {
  try {
    connection_ = std::make_unique<RedisConnection>(target_);
    this->log(kLogInfo,
              "connected to Redis at " + target_.host + ":" + std::to_string(target_.port));
  } catch (const Error &error) {
    this->log(kLogError,
              std::string(error.what()) + "; using the in-process store until Redis answers");
  }
  reconnector_ = std::thread([this] { reconnect_loop(); });
}

RedisKeyValue::~RedisKeyValue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  reconnector_.join();
}

void RedisKeyValue::log(int level, const std::string &line) const {
  if (log_) log_(level, line);
}

bool RedisKeyValue::connected() {
  std::lock_guard lock(mutex_);
  return connection_ != nullptr;
}

void RedisKeyValue::lost(const std::string &why) {
  connection_.reset();
  log(kLogError, why + "; using the in-process store and reconnecting in the background");
  changed_.notify_all();
}

void RedisKeyValue::reconnect_loop() {
  std::unique_lock lock(mutex_);
  auto delay = std::chrono::milliseconds(kFirstRetry);
  while (!stopping_) {
    changed_.wait(lock, [&] { return stopping_ || !connection_; });
    if (stopping_) break;
    // Down: wait the backoff delay (woken early only to stop), then try.
    if (changed_.wait_for(lock, delay, [&] { return stopping_; })) break;
    lock.unlock();
    std::unique_ptr<RedisConnection> fresh;
    try {
      fresh = std::make_unique<RedisConnection>(target_);
    } catch (const Error &) {
      // Still down: stay quiet (the outage was logged once), back off.
    }
    lock.lock();
    if (fresh) {
      connection_ = std::move(fresh);
      delay = kFirstRetry;
      log(kLogWarn, "reconnected to Redis at " + target_.host + ":" + std::to_string(target_.port));
    } else {
      delay = std::min(delay * 2, std::chrono::milliseconds(kMaxRetry));
    }
  }
}

template <class OnRedis, class OnFallback>
auto RedisKeyValue::run(OnRedis on_redis, OnFallback on_fallback) -> decltype(on_fallback()) {
  {
    std::lock_guard lock(mutex_);
    if (connection_) {
      try {
        return on_redis(*connection_);
      } catch (const RedisLinkError &error) {
        lost(error.what());
      }
    }
  }
  return on_fallback();
}

void RedisKeyValue::set(const std::string &key, const std::string &value,
                        std::chrono::seconds ttl) {
  run(
      [&](RedisConnection &redis) {
        if (ttl.count() > 0)
          redis.command({"SET", key, value, "EX", std::to_string(ttl.count())});
        else
          redis.command({"SET", key, value});
      },
      [&] { fallback_.set(key, value, ttl); });
}

std::optional<std::string> RedisKeyValue::get(const std::string &key) {
  return run(
      [&](RedisConnection &redis) {
        return redis.command({"GET", key}).text;
      },
      [&] { return fallback_.get(key); });
}

bool RedisKeyValue::exists(const std::string &key) {
  return run(
      [&](RedisConnection &redis) {
        return redis.command({"EXISTS", key}).integer > 0;
      },
      [&] { return fallback_.exists(key); });
}

void RedisKeyValue::del(const std::string &key) {
  run([&](RedisConnection &redis) { redis.command({"DEL", key}); }, [&] { fallback_.del(key); });
}

int64_t RedisKeyValue::incr(const std::string &key, int64_t by, std::chrono::seconds ttl) {
  return run(
      [&](RedisConnection &redis) {
        return redis
            .command(
                {"EVAL", kIncrScript, "1", key, std::to_string(by), std::to_string(ttl.count())})
            .integer;
      },
      [&] { return fallback_.incr(key, by, ttl); });
}

int64_t RedisKeyValue::ttl(const std::string &key) {
  return run(
      [&](RedisConnection &redis) {
        return redis.command({"TTL", key}).integer;
      },
      [&] { return fallback_.ttl(key); });
}

void RedisKeyValue::sadd(const std::string &key, const std::string &member) {
  run(
      [&](RedisConnection &redis) {
        redis.command({"SADD", key, member});
      },
      [&] { fallback_.sadd(key, member); });
}

void RedisKeyValue::srem(const std::string &key, const std::string &member) {
  run(
      [&](RedisConnection &redis) {
        redis.command({"SREM", key, member});
      },
      [&] { fallback_.srem(key, member); });
}

std::vector<std::string> RedisKeyValue::smembers(const std::string &key) {
  return run(
      [&](RedisConnection &redis) {
        auto members = redis.command({"SMEMBERS", key}).elements;
        std::sort(members.begin(), members.end());
        return members;
      },
      [&] { return fallback_.smembers(key); });
}

int64_t RedisKeyValue::scard(const std::string &key) {
  return run(
      [&](RedisConnection &redis) {
        return redis.command({"SCARD", key}).integer;
      },
      [&] { return fallback_.scard(key); });
}

}  // namespace meetgate::storage
