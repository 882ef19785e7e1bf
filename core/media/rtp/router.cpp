#include "router.hpp"

#include <chrono>
#include <random>

#include "active_speaker_detector.hpp"
#include "consumer.hpp"
#include "producer.hpp"

namespace meetgate::media::rtp {
namespace {
constexpr uint64_t kNtpUnixEpochOffsetSeconds = 2'208'988'800;  // 1900 -> 1970

uint64_t compute_ntp_offset_us() {
  using namespace std::chrono;
  const auto system_us =
      duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  const auto steady_us =
      duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
  return static_cast<uint64_t>(system_us - steady_us) + kNtpUnixEpochOffsetSeconds * 1'000'000;
}

uint32_t random_ssrc() {
  static thread_local std::mt19937 generator{std::random_device{}()};
  uint32_t ssrc = 0;
  while (ssrc == 0) ssrc = generator();
  return ssrc;
}
}  // namespace

uint64_t Router::now_us() {
  using namespace std::chrono;
  return static_cast<uint64_t>(
      duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count());
}

Router::Router(RouterConfig config, RouterListener *listener)
    : config_(config), listener_(listener), ntp_offset_us_(compute_ntp_offset_us()) {}

Router::~Router() {
  std::unordered_map<ConsumerId, std::shared_ptr<Consumer>> consumers;
  {
    std::unique_lock lock(mutex_);
    consumers.swap(consumers_);
    producers_.clear();
  }
  for (auto &[id, consumer] : consumers) close_consumer(consumer, "router-closed", false);
}

std::shared_ptr<Producer> Router::find_producer(ProducerId id) const {
  std::shared_lock lock(mutex_);
  const auto it = producers_.find(id);
  return it == producers_.end() ? nullptr : it->second;
}

std::shared_ptr<Consumer> Router::find_consumer(ConsumerId id) const {
  std::shared_lock lock(mutex_);
  const auto it = consumers_.find(id);
  return it == consumers_.end() ? nullptr : it->second;
}

ProducerId Router::add_producer(const ProducerOptions &options, std::string &error) {
  error = Producer::validate(options);
  if (!error.empty()) return 0;
  std::unique_lock lock(mutex_);
  const ProducerId id = next_producer_id_++;
  producers_.emplace(id, std::make_shared<Producer>(id, options, config_));
  return id;
}

bool Router::remove_producer(ProducerId id) {
  std::shared_ptr<Producer> producer;
  {
    std::unique_lock lock(mutex_);
    const auto it = producers_.find(id);
    if (it == producers_.end()) return false;
    producer = std::move(it->second);
    producers_.erase(it);
    // add_consumer checks the producer under this lock, so every consumer
    // it added is in the producer's list taken below.
    const auto listed = producer->consumers();
    for (const auto &consumer : *listed) consumers_.erase(consumer->id());
  }
  const auto taken = producer->take_consumers();
  for (const auto &consumer : *taken) close_consumer(consumer, "producer-closed", true);
  {
    std::lock_guard tick_lock(tick_mutex_);
    const uint64_t group = producer->options().speaker_group;
    if (auto it = speakers_.find(group); it != speakers_.end()) it->second->remove(id);
  }
  if (listener_) listener_->on_producer_closed(id);
  return true;
}

bool Router::pause_producer(ProducerId id, bool paused) {
  const auto producer = find_producer(id);
  if (!producer) return false;
  producer->set_paused(paused);
  if (!paused) producer->request_keyframe(-1, clock_now());
  return true;
}

ConsumerId Router::add_consumer(ProducerId producer_id, const ConsumerOptions &options,
                                std::string &error) {
  if (!options.sink) {
    error = "a consumer needs a sink";
    return 0;
  }
  if (options.payload_type > 127) {
    error = "payload_type must be 0..127";
    return 0;
  }
  std::shared_ptr<Producer> producer;
  ConsumerId id = 0;
  {
    std::unique_lock lock(mutex_);
    const auto it = producers_.find(producer_id);
    if (it == producers_.end()) {
      error = "unknown producer";
      return 0;
    }
    producer = it->second;
    id = next_consumer_id_++;
    const uint32_t ssrc = options.ssrc ? options.ssrc : random_ssrc();
    auto consumer = std::make_shared<Consumer>(id, producer_id, producer->options(), options, ssrc,
                                               config_, ntp_offset_us_);
    consumers_.emplace(id, consumer);
    producer->add_consumer(consumer);
  }
  // A new video consumer needs a keyframe to start decoding.
  if (producer->is_video() && !options.paused) producer->request_keyframe(-1, clock_now());
  return id;
}

void Router::close_consumer(const std::shared_ptr<Consumer> &consumer, std::string_view reason,
                            bool report) {
  if (!consumer->close()) return;
  retired_forwarded_.fetch_add(consumer->forwarded(), std::memory_order_relaxed);
  consumer->sink()->on_closed();
  if (report && listener_) listener_->on_consumer_closed(consumer->id(), reason);
}

bool Router::remove_consumer(ConsumerId id, std::string_view reason) {
  std::shared_ptr<Consumer> consumer;
  {
    std::unique_lock lock(mutex_);
    const auto it = consumers_.find(id);
    if (it == consumers_.end()) return false;
    consumer = std::move(it->second);
    consumers_.erase(it);
    if (auto p = producers_.find(consumer->producer_id()); p != producers_.end())
      p->second->remove_consumer(consumer.get());
  }
  close_consumer(consumer, reason, true);
  return true;
}

bool Router::pause_consumer(ConsumerId id, bool paused) {
  const auto consumer = find_consumer(id);
  if (!consumer) return false;
  consumer->set_paused(paused);
  if (!paused) {
    if (const auto producer = find_producer(consumer->producer_id()))
      producer->request_keyframe(consumer->current_layer(), clock_now());
  }
  return true;
}

bool Router::set_layers(ConsumerId id, int spatial, int temporal) {
  const auto consumer = find_consumer(id);
  if (!consumer) return false;
  consumer->set_layers(spatial, temporal);
  return true;
}

bool Router::producer_stats(ProducerId id, ProducerStats &out) const {
  const auto producer = find_producer(id);
  if (!producer) return false;
  producer->stats(now_us(), out);
  return true;
}

bool Router::consumer_stats(ConsumerId id, ConsumerStats &out) const {
  const auto consumer = find_consumer(id);
  if (!consumer) return false;
  consumer->stats(now_us(), out);
  return true;
}

bool Router::consumer_ssrc(ConsumerId id, uint32_t &ssrc, uint8_t &payload_type) const {
  const auto consumer = find_consumer(id);
  if (!consumer) return false;
  ssrc = consumer->ssrc();
  payload_type = consumer->payload_type();
  return true;
}

ProducerId Router::consumer_producer(ConsumerId id) const {
  const auto consumer = find_consumer(id);
  return consumer ? consumer->producer_id() : 0;
}

size_t Router::producer_count() const {
  std::shared_lock lock(mutex_);
  return producers_.size();
}

size_t Router::consumer_count() const {
  std::shared_lock lock(mutex_);
  return consumers_.size();
}

uint64_t Router::forwarded_packets() const {
  std::shared_lock lock(mutex_);
  uint64_t total = retired_forwarded_.load(std::memory_order_relaxed);
  for (const auto &[id, consumer] : consumers_) total += consumer->forwarded();
  return total;
}

bool Router::request_keyframe(ProducerId id, uint64_t now) {
  const auto producer = find_producer(id);
  if (!producer || !producer->is_video()) return false;
  producer->request_keyframe(-1, now);
  return true;
}

bool Router::on_producer_rtp(ProducerId id, std::span<const uint8_t> packet, uint64_t arrival_us) {
  const auto producer = find_producer(id);
  if (!producer) return false;
  const auto in = producer->ingest(packet, arrival_us);
  if (!in) return false;
  const auto consumers = producer->consumers();
  const bool paused = producer->paused();
  uint32_t keyframe_layers = 0;
  for (const auto &consumer : *consumers) {
    int layer = -1;
    if (consumer->forward(*in, paused, layer) == Consumer::Verdict::kNeedKeyframe && layer >= 0)
      keyframe_layers |= 1u << layer;
  }
  for (int layer = 0; keyframe_layers != 0; ++layer, keyframe_layers >>= 1)
    if (keyframe_layers & 1u) producer->request_keyframe(layer, arrival_us);
  return true;
}

bool Router::on_producer_rtcp(ProducerId id, std::span<const uint8_t> packet, uint64_t now) {
  const auto producer = find_producer(id);
  if (!producer) return false;
  producer->on_rtcp(packet, now);
  return true;
}

bool Router::on_consumer_rtcp(ConsumerId id, std::span<const uint8_t> packet, uint64_t now) {
  const auto consumer = find_consumer(id);
  if (!consumer) return false;
  if (consumer->on_rtcp(packet, now)) {
    if (const auto producer = find_producer(consumer->producer_id()))
      producer->request_keyframe(consumer->current_layer(), now);
  }
  return true;
}

void Router::tick(uint64_t now) {
  std::vector<AudioLevelEvent> levels;
  std::vector<std::pair<uint64_t, ProducerId>> speakers;
  {
    std::lock_guard tick_lock(tick_mutex_);
    tick_producers_.clear();
    tick_consumers_.clear();
    {
      std::shared_lock lock(mutex_);
      for (const auto &[id, producer] : producers_) tick_producers_.push_back(producer);
      for (const auto &[id, consumer] : consumers_) tick_consumers_.push_back(consumer);
    }
    const bool report_due = now - last_report_us_ >= config_.receiver_report_interval_us;
    const bool nack_due = now - last_nack_us_ >= config_.nack_interval_us;
    if (report_due) last_report_us_ = now;
    if (nack_due) last_nack_us_ = now;
    if (report_due || nack_due)
      for (const auto &producer : tick_producers_) producer->send_feedback(now, report_due);
    if (report_due)
      for (const auto &consumer : tick_consumers_) consumer->send_sender_report(now);
    if (now - last_audio_level_us_ >= config_.audio_level_interval_us) {
      last_audio_level_us_ = now;
      tick_audio_levels(now, levels, speakers);
    }
    tick_producers_.clear();
    tick_consumers_.clear();
  }
  // Events go out without the tick lock: the listener may call the Router.
  if (!listener_) return;
  for (const auto &event : levels)
    listener_->on_audio_level(event.producer, event.dbov, event.voice);
  for (const auto &[group, producer] : speakers) listener_->on_active_speaker(group, producer);
}

void Router::tick_audio_levels(uint64_t now, std::vector<AudioLevelEvent> &levels,
                               std::vector<std::pair<uint64_t, ProducerId>> &speakers) {
  for (const auto &producer : tick_producers_) {
    if (producer->is_video() || producer->options().extensions.audio_level == 0) continue;
    const auto level = producer->take_audio_level();
    levels.push_back({producer->id(), level.dbov, level.voice});
    const uint64_t group = producer->options().speaker_group;
    if (group == 0) continue;
    auto &detector = speakers_[group];
    if (!detector)
      detector = std::make_unique<ActiveSpeakerDetector>(config_.active_speaker_hold_us,
                                                         config_.active_speaker_switch_margin_db);
    detector->update(producer->id(), level.dbov, level.voice);
  }
  for (auto it = speakers_.begin(); it != speakers_.end();) {
    uint64_t speaker = 0;
    if (it->second->decide(now, speaker)) speakers.emplace_back(it->first, speaker);
    it = it->second->empty() ? speakers_.erase(it) : std::next(it);
  }
}

}  // namespace meetgate::media::rtp
