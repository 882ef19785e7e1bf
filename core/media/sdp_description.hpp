// A session description as the engine sees it, between GStreamer's SDP
// library (SdpParser / SdpWriter) and the offer/answer logic (SdpNegotiator).
// Plain data: ICE, DTLS and codec attributes resolved per m-line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace meetgate::media {

enum class SdpDirection { kSendRecv, kSendOnly, kRecvOnly, kInactive };

const char *to_string(SdpDirection direction);
// The direction the other side of an m-line has.
SdpDirection reverse(SdpDirection direction);
bool sends(SdpDirection direction);
bool receives(SdpDirection direction);

struct SdpCodec {
  uint8_t payload_type = 0;
  std::string name;  // as written in rtpmap ("opus", "VP8", "H264", ...)
  uint32_t clock_rate = 0;
  uint8_t channels = 0;               // 0 = not given
  std::string fmtp;                   // parameters after "a=fmtp:PT "
  std::vector<std::string> feedback;  // "nack", "nack pli", "ccm fir", ...
};

struct SdpExtension {
  int id = 0;
  std::string uri;
};

struct SdpMedia {
  std::string kind;  // "audio", "video", "application", ...
  std::string mid;
  std::string proto;
  uint16_t port = 9;  // 0 = rejected
  SdpDirection direction = SdpDirection::kSendRecv;
  std::vector<std::string> formats;  // the m= line's format list as written
  std::vector<SdpCodec> codecs;
  std::vector<SdpExtension> extensions;
  std::vector<uint32_t> ssrcs;  // media SSRCs (the first of each FID group)
  std::string cname;
  std::string msid;  // "stream track"
  bool rtcp_mux = false;
  std::string ice_ufrag, ice_pwd;
  std::string fingerprint_algorithm, fingerprint;
  std::string setup;                    // actpass, active, passive
  std::vector<std::string> candidates;  // "candidate:..." without "a="
  bool end_of_candidates = false;

  bool rejected() const { return port == 0; }
};

struct SessionDescription {
  std::string type;  // "offer" or "answer"
  uint64_t session_id = 0;
  uint64_t session_version = 1;
  bool ice_lite = false;
  std::vector<std::string> bundle_mids;
  std::vector<SdpMedia> media;
};

}  // namespace meetgate::media
