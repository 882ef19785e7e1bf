// RAII owner of one libmicrohttpd response and the status it answers with.
#pragma once

#include <microhttpd.h>

#include <memory>

namespace meetgate::transport {

struct MhdResponseDestroy {
  void operator()(MHD_Response *response) const { MHD_destroy_response(response); }
};
using MhdResponsePtr = std::unique_ptr<MHD_Response, MhdResponseDestroy>;

struct ReadyResponse {
  unsigned status = 0;
  MhdResponsePtr response;
  explicit operator bool() const { return response != nullptr; }
};

}  // namespace meetgate::transport
