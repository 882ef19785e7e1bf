// PeerConnection: the packet path. What arrives on the ICE component is
// demultiplexed (RFC 7983), decrypted and matched to its m-line; raw-mode
// plugins get it through incoming_rtp/incoming_rtcp. What a plugin relays is
// given our SSRC for that m-line, encrypted and sent.
#include <glib.h>

#include <array>
#include <cstring>

#include "packet_demux.hpp"
#include "peer_connection.hpp"
#include "router.hpp"

namespace meetgate::media {
namespace {

constexpr size_t kMaxDatagram = 1500;
using PacketBuffer = std::array<uint8_t, kMaxDatagram + SRTP_MAX_TRAILER_LEN + 16>;
constexpr uint64_t kKeyframeRequestIntervalUs = 300'000;
constexpr char kMidExtension[] = "urn:ietf:params:rtp-hdrext:sdes:mid";

mg_media_kind kind_of(const std::string &kind) {
  return kind == "audio" ? MG_MEDIA_AUDIO : MG_MEDIA_VIDEO;
}

}  // namespace

void PeerConnection::on_datagram(uint8_t *data, size_t len) {
  if (closed_) return;
  switch (classify_packet(data, len)) {
    case PacketClass::kDtls:
      if (dtls_) dtls_->handle_datagram(data, len);
      return;
    case PacketClass::kRtp:
      on_rtp(data, len);
      return;
    case PacketClass::kRtcp:
      on_rtcp(data, len);
      return;
    case PacketClass::kStun:  // libnice consumes STUN before we see it
    case PacketClass::kUnknown:
      stats_.dropped++;
      return;
  }
}

void PeerConnection::on_rtp(uint8_t *data, size_t len) {
  PacketBuffer buffer;
  if (!srtp_ || len > kMaxDatagram) {
    stats_.dropped++;
    return;
  }
  std::memcpy(buffer.data(), data, len);
  if (!srtp_->unprotect_rtp(buffer.data(), len)) {
    stats_.srtp_errors++;
    return;
  }
  RtpHeader header;
  if (!parse_rtp_header(buffer.data(), len, header)) {
    stats_.dropped++;
    return;
  }
  uint64_t arrival_us = static_cast<uint64_t>(g_get_monotonic_time());
  // Every packet that reached the transport counts for congestion control.
  on_transport_cc_arrival(buffer.data(), len, header.ssrc, arrival_us);
  Transceiver *transceiver =
      transceiver_for_packet(buffer.data(), len, header.ssrc, header.payload_type);
  if (!transceiver) {
    stats_.dropped++;
    return;
  }
  stats_.rtp_in++;
  stats_.bytes_in += len;
  if (!transceiver->track_announced) announce_track(*transceiver, header.ssrc, header.payload_type);
  if (transceiver->producer && setup_.router)
    setup_.router->on_producer_rtp(transceiver->producer, {buffer.data(), len}, arrival_us);
  if (setup_.raw_rtp && setup_.plugin->incoming_rtp) {
    mg_rtp_packet packet{buffer.data(), len, kind_of(transceiver->kind), transceiver->mid.c_str(),
                         arrival_us};
    setup_.plugin->incoming_rtp(setup_.session, setup_.id, &packet);
  }
}

Transceiver *PeerConnection::transceiver_for_packet(const uint8_t *data, size_t len, uint32_t ssrc,
                                                    uint8_t payload_type) {
  if (auto found = ssrc_to_transceiver_.find(ssrc); found != ssrc_to_transceiver_.end())
    return &transceivers_[found->second];
  // An SSRC the SDP did not announce: the mid header extension names the
  // m-line, or else a payload type only one receiving m-line uses.
  Transceiver *match = nullptr;
  for (auto &transceiver : transceivers_) {
    std::string_view mid = find_rtp_extension(data, len, transceiver.extension_id(kMidExtension));
    if (!mid.empty() && mid == transceiver.mid) {
      match = &transceiver;
      break;
    }
  }
  if (!match) {
    for (auto &transceiver : transceivers_) {
      if (transceiver.rejected || !receives(transceiver.direction)) continue;
      for (const auto &codec : transceiver.codecs) {
        if (codec.payload_type != payload_type) continue;
        if (match) return nullptr;  // ambiguous
        match = &transceiver;
      }
    }
  }
  if (match) ssrc_to_transceiver_[ssrc] = static_cast<size_t>(match - transceivers_.data());
  return match;
}

void PeerConnection::announce_track(Transceiver &transceiver, uint32_t ssrc, uint8_t payload_type) {
  transceiver.track_announced = true;
  const char *codec = "";
  for (const auto &c : transceiver.codecs)
    if (c.payload_type == payload_type) codec = c.name.c_str();
  emit(json_pack("{s:s,s:s,s:s,s:s,s:I,s:i}", "event", "track", "mid", transceiver.mid.c_str(),
                 "kind", transceiver.kind.c_str(), "codec", codec, "ssrc",
                 static_cast<json_int_t>(ssrc), "payload_type", payload_type));
}

void PeerConnection::on_rtcp(uint8_t *data, size_t len) {
  PacketBuffer buffer;
  if (!srtp_ || len > kMaxDatagram) {
    stats_.dropped++;
    return;
  }
  std::memcpy(buffer.data(), data, len);
  if (!srtp_->unprotect_rtcp(buffer.data(), len)) {
    stats_.srtp_errors++;
    return;
  }
  stats_.rtcp_in++;
  // A PLI/FIR about one of our sending SSRCs: the remote wants a keyframe of
  // what we send on that m-line.
  const Transceiver *keyframe_for = nullptr;
  bool valid = for_each_rtcp(
      buffer.data(), len, [&](uint8_t type, uint8_t fmt, uint8_t *packet, size_t size) {
        if (type != 206 || (fmt != 1 && fmt != 4) || size < 12) return;
        uint32_t media_ssrc = read_u32(packet + (fmt == 4 && size >= 20 ? 12 : 8));
        for (const auto &transceiver : transceivers_)
          if (transceiver.local_ssrc == media_ssrc) keyframe_for = &transceiver;
      });
  if (!valid) {
    stats_.dropped++;
    return;
  }
  route_rtcp(buffer.data(), len);
  if (!setup_.raw_rtp) return;
  if (keyframe_for)
    emit(json_pack("{s:s,s:s}", "event", "keyframe-request", "mid", keyframe_for->mid.c_str()));
  if (setup_.plugin->incoming_rtcp) {
    mg_rtp_packet packet{buffer.data(), len,
                         keyframe_for ? kind_of(keyframe_for->kind) : MG_MEDIA_VIDEO,
                         keyframe_for ? keyframe_for->mid.c_str() : nullptr,
                         static_cast<uint64_t>(g_get_monotonic_time())};
    setup_.plugin->incoming_rtcp(setup_.session, setup_.id, &packet);
  }
}

Transceiver *PeerConnection::find_transceiver(const std::string &mid) {
  for (auto &transceiver : transceivers_)
    if (transceiver.mid == mid) return &transceiver;
  return nullptr;
}

Transceiver *PeerConnection::sending_transceiver(const std::string &mid, mg_media_kind kind) {
  for (auto &transceiver : transceivers_) {
    if (transceiver.rejected || !sends(transceiver.direction) || !transceiver.local_ssrc) continue;
    if (mid.empty() ? kind_of(transceiver.kind) == kind : transceiver.mid == mid)
      return &transceiver;
  }
  return nullptr;
}

void PeerConnection::relay_rtp(const uint8_t *data, size_t len, const std::string &mid,
                               mg_media_kind kind) {
  Transceiver *transceiver = closed_ || !srtp_ ? nullptr : sending_transceiver(mid, kind);
  RtpHeader header;
  if (!transceiver || len > kMaxDatagram || !parse_rtp_header(data, len, header)) {
    stats_.dropped++;
    return;
  }
  PacketBuffer buffer;
  std::memcpy(buffer.data(), data, len);
  write_u32(buffer.data() + 8, transceiver->local_ssrc);
  stamp_transport_sequence(buffer.data(), len);
  if (!srtp_->protect_rtp(buffer.data(), len, buffer.size()) || !ice_->send(buffer.data(), len)) {
    stats_.dropped++;
    return;
  }
  stats_.rtp_out++;
  stats_.bytes_out += len;
}

void PeerConnection::relay_rtcp(const uint8_t *data, size_t len, const std::string &mid,
                                mg_media_kind kind) {
  if (closed_ || !srtp_ || len > kMaxDatagram) return;
  PacketBuffer buffer;
  std::memcpy(buffer.data(), data, len);
  const Transceiver *own = sending_transceiver(mid, kind);
  // Speak as our SSRC of that m-line; feedback about our SSRCs is turned into
  // feedback about the remote's SSRC on the same m-line.
  bool valid =
      for_each_rtcp(buffer.data(), len, [&](uint8_t type, uint8_t, uint8_t *packet, size_t size) {
        if (size >= 8 && own) write_u32(packet + 4, own->local_ssrc);
        if ((type != 205 && type != 206) || size < 12) return;
        uint32_t media_ssrc = read_u32(packet + 8);
        for (const auto &transceiver : transceivers_)
          if (transceiver.local_ssrc == media_ssrc && !transceiver.remote_ssrcs.empty())
            write_u32(packet + 8, transceiver.remote_ssrcs.front());
      });
  if (valid) send_protected_rtcp(buffer.data(), len, buffer.size());
}

void PeerConnection::request_keyframe(const std::string &mid) {
  if (closed_ || !srtp_) return;
  Transceiver *transceiver = nullptr;
  for (auto &candidate : transceivers_)
    if (mid.empty() ? candidate.kind == "video" && !candidate.rejected : candidate.mid == mid) {
      transceiver = &candidate;
      break;
    }
  if (!transceiver) return;
  uint64_t now = static_cast<uint64_t>(g_get_monotonic_time());
  if (transceiver->producer && setup_.router) {
    setup_.router->request_keyframe(transceiver->producer, now);  // rate-limited there
    return;
  }
  size_t index = static_cast<size_t>(transceiver - transceivers_.data());
  uint32_t remote_ssrc = 0;
  for (const auto &[ssrc, owner] : ssrc_to_transceiver_)
    if (owner == index) remote_ssrc = ssrc;
  uint64_t &last = last_keyframe_request_us_[transceiver->mid];
  if (!remote_ssrc || (last && now - last < kKeyframeRequestIntervalUs)) return;
  last = now;
  PacketBuffer buffer;
  size_t len =
      write_pli(buffer.data(), transceiver->local_ssrc ? transceiver->local_ssrc : 1, remote_ssrc);
  send_protected_rtcp(buffer.data(), len, buffer.size());
}

void PeerConnection::send_protected_rtcp(uint8_t *buffer, size_t len, size_t capacity) {
  if (!srtp_->protect_rtcp(buffer, len, capacity) || !ice_->send(buffer, len)) {
    stats_.dropped++;
    return;
  }
  stats_.rtcp_out++;
  stats_.bytes_out += len;
}

}  // namespace meetgate::media
