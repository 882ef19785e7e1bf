#include "producer.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "byte_io.hpp"
#include "rtcp_parser.hpp"
#include "rtcp_writer.hpp"
#include "temporal_layer_parser.hpp"

namespace meetgate::media::rtp {
namespace {
constexpr uint64_t kLayerActiveUs = 1'000'000;
constexpr size_t kNackCapacity = 512;
constexpr uint32_t kDefaultFeedbackSsrc = 0x4D475246;  // "MGRF"

bool same_rid(std::span<const uint8_t> value, const std::string &rid) {
  return !rid.empty() && value.size() == rid.size() &&
         std::memcmp(value.data(), rid.data(), rid.size()) == 0;
}
}  // namespace

Producer::Layer::Layer(const ProducerLayer &config, uint32_t clock_rate, const RouterConfig &router)
    : ssrc(config.ssrc),
      rtx_ssrc(config.rtx_ssrc),
      rid(config.rid),
      receive(clock_rate),
      nack(kNackCapacity, router.nack_max_retries),
      keyframe_limiter(router.keyframe_request_interval_us) {}

std::string Producer::validate(const ProducerOptions &options) {
  if (options.clock_rate == 0) return "clock_rate must be positive";
  if (options.payload_type > 127) return "payload_type must be 0..127";
  if (options.rtx_payload_type > 127) return "rtx_payload_type must be 0..127";
  if (options.layers.size() > kMaxLayers) return "at most 4 simulcast layers";
  if (options.layers.size() > 1) {
    for (const auto &layer : options.layers)
      if (layer.ssrc == 0 && layer.rid.empty())
        return "each simulcast layer needs an ssrc or a rid";
    if (options.extensions.rid == 0 &&
        std::any_of(options.layers.begin(), options.layers.end(),
                    [](const ProducerLayer &l) { return l.ssrc == 0; }))
      return "simulcast by rid needs the rid header extension id";
  }
  return {};
}

Producer::Producer(ProducerId id, const ProducerOptions &options, const RouterConfig &config)
    : id_(id),
      options_(options),
      config_(config),
      codec_(KeyframeDetector::codec_from_name(options.codec)),
      feedback_ssrc_(options.feedback_ssrc ? options.feedback_ssrc : kDefaultFeedbackSsrc),
      layer_count_(std::max<size_t>(1, options.layers.size())),
      consumers_(std::make_shared<const ConsumerList>()) {
  layers_.reserve(layer_count_);
  if (options.layers.empty()) {
    layers_.emplace_back(ProducerLayer{}, options.clock_rate, config);
  } else {
    for (const auto &layer : options.layers)
      layers_.emplace_back(layer, options.clock_rate, config);
  }
}

int Producer::find_layer(uint32_t ssrc, bool &is_rtx) const {
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (layers_[i].ssrc == ssrc && ssrc != 0) {
      is_rtx = false;
      return static_cast<int>(i);
    }
    if (layers_[i].rtx_ssrc == ssrc && ssrc != 0) {
      is_rtx = true;
      return static_cast<int>(i);
    }
  }
  return -1;
}

int Producer::learn_layer(const RtpPacketView &view, bool is_rtx) {
  // Simulcast: the rid (or, on RTX, the repaired rid) names the layer.
  const uint8_t rid_id = is_rtx ? options_.extensions.repaired_rid : options_.extensions.rid;
  int index = -1;
  if (auto rid = view.find_extension(rid_id)) {
    for (size_t i = 0; i < layers_.size(); ++i)
      if (same_rid(*rid, layers_[i].rid)) index = static_cast<int>(i);
  }
  // One layer: a new SSRC is the sender restarting (or the first packet).
  if (index < 0 && layers_.size() == 1 && options_.layers.empty()) index = 0;
  if (index < 0 && layers_.size() == 1 && options_.layers[0].rid.empty()) index = 0;
  if (index < 0) return -1;
  Layer &layer = layers_[static_cast<size_t>(index)];
  if (is_rtx) {
    layer.rtx_ssrc = view.ssrc();
  } else {
    layer.ssrc = view.ssrc();
    layer.receive.reset();
    layer.nack.reset();
  }
  return index;
}

