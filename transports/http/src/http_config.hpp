// The HTTP transport's settings: meetgate.transport.http.jcfg plus the
// MEETGATE_HTTP_PORT / MEETGATE_HTTP_BIND environment overrides.
#pragma once

#include <string>
#include <vector>

namespace meetgate::transport {

struct HttpConfig {
  bool enabled = true;
  std::string bind = "0.0.0.0";
  int port = 8080;
  unsigned threads = 4;
  size_t max_body = 1048576;
  size_t max_header_bytes = 16384;
  unsigned connection_timeout = 30;
  bool trust_forwarded = false;
  std::vector<std::string> cors_origins{"*"};
  std::vector<std::string> cors_methods{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  std::vector<std::string> cors_headers{"Authorization", "Content-Type", "X-Request-ID",
                                        "X-CSRF-Token"};
  unsigned cors_max_age = 600;
  std::string tls_cert;
  std::string tls_key;

  // Reads `config_path` (may be NULL or missing: defaults) and the
  // environment. Returns "" or what is wrong (syntax error, bad value).
  std::string load(const char *config_path);
};

}  // namespace meetgate::transport
