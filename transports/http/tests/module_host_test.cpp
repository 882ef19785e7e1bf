// Loads the built HTTP transport module with dlopen into a small host that
// plays the core (this is not the daemon: the daemon's own tests live in
// tests/integration), and talks real HTTP to it over loopback: envelopes,
// request ids, CORS, body limits, answers from other threads, clients that
// leave before their answer, and 503 for requests still waiting at destroy.
#include <arpa/inet.h>
#include <cppunit/extensions/HelperMacros.h>
#include <dlfcn.h>
#include <meetgate/transport.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "test_http_client.hpp"

using meetgate::transport::testing::HttpReply;
using meetgate::transport::testing::TestHttpClient;

namespace {

// What the host saw and what it still has to answer.
struct HostState {
  mg_transport *transport = nullptr;
  std::atomic<int> requests{0};
  std::mutex mutex;
  std::vector<std::thread> answerers;
  std::string last_body;
  std::string file_path;
};
HostState *host = nullptr;

void host_log(mg_transport *, mg_log_level level, const char *format, ...) {
  if (level > MG_LOG_WARN) return;
  va_list args;
  va_start(args, format);
  std::fprintf(stderr, "[http transport] ");
  std::vfprintf(stderr, format, args);
  std::fprintf(stderr, "\n");
  va_end(args);
}

const char *host_setting(const char *) {
  return nullptr;
}

void answer_json(mg_http_responder *responder, int status, json_t *body) {
  char *text = json_dumps(body, JSON_COMPACT);
  json_decref(body);
  mg_http_response response{};
  response.status = status;
  response.body = reinterpret_cast<const uint8_t *>(text);
  response.body_len = strlen(text);
  host->transport->http_send(responder, &response);
  free(text);
}

std::string find_header(const mg_http_request *request, const char *name) {
  for (size_t i = 0; i < request->header_count; ++i) {
    if (strcasecmp(request->headers[i].name, name) == 0) return request->headers[i].value;
  }
  return {};
}

void answer_file(mg_http_responder *responder) {
  mg_header disposition{"Content-Disposition", "attachment; filename=\"part.txt\""};
  mg_http_response response{};
  response.status = 200;
  response.content_type = "text/plain";
  response.headers = &disposition;
  response.header_count = 1;
  response.file_path = host->file_path.c_str();
  response.file_offset = 2;
  response.file_length = 5;
  host->transport->http_send(responder, &response);
}

void host_incoming_http(mg_transport *, const mg_http_request *request,
                        mg_http_responder *responder) {
  ++host->requests;
  std::string path = request->path;
  if (path == "/echo") {
    {
      std::lock_guard lock(host->mutex);
      host->last_body.assign(reinterpret_cast<const char *>(request->body), request->body_len);
    }
    answer_json(
        responder, 200,
        json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:s}", "method", request->method, "path", request->path,
                  "query", request->query, "body_len", static_cast<json_int_t>(request->body_len),
                  "remote", request->remote_addr, "request_id", request->request_id, "x_test",
                  find_header(request, "x-test").c_str()));
  } else if (path == "/slow") {
    std::lock_guard lock(host->mutex);
    host->answerers.emplace_back([responder] {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      answer_json(responder, 200, json_pack("{s:b}", "slow", 1));
    });
  } else if (path == "/file") {
    answer_file(responder);
  } else if (path == "/never") {
    // Left unanswered: destroy must answer it with 503.
  } else {
    answer_json(responder, 404, json_pack("{s:i,s:s}", "code", 404, "message", "not found"));
  }
}

size_t host_max_body_for(const char *path) {
  return std::string(path) == "/small" || std::string(path) == "/echo" ? 10 : 0;
}

mg_transport_callbacks host_callbacks() {
  mg_transport_callbacks callbacks{};
  callbacks.log = host_log;
  callbacks.setting = host_setting;
  callbacks.incoming_http = host_incoming_http;
  callbacks.max_body_for = host_max_body_for;
  return callbacks;
}

std::string json_text_member(const std::string &body, const char *name) {
  json_t *parsed = json_loads(body.c_str(), 0, nullptr);
  if (parsed == nullptr) return "<not json: " + body + ">";
  json_t *member = json_object_get(parsed, name);
  std::string value = json_is_string(member)    ? json_string_value(member)
                      : json_is_integer(member) ? std::to_string(json_integer_value(member))
                                                : "<absent>";
  json_decref(parsed);
  return value;
}

}  // namespace

class HttpModuleHostTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HttpModuleHostTest);
  CPPUNIT_TEST(echoesRequestIdAndPassesQueryAndBody);
  CPPUNIT_TEST(generatesRequestIdWhenMissingOrUnsafe);
  CPPUNIT_TEST(declaredBodyOverLimitGets413WithoutReachingCore);
  CPPUNIT_TEST(chunkedBodyOverLimitGets413);
  CPPUNIT_TEST(malformedTargetGets400Envelope);
  CPPUNIT_TEST(preflightIsAnsweredByTheTransport);
  CPPUNIT_TEST(slowAnswersDoNotBlockOtherRequests);
  CPPUNIT_TEST(clientLeavingBeforeAnswerIsHarmless);
  CPPUNIT_TEST(fileAnswerSendsTheRequestedRange);
  CPPUNIT_TEST(destroyAnswersWaitingRequestsWith503);
  CPPUNIT_TEST(abandonedRequestsDoNotDelayDestroy);
  CPPUNIT_TEST(servesHttpsWithConfiguredCertificate);
  CPPUNIT_TEST(portInUseFailsInit);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    void *module = dlopen(MEETGATE_HTTP_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
    CPPUNIT_ASSERT_MESSAGE(dlerror() ? dlerror() : "dlopen", module != nullptr);
    auto create =
        reinterpret_cast<mg_transport_create_fn>(dlsym(module, MEETGATE_TRANSPORT_CREATE_SYMBOL));
    CPPUNIT_ASSERT(create != nullptr);
    host = new HostState();
    host->transport = create();
    CPPUNIT_ASSERT_EQUAL(MEETGATE_TRANSPORT_API_VERSION, host->transport->api_version);
    char dir_pattern[] = "/tmp/mg-http-host-XXXXXX";
    dir_ = mkdtemp(dir_pattern);
    config_path_ = dir_ + "/meetgate.transport.http.jcfg";
    std::ofstream(config_path_) << "general: { bind = \"127.0.0.1\"; port = 0; threads = 1;\n"
                                   "  cors_origins = [\"https://app.example\"]; };\n";
    host->file_path = dir_ + "/download.txt";
    std::ofstream(host->file_path) << "0123456789";
    callbacks_ = host_callbacks();
    CPPUNIT_ASSERT_EQUAL(0, host->transport->init(&callbacks_, config_path_.c_str()));
    json_t *info = host->transport->query();
    port_ = static_cast<int>(json_integer_value(json_object_get(info, "port")));
    json_decref(info);
    CPPUNIT_ASSERT(port_ > 0);
  }

  void tearDown() override {
    join_answerers();
    if (!destroyed_) host->transport->destroy();
    unlink(config_path_.c_str());
    unlink(host->file_path.c_str());
    rmdir(dir_.c_str());
    delete host;
    host = nullptr;
  }

  void echoesRequestIdAndPassesQueryAndBody() {
    HttpReply reply = TestHttpClient::request(
        port_,
        "POST /echo?a=1&b=x%20y HTTP/1.1\r\nHost: t\r\nX-Request-ID: trace-42\r\n"
        "X-Test: yes\r\nContent-Length: 5\r\nOrigin: https://app.example\r\n\r\nhello");
    CPPUNIT_ASSERT_EQUAL(200, reply.status);
    CPPUNIT_ASSERT_EQUAL(std::string("trace-42"), reply.header("x-request-id"));
    CPPUNIT_ASSERT_EQUAL(std::string("trace-42"), json_text_member(reply.body, "request_id"));
    CPPUNIT_ASSERT_EQUAL(std::string("a=1&b=x%20y"), json_text_member(reply.body, "query"));
    CPPUNIT_ASSERT_EQUAL(std::string("5"), json_text_member(reply.body, "body_len"));
    CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), json_text_member(reply.body, "remote"));
    CPPUNIT_ASSERT_EQUAL(std::string("yes"), json_text_member(reply.body, "x_test"));
    CPPUNIT_ASSERT_EQUAL(std::string("application/json"), reply.header("content-type"));
    CPPUNIT_ASSERT_EQUAL(std::string("https://app.example"),
                         reply.header("access-control-allow-origin"));
    std::lock_guard lock(host->mutex);
    CPPUNIT_ASSERT_EQUAL(std::string("hello"), host->last_body);
  }

  void generatesRequestIdWhenMissingOrUnsafe() {
    HttpReply plain = TestHttpClient::request(port_, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(size_t(36), plain.header("x-request-id").size());
    HttpReply unsafe = TestHttpClient::request(
        port_, "GET /echo HTTP/1.1\r\nHost: t\r\nX-Request-ID: a b \"c\"\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(size_t(36), unsafe.header("x-request-id").size());
    CPPUNIT_ASSERT(plain.header("x-request-id") != unsafe.header("x-request-id"));
  }

  void declaredBodyOverLimitGets413WithoutReachingCore() {
    HttpReply reply =
        TestHttpClient::request(port_,
                                "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n"
                                "Expect: 100-continue\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(413, reply.status);
    CPPUNIT_ASSERT_EQUAL(std::string("413"), json_text_member(reply.body, "code"));
    CPPUNIT_ASSERT(json_text_member(reply.body, "error").find("10 bytes") != std::string::npos);
    HttpReply sent = TestHttpClient::request(
        port_, "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 20\r\n\r\n01234567890123456789");
    CPPUNIT_ASSERT_EQUAL(413, sent.status);
    CPPUNIT_ASSERT_EQUAL(0, host->requests.load());
  }

  void chunkedBodyOverLimitGets413() {
    TestHttpClient client(port_);
    CPPUNIT_ASSERT(
        client.send_raw("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n"));
    HttpReply reply = client.read_reply();
    CPPUNIT_ASSERT_EQUAL(413, reply.status);
    CPPUNIT_ASSERT_EQUAL(std::string("413"), json_text_member(reply.body, "code"));
    // A chunked body far over the limit is cut: the connection is closed.
    TestHttpClient flood(port_);
    CPPUNIT_ASSERT(
        flood.send_raw("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"));
    std::string chunk = "4000\r\n" + std::string(0x4000, 'x') + "\r\n";
    bool cut = false;
    for (int i = 0; i < 64 && !cut; ++i) cut = !flood.send_raw(chunk);
    CPPUNIT_ASSERT(cut || flood.read_reply(2000).status == 0);
    CPPUNIT_ASSERT_EQUAL(0, host->requests.load());
  }

  void malformedTargetGets400Envelope() {
    HttpReply reply = TestHttpClient::request(
        port_, "GET /api/%zz HTTP/1.1\r\nHost: t\r\nX-Request-ID: r1\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(400, reply.status);
    CPPUNIT_ASSERT_EQUAL(std::string("400"), json_text_member(reply.body, "code"));
    CPPUNIT_ASSERT_EQUAL(std::string("r1"), json_text_member(reply.body, "request_id"));
    CPPUNIT_ASSERT_EQUAL(0, host->requests.load());
  }

  void preflightIsAnsweredByTheTransport() {
    HttpReply allowed = TestHttpClient::request(
        port_,
        "OPTIONS /api/v1/login HTTP/1.1\r\nHost: t\r\nOrigin: https://app.example\r\n"
        "Access-Control-Request-Method: POST\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(204, allowed.status);
    CPPUNIT_ASSERT_EQUAL(std::string("https://app.example"),
                         allowed.header("access-control-allow-origin"));
    CPPUNIT_ASSERT(allowed.header("access-control-allow-methods").find("POST") !=
                   std::string::npos);
    HttpReply refused = TestHttpClient::request(
        port_,
        "OPTIONS /api/v1/login HTTP/1.1\r\nHost: t\r\nOrigin: https://evil.example\r\n"
        "Access-Control-Request-Method: POST\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(403, refused.status);
    CPPUNIT_ASSERT_EQUAL(std::string(), refused.header("access-control-allow-origin"));
    CPPUNIT_ASSERT_EQUAL(0, host->requests.load());
  }

  void slowAnswersDoNotBlockOtherRequests() {
    // One polling thread: if a waiting request held it, these would queue up.
    auto started = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<TestHttpClient>> clients;
    for (int i = 0; i < 6; ++i) {
      clients.push_back(std::make_unique<TestHttpClient>(port_));
      CPPUNIT_ASSERT(clients.back()->send_raw("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
    }
    HttpReply quick = TestHttpClient::request(port_, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(200, quick.status);
    CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(350));
    for (auto &client : clients) CPPUNIT_ASSERT_EQUAL(200, client->read_reply().status);
    CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500));
  }

  void clientLeavingBeforeAnswerIsHarmless() {
    {
      TestHttpClient client(port_);
      CPPUNIT_ASSERT(client.send_raw("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
      while (host->requests.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }                  // closed before the answer
    join_answerers();  // the answer goes to a vanished client
    HttpReply after = TestHttpClient::request(port_, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(200, after.status);
  }

  void fileAnswerSendsTheRequestedRange() {
    HttpReply reply = TestHttpClient::request(port_, "GET /file HTTP/1.1\r\nHost: t\r\n\r\n");
    CPPUNIT_ASSERT_EQUAL(200, reply.status);
    CPPUNIT_ASSERT_EQUAL(std::string("23456"), reply.body);
    CPPUNIT_ASSERT_EQUAL(std::string("text/plain"), reply.header("content-type"));
    CPPUNIT_ASSERT(reply.header("content-disposition").find("part.txt") != std::string::npos);
  }

  void destroyAnswersWaitingRequestsWith503() {
    TestHttpClient client(port_);
    CPPUNIT_ASSERT(client.send_raw("GET /never HTTP/1.1\r\nHost: t\r\nX-Request-ID: bye\r\n\r\n"));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (host->requests.load() == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::thread destroyer([] { host->transport->destroy(); });
    HttpReply reply = client.read_reply();
    destroyer.join();
    destroyed_ = true;
    CPPUNIT_ASSERT_EQUAL(503, reply.status);
    CPPUNIT_ASSERT_EQUAL(std::string("bye"), json_text_member(reply.body, "request_id"));
    CPPUNIT_ASSERT_EQUAL(std::string("503"), json_text_member(reply.body, "code"));
    CPPUNIT_ASSERT(!TestHttpClient(port_).connected());
  }

  void abandonedRequestsDoNotDelayDestroy() {
    // Clients that leave mid-headers or mid-body must not count as open
    // requests (stop() would wait for them) nor leak their state.
    {
      TestHttpClient headers_only(port_);
      CPPUNIT_ASSERT(headers_only.send_raw("GET /echo HTTP/1.1\r\nHost: t\r\nX-Pa"));
      TestHttpClient half_body(port_);
      CPPUNIT_ASSERT(
          half_body.send_raw("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 8\r\n\r\nabc"));
      // A complete request on a third connection proves both were read.
      CPPUNIT_ASSERT_EQUAL(
          200, TestHttpClient::request(port_, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n").status);
    }
    auto started = std::chrono::steady_clock::now();
    host->transport->destroy();
    destroyed_ = true;
    CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500));
  }

  void servesHttpsWithConfiguredCertificate() {
    // openssl and curl are the Debian tools; the transport's TLS is GnuTLS.
    std::string cert = dir_ + "/cert.pem";
    std::string key = dir_ + "/key.pem";
    std::string make_cert = "openssl req -x509 -newkey rsa:2048 -nodes -keyout " + key + " -out " +
                            cert + " -days 1 -subj /CN=localhost >/dev/null 2>&1";
    CPPUNIT_ASSERT_EQUAL(0, std::system(make_cert.c_str()));
    host->transport->destroy();
    std::string config = dir_ + "/tls.jcfg";
    std::ofstream(config) << "general: { bind = \"127.0.0.1\"; port = 0; tls_cert = \"" << cert
                          << "\"; tls_key = \"" << key << "\"; };\n";
    CPPUNIT_ASSERT_EQUAL(0, host->transport->init(&callbacks_, config.c_str()));
    json_t *info = host->transport->query();
    int port = static_cast<int>(json_integer_value(json_object_get(info, "port")));
    CPPUNIT_ASSERT(json_is_true(json_object_get(info, "tls")));
    json_decref(info);
    std::string command = "curl -s --max-time 10 --cacert " + cert + " -H 'X-Request-ID: tls-1' " +
                          "https://localhost:" + std::to_string(port) + "/echo";
    std::string output;
    if (FILE *pipe = popen(command.c_str(), "r")) {
      char buffer[4096];
      size_t n = 0;
      while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, n);
      pclose(pipe);
    }
    CPPUNIT_ASSERT_EQUAL_MESSAGE(output, std::string("tls-1"),
                                 json_text_member(output, "request_id"));
    for (const std::string &file : {cert, key, config}) unlink(file.c_str());
  }

  void portInUseFailsInit() {
    // The module already listens on port_; a second init on it must fail.
    host->transport->destroy();
    destroyed_ = true;
    int blocker_port = 0;
    std::string config = dir_ + "/busy.jcfg";
    {
      // Occupy a port with a plain listening socket.
      TestHttpClient probe(port_);
      CPPUNIT_ASSERT(!probe.connected());
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CPPUNIT_ASSERT_EQUAL(0, bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)));
    CPPUNIT_ASSERT_EQUAL(0, listen(fd, 1));
    socklen_t length = sizeof(address);
    getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    blocker_port = ntohs(address.sin_port);
    std::ofstream(config) << "general: { bind = \"127.0.0.1\"; port = " << blocker_port << "; };\n";
    CPPUNIT_ASSERT(host->transport->init(&callbacks_, config.c_str()) != 0);
    close(fd);
    unlink(config.c_str());
  }

 private:
  void join_answerers() {
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(host->mutex);
      threads.swap(host->answerers);
    }
    for (auto &thread : threads) thread.join();
  }

  std::string dir_;
  std::string config_path_;
  mg_transport_callbacks callbacks_{};
  int port_ = 0;
  bool destroyed_ = false;
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpModuleHostTest);
