#include <filesystem>
#include <meetgate/recording/gst_ptr.hpp>
#include <meetgate/recording/track_recorder.hpp>
#include <stdexcept>
#include <vector>

namespace meetgate::recording {
namespace {

int64_t monotonic_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void link_chain(const std::vector<GstElement *> &chain) {
  for (size_t i = 0; i + 1 < chain.size(); ++i)
    if (!gst_element_link(chain[i], chain[i + 1]))
      throw std::runtime_error(std::string("cannot link ") + GST_ELEMENT_NAME(chain[i]) + " to " +
                               GST_ELEMENT_NAME(chain[i + 1]));
}

}  // namespace

TrackRecorder::TrackRecorder(TrackRecorderOptions options) : options_(std::move(options)) {
  options_.format.validate();
  if (options_.path.empty()) throw std::invalid_argument("no output path");
  pipeline_ = std::make_unique<PipelineHandle>("track-recorder", options_.on_error);
  input_ = std::make_unique<RtpInput>(options_.format, options_.max_queued_bytes,
                                      [this] { request_keyframe(); });
  build();
  pipeline_->play();
  if (options_.format.is_video()) request_keyframe();
}

TrackRecorder::~TrackRecorder() {
  stop(std::chrono::seconds(2));
}

void TrackRecorder::build() {
  const RtpFormat &format = options_.format;
  GstElement *jitter = make_element("rtpjitterbuffer");
  g_object_set(jitter, "latency", options_.jitter_latency_ms, "drop-on-latency", TRUE, "do-lost",
               TRUE, nullptr);
  GstElement *depay = make_element(format.depayloader());
  if (format.is_video())
    g_object_set(depay, "wait-for-keyframe", TRUE, "request-keyframe", TRUE, nullptr);
  std::vector<GstElement *> chain = {input_->element(), jitter, depay};
  if (!format.parser().empty()) {
    GstElement *parser = make_element(format.parser());
    if (format.is_h264()) g_object_set(parser, "config-interval", -1, nullptr);
    chain.push_back(parser);
  }
  if (!format.is_video()) {
    // rtpopusdepay leaves out the rate that webmmux requires; Opus always
    // runs its RTP clock at 48 kHz, so state it.
    GstElement *rate = make_element("capsfilter");
    GstCaps *caps =
        gst_caps_from_string(("audio/x-opus,rate=" + std::to_string(format.clock_rate)).c_str());
    g_object_set(rate, "caps", caps, nullptr);
    gst_caps_unref(caps);
    chain.push_back(rate);
  }
  GstElement *gate_from = chain.back();
  GstElement *mux = make_element(format.muxer());
  // Not streamable: on a normal stop the muxer seeks back to write duration
  // and cues; after a crash the clusters already on disk still demux.
  g_object_set(mux, "streamable", FALSE, nullptr);
  GstElement *queue = make_element("queue");
  g_object_set(queue, "max-size-buffers", 0u, "max-size-time", static_cast<guint64>(0),
               "max-size-bytes", 16u * 1024 * 1024, nullptr);
  GstElement *sink = make_element("filesink");
  g_object_set(sink, "location", options_.path.c_str(), "buffer-mode", 2 /* unbuffered */, "async",
               FALSE, "sync", FALSE, nullptr);
  chain.insert(chain.end(), {mux, queue, sink});
  for (GstElement *element : chain) gst_bin_add(pipeline_->bin(), element);
  // appsrc is added to the bin but stays referenced by RtpInput as well.
  link_chain(chain);
  GstOwned<GstPad> gate_pad(gst_element_get_static_pad(gate_from, "src"));
  gst_pad_add_probe(gate_pad.get(), GST_PAD_PROBE_TYPE_BUFFER, &TrackRecorder::on_frame, this,
                    nullptr);
}

GstPadProbeReturn TrackRecorder::on_frame(GstPad *, GstPadProbeInfo *info, gpointer self) {
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  GstPadProbeReturn result = static_cast<TrackRecorder *>(self)->gate(&buffer);
  if (result == GST_PAD_PROBE_OK) info->data = buffer;
  return result;
}

GstPadProbeReturn TrackRecorder::gate(GstBuffer **buffer) {
  if (!keyframe_seen_.load()) {
    if (options_.format.is_video() && GST_BUFFER_FLAG_IS_SET(*buffer, GST_BUFFER_FLAG_DELTA_UNIT)) {
      request_keyframe();
      return GST_PAD_PROBE_DROP;
    }
    keyframe_seen_.store(true);
  }
  GstClockTime pts = GST_BUFFER_PTS(*buffer);
  if (!GST_CLOCK_TIME_IS_VALID(pts)) pts = GST_BUFFER_DTS(*buffer);
  if (!GST_CLOCK_TIME_IS_VALID(first_pts_) && GST_CLOCK_TIME_IS_VALID(pts)) first_pts_ = pts;
  // Rebase so the file starts at 0 whatever the pipeline's running time was
  // when the first keyframe arrived.
  if (GST_CLOCK_TIME_IS_VALID(first_pts_)) {
    *buffer = gst_buffer_make_writable(*buffer);
    auto rebase = [this](GstClockTime t) {
      return GST_CLOCK_TIME_IS_VALID(t) ? (t > first_pts_ ? t - first_pts_ : 0) : t;
    };
    GST_BUFFER_PTS(*buffer) = rebase(GST_BUFFER_PTS(*buffer));
    GST_BUFFER_DTS(*buffer) = rebase(GST_BUFFER_DTS(*buffer));
    GstClockTime end = GST_BUFFER_PTS(*buffer);
    if (GST_CLOCK_TIME_IS_VALID(end)) {
      if (GST_BUFFER_DURATION_IS_VALID(*buffer)) end += GST_BUFFER_DURATION(*buffer);
      if (end > end_ns_.load()) end_ns_.store(end);
    }
  }
  frames_.fetch_add(1);
  return GST_PAD_PROBE_OK;
}

void TrackRecorder::request_keyframe() {
  if (!options_.on_keyframe_needed) return;
  // At most one request every 500 ms: the depayloader asks on every loss.
  int64_t now = monotonic_ns(), last = last_keyframe_request_ns_.load();
  if (last != 0 && now - last < 500'000'000) return;
  if (last_keyframe_request_ns_.compare_exchange_strong(last, now)) options_.on_keyframe_needed();
}

TrackStats TrackRecorder::stats() const {
  TrackStats stats;
  stats.packets = input_->packets();
  stats.dropped = input_->dropped();
  stats.gaps = input_->gaps();
  stats.frames = frames_.load();
  stats.duration_ns = end_ns_.load();
  std::error_code ignored;
  auto size = std::filesystem::file_size(options_.path, ignored);
  stats.bytes = ignored ? 0 : size;
  stats.finalized = finalized_;
  stats.failed = pipeline_->failed();
  stats.error = pipeline_->error();
  return stats;
}

TrackStats TrackRecorder::stop(std::chrono::milliseconds deadline) {
  if (!stopped_) {
    stopped_ = true;
    input_->end_of_stream();
    finalized_ = pipeline_->finish(deadline);
  }
  return stats();
}

}  // namespace meetgate::recording
