#include "test_http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>

namespace meetgate::transport::testing {
namespace {

std::string lower(std::string text) {
  for (char &c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

TestHttpClient::TestHttpClient(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ >= 0 && connect(fd_, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0) {
    close_now();
  }
}

TestHttpClient::~TestHttpClient() {
  close_now();
}

void TestHttpClient::close_now() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool TestHttpClient::send_raw(const std::string &bytes) {
  size_t sent = 0;
  while (fd_ >= 0 && sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return fd_ >= 0;
}

HttpReply TestHttpClient::read_reply(int timeout_ms) {
  HttpReply reply;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  size_t header_end = std::string::npos;
  size_t wanted = std::string::npos;
  bool closed = false;
  while (fd_ >= 0) {
    if (header_end == std::string::npos) header_end = buffered_.find("\r\n\r\n");
    if (header_end != std::string::npos && wanted == std::string::npos) {
      std::string head = buffered_.substr(0, header_end);
      size_t line_end = head.find("\r\n");
      std::string status_line = head.substr(0, line_end);
      if (status_line.size() >= 12) reply.status = std::stoi(status_line.substr(9, 3));
      size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
      while (pos < head.size()) {
        size_t next = head.find("\r\n", pos);
        if (next == std::string::npos) next = head.size();
        std::string line = head.substr(pos, next - pos);
        size_t colon = line.find(':');
        if (colon != std::string::npos) {
          std::string value = line.substr(colon + 1);
          while (!value.empty() && value.front() == ' ') value.erase(0, 1);
          reply.headers[lower(line.substr(0, colon))] = value;
        }
        pos = next + 2;
      }
      std::string length = reply.header("content-length");
      bool bodiless = reply.status == 204 || reply.status == 304;
      wanted = bodiless ? 0 : (length.empty() ? std::string::npos - 1 : std::stoul(length));
    }
    if (wanted != std::string::npos && buffered_.size() >= header_end + 4 + wanted) break;
    if (closed) break;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    pollfd waiting{fd_, POLLIN, 0};
    if (left <= 0 || poll(&waiting, 1, static_cast<int>(left)) <= 0) break;
    char chunk[65536];
    ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) {
      closed = true;
      continue;
    }
    buffered_.append(chunk, static_cast<size_t>(n));
  }
  if (header_end != std::string::npos) {
    size_t body_size = buffered_.size() - (header_end + 4);
    if (wanted < body_size) body_size = wanted;
    reply.body = buffered_.substr(header_end + 4, body_size);
    buffered_.erase(0, header_end + 4 + body_size);
  }
  return reply;
}

HttpReply TestHttpClient::request(int port, const std::string &raw, int timeout_ms) {
  TestHttpClient client(port);
  if (!client.send_raw(raw)) return {};
  return client.read_reply(timeout_ms);
}

}  // namespace meetgate::transport::testing
