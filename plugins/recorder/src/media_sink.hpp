// One consumed producer feeding a recording: the MG_CONSUMER_SINK target's
// callbacks land here on a media worker. The first packet tells the format
// (mg_sink_info); the recorder branch is then built on the recording's own
// thread (building a pipeline is too slow for a media worker) and packets
// dropped until it exists. After that each packet is one non-blocking push.
//
// Lifetime: the core holds a heap std::shared_ptr<MediaSink> as the sink's
// opaque pointer and frees it in sink_closed; the recording holds another.
#pragma once

#include <meetgate/media.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "producer_info.hpp"

namespace meetgate::recording {
class TrackRecorder;
class CompositeInput;
}  // namespace meetgate::recording

namespace meetgate::recorder {

class MediaSink {
 public:
  // Called once with the first packet's format, on a media worker: must only
  // queue work (the recording's setup thread builds the branch).
  using SetupRequest = std::function<void(std::shared_ptr<MediaSink>, const mg_sink_info &)>;

  MediaSink(ProducerInfo producer, SetupRequest setup);

  const ProducerInfo &producer() const { return producer_; }
  void set_consumer(mg_consumer_id consumer) { consumer_.store(consumer); }
  mg_consumer_id consumer() const { return consumer_.load(); }

  // Install the branch built for this sink (setup thread).
  void attach_track(std::shared_ptr<recording::TrackRecorder> recorder);
  void attach_composite(std::shared_ptr<recording::CompositeInput> input);
  // Stop delivering to the branch (before it is stopped or removed).
  void detach();
  bool closed() const { return closed_.load(); }
  uint64_t dropped_before_start() const { return dropped_.load(); }

  // mg_consumer_target callbacks (opaque = std::shared_ptr<MediaSink> *).
  static void on_packet(void *opaque, const mg_sink_info *info, const uint8_t *rtp, size_t len);
  static void on_closed(void *opaque);

 private:
  void deliver(const mg_sink_info &info, const uint8_t *rtp, size_t len);

  ProducerInfo producer_;
  SetupRequest setup_;
  std::weak_ptr<MediaSink> self_;
  std::atomic<mg_consumer_id> consumer_{0};
  std::atomic<bool> setup_requested_{false}, closed_{false};
  std::atomic<uint64_t> dropped_{0};
  // Held only for pointer swaps and the push itself (never blocks: pushes
  // are non-blocking), so the media worker never waits on pipeline work.
  std::mutex branch_mutex_;
  std::shared_ptr<recording::TrackRecorder> track_;
  std::shared_ptr<recording::CompositeInput> composite_;

  friend std::shared_ptr<MediaSink> make_media_sink(ProducerInfo, SetupRequest);
};

std::shared_ptr<MediaSink> make_media_sink(ProducerInfo producer, MediaSink::SetupRequest setup);

}  // namespace meetgate::recorder
