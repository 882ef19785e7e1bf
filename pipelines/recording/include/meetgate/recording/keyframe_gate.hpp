// Drops encoded video on a pad until the first keyframe (a consumer may
// start in the middle of a group of pictures), asking for one meanwhile at
// most every 500 ms. Used in front of the composite's decoders.
#pragma once

#include <gst/gst.h>

#include <atomic>
#include <cstdint>
#include <functional>

namespace meetgate::recording {

class KeyframeGate {
 public:
  explicit KeyframeGate(std::function<void()> request_keyframe)
      : request_keyframe_(std::move(request_keyframe)) {}
  KeyframeGate(const KeyframeGate &) = delete;
  KeyframeGate &operator=(const KeyframeGate &) = delete;

  // Adds the probe to `pad`; the gate must outlive the pad's streaming.
  void install(GstPad *pad);
  bool opened() const { return opened_.load(); }

 private:
  static GstPadProbeReturn on_buffer(GstPad *pad, GstPadProbeInfo *info, gpointer self);

  std::function<void()> request_keyframe_;
  std::atomic<bool> opened_{false};
  std::atomic<int64_t> last_request_ns_{0};
};

}  // namespace meetgate::recording
