#include "srtp_forwarder.hpp"

#include <glib.h>

#include <array>
#include <cstring>
#include <vector>

namespace meetgate::media {
namespace {

constexpr size_t kMasterKeyAndSalt = 30;  // AES_CM_128: 16-byte key + 14-byte salt
constexpr size_t kMaxPacket = 1500;

}  // namespace

std::unique_ptr<SrtpForwarder> SrtpForwarder::open(const std::string &host, uint16_t port,
                                                   uint16_t rtcp_port,
                                                   const std::string &key_base64,
                                                   std::string &error) {
  gsize length = 0;
  guchar *decoded = g_base64_decode(key_base64.c_str(), &length);
  std::vector<uint8_t> key(decoded, decoded + length);
  g_free(decoded);
  if (key.size() != kMasterKeyAndSalt) {
    error = "srtp_key_base64 must decode to 30 bytes (AES_CM_128 master key + salt)";
    return nullptr;
  }
  auto udp = rtp::UdpForwarder::open(host, port, rtcp_port, error);
  if (!udp) return nullptr;
  std::unique_ptr<SrtpForwarder> forwarder(new SrtpForwarder(std::move(udp)));
  // Only the outbound session is used; the inbound one gets the same key.
  if (!forwarder->srtp_.start(SrtpProfile::kAes128CmSha1_80, key.data(), key.data(), error))
    return nullptr;
  return forwarder;
}

void SrtpForwarder::send_rtp(std::span<const uint8_t> packet) {
  std::array<uint8_t, kMaxPacket + SRTP_MAX_TRAILER_LEN> buffer;
  if (packet.size() > kMaxPacket) return;
  std::memcpy(buffer.data(), packet.data(), packet.size());
  size_t len = packet.size();
  {
    std::lock_guard lock(mutex_);
    if (!srtp_.protect_rtp(buffer.data(), len, buffer.size())) return;
  }
  udp_->send_rtp({buffer.data(), len});
}

void SrtpForwarder::send_rtcp(std::span<const uint8_t> packet) {
  std::array<uint8_t, kMaxPacket + SRTP_MAX_TRAILER_LEN> buffer;
  if (packet.size() > kMaxPacket) return;
  std::memcpy(buffer.data(), packet.data(), packet.size());
  size_t len = packet.size();
  {
    std::lock_guard lock(mutex_);
    if (!srtp_.protect_rtcp(buffer.data(), len, buffer.size())) return;
  }
  udp_->send_rtcp({buffer.data(), len});
}

}  // namespace meetgate::media
