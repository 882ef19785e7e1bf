// The in-process bus: publish copies the event into a queue; one dispatcher
// thread delivers each event, in publish order, to every subscriber whose
// pattern matches (see topic_pattern.hpp). A single FIFO keeps the order of
// each publisher's events; a slow subscriber delays the bus, not publishers.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "json_ptr.hpp"

namespace meetgate::core {

class EventBus {
 public:
  using Handler = std::function<void(const std::string &topic, const json_t *event)>;
  // Also hands every event published here to other nodes (RedisBusLink).
  using Forwarder = std::function<void(const std::string &topic, const json_t *event)>;

  EventBus();
  ~EventBus();  // drains and stops
  EventBus(const EventBus &) = delete;
  EventBus &operator=(const EventBus &) = delete;

  // `subscriber` identifies who subscribed (remove_subscriber drops them all).
  void subscribe(const void *subscriber, const std::string &pattern, Handler handler);
  void remove_subscriber(const void *subscriber);
  // Deep-copies `event` (borrowed) for local delivery, then forwards it to
  // other nodes when a forwarder is set; false once the bus is stopped.
  bool publish(const std::string &topic, const json_t *event);
  // An event from another node: local delivery only.
  bool publish_local(const std::string &topic, const json_t *event);
  // Set before any publish (the Gateway does it at construction).
  void set_forwarder(Forwarder forwarder) { forwarder_ = std::move(forwarder); }
  // Blocks until every event published before the call was delivered.
  void drain();
  // Delivers what is queued, then stops the dispatcher thread.
  void stop();
  size_t delivered_count() const;

 private:
  struct Subscription {
    const void *subscriber;
    std::string pattern;
    Handler handler;
  };
  struct QueuedEvent {
    std::string topic;
    JsonPtr event;
  };
  void run();
  void deliver(const QueuedEvent &queued);

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<QueuedEvent> queue_;
  std::vector<Subscription> subscriptions_;
  bool stopping_ = false;
  bool delivering_ = false;
  size_t delivered_ = 0;
  Forwarder forwarder_;
  std::thread dispatcher_;
};

}  // namespace meetgate::core
