// The echo test's REST routes, under the prefix it registered:
//   GET  /api/v1/echotest          -> 200 info envelope, answered at once
//   POST /api/v1/echotest          -> 200 {"echo": <the JSON body>}, answered
//                                     later from the worker thread
//   POST /api/v1/echotest/reverse  -> 200 {"text": reversed}, via the service
// Anything else under the prefix is 404 (unknown path) or 405 (method).
#include <cstring>
#include <memory>
#include <string>

#include "echo_test.hpp"
#include "json_ref.hpp"

namespace meetgate::echotest {

namespace {

// Parses the body as a JSON object; on failure sets `why` and returns null.
JsonRef parse_object_body(const mg_http_request *request, std::string &why) {
  if (request->body == nullptr || request->body_len == 0) {
    why = "request body must be a JSON object";
    return nullptr;
  }
  json_error_t error;
  JsonRef body = adopt(
      json_loadb(reinterpret_cast<const char *>(request->body), request->body_len, 0, &error));
  if (!body) {
    why = "invalid JSON at line " + std::to_string(error.line) + ": " + error.text;
    return nullptr;
  }
  if (!json_is_object(body.get())) {
    why = "request body must be a JSON object";
    return nullptr;
  }
  return body;
}

}  // namespace

void EchoTest::handle_http(const mg_http_request *request, mg_http_responder *responder) {
  const std::string path = request->path;
  const bool is_get = std::strcmp(request->method, "GET") == 0;
  const bool is_post = std::strcmp(request->method, "POST") == 0;
  if (path == config_.route) {
    if (is_get) return http_info(responder);
    if (is_post) return http_echo_later(request, responder);
    return core_->respond_json(responder, 405, "method not allowed",
                               json_string("use GET or POST"));
  }
  if (path == config_.route + "/reverse") {
    if (is_post) return http_reverse(request, responder);
    return core_->respond_json(responder, 405, "method not allowed", json_string("use POST"));
  }
  core_->respond_json(responder, 404, "not found", json_string(path.c_str()));
}

void EchoTest::http_info(mg_http_responder *responder) {
  JsonRef info = adopt(stats());
  json_object_set_new(info.get(), "description",
                      json_string("echoes REST bodies, WebSocket messages and RTP"));
  core_->respond_json(responder, 200, "success", info.release());  // stolen
}

void EchoTest::http_echo_later(const mg_http_request *request, mg_http_responder *responder) {
  std::string why;
  JsonRef body = parse_object_body(request, why);
  if (!body) {
    return core_->respond_json(responder, 400, "invalid request", json_string(why.c_str()));
  }
  // The request is borrowed and gone once we return; the responder stays
  // valid until answered, from any thread.
  std::shared_ptr<json_t> echoed(body.release(), json_decref);
  worker_->post([this, responder, echoed] {
    core_->respond_json(responder, 200, "success", json_pack("{s:O}", "echo", echoed.get()));
  });
}

void EchoTest::http_reverse(const mg_http_request *request, mg_http_responder *responder) {
  std::string why;
  JsonRef body = parse_object_body(request, why);
  if (!body) {
    return core_->respond_json(responder, 400, "invalid request", json_string(why.c_str()));
  }
  json_t *response = nullptr;
  const int status = core_->call_service(kReverseService, body.get(), &response);
  if (status != 0) {
    JsonRef message = adopt(response);
    return core_->respond_json(responder, status, "service failed",
                               json_string(text_of(message.get(), "error").c_str()));
  }
  core_->respond_json(responder, 200, "success", response);  // stolen
}

}  // namespace meetgate::echotest
