// libFuzzer: any datagram as it may arrive on the ICE component, through
// every read the transport does before decryption, plus libnice's STUN
// validation (what the agent runs on STUN-looking datagrams).
#include <stun/stunagent.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "packet_demux.hpp"

using namespace meetgate::media;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::vector<uint8_t> copy(data, data + size);  // exact-size heap copy: ASan sees overreads
  classify_packet(copy.data(), copy.size());
  RtpHeader header;
  parse_rtp_header(copy.data(), copy.size(), header);
  for (int id = 1; id < 16; ++id) find_rtp_extension(copy.data(), copy.size(), id);
  for_each_rtcp(copy.data(), copy.size(), [](uint8_t, uint8_t, uint8_t *, size_t) {});
  static const uint16_t known[] = {STUN_ATTRIBUTE_USERNAME,        STUN_ATTRIBUTE_MESSAGE_INTEGRITY,
                                   STUN_ATTRIBUTE_FINGERPRINT,     STUN_ATTRIBUTE_PRIORITY,
                                   STUN_ATTRIBUTE_USE_CANDIDATE,   STUN_ATTRIBUTE_ICE_CONTROLLED,
                                   STUN_ATTRIBUTE_ICE_CONTROLLING, 0};
  StunAgent agent;
  stun_agent_init(&agent, known, STUN_COMPATIBILITY_RFC5389,
                  static_cast<StunAgentUsageFlags>(STUN_AGENT_USAGE_USE_FINGERPRINT |
                                                   STUN_AGENT_USAGE_IGNORE_CREDENTIALS));
  StunMessage message;
  stun_agent_validate(&agent, &message, copy.data(), copy.size(), nullptr, nullptr);
  return 0;
}
