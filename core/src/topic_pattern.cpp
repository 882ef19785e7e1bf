#include "topic_pattern.hpp"

namespace meetgate::core {

bool topic_matches(std::string_view pattern, std::string_view topic) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return topic.substr(0, pattern.size()) == pattern;
  }
  return pattern == topic;
}

}  // namespace meetgate::core
