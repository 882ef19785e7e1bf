// One participant's track inside a composite recording: a bin
//   appsrc ! rtpjitterbuffer ! depay ! [parse] ! decoder ! convert
// (video: a KeyframeGate before the decoder) whose ghost src pad feeds a request pad of the
// compositor (video) or the audiomixer (audio). Created and removed while the pipeline plays.
#pragma once

#include <gst/gst.h>

#include <functional>
#include <memory>
#include <string>

#include "keyframe_gate.hpp"
#include "rtp_format.hpp"
#include "rtp_input.hpp"

namespace meetgate::recording {

class CompositeInput {
 public:
  CompositeInput(std::string id, const RtpFormat &format, size_t max_queued_bytes,
                 std::function<void()> on_keyframe_needed);
  ~CompositeInput();
  CompositeInput(const CompositeInput &) = delete;
  CompositeInput &operator=(const CompositeInput &) = delete;

  const std::string &id() const { return id_; }
  bool is_video() const { return video_; }
  // From the media worker: never blocks.
  bool push(const uint8_t *rtp, size_t len) noexcept { return input_->push(rtp, len); }

  // Adds the bin to `pipeline`, links it to a new request pad of `target`
  // (compositor or audiomixer) and starts it. Throws std::runtime_error.
  void attach(GstBin *pipeline, GstElement *target);
  // Stops the branch, releases the request pad and removes the bin.
  // Not from a streaming thread.
  void detach();
  // The compositor/audiomixer pad (for layout), or nullptr when detached.
  GstPad *target_pad() const { return target_pad_; }

 private:
  std::string id_;
  bool video_;
  std::unique_ptr<RtpInput> input_;
  std::unique_ptr<KeyframeGate> gate_;  // video only: before the decoder
  GstElement *bin_ = nullptr;           // owned reference
  GstBin *pipeline_ = nullptr;          // borrowed while attached
  GstElement *target_ = nullptr;        // borrowed while attached
  GstPad *target_pad_ = nullptr;        // owned request pad reference
};

}  // namespace meetgate::recording
