// One WebRTC PeerConnection: a BUNDLEd ICE transport (IceAgent), DTLS-SRTP
// on top of it (DtlsTransport + SrtpSession), and the m-lines negotiated with
// SDP (Transceiver). It lives on one MediaWorker: every method must be called
// on that worker's thread (PeerConnectionRegistry takes care of that), so it
// holds no lock. Plugin hooks (media_event, incoming_rtp, hangup_media) are
// called from the worker too.
#pragma once

#include <meetgate/plugin.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dtls_transport.hpp"
#include "ice_agent.hpp"
#include "sdp_description.hpp"
#include "sdp_negotiator.hpp"
#include "srtp_session.hpp"
#include "transceiver.hpp"
#include "transport_cc_feedback_builder.hpp"
#include "worker_timer.hpp"

namespace meetgate::media {

class DtlsIdentity;
class MediaWorker;
namespace rtp {
class Router;
struct ProducerOptions;
}  // namespace rtp

struct PeerConnectionStats {
  std::atomic<uint64_t> rtp_in{0}, rtp_out{0}, rtcp_in{0}, rtcp_out{0};
  std::atomic<uint64_t> bytes_in{0}, bytes_out{0}, srtp_errors{0}, dropped{0};
  std::atomic<uint64_t> transport_cc_feedback_out{0};
};

class PeerConnection : public std::enable_shared_from_this<PeerConnection> {
 public:
  struct Setup {
    mg_pc_id id = 0;
    mg_plugin *plugin = nullptr;
    mg_plugin_session *session = nullptr;
    MediaWorker *worker = nullptr;
    const DtlsIdentity *identity = nullptr;
    IceSettings ice;
    int ice_timeout_seconds = 30;
    bool raw_rtp = false;
    rtp::Router *router = nullptr;  // producers/consumers of this PeerConnection
    // Told once when the PeerConnection closed (registry bookkeeping).
    std::function<void(mg_pc_id)> closed;
  };

  explicit PeerConnection(Setup setup);
  ~PeerConnection();
  PeerConnection(const PeerConnection &) = delete;
  PeerConnection &operator=(const PeerConnection &) = delete;

  // --- signaling (worker thread) --------------------------------------
  bool open(std::string &error);
  // 0, or an HTTP-like status with `error`.
  int set_remote_description(const std::string &type, const std::string &sdp, std::string &error);
  json_t *create_answer(std::string &error);
  json_t *create_offer(std::string &error);
  int add_candidate(const json_t *candidate, std::string &error);
  // Close for good: media_event "closed"/"failed", then hangup_media.
  void close(const std::string &reason, bool failed = false);
  bool closed() const { return closed_; }

  // --- media (worker thread) ------------------------------------------
  void relay_rtp(const uint8_t *data, size_t len, const std::string &mid, mg_media_kind kind);
  void relay_rtcp(const uint8_t *data, size_t len, const std::string &mid, mg_media_kind kind);
  void request_keyframe(const std::string &mid);

  // --- router links (worker thread) -------------------------------------
  // Fill the producer options of incoming m-line `mid`; false with `error`.
  bool describe_producer(const std::string &mid, rtp::ProducerOptions &options,
                         std::string &error) const;
  void attach_producer(const std::string &mid, uint64_t producer);
  // A new sendonly m-line for a consumer of a producer with `codec`; returns
  // its mid and our SSRC on it. The plugin renegotiates with create_offer.
  const Transceiver &add_consumer_transceiver(const std::string &kind, const SdpCodec &codec,
                                              const std::vector<SdpExtension> &extensions);
  // `held`: the consumer was created paused until this transport connects.
  void attach_consumer(const std::string &mid, uint64_t consumer, bool held);
  bool connected() const { return connected_; }
  void detach(uint64_t producer_or_consumer_id, bool producer);
  // Packets the router hands over: already rewritten, only encrypted here.
  void send_rtp_packet(const uint8_t *data, size_t len);
  void send_rtcp_packet(const uint8_t *data, size_t len);
  void send_pli(uint32_t media_ssrc);
  // Tell the plugin (media_event), from the worker.
  void notify(json_t *event /* stolen */) { emit(event); }
  const Transceiver *transceiver(const std::string &mid) const;
  // Free libnice/OpenSSL/libsrtp state (worker thread, outside their callbacks).
  void release_transport();

