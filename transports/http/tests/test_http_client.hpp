// A minimal blocking HTTP/1.1 client over a TCP socket for the module host
// test: it sends exactly the bytes a test writes (malformed ones included)
// and reads one response, with a deadline on every read.
#pragma once

#include <map>
#include <string>

namespace meetgate::transport::testing {

struct HttpReply {
  int status = 0;                              // 0 when the connection closed without a status line
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
  std::string header(const std::string &lower_name) const {
    auto found = headers.find(lower_name);
    return found == headers.end() ? std::string() : found->second;
  }
};

class TestHttpClient {
 public:
  explicit TestHttpClient(int port);
  ~TestHttpClient();
  TestHttpClient(const TestHttpClient &) = delete;
  TestHttpClient &operator=(const TestHttpClient &) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends raw bytes; false if the peer is gone.
  bool send_raw(const std::string &bytes);
  // Reads one response (Content-Length framed, or until close).
  HttpReply read_reply(int timeout_ms = 5000);
  void close_now();

  // Sends a request and reads its response in one go.
  static HttpReply request(int port, const std::string &raw, int timeout_ms = 5000);

 private:
  int fd_ = -1;
  std::string buffered_;
};

}  // namespace meetgate::transport::testing
