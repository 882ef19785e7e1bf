#include "http_config.hpp"

#include <cstdlib>

#include "support/config_file.hpp"

namespace meetgate::transport {
namespace {

// Reads an integer key that must lie in [min, max]; records an error if not.
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

std::string HttpConfig::load(const char *config_path) {
  ConfigFile file;
  std::string error = file.load(config_path);
  if (!error.empty()) return error;
  enabled = file.boolean("general.enabled", enabled);
  bind = file.text("general.bind", bind);
  read_bounded(file, "general.port", 0, 65535, port, error);
  read_bounded(file, "general.threads", 1, 256, threads, error);
  read_bounded(file, "general.max_body", 0, 1LL << 40, max_body, error);
  read_bounded(file, "general.max_header_bytes", 4096, 1 << 24, max_header_bytes, error);
  read_bounded(file, "general.connection_timeout", 0, 86400, connection_timeout, error);
  trust_forwarded = file.boolean("general.trust_forwarded", trust_forwarded);
  cors_origins = file.text_list("general.cors_origins", cors_origins);
  cors_methods = file.text_list("general.cors_methods", cors_methods);
  cors_headers = file.text_list("general.cors_headers", cors_headers);
  read_bounded(file, "general.cors_max_age", 0, 86400 * 7, cors_max_age, error);
  tls_cert = file.text("general.tls_cert", tls_cert);
  tls_key = file.text("general.tls_key", tls_key);
  if (!error.empty()) return error;

  if (const char *env_port = std::getenv("MEETGATE_HTTP_PORT"); env_port && *env_port) {
    auto parsed = parse_port(env_port);
    if (!parsed) return std::string("MEETGATE_HTTP_PORT is not a port: ") + env_port;
    port = *parsed;
  }
  if (const char *env_bind = std::getenv("MEETGATE_HTTP_BIND"); env_bind && *env_bind) {
    bind = env_bind;
  }
  if (tls_cert.empty() != tls_key.empty()) return "tls_cert and tls_key must be set together";
  return {};
}

}  // namespace meetgate::transport
