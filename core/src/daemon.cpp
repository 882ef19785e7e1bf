#include "daemon.hpp"

#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <thread>

#include "config_error.hpp"
#include "config_resolver.hpp"
#include "gateway.hpp"
#include "install_paths.hpp"
#include "logger.hpp"
#include "signal_waiter.hpp"

namespace meetgate::core {

namespace {
// A second signal during a stuck shutdown ends the process at once.
void exit_on_second_signal(SignalWaiter &signals) {
  std::thread([&signals] {
    const int signal_number = signals.wait();
    if (signal_number < 0) return;
    log_core(MG_LOG_ERROR, "signal %d during shutdown: exiting now", signal_number);
    _exit(1);
  }).detach();
}
}  // namespace

int Daemon::run(const CliOptions &options) {
  // Before any thread exists; static so the second-signal watcher below can
  // still read it while the process exits.
  static SignalWaiter signals;
  CoreConfig config;
  try {
    config = ConfigResolver::read(options);
    ConfigResolver::finalize(config);
  } catch (const ConfigError &error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
  Logger::instance().set_level(*Logger::parse_level(config.general.log_level));
  log_core(MG_LOG_INFO, "meetgate %s starting: node %s, config %s, data %s",
           InstallPaths::version().c_str(), config.general.node_id.c_str(),
           config.config_dir.c_str(), config.general.data_dir.c_str());
  Gateway gateway(std::move(config));
  gateway.start_media();
  gateway.load_plugins();
  // An enabled transport that cannot start (its port in use) is fatal: a
  // gateway half reachable looks healthy on one protocol while the other is
  // dead. Disable a transport in the config to run without it.
  const size_t started = gateway.load_transports();
  if (started == 0 || gateway.transport_failed()) {
    if (started == 0) {
      log_core(MG_LOG_ERROR,
               "no transport could start (looked in %s): nothing can reach this gateway; exiting",
               gateway.config().general.transports_dir.c_str());
    } else {
      log_core(MG_LOG_ERROR,
               "a configured transport failed to start; exiting (disable it in "
               "transports.disable or its general.enabled to run without it)");
    }
    gateway.shutdown();
    return 1;
  }
  log_core(MG_LOG_INFO, "meetgate ready: %zu plugin(s), %zu transport(s)", gateway.plugin_count(),
           gateway.transport_count());
  const int signal_number = signals.wait();
  log_core(MG_LOG_INFO, "%s received: shutting down",
           signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  exit_on_second_signal(signals);
  gateway.shutdown();
  log_core(MG_LOG_INFO, "meetgate stopped");
  return 0;
}

}  // namespace meetgate::core
