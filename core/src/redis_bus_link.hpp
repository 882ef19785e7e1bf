// Carries bus events between gateway nodes over Redis pub/sub (hiredis) when
// redis.url is set. Every node publishes its local events on one channel,
// "meetgate:bus", as {"origin","topic","event"}; a subscriber thread hands
// events of other nodes to the local bus (publish_local), so each event is
// delivered once per node, in each publisher's order. Local delivery never
// waits for Redis: with Redis down, events stay on this node (logged) and the
// link reconnects in the background.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "event_bus.hpp"

struct redisContext;

namespace meetgate::core {

class RedisBusLink {
 public:
  static constexpr const char *kChannel = "meetgate:bus";

  // `origin` must be unique per process (node id + a random part).
  RedisBusLink(EventBus &bus, std::string url, std::string origin);
  ~RedisBusLink();  // stops
  RedisBusLink(const RedisBusLink &) = delete;
  RedisBusLink &operator=(const RedisBusLink &) = delete;

  // Starts the subscriber thread; false (with `error`) if the URL is malformed.
  bool start(std::string &error);
  void stop();
  // Sends a local event to the other nodes (the bus's forwarder).
  void forward(const std::string &topic, const json_t *event);
  // Waits (up to `timeout_ms`) until the subscriber is subscribed.
  bool wait_subscribed(int timeout_ms) const;

 private:
  struct Endpoint {
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string password;
    int database = 0;
  };
  static bool parse_url(const std::string &url, Endpoint &endpoint);
  redisContext *connect(std::string &error) const;
  void run_subscriber();
  void read_messages(redisContext *context);
  void deliver(const char *payload, size_t length);

  EventBus &bus_;
  std::string url_;
  std::string origin_;
  Endpoint endpoint_;
  std::mutex publish_mutex_;
  redisContext *publisher_ = nullptr;  // guarded by publish_mutex_
  std::mutex subscriber_mutex_;
  redisContext *subscriber_ = nullptr;  // guarded by subscriber_mutex_ (for stop)
  std::atomic<bool> stopping_{false};
  std::atomic<bool> subscribed_{false};
  std::thread thread_;
};

}  // namespace meetgate::core
