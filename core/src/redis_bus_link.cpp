#include "redis_bus_link.hpp"

#include <hiredis/hiredis.h>
#include <sys/socket.h>

#include <charconv>
#include <chrono>
#include <cstring>
#include <string_view>

#include "envelope.hpp"
#include "logger.hpp"

namespace meetgate::core {

namespace {
constexpr timeval kConnectTimeout{2, 0};

bool parse_int(std::string_view text, int &value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}
}  // namespace

RedisBusLink::RedisBusLink(EventBus &bus, std::string url, std::string origin)
    : bus_(bus), url_(std::move(url)), origin_(std::move(origin)) {}

RedisBusLink::~RedisBusLink() {
  stop();
}

// redis://[[user]:password@]host[:port][/db]
bool RedisBusLink::parse_url(const std::string &url, Endpoint &endpoint) {
  std::string_view rest(url);
  if (!rest.starts_with("redis://")) return false;
  rest.remove_prefix(8);
  const size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view credentials = rest.substr(0, at);
    const size_t colon = credentials.find(':');
    endpoint.password =
        std::string(colon == std::string_view::npos ? credentials : credentials.substr(colon + 1));
    rest.remove_prefix(at + 1);
  }
  const size_t slash = rest.find('/');
  if (slash != std::string_view::npos) {
    const std::string_view db = rest.substr(slash + 1);
    if (!db.empty() && !parse_int(db, endpoint.database)) return false;
    rest = rest.substr(0, slash);
  }
  const size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
    if (!parse_int(rest.substr(colon + 1), endpoint.port)) return false;
    rest = rest.substr(0, colon);
  }
  if (!rest.empty()) endpoint.host = std::string(rest);
  return endpoint.port > 0 && endpoint.port < 65536;
}

redisContext *RedisBusLink::connect(std::string &error) const {
  redisContext *context =
      redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, kConnectTimeout);
  if (context == nullptr || context->err) {
    error = context ? context->errstr : "out of memory";
    if (context) redisFree(context);
    return nullptr;
  }
  if (!endpoint_.password.empty()) {
    auto *reply =
        static_cast<redisReply *>(redisCommand(context, "AUTH %s", endpoint_.password.c_str()));
    const bool ok = reply && reply->type != REDIS_REPLY_ERROR;
    error = reply && !ok ? reply->str : context->errstr;
    if (reply) freeReplyObject(reply);
    if (!ok) {
      redisFree(context);
      return nullptr;
    }
  }
  return context;
}

bool RedisBusLink::start(std::string &error) {
  if (!parse_url(url_, endpoint_)) {
    error = "malformed redis.url '" + url_ + "' (expected redis://[:password@]host[:port][/db])";
    return false;
  }
  thread_ = std::thread([this] { run_subscriber(); });
  return true;
}

void RedisBusLink::stop() {
  if (stopping_.exchange(true)) return;
  {
    // Wake the subscriber out of its blocking read.
    std::lock_guard lock(subscriber_mutex_);
    if (subscriber_ != nullptr) ::shutdown(subscriber_->fd, SHUT_RDWR);
  }
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(publish_mutex_);
  if (publisher_) redisFree(publisher_);
  publisher_ = nullptr;
}

bool RedisBusLink::wait_subscribed(int timeout_ms) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!subscribed_.load()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void RedisBusLink::forward(const std::string &topic, const json_t *event) {
  if (stopping_.load()) return;
  JsonPtr message = adopt_json(json_pack("{s:s, s:s, s:O}", "origin", origin_.c_str(), "topic",
                                         topic.c_str(), "event", event ? event : json_null()));
  const std::string payload = dump_json(message.get());
  std::lock_guard lock(publish_mutex_);
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string error;
    if (publisher_ == nullptr && (publisher_ = connect(error)) == nullptr) {
      log_core(MG_LOG_WARN, "redis bus: event %s stays on this node: %s", topic.c_str(),
               error.c_str());
      return;
    }
    auto *reply = static_cast<redisReply *>(
        redisCommand(publisher_, "PUBLISH %s %b", kChannel, payload.data(), payload.size()));
    if (reply != nullptr) {
      freeReplyObject(reply);
      return;
    }
    // The connection broke (Redis restarted): reconnect once and retry.
    redisFree(publisher_);
    publisher_ = nullptr;
  }
  log_core(MG_LOG_WARN, "redis bus: event %s stays on this node: publish failed", topic.c_str());
}

void RedisBusLink::run_subscriber() {
  int backoff_ms = 100;
  while (!stopping_.load()) {
    std::string error;
    redisContext *context = connect(error);
    if (context != nullptr) {
      // No read timeout: the subscriber waits for events as long as it takes.
      redisSetTimeout(context, timeval{0, 0});
      auto *reply = static_cast<redisReply *>(redisCommand(context, "SUBSCRIBE %s", kChannel));
      if (reply != nullptr) {
        freeReplyObject(reply);
        {
          std::lock_guard lock(subscriber_mutex_);
          subscriber_ = context;
        }
        if (!stopping_.load()) {
          log_core(MG_LOG_INFO, "redis bus: subscribed to %s on %s:%d", kChannel,
                   endpoint_.host.c_str(), endpoint_.port);
          subscribed_ = true;
          backoff_ms = 100;
          read_messages(context);
          subscribed_ = false;
        }
        std::lock_guard lock(subscriber_mutex_);
        subscriber_ = nullptr;
      }
      error = context->errstr;
      redisFree(context);
    }
    if (stopping_.load()) break;
    log_core(MG_LOG_WARN, "redis bus: %s; retrying in %d ms",
             error.empty() ? "disconnected" : error.c_str(), backoff_ms);
    for (int waited = 0; waited < backoff_ms && !stopping_.load(); waited += 20) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    backoff_ms = std::min(backoff_ms * 2, 5000);
  }
}

void RedisBusLink::read_messages(redisContext *context) {
  while (!stopping_.load()) {
    void *raw = nullptr;
    if (redisGetReply(context, &raw) != REDIS_OK || raw == nullptr) return;
    auto *reply = static_cast<redisReply *>(raw);
    // ["message", channel, payload]
    if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 3 &&
        reply->element[0]->type == REDIS_REPLY_STRING &&
        std::strcmp(reply->element[0]->str, "message") == 0 &&
        reply->element[2]->type == REDIS_REPLY_STRING) {
      deliver(reply->element[2]->str, reply->element[2]->len);
    }
    freeReplyObject(reply);
  }
}

void RedisBusLink::deliver(const char *payload, size_t length) {
  json_error_t error;
  JsonPtr message = adopt_json(json_loadb(payload, length, 0, &error));
  const char *origin = json_string_value(json_object_get(message.get(), "origin"));
  const char *topic = json_string_value(json_object_get(message.get(), "topic"));
  if (origin == nullptr || topic == nullptr) {
    log_core(MG_LOG_WARN, "redis bus: malformed message ignored");
    return;
  }
  if (origin_ == origin) return;  // our own event, already delivered locally
  bus_.publish_local(topic, json_object_get(message.get(), "event"));
}

}  // namespace meetgate::core
