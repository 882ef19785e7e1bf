#include "signal_waiter.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace meetgate::core {

SignalWaiter::SignalWaiter() {
  // A peer closing a socket must not kill the process; writes report EPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  if (const int error = pthread_sigmask(SIG_BLOCK, &signals, nullptr); error != 0) {
    throw std::system_error(error, std::generic_category(), "pthread_sigmask");
  }
  fd_ = signalfd(-1, &signals, SFD_CLOEXEC);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "signalfd");
}

// The descriptor is deliberately kept open until the process ends: the
// second-signal watcher thread (daemon.cpp) may still read it while static
// objects are destroyed, and a closed number is reused at once (LeakSanitizer
// opens ELF files at exit), so that read would return another file's bytes.
SignalWaiter::~SignalWaiter() = default;

int SignalWaiter::wait() {
  for (;;) {
    signalfd_siginfo info{};
    const ssize_t got = ::read(fd_, &info, sizeof info);
    if (got == static_cast<ssize_t>(sizeof info)) {
      const int signal_number = static_cast<int>(info.ssi_signo);
      if (signal_number == SIGINT || signal_number == SIGTERM) return signal_number;
      return -1;  // not a signalfd record: the descriptor is not ours any more
    }
    if (got < 0 && errno != EINTR) return -1;
  }
}

}  // namespace meetgate::core
