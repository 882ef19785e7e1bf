#include <meetgate/recording/composite_input.hpp>
#include <meetgate/recording/gst_ptr.hpp>
#include <stdexcept>
#include <vector>

namespace meetgate::recording {

CompositeInput::CompositeInput(std::string id, const RtpFormat &format, size_t max_queued_bytes,
                               std::function<void()> on_keyframe_needed)
    : id_(std::move(id)), video_(format.is_video()) {
  format.validate();
  input_ = std::make_unique<RtpInput>(format, max_queued_bytes, on_keyframe_needed);
  bin_ = GST_ELEMENT(gst_object_ref_sink(gst_bin_new(("input-" + id_).c_str())));
  GstElement *jitter = make_element("rtpjitterbuffer");
  g_object_set(jitter, "latency", 200u, "drop-on-latency", TRUE, "do-lost", TRUE, nullptr);
  GstElement *depay = make_element(format.depayloader());
  if (video_) g_object_set(depay, "wait-for-keyframe", TRUE, "request-keyframe", TRUE, nullptr);
  std::vector<GstElement *> chain = {input_->element(), jitter, depay};
  if (!format.parser().empty()) chain.push_back(make_element(format.parser()));
  if (video_) {
    gate_ = std::make_unique<KeyframeGate>(on_keyframe_needed);
    GstOwned<GstPad> encoded(gst_element_get_static_pad(chain.back(), "src"));
    gate_->install(encoded.get());
  }
  chain.push_back(make_element(format.decoder()));
  if (video_) {
    chain.push_back(make_element("videoconvert"));
  } else {
    chain.push_back(make_element("audioconvert"));
    chain.push_back(make_element("audioresample"));
  }
  for (GstElement *element : chain) gst_bin_add(GST_BIN(bin_), element);
  for (size_t i = 0; i + 1 < chain.size(); ++i)
    if (!gst_element_link(chain[i], chain[i + 1]))
      throw std::runtime_error("cannot link the composite input chain");
  GstOwned<GstPad> last(gst_element_get_static_pad(chain.back(), "src"));
  gst_element_add_pad(bin_, gst_ghost_pad_new("src", last.get()));
}

CompositeInput::~CompositeInput() {
  detach();
  gst_element_set_state(bin_, GST_STATE_NULL);
  gst_object_unref(bin_);
}

void CompositeInput::attach(GstBin *pipeline, GstElement *target) {
  if (pipeline_) throw std::runtime_error("input already attached");
  gst_bin_add(pipeline, bin_);
  pipeline_ = pipeline;
  target_ = target;
  target_pad_ = gst_element_request_pad_simple(target, "sink_%u");
  GstOwned<GstPad> src(gst_element_get_static_pad(bin_, "src"));
  if (!target_pad_ || gst_pad_link(src.get(), target_pad_) != GST_PAD_LINK_OK) {
    detach();
    throw std::runtime_error("cannot link input " + id_ + " to the mixer");
  }
  if (!gst_element_sync_state_with_parent(bin_)) {
    detach();
    throw std::runtime_error("cannot start input " + id_);
  }
}

void CompositeInput::detach() {
  if (!pipeline_) return;
  input_->end_of_stream();
  // NULL first: the branch's threads stop (their pushes return FLUSHING),
  // so unlinking cannot make a source post a not-linked error.
  gst_element_set_locked_state(bin_, TRUE);
  gst_element_set_state(bin_, GST_STATE_NULL);
  if (target_pad_) {
    GstOwned<GstPad> src(gst_element_get_static_pad(bin_, "src"));
    gst_pad_unlink(src.get(), target_pad_);
    gst_element_release_request_pad(target_, target_pad_);
    gst_object_unref(target_pad_);
    target_pad_ = nullptr;
  }
  gst_bin_remove(pipeline_, bin_);
  gst_element_set_locked_state(bin_, FALSE);
  pipeline_ = nullptr;
  target_ = nullptr;
}

}  // namespace meetgate::recording
