// One synchronous hiredis connection with connect and command timeouts.
// An I/O failure throws RedisLinkError (the connection is then unusable);
// a reply of type error (WRONGTYPE, ...) throws a plain Error.
#pragma once

#include <meetgate/storage/database.hpp>
#include <meetgate/storage/url.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct redisContext;
struct redisReply;

namespace meetgate::storage {

class RedisLinkError : public Error {
 public:
  using Error::Error;
};

// A reply, decoded to what KeyValue needs.
struct RedisReply {
  std::optional<std::string> text;  // string/status replies; nullopt for nil
  int64_t integer = 0;
  std::vector<std::string> elements;
};

class RedisConnection {
 public:
  explicit RedisConnection(const RedisTarget &target);  // throws RedisLinkError
  ~RedisConnection();
  RedisConnection(const RedisConnection &) = delete;
  RedisConnection &operator=(const RedisConnection &) = delete;

  RedisReply command(const std::vector<std::string> &arguments);

 private:
  redisContext *context_ = nullptr;
};

}  // namespace meetgate::storage
