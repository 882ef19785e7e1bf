// Checks a text message from a client before it reaches the core: it must be
// well-formed JSON and an object. Anything else is answered with an error
// frame by the transport and the connection stays open.
#pragma once

#include <string>

#include "support/json_ptr.hpp"

namespace meetgate::transport {

struct ClientMessage {
  JsonPtr object;       // the message when it is acceptable
  int code = 0;         // 400 when it is not
  std::string message;  // short reason for the error frame
  std::string details;  // where/what (parser position, the JSON type seen)
};

ClientMessage parse_client_message(const std::string &text);

}  // namespace meetgate::transport