  mg_pc_id id() const { return setup_.id; }
  mg_plugin_session *session() const { return setup_.session; }
  MediaWorker *worker() const { return setup_.worker; }
  const PeerConnectionStats &stats() const { return stats_; }

 private:
  // ICE/DTLS events
  void on_local_candidate(const std::string &candidate);
  void on_gathering_done();
  void on_ice_connected();
  void on_dtls_connected(SrtpProfile profile, const std::vector<uint8_t> &inbound,
                         const std::vector<uint8_t> &outbound);
  void on_datagram(uint8_t *data, size_t len);
  void on_rtp(uint8_t *data, size_t len);
  void on_rtcp(uint8_t *data, size_t len);
  void send_protected_rtcp(uint8_t *buffer, size_t len, size_t capacity);
  void route_rtcp(const uint8_t *data, size_t len);
  void leave_router();
  // transport-wide congestion control (peer_connection_transport_cc.cpp)
  void update_transport_cc();
  void on_transport_cc_arrival(const uint8_t *data, size_t len, uint32_t ssrc, uint64_t arrival_us);
  void send_transport_cc_feedback();
  void stamp_transport_sequence(uint8_t *data, size_t len);
  void release_held_consumers();

  // signaling helpers
  int apply_remote_transport(const SessionDescription &description, std::string &error);
  LocalTransport local_transport(const std::string &setup) const;
  json_t *finish_local_description(const SessionDescription &description);
  void assign_local_ssrcs();
  Transceiver *find_transceiver(const std::string &mid);
  Transceiver *sending_transceiver(const std::string &mid, mg_media_kind kind);
  Transceiver *transceiver_for_packet(const uint8_t *data, size_t len, uint32_t ssrc,
                                      uint8_t payload_type);
  void announce_track(Transceiver &transceiver, uint32_t ssrc, uint8_t payload_type);
  void emit(json_t *event /* stolen */);

  Setup setup_;
  std::unique_ptr<IceAgent> ice_;
  std::unique_ptr<DtlsTransport> dtls_;
  std::unique_ptr<SrtpSession> srtp_;
  WorkerTimer ice_timeout_;
  // transport-cc: the negotiated extension id (BUNDLE-wide, 0 = not
  // negotiated), feedback about what we receive (sent by the timer every
  // kTransportCcIntervalMs), and the sequence we number what we send with.
  uint8_t transport_cc_id_ = 0;
  rtp::TransportCcFeedbackBuilder transport_cc_feedback_;
  WorkerTimer transport_cc_timer_;
  uint32_t transport_cc_media_ssrc_ = 0;
  uint16_t transport_cc_sequence_out_ = 0;
  std::vector<Transceiver> transceivers_;
  std::unordered_map<uint32_t, size_t> ssrc_to_transceiver_;
  std::unordered_map<std::string, uint64_t> last_keyframe_request_us_;
  SessionDescription remote_;         // the last remote description applied
  bool have_remote_offer_ = false;    // an offer waits for our answer
  bool local_offer_pending_ = false;  // our offer waits for the answer
  bool local_description_sent_ = false;
  bool ice_controlling_ = false;
  bool closed_ = false;
  bool connected_ = false;
  std::string cname_;
  std::string bundle_mid_;  // the m-line trickled candidates belong to
  int bundle_index_ = 0;
  std::string stream_id_;
  uint64_t session_version_ = 1;
  uint64_t sdp_session_id_ = 0;
  PeerConnectionStats stats_;
};

}  // namespace meetgate::media
