#include "udp_forwarder.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace meetgate::media::rtp {
namespace {

// A non-blocking UDP socket connected to host:port, or -1 with `error`.
int connect_udp(const std::string &host, uint16_t port, std::string &error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo *result = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &result); rc != 0) {
    error = "invalid forwarder address '" + host + "': " + gai_strerror(rc);
    return -1;
  }
  const int fd = socket(result->ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, result->ai_addr, result->ai_addrlen) != 0) {
    error = std::string("cannot open forwarder socket: ") + std::strerror(errno);
    if (fd >= 0) close(fd);
    freeaddrinfo(result);
    return -1;
  }
  freeaddrinfo(result);
  return fd;
}

}  // namespace

std::unique_ptr<UdpForwarder> UdpForwarder::open(const std::string &host, uint16_t port,
                                                 uint16_t rtcp_port, std::string &error) {
  if (port == 0) {
    error = "forwarder port must be 1..65535";
    return nullptr;
  }
  const int rtp_fd = connect_udp(host, port, error);
  if (rtp_fd < 0) return nullptr;
  int rtcp_fd = -1;
  if (rtcp_port != 0 && (rtcp_fd = connect_udp(host, rtcp_port, error)) < 0) {
    close(rtp_fd);
    return nullptr;
  }
  return std::unique_ptr<UdpForwarder>(new UdpForwarder(rtp_fd, rtcp_fd));
}

UdpForwarder::~UdpForwarder() {
  close(rtp_fd_);
  if (rtcp_fd_ >= 0) close(rtcp_fd_);
}

void UdpForwarder::send_on(int fd, std::span<const uint8_t> packet) {
  // ECONNREFUSED (nobody listening yet) and EAGAIN (buffer full) drop the
  // packet: a forwarder is fire-and-forget.
  if (send(fd, packet.data(), packet.size(), MSG_DONTWAIT | MSG_NOSIGNAL) ==
      static_cast<ssize_t>(packet.size()))
    sent_.fetch_add(1, std::memory_order_relaxed);
  else
    dropped_.fetch_add(1, std::memory_order_relaxed);
}

void UdpForwarder::send_rtp(std::span<const uint8_t> packet) {
  send_on(rtp_fd_, packet);
}

void UdpForwarder::send_rtcp(std::span<const uint8_t> packet) {
  if (rtcp_fd_ >= 0) send_on(rtcp_fd_, packet);
}

}  // namespace meetgate::media::rtp
