// The echo test's settings, read from meetgate.plugin.echotest.jcfg with
// libconfig. A missing file or key keeps the default written here (and in
// the sample .jcfg).
#pragma once

#include <cstddef>
#include <string>

namespace meetgate::echotest {

struct EchoTestConfig {
  bool enabled = true;                     // general.enabled (the core also reads it)
  size_t max_body = 64 * 1024;             // general.max_body: REST body limit in bytes
  bool echo_media = true;                  // general.echo_media: relay RTP back to the sender
  std::string route = "/api/v1/echotest";  // fixed by the contract, not configurable
  std::string ws_path = "/ws/echotest";
};

// Reads `path`. Returns false with `error` ("file:line: message") when the
// file exists but does not parse or a key has the wrong type; a file that
// does not exist gives the defaults and true.
bool load_echotest_config(const char *path, EchoTestConfig &config, std::string &error);

}  // namespace meetgate::echotest
