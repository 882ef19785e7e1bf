#include <gst/video/video-event.h>

#include <meetgate/recording/gst_ptr.hpp>
#include <meetgate/recording/rtp_input.hpp>

namespace meetgate::recording {

RtpInput::RtpInput(const RtpFormat &format, size_t max_queued_bytes, KeyframeRequest on_keyframe)
    : appsrc_(GST_ELEMENT(gst_object_ref_sink(make_element("appsrc")))),
      max_queued_bytes_(max_queued_bytes),
      on_keyframe_(std::move(on_keyframe)) {
  GstCaps *caps = gst_caps_from_string(format.rtp_caps().c_str());
  // do-timestamp stamps each packet with the pipeline's running time when it
  // is pushed: the jitter buffer needs arrival times to de-jitter.
  g_object_set(appsrc_, "caps", caps, "is-live", TRUE, "format", GST_FORMAT_TIME, "do-timestamp",
               TRUE, "block", FALSE, "max-bytes", static_cast<guint64>(max_queued_bytes) * 2,
               nullptr);
  gst_caps_unref(caps);
  GstOwned<GstPad> pad(gst_element_get_static_pad(appsrc_, "src"));
  gst_pad_add_probe(pad.get(), GST_PAD_PROBE_TYPE_EVENT_UPSTREAM, &RtpInput::on_upstream_event,
                    this, nullptr);
}

RtpInput::~RtpInput() {
  gst_object_unref(appsrc_);
}

GstPadProbeReturn RtpInput::on_upstream_event(GstPad *, GstPadProbeInfo *info, gpointer self) {
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT(info);
  auto *input = static_cast<RtpInput *>(self);
  if (event && gst_video_event_is_force_key_unit(event) && input->on_keyframe_)
    input->on_keyframe_();
  return GST_PAD_PROBE_OK;
}

bool RtpInput::push(const uint8_t *rtp, size_t len) noexcept {
  if (ended_.load(std::memory_order_relaxed)) return false;
  // An RTP packet has a 12-byte header with version 2.
  if (!rtp || len < 12 || len > 65536 || (rtp[0] >> 6) != 2) return false;
  GstAppSrc *src = GST_APP_SRC(appsrc_);
  if (gst_app_src_get_current_level_bytes(src) + len > max_queued_bytes_) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    if (!gap_pending_.exchange(true)) gaps_.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  GstBuffer *buffer = gst_buffer_new_allocate(nullptr, len, nullptr);
  gst_buffer_fill(buffer, 0, rtp, len);
  if (gap_pending_.exchange(false)) GST_BUFFER_FLAG_SET(buffer, GST_BUFFER_FLAG_DISCONT);
  packets_.fetch_add(1, std::memory_order_relaxed);
  return gst_app_src_push_buffer(src, buffer) == GST_FLOW_OK;
}

void RtpInput::end_of_stream() noexcept {
  if (!ended_.exchange(true)) gst_app_src_end_of_stream(GST_APP_SRC(appsrc_));
}

}  // namespace meetgate::recording
