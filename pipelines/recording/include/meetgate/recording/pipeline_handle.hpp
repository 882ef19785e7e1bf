// A GStreamer pipeline owned by one recorder: builds nothing itself, but
// starts it, reports the first error through a callback (from the bus sync
// handler, so no GLib main loop is needed), and on stop waits for EOS with a
// deadline so the muxer can write its duration and cues before NULL.
#pragma once

#include <gst/gst.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

namespace meetgate::recording {

class PipelineHandle {
 public:
  using ErrorCallback = std::function<void(const std::string &message)>;

  PipelineHandle(const std::string &name, ErrorCallback on_error);
  // Sets the pipeline to NULL (without waiting for EOS) if still running.
  ~PipelineHandle();
  PipelineHandle(const PipelineHandle &) = delete;
  PipelineHandle &operator=(const PipelineHandle &) = delete;

  GstBin *bin() const { return GST_BIN(pipeline_); }
  GstElement *element() const { return pipeline_; }

  // PLAYING; throws std::runtime_error when a state change fails.
  void play();
  // Waits until EOS reached the sinks or `deadline` passed; returns true on
  // EOS. Then the pipeline goes to NULL (files are closed).
  bool finish(std::chrono::milliseconds deadline);
  bool failed() const { return failed_.load(); }
  std::string error() const;

 private:
  static GstBusSyncReply on_message(GstBus *bus, GstMessage *message, gpointer self);

  GstElement *pipeline_;
  ErrorCallback on_error_;
  std::atomic<bool> failed_{false};
  std::atomic<bool> eos_{false};
  mutable std::mutex mutex_;
  std::condition_variable done_;  // EOS or error
  std::string error_;
};

}  // namespace meetgate::recording
