#include "sdp_negotiator.hpp"

#include <strings.h>

#include <algorithm>
#include <array>

namespace meetgate::media {
namespace {

// Header extensions and RTCP feedback we accept when offered. transport-cc
// is answered because the PeerConnection generates transport-cc feedback
// for everything it receives (TransportCcFeedbackBuilder, every 100 ms) and
// numbers what it sends with its own transport-wide sequence. color-space
// is only carried through (raw echo: packets come back with it; without it
// Chromium renders VP9 darker); the router does not copy it to consumers,
// whose m-lines do not offer it.
constexpr std::array<const char *, 5> kExtensions = {
    "urn:ietf:params:rtp-hdrext:sdes:mid",
    "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
    "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
    "http://www.webrtc.org/experiments/rtp-hdrext/color-space",
};
constexpr std::array<const char *, 5> kFeedback = {"nack", "nack pli", "ccm fir", "goog-remb",
                                                   "transport-cc"};

bool same(const std::string &a, const char *b) {
  return strcasecmp(a.c_str(), b) == 0;
}

SdpDirection direction_of(bool send, bool receive) {
  if (send && receive) return SdpDirection::kSendRecv;
  if (send) return SdpDirection::kSendOnly;
  if (receive) return SdpDirection::kRecvOnly;
  return SdpDirection::kInactive;
}

// The supported codecs of an m-line with only the feedback we implement.
std::vector<SdpCodec> supported_codecs(const SdpMedia &media) {
  std::vector<SdpCodec> codecs;
  for (const auto &codec : media.codecs) {
    if (!SdpNegotiator::supported_codec(media.kind, codec)) continue;
    SdpCodec accepted = codec;
    std::erase_if(accepted.feedback, [](const std::string &feedback) {
      return std::none_of(kFeedback.begin(), kFeedback.end(),
                          [&](const char *known) { return feedback == known; });
    });
    codecs.push_back(std::move(accepted));
  }
  return codecs;
}

std::vector<SdpExtension> supported_extensions(const SdpMedia &media) {
  std::vector<SdpExtension> extensions;
  for (const auto &extension : media.extensions)
    if (SdpNegotiator::supported_extension(extension.uri)) extensions.push_back(extension);
  return extensions;
}

Transceiver &transceiver_for(std::vector<Transceiver> &transceivers, const SdpMedia &media) {
  for (auto &transceiver : transceivers)
    if (transceiver.mid == media.mid) return transceiver;
  Transceiver created;
  created.mid = media.mid;
  created.kind = media.kind;
  transceivers.push_back(std::move(created));
  return transceivers.back();
}

void write_transport(SdpMedia &media, const LocalTransport &transport, bool first) {
  media.ice_ufrag = transport.ice_ufrag;
  media.ice_pwd = transport.ice_pwd;
  media.fingerprint_algorithm = "sha-256";
  media.fingerprint = transport.fingerprint;
  media.setup = transport.setup;
  media.rtcp_mux = true;
  media.cname = transport.cname;
  // Under BUNDLE one transport serves every m-line: candidates go on the first.
  if (first) {
    media.candidates = transport.candidates;
    media.end_of_candidates = transport.end_of_candidates;
  }
}

void write_sending(SdpMedia &media, const Transceiver &transceiver) {
  if (!sends(transceiver.direction) || !transceiver.local_ssrc) return;
  media.ssrcs = {transceiver.local_ssrc};
  media.msid = transceiver.local_msid;
}

}  // namespace

bool SdpNegotiator::supported_codec(const std::string &kind, const SdpCodec &codec) {
  if (kind == "audio") return same(codec.name, "opus") && codec.clock_rate == 48000;
  if (kind != "video" || codec.clock_rate != 90000) return false;
  if (same(codec.name, "VP8") || same(codec.name, "VP9")) return true;
  return same(codec.name, "H264") && codec.fmtp.find("packetization-mode=1") != std::string::npos;
}

bool SdpNegotiator::supported_extension(const std::string &uri) {
  return std::any_of(kExtensions.begin(), kExtensions.end(),
                     [&](const char *known) { return uri == known; });
}

std::vector<SdpCodec> SdpNegotiator::default_codecs(const std::string &kind) {
  if (kind == "audio") return {{111, "opus", 48000, 2, "minptime=10;useinbandfec=1", {}}};
  std::vector<std::string> feedback(kFeedback.begin(), kFeedback.end());
  return {{96, "VP8", 90000, 0, "", feedback},
          {98, "VP9", 90000, 0, "profile-id=0", feedback},
          {102, "H264", 90000, 0,
           "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", feedback}};
}

// Under BUNDLE one id names one extension on every m-line (RFC 8285/8843).
// Some offers (aiortc's) reuse an id for different URIs on different
// m-lines; the first use wins and the conflicting ones are not accepted.
static void drop_bundle_conflicts(std::vector<SdpExtension> &extensions,
                                  std::vector<SdpExtension> &bundle) {
  std::erase_if(extensions, [&](const SdpExtension &extension) {
    for (const auto &taken : bundle)
      if ((taken.id == extension.id) != (taken.uri == extension.uri)) return true;
    return false;
  });
  for (const auto &extension : extensions) {
    bool known = false;
    for (const auto &taken : bundle) known |= taken.id == extension.id;
    if (!known) bundle.push_back(extension);
  }
}

void SdpNegotiator::apply_offer(const SessionDescription &offer,
                                std::vector<Transceiver> &transceivers,
                                bool send_on_receiving_lines) {
  std::vector<SdpExtension> bundle;
  for (const auto &media : offer.media) {
    Transceiver &transceiver = transceiver_for(transceivers, media);
    transceiver.codecs = supported_codecs(media);
    transceiver.extensions = supported_extensions(media);
    if (!media.rejected()) drop_bundle_conflicts(transceiver.extensions, bundle);
    transceiver.rejected = media.rejected() || transceiver.codecs.empty() ||
                           (media.kind != "audio" && media.kind != "video");
    if (transceiver.rejected) {
      transceiver.direction = SdpDirection::kInactive;
      continue;
    }
    transceiver.remote_ssrcs = media.ssrcs;
    if (send_on_receiving_lines && receives(media.direction)) transceiver.local_send = true;
    transceiver.direction =
        direction_of(transceiver.local_send && receives(media.direction), sends(media.direction));
  }
}

bool SdpNegotiator::apply_answer(const SessionDescription &answer,
                                 std::vector<Transceiver> &transceivers, std::string &error) {
  for (const auto &media : answer.media) {
    auto found = std::find_if(transceivers.begin(), transceivers.end(),
                              [&](const Transceiver &t) { return t.mid == media.mid; });
    if (found == transceivers.end()) {
      error = "answer has an m-line (mid " + media.mid + ") that was not offered";
      return false;
    }
    auto codecs = supported_codecs(media);
    found->rejected = media.rejected() || codecs.empty();
    if (found->rejected) {
      found->direction = SdpDirection::kInactive;
      continue;
    }
    found->codecs = std::move(codecs);
    found->extensions = supported_extensions(media);
    found->remote_ssrcs = media.ssrcs;
    found->direction = reverse(media.direction);
  }
  return true;
}

SessionDescription SdpNegotiator::write_answer(const SessionDescription &offer,
                                               const std::vector<Transceiver> &transceivers,
                                               const LocalTransport &transport) {
  SessionDescription answer;
  answer.type = "answer";
  answer.ice_lite = transport.ice_lite;
  bool first = true;
  for (const auto &offered : offer.media) {
    const Transceiver *transceiver = nullptr;
    for (const auto &t : transceivers)
      if (t.mid == offered.mid) transceiver = &t;
    SdpMedia media;
    media.kind = offered.kind;
    media.mid = offered.mid;
    media.proto = offered.proto;
    media.formats = offered.formats;
    if (!transceiver || transceiver->rejected) {
      media.port = 0;
      answer.media.push_back(std::move(media));
      continue;
    }
    media.codecs = transceiver->codecs;
    media.extensions = transceiver->extensions;
    media.direction = transceiver->direction;
    write_transport(media, transport, first);
    write_sending(media, *transceiver);
    first = false;
    answer.bundle_mids.push_back(media.mid);
    answer.media.push_back(std::move(media));
  }
  return answer;
}

SessionDescription SdpNegotiator::write_offer(const std::vector<Transceiver> &transceivers,
                                              const LocalTransport &transport) {
  SessionDescription offer;
  offer.type = "offer";
  offer.ice_lite = transport.ice_lite;
  bool first = true;
  for (const auto &transceiver : transceivers) {
    SdpMedia media;
    media.kind = transceiver.kind;
    media.mid = transceiver.mid;
    media.proto = "UDP/TLS/RTP/SAVPF";
    media.codecs =
        transceiver.codecs.empty() ? default_codecs(transceiver.kind) : transceiver.codecs;
    for (const auto &codec : media.codecs)
      media.formats.push_back(std::to_string(codec.payload_type));
    if (transceiver.rejected) {
      media.port = 0;
      offer.media.push_back(std::move(media));
      continue;
    }
    media.extensions = transceiver.extensions;
    media.direction = transceiver.direction;
    write_transport(media, transport, first);
    write_sending(media, transceiver);
    first = false;
    offer.bundle_mids.push_back(media.mid);
    offer.media.push_back(std::move(media));
  }
  return offer;
}

}  // namespace meetgate::media
