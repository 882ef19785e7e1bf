// A small host that plays the core for the WebSocket transport module (this
// is not the daemon): it dlopens the built module, starts it with the config
// file given as argv[2], prints "PORT <n>" and serves until its stdin closes,
// then destroys the module and prints "OPENED <n> CLOSED <n>".
// ws_module_host_test.py drives it with real WebSocket clients.
//
// Paths: /ws/echo accepts (and greets with what it saw of the upgrade
// request), /ws/refuse refuses with 401 and an envelope. Messages:
// {"type":"flood","size":n} sends n-byte messages from another thread until
// the transport refuses one; {"type":"close_me"} closes from another thread;
// anything else is echoed back as {"type":"echo","payload":...}.
#include <dlfcn.h>
#include <meetgate/transport.h>
#include <strings.h>

#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

mg_transport *transport = nullptr;
std::atomic<int> opened{0};
std::atomic<int> closed{0};
std::mutex workers_mutex;
std::vector<std::thread> workers;

void host_log(mg_transport *, mg_log_level level, const char *format, ...) {
  if (level > MG_LOG_WARN) return;
  va_list args;
  va_start(args, format);
  std::fprintf(stderr, "[ws transport] ");
  std::vfprintf(stderr, format, args);
  std::fprintf(stderr, "\n");
  va_end(args);
}

const char *host_setting(const char *) {
  return nullptr;
}
size_t host_max_body_for(const char *) {
  return 0;
}

int host_ws_path_known(const char *path) {
  return strcmp(path, "/ws/echo") == 0 || strcmp(path, "/ws/refuse") == 0;
}

std::string header_value(const mg_http_request *request, const char *name) {
  for (size_t i = 0; i < request->header_count; ++i) {
    if (strcasecmp(request->headers[i].name, name) == 0) return request->headers[i].value;
  }
  return {};
}

void host_ws_open(mg_transport *, mg_transport_conn *conn, const mg_http_request *request,
                  mg_ws_accept *result) {
  if (strcmp(request->path, "/ws/refuse") == 0) {
    result->status = 401;
    result->body = json_pack("{s:i,s:s,s:s,s:s}", "code", 401, "message", "invalid token", "error",
                             "missing token", "request_id", request->request_id);
    return;
  }
  ++opened;
  result->status = 0;
  result->session_id = static_cast<uint64_t>(opened.load());
  // Sent before the handshake completes: the transport must keep it.
  transport->ws_send(conn, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "type", "welcome", "path",
                                     request->path, "query", request->query, "authorization",
                                     header_value(request, "authorization").c_str(), "cookie",
                                     header_value(request, "cookie").c_str(), "remote",
                                     request->remote_addr, "request_id", request->request_id));
}

void flood(mg_transport_conn *conn, size_t size) {
  std::string filler(size, 'x');
  for (int sent = 0; sent < 100000; ++sent) {
    if (transport->ws_send(conn, json_pack("{s:s,s:i,s:s}", "type", "flood", "n", sent, "filler",
                                           filler.c_str())) != 0) {
      std::fprintf(stderr, "[host] flood refused after %d messages\n", sent);
      return;
    }
  }
}

void host_ws_message(mg_transport *, mg_transport_conn *conn, const json_t *message) {
  const char *type = json_string_value(json_object_get(message, "type"));
  std::lock_guard lock(workers_mutex);
  if (type != nullptr && strcmp(type, "flood") == 0) {
    auto size = static_cast<size_t>(json_integer_value(json_object_get(message, "size")));
    workers.emplace_back([conn, size] { flood(conn, size); });
  } else if (type != nullptr && strcmp(type, "close_me") == 0) {
    workers.emplace_back([conn] { transport->ws_close(conn, "bye"); });
  } else {
    transport->ws_send(conn, json_pack("{s:s,s:O}", "type", "echo", "payload", message));
  }
}

void host_ws_closed(mg_transport *, mg_transport_conn *) {
  ++closed;
}

json_t *host_error_frame(int code, const char *message, const char *details) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  return json_pack("{s:s,s:{s:i,s:s,s:s},s:I}", "type", "error", "payload", "code", code, "message",
                   message, "details", details, "timestamp", static_cast<json_int_t>(now));
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MODULE.so CONFIG.jcfg\n", argv[0]);
    return 2;
  }
  void *module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr) {
    std::fprintf(stderr, "dlopen: %s\n", dlerror());
    return 2;
  }
  auto create =
      reinterpret_cast<mg_transport_create_fn>(dlsym(module, MEETGATE_TRANSPORT_CREATE_SYMBOL));
  transport = create();
  mg_transport_callbacks callbacks{};
  callbacks.log = host_log;
  callbacks.setting = host_setting;
  callbacks.max_body_for = host_max_body_for;
  callbacks.ws_path_known = host_ws_path_known;
  callbacks.ws_open = host_ws_open;
  callbacks.ws_message = host_ws_message;
  callbacks.ws_closed = host_ws_closed;
  callbacks.error_frame = host_error_frame;
  if (transport->init(&callbacks, argv[2]) != 0) {
    std::fprintf(stderr, "init failed\n");
    return 1;
  }
  json_t *info = transport->query();
  std::cout << "PORT " << json_integer_value(json_object_get(info, "port")) << std::endl;
  json_decref(info);
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  transport->destroy();
  std::vector<std::thread> finished;
  {
    std::lock_guard lock(workers_mutex);
    finished.swap(workers);
  }
  for (auto &worker : finished) worker.join();
  std::cout << "OPENED " << opened.load() << " CLOSED " << closed.load() << std::endl;
  return opened.load() == closed.load() ? 0 : 1;
}
