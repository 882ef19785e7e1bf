// PeerConnection: its links to the media router. An incoming m-line can feed
// a producer; a consumer of another PeerConnection's producer gets a new
// sendonly m-line here. The router rewrites packets; this side only encrypts
// and sends them, and hands it the RTCP that concerns them.
#include <glib.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <utility>

#include "packet_demux.hpp"
#include "peer_connection.hpp"
#include "router.hpp"
#include "sdp_negotiator.hpp"

namespace meetgate::media {
namespace {

constexpr size_t kMaxDatagram = 1500;
using PacketBuffer = std::array<uint8_t, kMaxDatagram + SRTP_MAX_TRAILER_LEN + 16>;

uint8_t id_of(const Transceiver &transceiver, const char *uri) {
  return static_cast<uint8_t>(transceiver.extension_id(uri));
}

uint32_t random_ssrc() {
  uint32_t value = 0;
  while (value == 0) RAND_bytes(reinterpret_cast<unsigned char *>(&value), sizeof value);
  return value;
}

const std::array<const char *, 4> kSendExtensions = {
    "urn:ietf:params:rtp-hdrext:sdes:mid",
    "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
    "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
};

}  // namespace

const Transceiver *PeerConnection::transceiver(const std::string &mid) const {
  for (const auto &t : transceivers_)
    if (t.mid == mid) return &t;
  return nullptr;
}

bool PeerConnection::describe_producer(const std::string &mid, rtp::ProducerOptions &options,
                                       std::string &error) const {
  const Transceiver *t = transceiver(mid);
  if (!t || t->rejected || !receives(t->direction) || t->codecs.empty()) {
    error = "no incoming m-line with mid \"" + mid + "\"";
    return false;
  }
  if (t->producer) {
    error = "mid \"" + mid + "\" already has a producer";
    return false;
  }
  const SdpCodec &codec = t->codecs.front();
  options.kind = t->kind == "audio" ? MG_MEDIA_AUDIO : MG_MEDIA_VIDEO;
  options.codec = codec.name;
  options.clock_rate = codec.clock_rate;
  options.payload_type = codec.payload_type;
  options.channels = codec.channels ? codec.channels : 1;
  if (!t->remote_ssrcs.empty())
    options.layers = {rtp::ProducerLayer{t->remote_ssrcs.front(), 0, ""}};
  options.extensions.mid = id_of(*t, "urn:ietf:params:rtp-hdrext:sdes:mid");
  options.extensions.audio_level = id_of(*t, "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
  options.extensions.abs_send_time =
      id_of(*t, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
  options.extensions.transport_cc =
      id_of(*t, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
  options.feedback_ssrc = t->local_ssrc ? t->local_ssrc : random_ssrc();
  options.nack = std::any_of(codec.feedback.begin(), codec.feedback.end(),
                             [](const std::string &f) { return f == "nack"; });
  return true;
}

void PeerConnection::attach_producer(const std::string &mid, uint64_t producer) {
  for (auto &t : transceivers_)
    if (t.mid == mid) t.producer = producer;
}

const Transceiver &PeerConnection::add_consumer_transceiver(
    const std::string &kind, const SdpCodec &codec, const std::vector<SdpExtension> &extensions) {
  int next_mid = 0;
  while (transceiver(std::to_string(next_mid))) ++next_mid;
  Transceiver created;
  created.mid = std::to_string(next_mid);
  created.kind = kind;
  created.codecs = {codec};
  // Under BUNDLE one id means one extension on every m-line: reuse the ids
  // this PeerConnection already negotiated, pick free ones for the rest.
  for (const char *uri : kSendExtensions) {
    bool offered = std::any_of(extensions.begin(), extensions.end(),
                               [&](const SdpExtension &e) { return e.uri == uri; });
    if (!offered) continue;
    int id = 0;
    for (const auto &t : transceivers_) id = id ? id : t.extension_id(uri);
    for (int candidate = 1; !id && candidate < 15; ++candidate) {
      bool used = false;
      for (const auto &t : transceivers_)
        for (const auto &e : t.extensions) used |= e.id == candidate;
      for (const auto &e : created.extensions) used |= e.id == candidate;
      if (!used) id = candidate;
    }
    if (id) created.extensions.push_back({id, uri});
  }
  created.local_send = true;
  created.local_ssrc = random_ssrc();
  created.local_msid = stream_id_ + " " + kind + "-" + created.mid;
  created.direction = SdpDirection::kSendOnly;
  transceivers_.push_back(std::move(created));
  return transceivers_.back();
}

void PeerConnection::attach_consumer(const std::string &mid, uint64_t consumer, bool held) {
  for (auto &t : transceivers_)
    if (t.mid == mid) {
      t.consumer = consumer;
      t.consumer_held = held;
    }
}

void PeerConnection::release_held_consumers() {
  if (!setup_.router) return;
  for (auto &t : transceivers_)
    if (t.consumer && t.consumer_held) {
      t.consumer_held = false;
      // Resuming waits for the next keyframe and asks the producer for one.
      setup_.router->pause_consumer(t.consumer, false);
    }
}

void PeerConnection::detach(uint64_t id, bool producer) {
  for (auto &t : transceivers_) {
    if (producer && t.producer == id) t.producer = 0;
    if (!producer && t.consumer == id) {
      // The m-line stays (m-lines are never removed); it stops sending.
      t.consumer = 0;
      t.local_send = false;
    }
  }
}

void PeerConnection::send_rtp_packet(const uint8_t *data, size_t len) {
  if (closed_ || !srtp_ || len > kMaxDatagram) return;
  PacketBuffer buffer;
  std::memcpy(buffer.data(), data, len);
  stamp_transport_sequence(buffer.data(), len);  // the router's zeroed placeholder
  if (!srtp_->protect_rtp(buffer.data(), len, buffer.size()) || !ice_->send(buffer.data(), len)) {
    stats_.dropped++;
    return;
  }
  stats_.rtp_out++;
  stats_.bytes_out += len;
}

void PeerConnection::send_rtcp_packet(const uint8_t *data, size_t len) {
  if (closed_ || !srtp_ || len > kMaxDatagram) return;
  PacketBuffer buffer;
  std::memcpy(buffer.data(), data, len);
  send_protected_rtcp(buffer.data(), len, buffer.size());
}

void PeerConnection::send_pli(uint32_t media_ssrc) {
  if (closed_ || !srtp_) return;
  uint32_t sender = 1;
  for (const auto &t : transceivers_)
    if (t.local_ssrc) sender = t.local_ssrc;
  PacketBuffer buffer;
  size_t len = write_pli(buffer.data(), sender, media_ssrc);
  send_protected_rtcp(buffer.data(), len, buffer.size());
}

void PeerConnection::route_rtcp(const uint8_t *data, size_t len) {
  if (!setup_.router) return;
  uint64_t now = static_cast<uint64_t>(g_get_monotonic_time());
  std::span<const uint8_t> packet(data, len);
  for (const auto &t : transceivers_) {
    if (t.producer) setup_.router->on_producer_rtcp(t.producer, packet, now);
    if (t.consumer) setup_.router->on_consumer_rtcp(t.consumer, packet, now);
  }
}

void PeerConnection::leave_router() {
  if (!setup_.router) return;
  for (auto &t : transceivers_) {
    if (t.producer) setup_.router->remove_producer(std::exchange(t.producer, 0));
    if (t.consumer) setup_.router->remove_consumer(std::exchange(t.consumer, 0), "peer-closed");
  }
}

}  // namespace meetgate::media
