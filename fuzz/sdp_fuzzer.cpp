// libFuzzer: any text as a remote offer or answer. A parse either fails with
// a reason or yields a description that negotiates, writes and parses again.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sdp_negotiator.hpp"
#include "sdp_parser.hpp"
#include "sdp_writer.hpp"

using namespace meetgate::media;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  SessionDescription offer;
  std::string error;
  if (!SdpParser::parse(size % 2 ? "offer" : "answer", text, offer, error)) return 0;
  std::vector<Transceiver> transceivers;
  SdpNegotiator::apply_offer(offer, transceivers, true);
  for (auto &t : transceivers) t.local_ssrc = 1234;
  LocalTransport local;
  local.ice_ufrag = "ufrag";
  local.ice_pwd = "passwordpasswordpassword";
  local.fingerprint = "AA:BB";
  local.setup = "active";
  local.cname = "cname";
  std::string answer = SdpWriter::write(SdpNegotiator::write_answer(offer, transceivers, local));
  SessionDescription reparsed;
  SdpParser::parse("answer", answer, reparsed, error);
  std::vector<Transceiver> applied = transceivers;
  SdpNegotiator::apply_answer(reparsed, applied, error);
  SdpWriter::write(SdpNegotiator::write_offer(transceivers, local));
  return 0;
}
