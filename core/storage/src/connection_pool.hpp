// A bounded pool of connections of one backend. Connections are created on
// demand up to `capacity`; a caller waits (condition variable) when all are in
// use. A lease returns its connection when destroyed, or drops it when marked
// broken so the next caller gets a fresh one.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace meetgate::storage {

template <class Connection>
class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  class Lease {
   public:
    Lease(ConnectionPool *pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease &&other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)),
          connection_(std::move(other.connection_)),
          broken_(other.broken_) {}
    Lease &operator=(Lease &&) = delete;
    Lease(const Lease &) = delete;
    ~Lease() {
      if (pool_) pool_->give_back(std::move(connection_), broken_);
    }
    Connection &operator*() { return *connection_; }
    Connection *operator->() { return connection_.get(); }
    void mark_broken() { broken_ = true; }

   private:
    ConnectionPool *pool_;
    std::unique_ptr<Connection> connection_;
    bool broken_ = false;
  };

  ConnectionPool(size_t capacity, Factory factory)
      : capacity_(capacity == 0 ? 1 : capacity), factory_(std::move(factory)) {}

  // Adds one connection now, so that a bad URL fails at open, not first use.
  void prime() {
    auto connection = factory_();
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
    ++open_;
  }

  Lease acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // reserve the slot, then connect without holding the lock
    lock.unlock();
    try {
      return Lease(this, factory_());
    } catch (...) {
      lock.lock();
      --open_;
      available_.notify_one();
      throw;
    }
  }

 private:
  void give_back(std::unique_ptr<Connection> connection, bool broken) {
    std::lock_guard lock(mutex_);
    if (broken || !connection) {
      --open_;
    } else {
      idle_.push_back(std::move(connection));
    }
    available_.notify_one();
  }

  const size_t capacity_;
  Factory factory_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;
};

}  // namespace meetgate::storage
