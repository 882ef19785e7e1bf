#include "unit_options.hpp"

#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string_view>

namespace meetgate::infer {
namespace {

std::vector<std::string> split_list(const std::string &text) {
  std::vector<std::string> out;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

bool parse_positive(const std::string &text, long &out) {
  char *end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value <= 0) return false;
  out = value;
  return true;
}

std::string default_unit_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unit");
  return std::string(host) + "-" + std::to_string(getpid());
}

// Applies one "--name value" (or env) setting; returns an error text or "".
std::string apply(UnitOptions &o, std::string_view name, const std::string &value) {
  long number = 0;
  if (name == "endpoint")
    o.endpoint = value;
  else if (name == "unit-id")
    o.unit_id = value;
  else if (name == "models")
    o.models = split_list(value);
  else if (name == "asr-model-dir")
    o.asr_model_dir = value;
  else if (name == "haar-cascade")
    o.haar_cascade = value;
  else if (name == "log-level")
    o.log_level = value;
  else if (!parse_positive(value, number))
    return "--" + std::string(name) + " needs a positive integer";
  else if (name == "capacity")
    o.capacity = static_cast<int>(std::min(number, 64L));
  else if (name == "max-sessions")
    o.max_sessions = static_cast<int>(std::min(number, 100000L));
  else if (name == "heartbeat-ms")
    o.heartbeat_interval = std::chrono::milliseconds(number);
  else if (name == "gateway-timeout-ms")
    o.gateway_timeout = std::chrono::milliseconds(number);
  else if (name == "max-message-mb")
    o.max_message_bytes = static_cast<std::size_t>(number) << 20;
  else
    return "unknown option --" + std::string(name);
  return {};
}

constexpr std::pair<const char *, const char *> kEnvironment[] = {
    {"MEETGATE_INFER_ENDPOINT", "endpoint"},
    {"MEETGATE_INFER_UNIT_ID", "unit-id"},
    {"MEETGATE_INFER_MODELS", "models"},
    {"MEETGATE_INFER_CAPACITY", "capacity"},
    {"MEETGATE_INFER_MAX_SESSIONS", "max-sessions"},
    {"MEETGATE_INFER_HEARTBEAT_MS", "heartbeat-ms"},
    {"MEETGATE_INFER_GATEWAY_TIMEOUT_MS", "gateway-timeout-ms"},
    {"MEETGATE_INFER_ASR_MODEL_DIR", "asr-model-dir"},
    {"MEETGATE_INFER_HAAR_CASCADE", "haar-cascade"},
    {"MEETGATE_LOG_LEVEL", "log-level"},
};

}  // namespace

const char *unit_usage() {
  return "usage: meetgate-infer [options]\n"
         "  --endpoint URL            gateway ROUTER to connect (MEETGATE_INFER_ENDPOINT, "
         "tcp://127.0.0.1:19001)\n"
         "  --unit-id ID              name announced in hello (MEETGATE_INFER_UNIT_ID, "
         "hostname-pid)\n"
         "  --models LIST             comma list or 'all' (MEETGATE_INFER_MODELS, all)\n"
         "  --capacity N              worker threads (MEETGATE_INFER_CAPACITY, 2)\n"
         "  --max-sessions N          open work_ids (MEETGATE_INFER_MAX_SESSIONS, 64)\n"
         "  --heartbeat-ms N          heartbeat period (MEETGATE_INFER_HEARTBEAT_MS, 1000)\n"
         "  --gateway-timeout-ms N    gateway silence before re-announcing "
         "(MEETGATE_INFER_GATEWAY_TIMEOUT_MS, 3000)\n"
         "  --max-message-mb N        largest accepted message (64)\n"
         "  --asr-model-dir DIR       pocketsphinx model (MEETGATE_INFER_ASR_MODEL_DIR)\n"
         "  --haar-cascade FILE       OpenCV face cascade (MEETGATE_INFER_HAAR_CASCADE)\n"
         "  --log-level LEVEL         error|warn|info|debug (MEETGATE_LOG_LEVEL, info)\n";
}

OptionsOutcome parse_unit_options(int argc, char **argv) {
  OptionsOutcome outcome;
  for (const auto &[variable, name] : kEnvironment) {
    const char *value = std::getenv(variable);
    if (value && *value) {
      outcome.error = apply(outcome.options, name, value);
      if (!outcome.error.empty()) return outcome;
    }
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      outcome.show_help = true;
      return outcome;
    }
    if (arg.substr(0, 2) != "--" || i + 1 >= argc) {
      outcome.error = "unexpected argument '" + std::string(arg) + "'";
      return outcome;
    }
    outcome.error = apply(outcome.options, arg.substr(2), argv[++i]);
    if (!outcome.error.empty()) return outcome;
  }
  if (outcome.options.unit_id.empty()) outcome.options.unit_id = default_unit_id();
  return outcome;
}

}  // namespace meetgate::infer
