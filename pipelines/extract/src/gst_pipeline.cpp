#include "gst_pipeline.hpp"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

#include "gst_runtime.hpp"
#include "meetgate/extract/rtp_stream.hpp"

namespace meetgate::extract {

GstPipelineRunner::GstPipelineRunner(const std::string &description, const std::string &src_caps,
                                     std::size_t max_src_buffers, SampleFn on_sample)
    : on_sample_(std::move(on_sample)) {
  ensure_gstreamer();
  GError *parse_error = nullptr;
  pipeline_ = gst_parse_launch(description.c_str(), &parse_error);
  if (parse_error) {
    std::string why = parse_error->message;
    g_error_free(parse_error);
    if (pipeline_) gst_object_unref(pipeline_);
    throw ExtractError("cannot build pipeline: " + why);
  }
  src_ = gst_bin_get_by_name(GST_BIN(pipeline_), "src");
  GstElement *sink = gst_bin_get_by_name(GST_BIN(pipeline_), "sink");
  if (!src_ || !sink) {
    if (sink) gst_object_unref(sink);
    if (src_) gst_object_unref(src_);
    gst_object_unref(pipeline_);
    throw ExtractError("pipeline lacks its appsrc 'src' or appsink 'sink'");
  }
  GstCaps *caps = gst_caps_from_string(src_caps.c_str());
  // Why these appsrc settings: live RTP stamped with its arrival time (the
  // jitter buffer needs it), and a bounded queue that drops its oldest
  // packet instead of blocking the core's media worker.
  g_object_set(src_, "caps", caps, "format", GST_FORMAT_TIME, "is-live", TRUE, "do-timestamp", TRUE,
               "block", FALSE, "max-buffers", static_cast<guint64>(max_src_buffers), "max-bytes",
               static_cast<guint64>(0), "leaky-type", 2 /* downstream */, nullptr);
  gst_caps_unref(caps);
  g_object_set(sink, "emit-signals", TRUE, "sync", FALSE, nullptr);
  g_signal_connect(sink, "new-sample", G_CALLBACK(&GstPipelineRunner::on_new_sample), this);
  gst_object_unref(sink);
  GstBus *bus = gst_element_get_bus(pipeline_);
  gst_bus_set_sync_handler(bus, &GstPipelineRunner::on_bus_message, this, nullptr);
  gst_object_unref(bus);
  if (gst_element_set_state(pipeline_, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    std::string why = error();
    gst_element_set_state(pipeline_, GST_STATE_NULL);
    gst_object_unref(src_);
    gst_object_unref(pipeline_);
    throw ExtractError("pipeline failed to start" + (why.empty() ? "" : ": " + why));
  }
}

GstPipelineRunner::~GstPipelineRunner() {
  // Joins the streaming threads: no sample callback after this.
  gst_element_set_state(pipeline_, GST_STATE_NULL);
  GstBus *bus = gst_element_get_bus(pipeline_);
  gst_bus_set_sync_handler(bus, nullptr, nullptr, nullptr);
  gst_object_unref(bus);
  gst_object_unref(src_);
  gst_object_unref(pipeline_);
}

bool GstPipelineRunner::push(const uint8_t *data, std::size_t len) {
  {
    std::lock_guard lock(mutex_);
    if (eos_sent_ || done_) return false;
  }
  if (!data || len == 0) return false;
  GstBuffer *buffer = gst_buffer_new_memdup(data, len);
  return gst_app_src_push_buffer(GST_APP_SRC(src_), buffer) == GST_FLOW_OK;
}

bool GstPipelineRunner::finish(std::chrono::milliseconds timeout) {
  {
    std::lock_guard lock(mutex_);
    if (!eos_sent_ && !done_) {
      eos_sent_ = true;
      gst_app_src_end_of_stream(GST_APP_SRC(src_));
    }
  }
  std::unique_lock lock(mutex_);
  return done_changed_.wait_for(lock, timeout, [this] { return done_; }) && error_.empty();
}

std::string GstPipelineRunner::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

GstFlowReturn GstPipelineRunner::on_new_sample(GstElement *sink, gpointer self) {
  GstSample *sample = gst_app_sink_pull_sample(GST_APP_SINK(sink));
  if (!sample) return GST_FLOW_EOS;
  static_cast<GstPipelineRunner *>(self)->on_sample_(sample);
  gst_sample_unref(sample);
  return GST_FLOW_OK;
}

GstBusSyncReply GstPipelineRunner::on_bus_message(GstBus *, GstMessage *message, gpointer self) {
  auto *runner = static_cast<GstPipelineRunner *>(self);
  if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
    GError *failure = nullptr;
    gchar *debug = nullptr;
    gst_message_parse_error(message, &failure, &debug);
    std::lock_guard lock(runner->mutex_);
    if (runner->error_.empty())
      runner->error_ = std::string(GST_OBJECT_NAME(GST_MESSAGE_SRC(message))) + ": " +
                       (failure ? failure->message : "error");
    runner->done_ = true;
    runner->done_changed_.notify_all();
    if (failure) g_error_free(failure);
    g_free(debug);
  } else if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_EOS) {
    std::lock_guard lock(runner->mutex_);
    runner->done_ = true;
    runner->done_changed_.notify_all();
  }
  return GST_BUS_DROP;
}

}  // namespace meetgate::extract
