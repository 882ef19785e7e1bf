#include "meetgate/extract/video_extractor.hpp"

#include <gst/gst.h>

#include "gst_pipeline.hpp"
#include "rtp_codec.hpp"

namespace meetgate::extract {
namespace {

std::string video_description(const RtpCodecPipeline &codec, const VideoExtractorOptions &options) {
  std::string rate =
      std::to_string(options.fps_numerator) + "/" + std::to_string(options.fps_denominator);
  std::string size = options.width > 0 ? ",width=" + std::to_string(options.width) : "";
  std::string encode = options.format == FrameFormat::kJpeg
                           ? " ! jpegenc quality=" + std::to_string(options.jpeg_quality)
                           : "";
  // Why videorate first: only sampled frames are scaled and converted. A
  // paused or stalled track is not back-filled with duplicates (gaps > 2 s).
  return "appsrc name=src ! rtpjitterbuffer latency=" +
         std::to_string(options.jitter_latency.count()) + " ! " + codec.decode +
         " ! videorate max-duplication-time=2000000000 ! video/x-raw,framerate=" + rate +
         " ! videoscale ! videoconvert ! video/x-raw,format=I420,pixel-aspect-ratio=1/1" + size +
         " ! queue leaky=downstream max-size-buffers=2 max-size-bytes=0 max-size-time=0" + encode +
         " ! appsink name=sink";
}

bool frame_size(GstSample *sample, int &width, int &height) {
  GstCaps *caps = gst_sample_get_caps(sample);
  if (!caps || gst_caps_get_size(caps) == 0) return false;
  const GstStructure *structure = gst_caps_get_structure(caps, 0);
  return gst_structure_get_int(structure, "width", &width) &&
         gst_structure_get_int(structure, "height", &height);
}

}  // namespace

VideoExtractor::VideoExtractor(const RtpStreamInfo &stream, const VideoExtractorOptions &options,
                               FrameCallback on_frame)
    : format_(options.format), on_frame_(std::move(on_frame)) {
  if (stream.kind != MediaKind::kVideo) throw ExtractError("VideoExtractor needs a video stream");
  if (options.fps_numerator <= 0 || options.fps_denominator <= 0)
    throw ExtractError("frame rate must be positive");
  if (options.width < 0 || options.width > 8192) throw ExtractError("width must be 0..8192");
  RtpCodecPipeline codec = rtp_codec_pipeline(stream);
  runner_ = std::make_unique<GstPipelineRunner>(
      video_description(codec, options), codec.caps, options.max_queued_packets,
      [this](GstSample *sample) {
        int width = 0, height = 0;
        GstBuffer *buffer = gst_sample_get_buffer(sample);
        GstMapInfo map;
        if (!buffer || !frame_size(sample, width, height) ||
            !gst_buffer_map(buffer, &map, GST_MAP_READ))
          return;
        uint64_t pts_ms =
            GST_BUFFER_PTS_IS_VALID(buffer) ? GST_BUFFER_PTS(buffer) / GST_MSECOND : 0;
        this->on_frame(map.data, map.size, width, height, pts_ms);
        gst_buffer_unmap(buffer, &map);
      });
}

VideoExtractor::~VideoExtractor() {
  runner_.reset();
}

bool VideoExtractor::push_rtp(const uint8_t *data, std::size_t len) {
  if (!runner_->push(data, len)) return false;
  packets_pushed_.fetch_add(1);
  return true;
}

bool VideoExtractor::finish(std::chrono::milliseconds timeout) {
  return runner_->finish(timeout);
}

std::string VideoExtractor::error() const {
  return runner_->error();
}

void VideoExtractor::on_frame(const uint8_t *data, std::size_t len, int width, int height,
                              uint64_t pts_ms) {
  frames_out_.fetch_add(1);
  ExtractedFrame frame;
  frame.data.assign(reinterpret_cast<const char *>(data), len);
  frame.format = format_;
  frame.width = width;
  frame.height = height;
  frame.pts_ms = pts_ms;
  on_frame_(std::move(frame));
}

}  // namespace meetgate::extract
