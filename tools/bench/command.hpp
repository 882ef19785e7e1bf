// Subcommands of meetgate-bench register themselves with a static Command:
//
//   static meetgate::bench::Command http{"http", "drive the REST API", run_http};
//
// Each prints its figures (throughput, latency percentiles, CPU, memory) to
// stdout; the docs keep the latest figures with the command line used.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace meetgate::bench {

using RunFn = std::function<int(const std::vector<std::string> &args)>;

struct Command {
  Command(std::string name, std::string summary, RunFn run);
};

struct CommandInfo {
  std::string name;
  std::string summary;
  RunFn run;
};

const std::vector<CommandInfo> &commands();

}  // namespace meetgate::bench
