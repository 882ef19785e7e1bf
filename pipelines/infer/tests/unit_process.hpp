// Runs a real meetgate-infer process for the client tests; killed (and
// reaped) on destruction.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace meetgate::infer::test {

class UnitProcess {
 public:
  UnitProcess(const std::string &endpoint, const std::string &unit_id,
              std::vector<std::string> extra = {}) {
    std::vector<std::string> args{
        MEETGATE_INFER_BIN, "--endpoint", endpoint,      "--unit-id", unit_id,
        "--heartbeat-ms",   "200",        "--log-level", "warn"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char *> argv;
    for (auto &arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      // The unit dies with the test (a timed-out test is SIGKILLed by ctest).
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~UnitProcess() { stop(SIGKILL); }
  UnitProcess(const UnitProcess &) = delete;
  UnitProcess &operator=(const UnitProcess &) = delete;

  bool started() const { return pid_ > 0; }
  // Sends sig and reaps the process; returns its wait status.
  int stop(int sig) {
    if (pid_ <= 0) return -1;
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
};

}  // namespace meetgate::infer::test
