// Read-only view of one module's .jcfg file (libconfig). A missing file is not
// an error: every lookup then answers its default. Keys are dotted paths such
// as "general.port".
#pragma once

#include <libconfig.h>

#include <optional>
#include <string>
#include <vector>

namespace meetgate::transport {

class ConfigFile {
 public:
  ConfigFile();
  ~ConfigFile();
  ConfigFile(const ConfigFile &) = delete;
  ConfigFile &operator=(const ConfigFile &) = delete;

  // Parses `path` (NULL or a missing file leave the config empty). Returns
  // "" or a message naming the file and line of a syntax error.
  std::string load(const char *path);

  bool boolean(const char *key, bool fallback) const;
  long long integer(const char *key, long long fallback) const;
  std::string text(const char *key, const std::string &fallback) const;
  // A list/array of strings, or one string holding a comma-separated list.
  std::vector<std::string> text_list(const char *key,
                                     const std::vector<std::string> &fallback) const;
  // Whether a key is present (for keys whose absence means something).
  bool has(const char *key) const;

 private:
  config_t config_;
};

// Splits "a, b,c" into {"a","b","c"} (blank items dropped).
std::vector<std::string> split_comma_list(const std::string &text);

// Parses a TCP port ("0".."65535"); nullopt for anything else.
std::optional<int> parse_port(const std::string &text);

}  // namespace meetgate::transport
