#include <algorithm>
#include <filesystem>
#include <meetgate/recording/composite_recorder.hpp>
#include <meetgate/recording/grid_layout.hpp>
#include <meetgate/recording/gst_ptr.hpp>
#include <stdexcept>

namespace meetgate::recording {
namespace {

void add_and_link(GstBin *bin, const std::vector<GstElement *> &chain) {
  // The muxer closes two chains: add only what is not in the bin yet.
  for (GstElement *element : chain)
    if (!GST_OBJECT_PARENT(element)) gst_bin_add(bin, element);
  for (size_t i = 0; i + 1 < chain.size(); ++i)
    if (!gst_element_link(chain[i], chain[i + 1]))
      throw std::runtime_error(std::string("cannot link ") + GST_ELEMENT_NAME(chain[i]) + " to " +
                               GST_ELEMENT_NAME(chain[i + 1]));
}

GstElement *caps_filter(const std::string &caps_text) {
  GstElement *filter = make_element("capsfilter");
  GstCaps *caps = gst_caps_from_string(caps_text.c_str());
  g_object_set(filter, "caps", caps, nullptr);
  gst_caps_unref(caps);
  return filter;
}

GstElement *queue_of(guint bytes) {
  GstElement *queue = make_element("queue");
  g_object_set(queue, "max-size-buffers", 0u, "max-size-time", static_cast<guint64>(0),
               "max-size-bytes", bytes, nullptr);
  return queue;
}

}  // namespace

CompositeRecorder::CompositeRecorder(CompositeRecorderOptions options)
    : options_(std::move(options)) {
  if (options_.path.empty()) throw std::invalid_argument("no output path");
  if (options_.width < 16 || options_.height < 16 || options_.fps < 1)
    throw std::invalid_argument("bad composite canvas");
  pipeline_ = std::make_unique<PipelineHandle>("composite-recorder", options_.on_error);
  build();
  pipeline_->play();
}

CompositeRecorder::~CompositeRecorder() {
  stop(std::chrono::seconds(2));
}

void CompositeRecorder::build() {
  GstBin *bin = pipeline_->bin();
  std::string raw_video = "video/x-raw,width=" + std::to_string(options_.width) +
                          ",height=" + std::to_string(options_.height) +
                          ",framerate=" + std::to_string(options_.fps) + "/1";
  GstElement *background = make_element("videotestsrc");
  g_object_set(background, "is-live", TRUE, "pattern", 2 /* black */, nullptr);
  compositor_ = make_element("compositor");
  // Inputs arrive through a 200 ms jitter buffer: let them be late that much.
  g_object_set(compositor_, "latency", static_cast<guint64>(300 * GST_MSECOND), nullptr);
  GstElement *encoder = make_element("vp8enc");
  g_object_set(encoder, "deadline", static_cast<gint64>(1), "cpu-used", 8, "target-bitrate",
               options_.video_bitrate, "keyframe-max-dist", options_.fps * 2, nullptr);
  GstElement *mux = make_element("webmmux");
  g_object_set(mux, "streamable", FALSE, nullptr);
  add_and_link(bin, {background, caps_filter(raw_video), compositor_, caps_filter(raw_video),
                     make_element("videoconvert"), encoder, queue_of(8u << 20), mux});
  GstElement *silence = make_element("audiotestsrc");
  g_object_set(silence, "is-live", TRUE, "wave", 4 /* silence */, nullptr);
  mixer_ = make_element("audiomixer");
  g_object_set(mixer_, "latency", static_cast<guint64>(300 * GST_MSECOND), nullptr);
  std::string raw_audio = "audio/x-raw,rate=48000,channels=2";
  add_and_link(bin,
               {silence, caps_filter(raw_audio), mixer_, caps_filter(raw_audio),
                make_element("audioconvert"), make_element("opusenc"), queue_of(1u << 20), mux});
  GstElement *sink = make_element("filesink");
  g_object_set(sink, "location", options_.path.c_str(), "buffer-mode", 2, "async", FALSE, "sync",
               FALSE, nullptr);
  add_and_link(bin, {mux, queue_of(16u << 20), sink});
  GstOwned<GstPad> encoded(gst_element_get_static_pad(encoder, "src"));
  gst_pad_add_probe(encoded.get(), GST_PAD_PROBE_TYPE_BUFFER, &CompositeRecorder::on_encoded, this,
                    nullptr);
}

GstPadProbeReturn CompositeRecorder::on_encoded(GstPad *, GstPadProbeInfo *info, gpointer self) {
  auto *recorder = static_cast<CompositeRecorder *>(self);
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  GstClockTime end = GST_BUFFER_PTS(buffer);
  if (GST_CLOCK_TIME_IS_VALID(end)) {
    if (GST_BUFFER_DURATION_IS_VALID(buffer)) end += GST_BUFFER_DURATION(buffer);
    if (end > recorder->end_ns_.load()) recorder->end_ns_.store(end);
  }
  recorder->frames_.fetch_add(1);
  return GST_PAD_PROBE_OK;
}

std::shared_ptr<CompositeInput> CompositeRecorder::add_input(const std::string &id,
                                                             const RtpFormat &format) {
  std::lock_guard lock(mutex_);
  if (stopped_) throw std::invalid_argument("recording stopped");
  for (const auto &input : inputs_)
    if (input->id() == id) throw std::invalid_argument("input '" + id + "' already present");
  auto keyframe = [this, id] {
    if (options_.on_keyframe_needed) options_.on_keyframe_needed(id);
  };
  auto input = std::make_shared<CompositeInput>(id, format, options_.max_queued_bytes, keyframe);
  input->attach(pipeline_->bin(), input->is_video() ? compositor_ : mixer_);
  inputs_.push_back(input);
  if (input->is_video()) relayout();
  return input;
}

void CompositeRecorder::remove_input(const std::string &id) {
  std::lock_guard lock(mutex_);
  auto found = std::find_if(inputs_.begin(), inputs_.end(),
                            [&](const auto &input) { return input->id() == id; });
  if (found == inputs_.end()) return;
  std::shared_ptr<CompositeInput> input = *found;
  inputs_.erase(found);
  input->detach();
  if (input->is_video()) relayout();
}

size_t CompositeRecorder::video_inputs() const {
  std::lock_guard lock(mutex_);
  return std::count_if(inputs_.begin(), inputs_.end(),
                       [](const auto &input) { return input->is_video(); });
}

void CompositeRecorder::relayout() {
  std::vector<GstPad *> pads;
  for (const auto &input : inputs_)
    if (input->is_video() && input->target_pad()) pads.push_back(input->target_pad());
  std::vector<Tile> tiles = grid_layout(pads.size(), options_.width, options_.height);
  // The compositor reads pad properties under its object lock for each
  // output frame, so the new grid applies from the next frame on.
  for (size_t i = 0; i < pads.size(); ++i)
    g_object_set(pads[i], "xpos", tiles[i].x, "ypos", tiles[i].y, "width", tiles[i].width, "height",
                 tiles[i].height, "zorder", 1u, nullptr);
}

TrackStats CompositeRecorder::stats() const {
  TrackStats stats;
  {
    std::lock_guard lock(mutex_);
    stats.finalized = finalized_;
  }
  stats.frames = frames_.load();
  stats.duration_ns = end_ns_.load();
  std::error_code ignored;
  auto size = std::filesystem::file_size(options_.path, ignored);
  stats.bytes = ignored ? 0 : size;
  stats.failed = pipeline_->failed();
  stats.error = pipeline_->error();
  return stats;
}

TrackStats CompositeRecorder::stop(std::chrono::milliseconds deadline) {
  bool already_stopped;
  {
    std::lock_guard lock(mutex_);
    already_stopped = stopped_;
    stopped_ = true;
  }
  if (already_stopped) return stats();
  // EOS into every source (background, silence and each input's appsrc).
  gst_element_send_event(pipeline_->element(), gst_event_new_eos());
  bool finalized = pipeline_->finish(deadline);
  {
    std::lock_guard lock(mutex_);
    finalized_ = finalized;
    inputs_.clear();
  }
  return stats();
}

}  // namespace meetgate::recording
