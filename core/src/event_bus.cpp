#include "event_bus.hpp"

#include "topic_pattern.hpp"

namespace meetgate::core {

EventBus::EventBus() : dispatcher_([this] { run(); }) {}

EventBus::~EventBus() {
  stop();
}

void EventBus::subscribe(const void *subscriber, const std::string &pattern, Handler handler) {
  std::lock_guard lock(mutex_);
  subscriptions_.push_back(Subscription{subscriber, pattern, std::move(handler)});
}

void EventBus::remove_subscriber(const void *subscriber) {
  std::unique_lock lock(mutex_);
  // Wait out a delivery in progress so the subscriber is never called after
  // (unless a handler itself unsubscribes, on the dispatcher thread).
  if (std::this_thread::get_id() != dispatcher_.get_id()) {
    idle_.wait(lock, [this] { return !delivering_; });
  }
  std::erase_if(subscriptions_,
                [subscriber](const Subscription &s) { return s.subscriber == subscriber; });
}

bool EventBus::publish(const std::string &topic, const json_t *event) {
  if (!publish_local(topic, event)) return false;
  if (forwarder_) forwarder_(topic, event);
  return true;
}

bool EventBus::publish_local(const std::string &topic, const json_t *event) {
  JsonPtr copy = adopt_json(event ? json_deep_copy(event) : json_null());
  if (!copy) return false;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    queue_.push_back(QueuedEvent{topic, std::move(copy)});
  }
  wake_.notify_one();
  return true;
}

void EventBus::drain() {
  if (std::this_thread::get_id() == dispatcher_.get_id()) return;
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !delivering_; });
}

void EventBus::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (dispatcher_.joinable() && std::this_thread::get_id() != dispatcher_.get_id()) {
    dispatcher_.join();
  }
}

size_t EventBus::delivered_count() const {
  std::lock_guard lock(mutex_);
  return delivered_;
}

void EventBus::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) {
      if (stopping_) break;
      continue;
    }
    QueuedEvent queued = std::move(queue_.front());
    queue_.pop_front();
    delivering_ = true;
    lock.unlock();
    deliver(queued);
    lock.lock();
    delivering_ = false;
    ++delivered_;
    idle_.notify_all();
  }
  idle_.notify_all();
}

void EventBus::deliver(const QueuedEvent &queued) {
  // Handlers run on copies, without the lock: they may publish or subscribe.
  std::vector<Handler> matching;
  {
    std::lock_guard lock(mutex_);
    for (const Subscription &subscription : subscriptions_) {
      if (topic_matches(subscription.pattern, queued.topic))
        matching.push_back(subscription.handler);
    }
  }
  for (const Handler &handler : matching) handler(queued.topic, queued.event.get());
}

}  // namespace meetgate::core
