// meetgate: parse the command line, read the configuration, run the core
// until SIGINT/SIGTERM. Exit codes: 0 clean stop, 1 could not run (a
// transport failed to start, or none exists), 2 bad command line or
// configuration.
#include <iostream>

#include "cli_options.hpp"
#include "config_checker.hpp"
#include "config_error.hpp"
#include "config_resolver.hpp"
#include "daemon.hpp"
#include "install_paths.hpp"

using namespace meetgate::core;

int main(int argc, char **argv) {
  CliOptions options;
  try {
    options = CliOptions::parse(argc, argv);
  } catch (const std::invalid_argument &error) {
    std::cerr << "meetgate: " << error.what() << "\n";
    return 2;
  }
  if (options.help) {
    std::cout << CliOptions::usage(argv[0]);
    return 0;
  }
  if (options.version) {
    std::cout << "meetgate " << InstallPaths::version() << "\n";
    return 0;
  }
  if (options.check_config) return ConfigChecker::run(options, std::cout, std::cerr);
  return Daemon::run(options);
}