std::optional<RtpPacketView> Producer::unwrap_rtx(const RtpPacketView &rtx, uint32_t media_ssrc) {
  // RFC 4588: the payload starts with the original sequence number.
  const auto payload = rtx.payload();
  if (payload.size() < 2 || rtx.header_size() + payload.size() - 2 > rtx_scratch_.size())
    return std::nullopt;
  std::memcpy(rtx_scratch_.data(), rtx.bytes().data(), rtx.header_size());
  std::memcpy(rtx_scratch_.data() + rtx.header_size(), payload.data() + 2, payload.size() - 2);
  rtx_scratch_[0] &= static_cast<uint8_t>(~0x20);  // the padding stays behind
  auto media = RtpPacketView::parse(
      std::span<uint8_t>(rtx_scratch_.data(), rtx.header_size() + payload.size() - 2));
  if (!media) return std::nullopt;
  media->set_sequence_number(byte_io::read16(payload.data()));
  media->set_ssrc(media_ssrc);
  media->set_payload_type(options_.payload_type);
  return media;
}

std::optional<IncomingPacket> Producer::ingest(std::span<const uint8_t> packet,
                                               uint64_t arrival_us) {
  std::lock_guard lock(mutex_);
  auto view = RtpPacketView::parse_readonly(packet);
  const bool rtx_pt =
      options_.rtx_payload_type != 0 && view && view->payload_type() == options_.rtx_payload_type;
  if (!view || (view->payload_type() != options_.payload_type && !rtx_pt)) {
    ++discarded_;
    return std::nullopt;
  }
  bool is_rtx = false;
  int index = find_layer(view->ssrc(), is_rtx);
  if (index < 0 || is_rtx != rtx_pt) {
    is_rtx = rtx_pt;
    index = learn_layer(*view, is_rtx);
  }
  if (index < 0) {
    ++discarded_;
    return std::nullopt;
  }
  Layer &layer = layers_[static_cast<size_t>(index)];
  std::optional<RtpPacketView> media = *view;
  if (is_rtx && !(media = unwrap_rtx(*view, layer.ssrc))) {
    ++discarded_;  // padding-only probe or malformed RTX
    return std::nullopt;
  }
  IncomingPacket in(*media);
  in.layer = index;
  in.arrival_us = arrival_us;
  in.keyframe = is_video() && KeyframeDetector::is_keyframe(codec_, media->payload());
  if (is_video()) {
    const TemporalLayer temporal = TemporalLayerParser::parse(codec_, media->payload());
    in.temporal_layer = temporal.id;
    in.temporal_switch_point = temporal.switch_point;
  }
  account(layer, in, packet.size(), arrival_us);
  in.active_layers = active_layers(arrival_us);
  return in;
}

void Producer::account(Layer &layer, const IncomingPacket &in, size_t bytes, uint64_t arrival_us) {
  const auto &packet = in.packet;
  layer.receive.on_packet(packet.sequence_number(), packet.timestamp(), arrival_us, bytes);
  layer.last_arrival_us = arrival_us;
  layer.seen = true;
  rate_.add(bytes, arrival_us);
  if (in.keyframe) ++keyframes_;
  if (options_.nack) {
    const auto result = layer.nack.on_packet(packet.sequence_number());
    if (result == NackGenerator::Result::kRecovered) ++repaired_;
    if (result == NackGenerator::Result::kOverflow && is_video())
      request_layer_keyframe(layer, arrival_us);
  }
  if (!is_video() && options_.extensions.audio_level != 0) {
    if (auto value = packet.find_extension(options_.extensions.audio_level))
      if (auto level = AudioLevelMeter::decode(*value)) audio_level_.add(*level);
  }
}

uint32_t Producer::active_layers(uint64_t now_us) const {
  uint32_t mask = 0;
  for (size_t i = 0; i < layers_.size(); ++i)
    if (layers_[i].seen && now_us - layers_[i].last_arrival_us < kLayerActiveUs) mask |= 1u << i;
  return mask;
}

void Producer::request_layer_keyframe(Layer &layer, uint64_t now_us) {
  if (!options_.keyframe_requester || layer.ssrc == 0) return;
  if (layer.keyframe_limiter.allow(now_us))
    options_.keyframe_requester->request_keyframe(layer.ssrc);
}

void Producer::request_keyframe(int layer, uint64_t now_us) {
  if (!is_video()) return;
  std::lock_guard lock(mutex_);
  if (layer >= 0 && static_cast<size_t>(layer) < layers_.size()) {
    request_layer_keyframe(layers_[static_cast<size_t>(layer)], now_us);
  } else if (layer < 0) {
    for (Layer &l : layers_) request_layer_keyframe(l, now_us);
  }
}

