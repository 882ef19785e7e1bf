// Bus topic patterns: "meeting.ended" matches itself; "meeting.*" (or any
// pattern ending in '*') matches every topic starting with the part before
// the '*'; "*" matches everything.
#pragma once

#include <string_view>

namespace meetgate::core {

bool topic_matches(std::string_view pattern, std::string_view topic);

}  // namespace meetgate::core
