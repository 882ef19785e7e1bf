#include "live_stream.hpp"

#include <set>

namespace meetgate::ai {

using infer::json_take;
using infer::JsonPtr;

namespace {

// The sink holders the core still owns. Why: when consumer_create fails the
// core may or may not already have called sink_closed (it does when the
// failure comes after it built the sink), so the holder is released by
// whichever side takes it out of this set first, never twice.
constexpr std::size_t kMaxEarlyPackets = 1000;

std::mutex g_holders_mutex;
std::set<void *> g_holders;

std::shared_ptr<LiveStream> take_holder(void *opaque) {
  {
    std::lock_guard lock(g_holders_mutex);
    if (g_holders.erase(opaque) == 0) return nullptr;
  }
  auto *holder = static_cast<std::shared_ptr<LiveStream> *>(opaque);
  std::shared_ptr<LiveStream> stream = std::move(*holder);
  delete holder;
  return stream;
}

}  // namespace

LiveStream::LiveStream(const LiveStreamContext &context, ProducerInfo producer)
    : context_(context), producer_(std::move(producer)) {}

LiveStream::~LiveStream() {
  // The pipelines join their threads here. Never reached on a GStreamer or
  // socket thread (release_off_thread); their callbacks hold only weak
  // references, which fail from now on.
  audio_.reset();
  video_.reset();
}

bool LiveStream::attach() {
  mg_consumer_target target{};
  target.type = MG_CONSUMER_SINK;
  target.sink_packet = &LiveStream::on_sink_packet;
  target.sink_closed = &LiveStream::on_sink_closed;
  auto *holder = new std::shared_ptr<LiveStream>(shared_from_this());
  target.sink_opaque = holder;
  {
    std::lock_guard lock(g_holders_mutex);
    g_holders.insert(holder);
  }
  json_t *error = nullptr;
  consumer_ = context_.core->consumer_create(producer_.producer_id, &target, nullptr, &error);
  JsonPtr why = json_take(error);
  if (consumer_ == 0) {
    take_holder(holder);  // unless the core already released it
    context_.reporter.log(
        MG_LOG_WARN, "live analysis cannot consume producer " +
                         std::to_string(producer_.producer_id) + ": " +
                         (json_is_string(why.get()) ? json_string_value(why.get()) : "refused"));
    return false;
  }
  return true;
}

void LiveStream::detach() {
  if (consumer_) context_.core->consumer_close(consumer_);
  consumer_ = 0;
  std::shared_ptr<ModelSession> asr, video_quality;
  {
    std::lock_guard lock(mutex_);
    asr.swap(asr_);
    video_quality.swap(video_quality_);
  }
  if (asr) asr->close();
  if (video_quality) video_quality->close();
}

JsonPtr LiveStream::status() const {
  return json_take(
      json_pack("{s:I,s:I,s:s,s:I,s:I,s:I,s:I}", "producer_id", json_int_t(producer_.producer_id),
                "user_id", json_int_t(producer_.user_id), "kind", producer_.kind.c_str(), "packets",
                json_int_t(packets_.load()), "submitted", json_int_t(submitted_.load()), "skipped",
                json_int_t(skipped_.load()), "results", json_int_t(results_.load())));
}

void LiveStream::on_sink_packet(void *opaque, const mg_sink_info *info, const uint8_t *rtp,
                                std::size_t len) {
  (*static_cast<std::shared_ptr<LiveStream> *>(opaque))->push(info, rtp, len);
}

void LiveStream::on_sink_closed(void *opaque) {
  std::shared_ptr<LiveStream> stream = take_holder(opaque);
  if (!stream) return;
  // Tearing a pipeline down joins threads: not on a media worker.
  WorkerPool &workers = stream->context_.workers;
  workers.post([stream = std::move(stream)]() mutable { stream.reset(); });
}

void LiveStream::push(const mg_sink_info *info, const uint8_t *rtp, std::size_t len) {
  packets_.fetch_add(1);
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // the pipeline is being built or torn down: skip
  if (pipeline_state_ == PipelineState::kRunning) {
    if (audio_) audio_->push_rtp(rtp, len);
    if (video_) video_->push_rtp(rtp, len);
    return;
  }
  if (pipeline_state_ == PipelineState::kBuilding) {
    if (early_packets_.size() < kMaxEarlyPackets)
      early_packets_.emplace_back(reinterpret_cast<const char *>(rtp), len);
    return;
  }
  if (pipeline_state_ != PipelineState::kNone || !info) return;
  pipeline_state_ = PipelineState::kBuilding;
  early_packets_.emplace_back(reinterpret_cast<const char *>(rtp), len);
  extract::RtpStreamInfo stream{
      info->kind == MG_MEDIA_AUDIO ? extract::MediaKind::kAudio : extract::MediaKind::kVideo,
      info->codec ? info->codec : "", info->clock_rate, info->payload_type, info->channels};
  std::weak_ptr<LiveStream> weak = weak_from_this();
  context_.workers.post([weak, stream] {
    if (auto self = weak.lock()) self->build_pipeline(stream);
  });
}

void LiveStream::build_pipeline(extract::RtpStreamInfo stream) {
  std::weak_ptr<LiveStream> weak = weak_from_this();
  try {
    std::unique_ptr<extract::AudioExtractor> audio;
    std::unique_ptr<extract::VideoExtractor> video;
    std::shared_ptr<ModelSession> asr, video_quality;
    const AiConfig &config = context_.config;
    if (stream.kind == extract::MediaKind::kAudio) {
      extract::AudioExtractorOptions options;
      options.chunk = std::chrono::milliseconds(config.live_audio_chunk_ms);
      asr = std::make_shared<ModelSession>(context_.client, config.asr_model,
                                           json_take(json_pack("{s:b}", "partials", 1)));
      audio = std::make_unique<extract::AudioExtractor>(stream, options, [weak](std::string pcm) {
        if (auto self = weak.lock()) {
          self->on_pcm(std::move(pcm));
          release_off_thread(std::move(self));
        }
      });
    } else {
      extract::VideoExtractorOptions options;
      options.fps_numerator = config.live_frame_rate;
      options.width = config.live_frame_width;
      video_quality = std::make_shared<ModelSession>(context_.client, config.video_quality_model,
                                                     json_take(json_object()));
      video = std::make_unique<extract::VideoExtractor>(stream, options,
                                                        [weak](extract::ExtractedFrame frame) {
                                                          if (auto self = weak.lock()) {
                                                            self->on_frame(std::move(frame));
                                                            release_off_thread(std::move(self));
                                                          }
                                                        });
    }
    std::lock_guard lock(mutex_);
    audio_ = std::move(audio);
    video_ = std::move(video);
    asr_ = std::move(asr);
    video_quality_ = std::move(video_quality);
    pipeline_state_ = PipelineState::kRunning;
    for (const std::string &packet : early_packets_) {
      const auto *bytes = reinterpret_cast<const uint8_t *>(packet.data());
      if (audio_) audio_->push_rtp(bytes, packet.size());
      if (video_) video_->push_rtp(bytes, packet.size());
    }
    early_packets_.clear();
    early_packets_.shrink_to_fit();
  } catch (const std::exception &error) {
    std::lock_guard lock(mutex_);
    pipeline_state_ = PipelineState::kFailed;
    early_packets_.clear();
    context_.reporter.log(MG_LOG_WARN, "live analysis of producer " +
                                           std::to_string(producer_.producer_id) + " (" +
                                           stream.codec + "): " + error.what());
  }
}

void LiveStream::release_off_thread(std::shared_ptr<LiveStream> &&self) {
  // The last reference must not die on a GStreamer or socket thread (the
  // destructor joins the pipeline's threads): hand it to a worker.
  if (self.use_count() == 1) {
    WorkerPool &workers = self->context_.workers;
    workers.post([last = std::move(self)]() mutable { last.reset(); });
  }
  self.reset();
}

bool LiveStream::take_slot() {
  std::size_t now = in_flight_.load();
  while (now < context_.config.live_max_in_flight)
    if (in_flight_.compare_exchange_weak(now, now + 1)) return true;
  skipped_.fetch_add(1);
  return false;
}

infer::InferCallback LiveStream::release_slot_then(infer::InferCallback next) {
  std::weak_ptr<LiveStream> weak = weak_from_this();
  return [weak, next = std::move(next)](infer::InferEvent &&event) {
    auto self = weak.lock();
    if (!self) return;
    if (event.final) self->in_flight_.fetch_sub(1);
    if (!event.error) self->results_.fetch_add(1);
    next(std::move(event));
    release_off_thread(std::move(self));
  };
}

}  // namespace meetgate::ai
