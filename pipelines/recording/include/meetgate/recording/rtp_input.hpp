// The front of every recording branch: an appsrc that takes RTP packets from
// a media worker thread without ever blocking it. The queue inside appsrc is
// bounded by `max_queued_bytes`; when a slow pipeline (or disk) lets it fill,
// the packet is dropped, counted, and the next packet accepted is flagged
// DISCONT so the jitter buffer and depayloader treat it as a gap (the
// depayloader then waits for and asks for a keyframe).
#pragma once

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "rtp_format.hpp"

namespace meetgate::recording {

class RtpInput {
 public:
  // Called (on a GStreamer thread) when downstream asks for a keyframe.
  using KeyframeRequest = std::function<void()>;

  // Creates the appsrc (not yet in a bin: the caller adds element()).
  RtpInput(const RtpFormat &format, size_t max_queued_bytes, KeyframeRequest on_keyframe);
  ~RtpInput();
  RtpInput(const RtpInput &) = delete;
  RtpInput &operator=(const RtpInput &) = delete;

  GstElement *element() const { return appsrc_; }

  // Queue one RTP packet (copied). Never blocks; returns false when the
  // packet was dropped (queue full, stopped, or not RTP).
  bool push(const uint8_t *rtp, size_t len) noexcept;
  // No more packets: sends EOS down the branch. Later pushes are dropped.
  void end_of_stream() noexcept;

  uint64_t packets() const { return packets_.load(); }
  uint64_t dropped() const { return dropped_.load(); }
  uint64_t gaps() const { return gaps_.load(); }

 private:
  static GstPadProbeReturn on_upstream_event(GstPad *pad, GstPadProbeInfo *info, gpointer self);

  GstElement *appsrc_;  // a reference owned by this object
  size_t max_queued_bytes_;
  KeyframeRequest on_keyframe_;
  std::atomic<bool> ended_{false};
  std::atomic<bool> gap_pending_{false};
  std::atomic<uint64_t> packets_{0}, dropped_{0}, gaps_{0};
};

}  // namespace meetgate::recording
