// The PacketSink of an MG_CONSUMER_FORWARDER consumer sending plain RTP to
// host:port (a PBX, a CDN ingest, ffmpeg). A connected, non-blocking UDP
// socket: a full socket buffer drops the packet (counted), it never blocks
// the media worker. RTCP (our SRs) goes to rtcp_port when non-zero.
// SRTP forwarding needs keys, which live on the PeerConnection side: it
// wraps this class (see README.md).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "packet_sink.hpp"

namespace meetgate::media::rtp {

class UdpForwarder final : public PacketSink {
 public:
  // `host` is a numeric IPv4 or IPv6 address. nullptr with `error` set on failure.
  static std::unique_ptr<UdpForwarder> open(const std::string &host, uint16_t port,
                                            uint16_t rtcp_port, std::string &error);
  ~UdpForwarder() override;
  UdpForwarder(const UdpForwarder &) = delete;
  UdpForwarder &operator=(const UdpForwarder &) = delete;

  void send_rtp(std::span<const uint8_t> packet) override;
  void send_rtcp(std::span<const uint8_t> packet) override;

  uint64_t sent() const { return sent_.load(std::memory_order_relaxed); }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  UdpForwarder(int rtp_fd, int rtcp_fd) : rtp_fd_(rtp_fd), rtcp_fd_(rtcp_fd) {}
  void send_on(int fd, std::span<const uint8_t> packet);

  int rtp_fd_;
  int rtcp_fd_;  // -1 = no RTCP
  std::atomic<uint64_t> sent_{0};
  std::atomic<uint64_t> dropped_{0};
};

}  // namespace meetgate::media::rtp
