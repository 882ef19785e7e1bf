// What a service method answers: status, message and data for the envelope.
#pragma once

#include <string>

#include "json_ref.hpp"

namespace meetgate::meeting {

struct Reply {
  int status = 200;
  std::string message = "success";
  JsonRef data;
};

inline Reply ok(json_t *data /* stolen */, int status = 200, std::string message = "success") {
  return Reply{status, std::move(message), adopt(data)};
}

}  // namespace meetgate::meeting
