#include <chrono>
#include <meetgate/recording/keyframe_gate.hpp>

namespace meetgate::recording {

void KeyframeGate::install(GstPad *pad) {
  gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BUFFER, &KeyframeGate::on_buffer, this, nullptr);
}

GstPadProbeReturn KeyframeGate::on_buffer(GstPad *, GstPadProbeInfo *info, gpointer self) {
  auto *gate = static_cast<KeyframeGate *>(self);
  if (gate->opened_.load(std::memory_order_relaxed)) return GST_PAD_PROBE_OK;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  if (!GST_BUFFER_FLAG_IS_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT)) {
    gate->opened_.store(true);
    return GST_PAD_PROBE_OK;
  }
  int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now().time_since_epoch())
                    .count();
  int64_t last = gate->last_request_ns_.load();
  if ((last == 0 || now - last >= 500'000'000) &&
      gate->last_request_ns_.compare_exchange_strong(last, now) && gate->request_keyframe_)
    gate->request_keyframe_();
  return GST_PAD_PROBE_DROP;
}

}  // namespace meetgate::recording
