#include "config_file.hpp"

#include <sys/stat.h>

#include <cctype>
#include <charconv>

namespace meetgate::transport {
namespace {

std::string trim(const std::string &text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

}  // namespace

ConfigFile::ConfigFile() {
  config_init(&config_);
}

ConfigFile::~ConfigFile() {
  config_destroy(&config_);
}

std::string ConfigFile::load(const char *path) {
  struct stat info {};
  if (path == nullptr || *path == '\0' || stat(path, &info) != 0) return {};
  if (config_read_file(&config_, path) == CONFIG_TRUE) return {};
  std::string where = config_error_file(&config_) != nullptr ? config_error_file(&config_) : path;
  return where + ":" + std::to_string(config_error_line(&config_)) + ": " +
         (config_error_text(&config_) != nullptr ? config_error_text(&config_) : "parse error");
}

bool ConfigFile::has(const char *key) const {
  return config_lookup(&config_, key) != nullptr;
}

bool ConfigFile::boolean(const char *key, bool fallback) const {
  int value = 0;
  return config_lookup_bool(&config_, key, &value) == CONFIG_TRUE ? value != 0 : fallback;
}

long long ConfigFile::integer(const char *key, long long fallback) const {
  long long value = 0;
  if (config_lookup_int64(&config_, key, &value) == CONFIG_TRUE) return value;
  int small = 0;
  if (config_lookup_int(&config_, key, &small) == CONFIG_TRUE) return small;
  return fallback;
}

std::string ConfigFile::text(const char *key, const std::string &fallback) const {
  const char *value = nullptr;
  return config_lookup_string(&config_, key, &value) == CONFIG_TRUE && value != nullptr
             ? std::string(value)
             : fallback;
}

std::vector<std::string> ConfigFile::text_list(const char *key,
                                               const std::vector<std::string> &fallback) const {
  config_setting_t *setting = config_lookup(&config_, key);
  if (setting == nullptr) return fallback;
  if (config_setting_type(setting) == CONFIG_TYPE_STRING) {
    return split_comma_list(config_setting_get_string(setting));
  }
  if (!config_setting_is_aggregate(setting)) return fallback;
  std::vector<std::string> items;
  for (int index = 0; index < config_setting_length(setting); ++index) {
    const char *item = config_setting_get_string_elem(setting, index);
    if (item != nullptr && !trim(item).empty()) items.push_back(trim(item));
  }
  return items;
}

std::vector<std::string> split_comma_list(const std::string &text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = trim(text.substr(start, comma - start));
    if (!item.empty()) items.push_back(item);
    start = comma + 1;
  }
  return items;
}

std::optional<int> parse_port(const std::string &text) {
  std::string digits = trim(text);
  int port = -1;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || port < 0 ||
      port > 65535) {
    return std::nullopt;
  }
  return port;
}

}  // namespace meetgate::transport
