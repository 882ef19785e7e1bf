#include "ws_config.hpp"

#include <cstdlib>

#include "support/config_file.hpp"

namespace meetgate::transport {
namespace {

template <typename T>
void read_bounded(const ConfigFile &file, const char *key, long long min, long long max, T &out,
                  std::string &error) {
  long long value = file.integer(key, static_cast<long long>(out));
  if (value < min || value > max) {
    if (error.empty()) {
      error = std::string(key) + " must be between " + std::to_string(min) + " and " +
              std::to_string(max) + " (got " + std::to_string(value) + ")";
    }
    return;
  }
  out = static_cast<T>(value);
}

}  // namespace

std::string WsConfig::load(const char *config_path) {
  ConfigFile file;
  std::string error = file.load(config_path);
  if (!error.empty()) return error;
  enabled = file.boolean("general.enabled", enabled);
  bind = file.text("general.bind", bind);
  read_bounded(file, "general.port", 0, 65535, port, error);
  read_bounded(file, "general.max_message", 256, 1LL << 30, max_message, error);
  read_bounded(file, "general.send_queue_max", 1, 1 << 20, send_queue_max, error);
  // lws keeps these in 16-bit fields.
  read_bounded(file, "general.ping_interval", 0, 65535, ping_interval, error);
  read_bounded(file, "general.idle_timeout", 0, 65535, idle_timeout, error);
  read_bounded(file, "general.max_connections", 1, 1 << 20, max_connections, error);
  tls_cert = file.text("general.tls_cert", tls_cert);
  tls_key = file.text("general.tls_key", tls_key);
  if (!error.empty()) return error;

  if (const char *env_port = std::getenv("MEETGATE_WS_PORT"); env_port && *env_port) {
    auto parsed = parse_port(env_port);
    if (!parsed) return std::string("MEETGATE_WS_PORT is not a port: ") + env_port;
    port = *parsed;
  }
  if (const char *env_bind = std::getenv("MEETGATE_WS_BIND"); env_bind && *env_bind) {
    bind = env_bind;
  }
  if (tls_cert.empty() != tls_key.empty()) return "tls_cert and tls_key must be set together";
  if (ping_interval != 0 && idle_timeout != 0 && idle_timeout <= ping_interval) {
    return "idle_timeout must be longer than ping_interval (a ping needs time to be answered)";
  }
  return {};
}

}  // namespace meetgate::transport
