// A meeting's composite recording: every participant's video in a grid and
// all audio mixed, encoded once, in one WebM file.
//
//   videotestsrc (black, live: keeps time running with no inputs)
//     ! compositor (one request pad per video input, grid re-laid out on
//       join/leave) ! caps WxH@fps ! videoconvert ! vp8enc ! queue ! webmmux
//   audiotestsrc (silence, live) ! audiomixer (one pad per audio input)
//     ! audioconvert ! opusenc ! queue ! webmmux
//   webmmux ! queue ! filesink
//
// Inputs (CompositeInput) come and go while the pipeline plays; the file's
// timeline and caps never change, so joins and leaves do not break it.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "composite_input.hpp"
#include "pipeline_handle.hpp"
#include "track_recorder.hpp"

namespace meetgate::recording {

struct CompositeRecorderOptions {
  std::string path;
  int width = 1280, height = 720, fps = 15;
  int video_bitrate = 1'500'000;              // bits/s for vp8enc
  size_t max_queued_bytes = 4 * 1024 * 1024;  // per input
  // Asked when an input's video needs a keyframe (argument: the input id).
  std::function<void(const std::string &)> on_keyframe_needed;
  std::function<void(const std::string &)> on_error;
};

class CompositeRecorder {
 public:
  explicit CompositeRecorder(CompositeRecorderOptions options);  // starts; throws
  ~CompositeRecorder();
  CompositeRecorder(const CompositeRecorder &) = delete;
  CompositeRecorder &operator=(const CompositeRecorder &) = delete;

  // Adds a track; the returned handle's push() is what the media worker
  // calls. Throws std::invalid_argument (duplicate id, bad format).
  std::shared_ptr<CompositeInput> add_input(const std::string &id, const RtpFormat &format);
  // Removes a track (no-op for an unknown id); the grid is re-laid out.
  void remove_input(const std::string &id);
  size_t video_inputs() const;

  TrackStats stop(std::chrono::milliseconds deadline = std::chrono::seconds(5));
  TrackStats stats() const;
  const std::string &path() const { return options_.path; }

 private:
  void build();
  void relayout();  // mutex_ held
  static GstPadProbeReturn on_encoded(GstPad *pad, GstPadProbeInfo *info, gpointer self);

  CompositeRecorderOptions options_;
  std::unique_ptr<PipelineHandle> pipeline_;
  GstElement *compositor_ = nullptr;  // owned by the pipeline
  GstElement *mixer_ = nullptr;       // owned by the pipeline
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<CompositeInput>> inputs_;  // join order = tile order
  std::atomic<uint64_t> frames_{0}, end_ns_{0};
  bool stopped_ = false;
  bool finalized_ = false;
};

}  // namespace meetgate::recording
