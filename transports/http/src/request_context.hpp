// What the HTTP transport keeps for one request while libmicrohttpd reads it:
// created by the URI callback, freed by the completion callback.
#pragma once

#include <memory>
#include <string>

#include "header_list.hpp"
#include "pending_request.hpp"
#include "support/request_headers.hpp"

namespace meetgate::transport {

struct RequestContext {
  std::string raw_uri;          // the request target as received
  bool headers_seen = false;    // the handler's first call is done
  bool answered_early = false;  // the transport queued its own answer (4xx/503)
  size_t body_limit = 0;
  bool over_limit = false;  // the body outgrew body_limit (answered 413 at its end)
  size_t discarded = 0;     // body bytes dropped since then
  std::string body;
  std::string query;
  std::string request_id;
  HeaderList cors;
  RequestHeaders headers;
  std::shared_ptr<PendingRequest> pending;  // set once handed to the core
};

}  // namespace meetgate::transport
