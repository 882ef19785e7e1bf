// meetgate-bench SUBCOMMAND [options]: dispatches to the registered benches.
#include <cstdio>
#include <cstring>

#include "command.hpp"

namespace meetgate::bench {
namespace {
std::vector<CommandInfo> &registry() {
  static std::vector<CommandInfo> all;
  return all;
}
}  // namespace

Command::Command(std::string name, std::string summary, RunFn run) {
  registry().push_back({std::move(name), std::move(summary), std::move(run)});
}

const std::vector<CommandInfo> &commands() { return registry(); }
}  // namespace meetgate::bench

static void usage() {
  std::printf("usage: meetgate-bench SUBCOMMAND [options]   (SUBCOMMAND --help for its options)\n\n");
  for (const auto &c : meetgate::bench::commands())
    std::printf("  %-10s %s\n", c.name.c_str(), c.summary.c_str());
}

int main(int argc, char **argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    usage();
    return argc < 2 ? 2 : 0;
  }
  for (const auto &c : meetgate::bench::commands()) {
    if (c.name == argv[1]) return c.run(std::vector<std::string>(argv + 2, argv + argc));
  }
  std::fprintf(stderr, "meetgate-bench: unknown subcommand '%s'\n", argv[1]);
  usage();
  return 2;
}
