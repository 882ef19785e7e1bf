// The PacketSink of an MG_CONSUMER_FORWARDER consumer with an SRTP key: the
// router's rewritten RTP/RTCP is protected with AES_CM_128_HMAC_SHA1_80
// (the 30-byte master key+salt the plugin gave, base64) and sent by a plain
// rtp::UdpForwarder. Plain-RTP forwarders use rtp::UdpForwarder directly.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "packet_sink.hpp"
#include "srtp_session.hpp"
#include "udp_forwarder.hpp"

namespace meetgate::media {

class SrtpForwarder final : public rtp::PacketSink {
 public:
  // nullptr with `error` set if the key is not 30 bytes of base64 or the
  // socket cannot be opened.
  static std::unique_ptr<SrtpForwarder> open(const std::string &host, uint16_t port,
                                             uint16_t rtcp_port, const std::string &key_base64,
                                             std::string &error);

  void send_rtp(std::span<const uint8_t> packet) override;
  void send_rtcp(std::span<const uint8_t> packet) override;

 private:
  explicit SrtpForwarder(std::unique_ptr<rtp::UdpForwarder> udp) : udp_(std::move(udp)) {}

  std::unique_ptr<rtp::UdpForwarder> udp_;
  std::mutex mutex_;  // libsrtp sessions are not thread-safe (RTP and RTCP come from two threads)
  SrtpSession srtp_;
};

}  // namespace meetgate::media
