// The query string of a request, URL-decoded ('+' is a space; a stray '%'
// stays as typed).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace meetgate::pluginkit {

class QueryString {
 public:
  explicit QueryString(std::string_view raw);
  // The first value of `name`, or nullopt when absent ("?c" gives "").
  std::optional<std::string> get(const std::string &name) const;

  static std::string decode(std::string_view text);

 private:
  std::multimap<std::string, std::string> values_;
};

}  // namespace meetgate::pluginkit
