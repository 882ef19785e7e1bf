#include "meetgate/extract/audio_extractor.hpp"

#include <gst/gst.h>

#include "gst_pipeline.hpp"
#include "rtp_codec.hpp"

namespace meetgate::extract {
namespace {

std::string audio_description(const RtpCodecPipeline &codec, const AudioExtractorOptions &options) {
  const uint64_t max_queue_ns = static_cast<uint64_t>(options.max_queued_pcm.count()) * 1000000ull;
  return "appsrc name=src ! rtpjitterbuffer latency=" +
         std::to_string(options.jitter_latency.count()) + " ! " + codec.decode +
         " ! audioconvert ! audioresample ! audio/x-raw,format=S16LE,rate=" +
         std::to_string(AudioExtractor::kSampleRate) +
         ",channels=1,layout=interleaved"
         " ! queue leaky=downstream max-size-buffers=0 max-size-bytes=0 max-size-time=" +
         std::to_string(max_queue_ns) + " ! appsink name=sink";
}

}  // namespace

AudioExtractor::AudioExtractor(const RtpStreamInfo &stream, const AudioExtractorOptions &options,
                               PcmCallback on_pcm)
    : chunk_bytes_(static_cast<std::size_t>(kSampleRate * 2 * options.chunk.count() / 1000)),
      on_pcm_(std::move(on_pcm)) {
  if (stream.kind != MediaKind::kAudio) throw ExtractError("AudioExtractor needs an audio stream");
  if (chunk_bytes_ < 2) throw ExtractError("chunk must be at least 1 ms");
  RtpCodecPipeline codec = rtp_codec_pipeline(stream);
  runner_ = std::make_unique<GstPipelineRunner>(
      audio_description(codec, options), codec.caps, options.max_queued_packets,
      [this](GstSample *sample) {
        GstBuffer *buffer = gst_sample_get_buffer(sample);
        GstMapInfo map;
        if (!buffer || !gst_buffer_map(buffer, &map, GST_MAP_READ)) return;
        on_samples(map.data, map.size);
        gst_buffer_unmap(buffer, &map);
      });
}

AudioExtractor::~AudioExtractor() {
  runner_.reset();
}

bool AudioExtractor::push_rtp(const uint8_t *data, std::size_t len) {
  if (!runner_->push(data, len)) return false;
  packets_pushed_.fetch_add(1);
  return true;
}

bool AudioExtractor::finish(std::chrono::milliseconds timeout) {
  bool drained = runner_->finish(timeout);
  flush_remainder();
  return drained;
}

std::string AudioExtractor::error() const {
  return runner_->error();
}

void AudioExtractor::on_samples(const uint8_t *data, std::size_t len) {
  samples_out_.fetch_add(len / 2);
  std::string ready;
  {
    std::lock_guard lock(pending_mutex_);
    pending_.append(reinterpret_cast<const char *>(data), len);
    if (pending_.size() < chunk_bytes_) return;
    ready = pending_.substr(0, chunk_bytes_);
    pending_.erase(0, chunk_bytes_);
  }
  on_pcm_(std::move(ready));
}

void AudioExtractor::flush_remainder() {
  std::string rest;
  {
    std::lock_guard lock(pending_mutex_);
    rest.swap(pending_);
  }
  rest.resize(rest.size() & ~static_cast<std::size_t>(1));  // whole samples only
  if (!rest.empty()) on_pcm_(std::move(rest));
}

}  // namespace meetgate::extract
