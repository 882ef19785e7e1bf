// The HTTP request that opens a WebSocket (or asks the WebSocket port for
// /health), copied out of libwebsockets into an mg_http_request for the core.
#pragma once

#include <libwebsockets.h>
#include <meetgate/common.h>

#include <string>
#include <vector>

#include "support/request_headers.hpp"

namespace meetgate::transport {

class UpgradeRequest {
 public:
  explicit UpgradeRequest(lws *wsi);
  UpgradeRequest(const UpgradeRequest &) = delete;
  UpgradeRequest &operator=(const UpgradeRequest &) = delete;

  const std::string &path() const { return path_; }
  const std::string &method() const { return method_; }
  const std::string &request_id() const { return request_id_; }
  const RequestHeaders &headers() const { return headers_; }
  // Valid while this object lives.
  const mg_http_request &abi() const { return abi_; }

 private:
  void read_target(lws *wsi);
  void read_headers(lws *wsi);

  std::string method_ = "GET";
  std::string path_;
  std::string query_;
  std::string remote_;
  std::string request_id_;
  RequestHeaders headers_;
  std::vector<mg_header> header_view_;
  mg_http_request abi_{};
};

}  // namespace meetgate::transport
