// SIGINT/SIGTERM through a signalfd: the signals are blocked in every thread
// (construct this before any thread starts, so threads inherit the mask) and
// read synchronously by whoever calls wait(); no work runs in a handler.
#pragma once

namespace meetgate::core {

class SignalWaiter {
 public:
  SignalWaiter();  // throws std::system_error
  ~SignalWaiter();
  SignalWaiter(const SignalWaiter &) = delete;
  SignalWaiter &operator=(const SignalWaiter &) = delete;

  // Blocks until SIGINT or SIGTERM arrives; returns the signal number,
  // or -1 if the descriptor failed. The descriptor lives as long as the
  // process (see the destructor).
  int wait();

 private:
  int fd_ = -1;
};

}  // namespace meetgate::core
