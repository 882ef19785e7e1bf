// The query string of a request, URL-decoded ('+' is a space). Same
// behaviour as the meeting plugin's (plugins never link each other).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace meetgate::recorder {

class QueryString {
 public:
  explicit QueryString(std::string_view raw);
  // The first value of `name`, or nullopt when absent.
  std::optional<std::string> get(const std::string &name) const;

  static std::string decode(std::string_view text);

 private:
  std::multimap<std::string, std::string> values_;
};

}  // namespace meetgate::recorder
