// One participant of `meetgate-bench sfu`: a videoroom client made of the
// core's media classes. It opens /ws/signaling (after the REST join done by
// bench_sfu.cpp), sends join-room, optionally publishes VP8+Opus on its
// publisher PeerConnection (its own offer, synthetic RTP as `media` sends)
// and answers every server offer on its subscriber PeerConnection
// (SdpNegotiator::apply_offer + write_answer, renegotiations included),
// measuring what it receives per forwarded stream (SSRC): packets, latency
// from the BenchStamp, stamp-counter gaps (loss) and the time from join to
// the first keyframe of each other publisher (asking with PLIs).
#pragma once

#include <jansson.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "bench_media_traffic.hpp"
#include "bench_sfu_leg.hpp"
#include "transceiver.hpp"
#include "worker_timer.hpp"

namespace meetgate::bench {

class WsClient;

// When each user sent join-room (monotonic ns): join -> first frame is
// measured from the later of the receiver's and the publisher's join.
class JoinClock {
 public:
  void joined(int64_t user_id, uint64_t ns);
  uint64_t joined_at(int64_t user_id) const;  // 0 if unknown

 private:
  mutable std::mutex mutex_;
  std::map<int64_t, uint64_t> joins_;
};

struct SfuCounters {
  std::atomic<uint64_t> sent{0}, received{0}, subscriber_offers{0}, keyed_streams{0};
  std::atomic<bool> publishing{false}, failed{false};
};

// Per received stream; worker thread, read after release().
struct StreamStats {
  bool video = false, keyed = false;
  uint32_t first_counter = 0, last_counter = 0;
  uint64_t received = 0;
};

class SfuPeer {
 public:
  struct Settings {
    std::string ws_host, ws_path;  // ws_path with the query (user, meeting, token)
    int ws_port = 0;
    int64_t user_id = 0;
    bool publish = true;
    int video_kbps = 1000, keyframe_interval = 60;
    const std::atomic<bool> *measuring = nullptr;
    JoinClock *joins = nullptr;
  };

  SfuPeer(media::MediaWorker &worker, const media::DtlsIdentity &identity, WsClient &signaling,
          Settings settings);
  ~SfuPeer();
  SfuPeer(const SfuPeer &) = delete;
  SfuPeer &operator=(const SfuPeer &) = delete;

  void start();  // worker thread
  void stop_sending();
  void release();

  const SfuCounters &counters() const { return counters_; }
  const std::string &failure() const { return failure_; }  // set before failed
  // After release(): samples (µs) and per-stream figures.
  const std::vector<uint32_t> &latencies_us() const { return latencies_us_; }
  const std::vector<uint32_t> &first_frame_ms() const { return first_frame_ms_; }
  const std::map<uint32_t, StreamStats> &streams() const { return streams_; }

 private:
  void on_open();
  void on_signaling(const std::string &text);
  void send(const char *type, json_t *payload);  // payload stolen
  void send_publisher_offer();
  void on_publisher_answer(const std::string &sdp);
  void on_subscriber_offer(const std::string &sdp, json_t *streams);
  void answer_pending_offer();
  void on_candidate(json_t *payload);
  void on_publisher_connected();
  void on_subscribed_rtp(uint8_t *data, size_t len);
  void request_missing_keyframes();
  void fail(const std::string &reason);
  SfuLeg::Callbacks leg_callbacks(bool publisher);

  media::MediaWorker &worker_;
  const media::DtlsIdentity &identity_;
  WsClient &signaling_;
  Settings settings_;
  size_t connection_ = 0;
  std::unique_ptr<SfuLeg> publisher_, subscriber_;
  std::vector<media::Transceiver> published_, subscribed_;
  std::unique_ptr<SyntheticTraffic> traffic_;
  media::WorkerTimer send_timer_, pli_timer_;
  std::string cname_, pending_offer_;
  std::set<uint8_t> video_pts_;
  std::map<uint32_t, int64_t> ssrc_user_;  // from the offers' m-lines + streams
  uint32_t rtcp_ssrc_ = 0;
  uint64_t join_ns_ = 0;
  bool released_ = false, offered_ = false;
  std::map<uint32_t, StreamStats> streams_;
  std::vector<uint32_t> latencies_us_, first_frame_ms_;
  std::string failure_;
  SfuCounters counters_;
};

}  // namespace meetgate::bench
