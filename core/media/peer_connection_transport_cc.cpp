// PeerConnection: transport-wide congestion control
// (draft-holmer-rmcat-transport-wide-cc-extensions-01). When the remote
// negotiated the transport-wide-cc header extension, every incoming RTP
// packet's transport sequence number and arrival time go into one
// TransportCcFeedbackBuilder per PeerConnection (one BUNDLE transport), and
// an RTCP transport-cc feedback (RTPFB FMT 15) is sent, SRTCP-protected,
// every kTransportCcIntervalMs while packets arrive (or at once when the
// builder's window is full). What we send is numbered with our own
// transport sequence so the remote can run the same estimation on us.
#include <glib.h>

#include <array>

#include "media_worker.hpp"
#include "packet_demux.hpp"
#include "peer_connection.hpp"

namespace meetgate::media {
namespace {

constexpr char kTransportCcExtension[] =
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
// libwebrtc's receive-side default (RemoteEstimatorProxy: 100 ms).
constexpr unsigned kTransportCcIntervalMs = 100;
// Room for the feedback plus the SRTCP trailer (tag and index) in one datagram.
constexpr size_t kFeedbackCapacity = 1200;
constexpr size_t kSrtcpTrailer = 32;

// The 2-byte value of extension `id` in `data`, or nullptr.
uint8_t *transport_sequence_at(uint8_t *data, size_t len, int id) {
  std::string_view value = find_rtp_extension(data, len, id);
  if (value.size() != 2) return nullptr;
  return data + (reinterpret_cast<const uint8_t *>(value.data()) - data);
}

}  // namespace

// After each negotiation: one id names the extension on every m-line of the
// BUNDLE group (SdpNegotiator drops conflicting ids), so take the first.
void PeerConnection::update_transport_cc() {
  uint8_t id = 0;
  for (const auto &transceiver : transceivers_)
    if (!transceiver.rejected && !id)
      id = static_cast<uint8_t>(transceiver.extension_id(kTransportCcExtension));
  transport_cc_id_ = id;
  if (!id) {
    transport_cc_timer_.cancel();
    return;
  }
  if (!connected_ || closed_ || transport_cc_timer_.active()) return;
  transport_cc_timer_.start(setup_.worker->context(), kTransportCcIntervalMs, [this] {
    send_transport_cc_feedback();
    return true;
  });
}

void PeerConnection::on_transport_cc_arrival(const uint8_t *data, size_t len, uint32_t ssrc,
                                             uint64_t arrival_us) {
  if (!transport_cc_id_) return;
  std::string_view value = find_rtp_extension(data, len, transport_cc_id_);
  if (value.size() != 2) return;
  auto sequence =
      static_cast<uint16_t>((static_cast<uint8_t>(value[0]) << 8) | static_cast<uint8_t>(value[1]));
  transport_cc_media_ssrc_ = ssrc;
  if (transport_cc_feedback_.on_packet(sequence, arrival_us)) send_transport_cc_feedback();
}

void PeerConnection::send_transport_cc_feedback() {
  if (closed_ || !srtp_ || !transport_cc_feedback_.has_pending()) return;
  uint32_t sender_ssrc = 1;
  for (const auto &transceiver : transceivers_)
    if (transceiver.local_ssrc) sender_ssrc = transceiver.local_ssrc;
  std::array<uint8_t, kFeedbackCapacity + kSrtcpTrailer> buffer;
  size_t len = transport_cc_feedback_.build(std::span<uint8_t>(buffer.data(), kFeedbackCapacity),
                                            sender_ssrc, transport_cc_media_ssrc_);
  if (!len) return;
  uint64_t sent_before = stats_.rtcp_out;
  send_protected_rtcp(buffer.data(), len, buffer.size());
  if (stats_.rtcp_out != sent_before) stats_.transport_cc_feedback_out++;
}

void PeerConnection::stamp_transport_sequence(uint8_t *data, size_t len) {
  if (!transport_cc_id_) return;
  uint8_t *at = transport_sequence_at(data, len, transport_cc_id_);
  if (!at) return;
  uint16_t sequence = transport_cc_sequence_out_++;
  at[0] = static_cast<uint8_t>(sequence >> 8);
  at[1] = static_cast<uint8_t>(sequence & 0xff);
}

}  // namespace meetgate::media
