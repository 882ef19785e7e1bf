// Live analysis of one producer (a participant's audio or video track):
// an MG_CONSUMER_SINK on the producer feeds an extraction pipeline
// (pipelines/extract), whose PCM chunks go to an ASR session and the audio
// quality model, and whose sampled frames go to the face model and a video
// quality session. Results are reported through LiveReporter.
//
// Threads: packets arrive on the core's media workers (push only, never
// blocks); the pipeline is built on a worker at the first packet (its codec
// is in the sink info); PCM/frames arrive on GStreamer threads and are
// submitted without blocking; replies arrive on the client's socket thread.
// At most live_max_in_flight requests per stream: beyond, a chunk or frame
// is skipped (counted), so slow units never queue unbounded work.
#pragma once

#include <meetgate/plugin.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ai_config.hpp"
#include "infer_client.hpp"
#include "live_reporter.hpp"
#include "meetgate/extract/audio_extractor.hpp"
#include "meetgate/extract/video_extractor.hpp"
#include "model_session.hpp"
#include "worker_pool.hpp"

namespace meetgate::ai {

struct LiveStreamContext {
  const mg_core_callbacks *core;
  const AiConfig &config;
  infer::InferClient &client;
  LiveReporter &reporter;
  WorkerPool &workers;
};

struct ProducerInfo {
  std::string meeting_id;
  int64_t user_id = 0;
  uint64_t producer_id = 0;
  std::string kind;  // "audio" | "video"
};

class LiveStream : public std::enable_shared_from_this<LiveStream> {
 public:
  LiveStream(const LiveStreamContext &context, ProducerInfo producer);
  ~LiveStream();

  // Attaches the sink consumer; false (logged) when the core refuses.
  bool attach();
  // Closes the consumer and the model sessions; the pipeline goes when the
  // core has released the sink.
  void detach();
  infer::JsonPtr status() const;
  const ProducerInfo &producer() const { return producer_; }

 private:
  static void on_sink_packet(void *opaque, const mg_sink_info *info, const uint8_t *rtp,
                             std::size_t len);
  static void on_sink_closed(void *opaque);
  void push(const mg_sink_info *info, const uint8_t *rtp, std::size_t len);
  void build_pipeline(extract::RtpStreamInfo stream);
  void on_pcm(std::string pcm);
  void on_frame(extract::ExtractedFrame frame);
  static void release_off_thread(std::shared_ptr<LiveStream> &&self);
  bool take_slot();
  infer::InferCallback release_slot_then(infer::InferCallback next);
  void on_caption(const infer::InferEvent &event);
  void on_faces(const infer::InferEvent &event);
  void on_quality(const std::string &type, const infer::InferEvent &event);

  LiveStreamContext context_;
  ProducerInfo producer_;
  mg_consumer_id consumer_ = 0;
  std::mutex mutex_;  // guards the extractors and pipeline_state_
  enum class PipelineState {
    kNone,
    kBuilding,
    kRunning,
    kFailed
  } pipeline_state_ = PipelineState::kNone;
  // Packets that arrived while the pipeline was being built (the first one of
  // a video track is the keyframe the core asked for: losing it would leave
  // the decoder waiting for the next one). Bounded; replayed once built.
  std::vector<std::string> early_packets_;
  std::unique_ptr<extract::AudioExtractor> audio_;
  std::unique_ptr<extract::VideoExtractor> video_;
  std::shared_ptr<ModelSession> asr_;
  std::shared_ptr<ModelSession> video_quality_;
  std::atomic<std::size_t> in_flight_{0};
  std::atomic<uint64_t> packets_{0}, skipped_{0}, submitted_{0}, results_{0};
  std::mutex report_mutex_;  // guards the last reported values below
  int last_face_count_ = -1;
  std::string last_audio_warning_ = "?", last_video_warning_ = "?";
  std::chrono::steady_clock::time_point last_faces_at_{}, last_audio_at_{}, last_video_at_{};
};

}  // namespace meetgate::ai
