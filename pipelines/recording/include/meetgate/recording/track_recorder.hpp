// Records one RTP track (a producer of the media router) to one file:
//
//   appsrc (bounded, never blocks the media worker)
//     ! rtpjitterbuffer (reorders, de-jitters, bounded by drop-on-latency)
//     ! rtp<codec>depay (waits for and requests a keyframe after a loss)
//     ! [h264parse]     (avc/au + codec data + keyframe flags for Matroska)
//     ! keyframe gate   (drops video until the first keyframe, rebases time)
//     ! webmmux | matroskamux
//     ! queue           (disk writes on their own thread)
//     ! filesink (unbuffered: what was muxed is on disk if the process dies)
//
// stop() sends EOS and waits (deadline) so the muxer writes duration and cues.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "pipeline_handle.hpp"
#include "rtp_format.hpp"
#include "rtp_input.hpp"

namespace meetgate::recording {

struct TrackRecorderOptions {
  RtpFormat format;
  std::string path;                           // the output file (created/truncated)
  size_t max_queued_bytes = 4 * 1024 * 1024;  // RTP bytes waiting in appsrc
  uint32_t jitter_latency_ms = 200;
  std::function<void()> on_keyframe_needed;           // any thread; keep it cheap
  std::function<void(const std::string &)> on_error;  // any thread
};

struct TrackStats {
  uint64_t packets = 0;      // RTP packets accepted
  uint64_t dropped = 0;      // RTP packets dropped because the queue was full
  uint64_t gaps = 0;         // runs of dropped packets
  uint64_t frames = 0;       // frames (video) or packets (audio) written
  uint64_t duration_ns = 0;  // media time written
  uint64_t bytes = 0;        // file size
  bool finalized = false;    // EOS reached the file before the deadline
  bool failed = false;
  std::string error;
};

class TrackRecorder {
 public:
  // Builds the pipeline and starts it; throws std::invalid_argument (bad
  // format) or std::runtime_error (missing element, cannot open the file).
  explicit TrackRecorder(TrackRecorderOptions options);
  ~TrackRecorder();
  TrackRecorder(const TrackRecorder &) = delete;
  TrackRecorder &operator=(const TrackRecorder &) = delete;

  // From the media worker: never blocks. False when dropped.
  bool push(const uint8_t *rtp, size_t len) noexcept { return input_->push(rtp, len); }
  // Finish the file (EOS, wait up to `deadline`). Idempotent.
  TrackStats stop(std::chrono::milliseconds deadline = std::chrono::seconds(5));
  TrackStats stats() const;
  const std::string &path() const { return options_.path; }

 private:
  void build();
  static GstPadProbeReturn on_frame(GstPad *pad, GstPadProbeInfo *info, gpointer self);
  GstPadProbeReturn gate(GstBuffer **buffer);
  void request_keyframe();

  TrackRecorderOptions options_;
  std::unique_ptr<PipelineHandle> pipeline_;
  std::unique_ptr<RtpInput> input_;
  std::atomic<bool> keyframe_seen_{false};
  std::atomic<int64_t> last_keyframe_request_ns_{0};
  GstClockTime first_pts_ = GST_CLOCK_TIME_NONE;  // streaming thread only
  std::atomic<uint64_t> frames_{0}, end_ns_{0};
  bool stopped_ = false;
  bool finalized_ = false;
};

}  // namespace meetgate::recording
