// meetgate-infer: an inference unit. Connects to the gateway's ZeroMQ ROUTER,
// announces the models it could load, and analyzes what it is sent
// (PROTOCOL.md). Several units may connect to one gateway.
#include <csignal>
#include <cstdio>
#include <exception>
#include <opencv2/core/utility.hpp>

#include "builtin_analyzers.hpp"
#include "unit_log.hpp"
#include "unit_options.hpp"
#include "unit_server.hpp"

namespace {
std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
  g_stop = true;
}

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string join(const std::vector<std::string> &items) {
  std::string out;
  for (const auto &item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}
}  // namespace

int main(int argc, char **argv) {
  using namespace meetgate::infer;
  const OptionsOutcome parsed = parse_unit_options(argc, argv);
  if (parsed.show_help) {
    std::fputs(unit_usage(), stdout);
    return 0;
  }
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "meetgate-infer: %s\n%s", parsed.error.c_str(), unit_usage());
    return 2;
  }
  const UnitOptions &options = parsed.options;
  set_log_level(parse_log_level(options.log_level));
  AnalyzerRegistry registry = make_builtin_registry({options.asr_model_dir, options.haar_cascade});
  const std::vector<std::string> unknown = registry.retain(options.models);
  if (!unknown.empty()) {
    std::fprintf(stderr, "meetgate-infer: unknown model(s): %s (known: %s)\n",
                 join(unknown).c_str(), join(make_builtin_registry({}).names()).c_str());
    return 2;
  }
  for (const auto &failure : registry.probe())
    log_line(LogLevel::kWarn, "model not loaded: " + failure);
  if (registry.names().empty()) {
    log_line(LogLevel::kError, "no model could be loaded; nothing to serve");
    return 1;
  }
  log_line(LogLevel::kInfo, "models loaded: " + join(registry.names()));
  // Work is spread over the unit's worker threads; OpenCV's own thread pool
  // on top would oversubscribe the cores.
  cv::setNumThreads(1);
  install_signal_handlers();
  try {
    UnitServer server(options, std::move(registry));
    server.run(g_stop);
  } catch (const std::exception &error) {
    log_line(LogLevel::kError, std::string("fatal: ") + error.what());
    return 1;
  }
  return 0;
}
