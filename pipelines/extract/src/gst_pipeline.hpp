// One running GStreamer pipeline with an appsrc named "src" (fed RTP packets)
// and an appsink named "sink" (samples handed to a callback). Owns the
// pipeline: the destructor stops it, and no callback runs after it returns.
// Errors on the bus are recorded (the first one is kept), never thrown from a
// streaming thread.
#pragma once

#include <gst/gst.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace meetgate::extract {

class GstPipelineRunner {
 public:
  // Runs on a streaming thread for each sample of the appsink (borrowed).
  using SampleFn = std::function<void(GstSample *sample)>;

  // `description` is a gst-launch line with elements "src" (appsrc) and
  // "sink" (appsink); `src_caps` the appsrc caps. Throws ExtractError.
  GstPipelineRunner(const std::string &description, const std::string &src_caps,
                    std::size_t max_src_buffers, SampleFn on_sample);
  ~GstPipelineRunner();
  GstPipelineRunner(const GstPipelineRunner &) = delete;
  GstPipelineRunner &operator=(const GstPipelineRunner &) = delete;

  // Copies the packet into the appsrc; never blocks (a full appsrc drops its
  // oldest buffer). False once the stream ended or failed.
  bool push(const uint8_t *data, std::size_t len);
  // Sends end-of-stream and waits for it (or an error) to reach the bus.
  bool finish(std::chrono::milliseconds timeout);
  std::string error() const;

 private:
  static GstFlowReturn on_new_sample(GstElement *sink, gpointer self);
  static GstBusSyncReply on_bus_message(GstBus *bus, GstMessage *message, gpointer self);

  GstElement *pipeline_ = nullptr;
  GstElement *src_ = nullptr;
  SampleFn on_sample_;
  mutable std::mutex mutex_;
  std::condition_variable done_changed_;
  bool eos_sent_ = false;
  bool done_ = false;  // EOS or error reached the bus
  std::string error_;
};

}  // namespace meetgate::extract
