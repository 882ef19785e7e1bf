// Offer/answer (RFC 3264 / JSEP) on top of SessionDescription: picks the
// codecs, feedback and header extensions the engine supports from a remote
// offer (keeping the remote's payload types and extension ids), decides
// directions, and writes our answers and offers with our ICE/DTLS transport.
#pragma once

#include <string>
#include <vector>

#include "sdp_description.hpp"
#include "transceiver.hpp"

namespace meetgate::media {

// Our side of the BUNDLE transport, written into every m-line.
struct LocalTransport {
  std::string ice_ufrag, ice_pwd;
  std::string fingerprint;  // sha-256
  std::string setup;        // actpass (offers), active/passive (answers)
  std::vector<std::string> candidates;
  bool end_of_candidates = false;
  bool ice_lite = false;
  std::string cname;
};

class SdpNegotiator {
 public:
  // Apply a remote offer to `transceivers` (new mids are appended; a raw-mode
  // PeerConnection sends on every m-line the remote receives on).
  static void apply_offer(const SessionDescription &offer, std::vector<Transceiver> &transceivers,
                          bool send_on_receiving_lines);
  // Apply a remote answer to our last offer.
  static bool apply_answer(const SessionDescription &answer, std::vector<Transceiver> &transceivers,
                           std::string &error);
  // Our answer / offer for the current transceivers.
  static SessionDescription write_answer(const SessionDescription &offer,
                                         const std::vector<Transceiver> &transceivers,
                                         const LocalTransport &transport);
  static SessionDescription write_offer(const std::vector<Transceiver> &transceivers,
                                        const LocalTransport &transport);

  // The codecs and extensions the engine handles.
  static bool supported_codec(const std::string &kind, const SdpCodec &codec);
  static bool supported_extension(const std::string &uri);
  static std::vector<SdpCodec> default_codecs(const std::string &kind);
};

}  // namespace meetgate::media
