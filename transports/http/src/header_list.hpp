// Response headers the transport adds (name, value), in order.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace meetgate::transport {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

}  // namespace meetgate::transport
