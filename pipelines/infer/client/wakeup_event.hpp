// An eventfd that any thread can signal and the client's socket thread polls
// next to its ZeroMQ socket (zmq::poll accepts plain file descriptors).
#pragma once

namespace meetgate::infer {

class WakeupEvent {
 public:
  WakeupEvent();  // throws std::system_error
  ~WakeupEvent();
  WakeupEvent(const WakeupEvent &) = delete;
  WakeupEvent &operator=(const WakeupEvent &) = delete;

  void signal();  // thread-safe, never blocks
  void drain();   // socket thread: consumes pending signals
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace meetgate::infer
