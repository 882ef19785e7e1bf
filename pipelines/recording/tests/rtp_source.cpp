#include "rtp_source.hpp"

#include <gst/app/gstappsink.h>

#include <stdexcept>

namespace meetgate::recording::test {

RtpSource::RtpSource(const std::string &description, PacketFn on_packet)
    : on_packet_(std::move(on_packet)) {
  GError *error = nullptr;
  std::string text = description + " ! appsink name=out emit-signals=true sync=false";
  pipeline_ = gst_parse_launch(text.c_str(), &error);
  if (!pipeline_) {
    std::string message = error ? error->message : "parse error";
    g_clear_error(&error);
    throw std::runtime_error("cannot build source: " + message);
  }
  g_clear_error(&error);
  GstElement *sink = gst_bin_get_by_name(GST_BIN(pipeline_), "out");
  g_signal_connect(sink, "new-sample", G_CALLBACK(&RtpSource::on_sample), this);
  gst_object_unref(sink);
}

RtpSource::~RtpSource() {
  gst_element_set_state(pipeline_, GST_STATE_NULL);
  gst_object_unref(pipeline_);
}

void RtpSource::start() {
  if (gst_element_set_state(pipeline_, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    throw std::runtime_error("cannot start source");
}

GstFlowReturn RtpSource::on_sample(GstElement *sink, gpointer self) {
  auto *source = static_cast<RtpSource *>(self);
  GstSample *sample = gst_app_sink_pull_sample(GST_APP_SINK(sink));
  if (!sample) return GST_FLOW_EOS;
  GstMapInfo map;
  GstBuffer *buffer = gst_sample_get_buffer(sample);
  if (buffer && gst_buffer_map(buffer, &map, GST_MAP_READ)) {
    ++source->packets_;
    source->on_packet_(map.data, map.size);
    gst_buffer_unmap(buffer, &map);
  }
  gst_sample_unref(sample);
  return GST_FLOW_OK;
}

bool RtpSource::wait_eos(std::chrono::seconds deadline) {
  GstBus *bus = gst_element_get_bus(pipeline_);
  GstMessage *message = gst_bus_timed_pop_filtered(
      bus, std::chrono::duration_cast<std::chrono::nanoseconds>(deadline).count(),
      static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  bool eos = message && GST_MESSAGE_TYPE(message) == GST_MESSAGE_EOS;
  if (message) gst_message_unref(message);
  gst_object_unref(bus);
  return eos;
}

std::string RtpSource::video(const std::string &codec, int pattern, int seconds, int fps) {
  std::string source = "videotestsrc is-live=true pattern=" + std::to_string(pattern) +
                       " num-buffers=" + std::to_string(seconds * fps) +
                       " ! video/x-raw,width=320,height=240,framerate=" + std::to_string(fps) +
                       "/1 ! ";
  std::string key_interval = std::to_string(fps);
  if (codec == "H264")
    return source + "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=" + key_interval +
           " ! video/x-h264,profile=constrained-baseline" +
           " ! rtph264pay config-interval=-1 pt=102 mtu=1200";
  if (codec == "VP9")
    return source + "vp9enc deadline=1 cpu-used=8 keyframe-max-dist=" + key_interval +
           " ! rtpvp9pay pt=98 mtu=1200";
  return source + "vp8enc deadline=1 cpu-used=8 keyframe-max-dist=" + key_interval +
         " ! rtpvp8pay pt=96 mtu=1200";
}

std::string RtpSource::audio(int seconds, int frequency) {
  // 960 samples at 48 kHz = 20 ms per buffer, 50 per second.
  return "audiotestsrc is-live=true wave=sine volume=0.5 freq=" + std::to_string(frequency) +
         " samplesperbuffer=960 num-buffers=" + std::to_string(seconds * 50) +
         " ! audio/x-raw,rate=48000,channels=2 ! opusenc ! rtpopuspay pt=111";
}

}  // namespace meetgate::recording::test
