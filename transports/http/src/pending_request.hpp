// One request handed to the core and waiting for its answer. The MHD
// connection holds it until the request completes (or the client goes away);
// the responder registry holds it until the core answers. Whoever lets go
// last frees it, so a late answer for a vanished client is simply dropped.
//
// The answer meets the connection in one of two orders: it arrives while
// incoming_http is still running (then the handler queues it at once), or
// after the handler suspended the connection (then deliver() resumes it and
// MHD calls the handler again, which queues it). The mutex is held across
// MHD_suspend_connection and MHD_resume_connection so a resume can never run
// before its suspend (undefined behaviour in MHD); MHD never calls back into
// us from either function.
#pragma once

#include <microhttpd.h>

#include <mutex>
#include <string>

#include "header_list.hpp"
#include "mhd_response.hpp"

namespace meetgate::transport {

class PendingRequest {
 public:
  PendingRequest(MHD_Connection *connection, std::string request_id, HeaderList cors_headers);

  const std::string &request_id() const { return request_id_; }
  const HeaderList &cors_headers() const { return cors_headers_; }

  // Any thread: hand over the answer. Returns false (and drops it) when the
  // client is gone or an answer was already delivered.
  bool deliver(ReadyResponse answer);
  // The MHD handler, after incoming_http returned: the answer if it is
  // already here; otherwise suspends the connection and returns nothing.
  ReadyResponse take_or_suspend();
  // The MHD handler, on the call that follows a resume.
  ReadyResponse take();
  // MHD's completion callback: the connection is finished or closed.
  void detach();

 private:
  std::mutex mutex_;
  MHD_Connection *connection_;
  bool suspended_ = false;
  bool answered_ = false;
  ReadyResponse answer_;
  const std::string request_id_;
  const HeaderList cors_headers_;
};

}  // namespace meetgate::transport