void Producer::on_rtcp(std::span<const uint8_t> packet, uint64_t now_us) {
  std::lock_guard lock(mutex_);
  rtcp_now_us_ = now_us;
  RtcpParser::parse(packet, *this);
}

void Producer::on_sender_report(const SenderInfo &sender) {
  for (Layer &layer : layers_)
    if (layer.ssrc == sender.ssrc)
      layer.receive.on_sender_report(sender.ntp_timestamp, rtcp_now_us_);
}

std::shared_ptr<const Producer::ConsumerList> Producer::consumers() const {
  std::lock_guard lock(mutex_);
  return consumers_;
}

void Producer::add_consumer(const std::shared_ptr<Consumer> &consumer) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<ConsumerList>(*consumers_);
  next->push_back(consumer);
  consumers_ = std::move(next);
}

void Producer::remove_consumer(const Consumer *consumer) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<ConsumerList>(*consumers_);
  std::erase_if(*next, [consumer](const auto &c) { return c.get() == consumer; });
  consumers_ = std::move(next);
}

std::shared_ptr<const Producer::ConsumerList> Producer::take_consumers() {
  std::lock_guard lock(mutex_);
  auto taken = std::move(consumers_);
  consumers_ = std::make_shared<const ConsumerList>();
  return taken;
}

void Producer::send_feedback(uint64_t now_us, bool report_due) {
  const auto &sink = options_.feedback_sink;
  if (!sink) return;  // nobody to send to: keep the NACK retries for later
  std::lock_guard lock(mutex_);
  std::array<uint8_t, 1200> buffer;
  RtcpWriter writer(buffer);
  std::array<ReportBlock, kMaxLayers> blocks;
  size_t block_count = 0;
  if (report_due) {
    for (Layer &layer : layers_)
      if (layer.receive.started())
        blocks[block_count++] = layer.receive.make_report_block(layer.ssrc, now_us);
    writer.add_receiver_report(feedback_ssrc_, std::span(blocks.data(), block_count));
    if (options_.max_bitrate_bps && block_count) {
      std::array<uint32_t, kMaxLayers> ssrcs;
      for (size_t i = 0; i < block_count; ++i) ssrcs[i] = blocks[i].ssrc;
      writer.add_remb(feedback_ssrc_, options_.max_bitrate_bps,
                      std::span(ssrcs.data(), block_count));
    }
  }
  if (options_.nack) {
    std::array<uint16_t, 256> lost;
    // Retry a NACK after roughly one round trip, never sooner than 20 ms.
    const uint64_t retry_us = std::max<uint64_t>(config_.nack_interval_us, 50'000);
    for (Layer &layer : layers_) {
      const size_t n = layer.nack.collect(now_us, retry_us, lost);
      if (n) writer.add_nack(feedback_ssrc_, layer.ssrc, std::span(lost.data(), n));
    }
  }
  if (writer.size()) sink->send_rtcp(writer.data());
}

AudioLevelMeter::Level Producer::take_audio_level() {
  std::lock_guard lock(mutex_);
  return audio_level_.take();
}

void Producer::stats(uint64_t now_us, ProducerStats &out) const {
  std::lock_guard lock(mutex_);
  out = ProducerStats{};
  double jitter_sum = 0;
  size_t started = 0;
  for (const Layer &layer : layers_) {
    out.packets += layer.receive.packets();
    out.bytes += layer.receive.bytes();
    out.packets_lost += layer.receive.cumulative_lost();
    out.nacks += layer.nack.nacked();
    out.plis += layer.keyframe_limiter.sent();
    if (layer.receive.started()) {
      out.fraction_lost = std::max(out.fraction_lost, layer.receive.last_fraction_lost() / 256.0);
      jitter_sum += layer.receive.jitter_ms();
      ++started;
    }
  }
  out.jitter_ms = started ? jitter_sum / static_cast<double>(started) : 0;
  out.bitrate_bps = rate_.bits_per_second(now_us);
  out.keyframes = keyframes_;
  out.packets_discarded = discarded_;
  out.packets_repaired = repaired_;
  out.audio_level_dbov = audio_level_.smoothed_dbov();
  out.active_layers = static_cast<uint32_t>(std::popcount(active_layers(now_us)));
  out.paused = paused();
}

}  // namespace meetgate::media::rtp
