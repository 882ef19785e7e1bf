#include "redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

namespace meetgate::storage {
namespace {

constexpr timeval kConnectTimeout{1, 0};
constexpr timeval kCommandTimeout{2, 0};

struct ReplyFree {
  void operator()(redisReply *reply) const { freeReplyObject(reply); }
};

}  // namespace

RedisConnection::RedisConnection(const RedisTarget &target) {
  context_ = redisConnectWithTimeout(target.host.c_str(), target.port, kConnectTimeout);
  if (!context_ || context_->err) {
    std::string message = context_ ? context_->errstr : "cannot allocate redis context";
    redisFree(context_);
    context_ = nullptr;
    throw RedisLinkError("cannot connect to Redis at " + target.host + ":" +
                         std::to_string(target.port) + ": " + message);
  }
  redisSetTimeout(context_, kCommandTimeout);
  redisEnableKeepAlive(context_);
  try {
    if (!target.password.empty()) command({"AUTH", target.password});
    if (target.db != 0) command({"SELECT", std::to_string(target.db)});
  } catch (...) {
    redisFree(context_);
    context_ = nullptr;
    throw;
  }
}

RedisConnection::~RedisConnection() {
  redisFree(context_);
}

RedisReply RedisConnection::command(const std::vector<std::string> &arguments) {
  std::vector<const char *> argv;
  std::vector<size_t> lengths;
  for (const auto &argument : arguments) {
    argv.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  std::unique_ptr<redisReply, ReplyFree> reply(static_cast<redisReply *>(
      redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data())));
  if (!reply) throw RedisLinkError(std::string("Redis connection lost: ") + context_->errstr);
  RedisReply out;
  switch (reply->type) {
    case REDIS_REPLY_ERROR:
      throw Error("Redis " + arguments.front() + ": " + std::string(reply->str, reply->len));
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      out.text = std::string(reply->str, reply->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.integer = reply->integer;
      break;
    case REDIS_REPLY_ARRAY:
      for (size_t i = 0; i < reply->elements; ++i) {
        const redisReply *element = reply->element[i];
        if (element->type == REDIS_REPLY_STRING || element->type == REDIS_REPLY_STATUS)
          out.elements.emplace_back(element->str, element->len);
      }
      break;
    default:
      break;  // nil
  }
  return out;
}

}  // namespace meetgate::storage
