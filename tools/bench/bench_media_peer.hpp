// One load peer of `meetgate-bench media`: a WebRTC client built from the
// core's own media classes (IceAgent, DtlsTransport, SrtpSession, SDP
// parser/negotiator/writer, packet demux) on one MediaWorker, signaling
// over the echotest plugin's WebSocket protocol. It offers one VP8 and one
// Opus m-line (sendrecv), sends SyntheticTraffic once DTLS-SRTP is up and
// measures what comes back: packets, latency from the BenchStamp, the first
// keyframe after the first packet (asking with PLIs), the PLI/FIRs it is sent.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench_media_traffic.hpp"
#include "dtls_transport.hpp"
#include "ice_agent.hpp"
#include "srtp_session.hpp"
#include "transceiver.hpp"
#include "worker_timer.hpp"

namespace meetgate::media {
class DtlsIdentity;
class MediaWorker;
}  // namespace meetgate::media

namespace meetgate::bench {

class WsClient;

// Read by the main thread while the peer runs: atomics only.
struct PeerCounters {
  std::atomic<uint64_t> video_sent{0}, audio_sent{0};
  std::atomic<uint64_t> video_received{0}, audio_received{0};
  std::atomic<uint64_t> keyframe_requests{0};
  std::atomic<bool> connected{false}, failed{false};
  std::atomic<int64_t> connect_ms{-1};         // WebSocket open -> DTLS connected
  std::atomic<int64_t> first_keyframe_us{-1};  // first packet back -> first keyframe back
};

class LoadPeer {
 public:
  struct Settings {
    std::string ws_host, ws_path;
    int ws_port = 0;
    int video_kbps = 1000;
    int keyframe_interval = 60;
    const std::atomic<bool> *measuring = nullptr;  // collect latency samples while true
  };

  LoadPeer(media::MediaWorker &worker, const media::DtlsIdentity &identity, WsClient &signaling,
           Settings settings);
  ~LoadPeer();
  LoadPeer(const LoadPeer &) = delete;
  LoadPeer &operator=(const LoadPeer &) = delete;

  // Worker thread: gather candidates and open the signaling connection.
  void start();
  // Worker thread: stop sending / hang up and free the transport.
  void stop_sending();
  void release();

  const PeerCounters &counters() const { return counters_; }
  // Set once, before counters().failed becomes true.
  const std::string &failure() const { return failure_; }
  // Latency samples in microseconds (worker thread, or after release()).
  const std::vector<uint32_t> &latencies_us() const { return latencies_us_; }

 private:
  void on_signaling(const std::string &text);
  void send_offer_when_ready();
  void on_answer(const std::string &sdp);
  void on_remote_candidate(const std::string &candidate, bool completed);
  void on_dtls_connected(media::SrtpProfile profile, const std::vector<uint8_t> &inbound,
                         const std::vector<uint8_t> &outbound);
  void on_datagram(uint8_t *data, size_t len);
  void on_rtp(uint8_t *data, size_t len);
  void on_rtcp(uint8_t *data, size_t len);
  void send_rtp(uint8_t *buffer, size_t len, bool video);
  void send_pli();
  void fail(const std::string &reason);

  media::MediaWorker &worker_;
  const media::DtlsIdentity &identity_;
  WsClient &signaling_;
  Settings settings_;
  size_t connection_ = 0;
  std::unique_ptr<media::IceAgent> ice_;
  std::unique_ptr<media::DtlsTransport> dtls_;
  std::unique_ptr<media::SrtpSession> srtp_;
  std::unique_ptr<SyntheticTraffic> traffic_;
  media::WorkerTimer send_timer_;
  std::vector<media::Transceiver> transceivers_;
  std::string cname_;
  bool ws_open_ = false, gathered_ = false, offered_ = false, released_ = false;
  uint8_t video_pt_ = 0, audio_pt_ = 0;
  uint32_t remote_video_ssrc_ = 0;
  uint64_t ws_open_ns_ = 0, pli_sent_ns_ = 0, subscribed_ns_ = 0;
  std::vector<uint32_t> latencies_us_;
  std::string failure_;
  PeerCounters counters_;
};

}  // namespace meetgate::bench
