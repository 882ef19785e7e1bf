#include "consumer.hpp"

#include <algorithm>

#include "byte_io.hpp"
#include "rtcp_parser.hpp"
#include "rtcp_writer.hpp"
#include "rtp_packet_builder.hpp"

namespace meetgate::media::rtp {
namespace {
constexpr uint64_t kMaxResendAgeUs = 2'000'000;
constexpr uint64_t kMinResendIntervalUs = 10'000;

bool needs_two_byte_form(const HeaderExtensionIds &ids, const std::string &mid) {
  for (uint8_t id :
       {ids.mid, ids.audio_level, ids.abs_send_time, ids.transport_cc, ids.video_orientation})
    if (id > 14) return true;
  return ids.mid != 0 && mid.size() > 16;
}
}  // namespace

Consumer::Consumer(ConsumerId id, ProducerId producer, const ProducerOptions &producer_options,
                   const ConsumerOptions &options, uint32_t ssrc, const RouterConfig &config,
                   uint64_t ntp_offset_us)
    : id_(id),
      producer_id_(producer),
      options_(options),
      producer_extensions_(producer_options.extensions),
      config_(config),
      ssrc_(ssrc),
      payload_type_(options.payload_type ? options.payload_type : producer_options.payload_type),
      clock_rate_(producer_options.clock_rate),
      video_(producer_options.kind == MG_MEDIA_VIDEO),
      layer_count_(std::max<size_t>(1, producer_options.layers.size())),
      two_byte_extensions_(needs_two_byte_form(options.extensions, options.mid)),
      paused_(options.paused),
      waiting_for_keyframe_(video_),
      preferred_spatial_(options.preferred_spatial_layer),
      preferred_temporal_(options.preferred_temporal_layer),
      current_temporal_(options.preferred_temporal_layer < 0 ? kMaxTemporalLayer
                                                             : options.preferred_temporal_layer),
      rewriter_(producer_options.clock_rate),
      retransmissions_(video_ ? config.video_retransmission_slots
                              : config.audio_retransmission_slots),
      ntp_offset_us_(ntp_offset_us) {}

bool Consumer::choose_layer(const IncomingPacket &in, int &keyframe_layer) {
  int target = 0;
  if (layer_count_ > 1) {
    const int top = static_cast<int>(layer_count_) - 1;
    target = preferred_spatial_ < 0 ? top : std::min(preferred_spatial_, top);
    // The preferred layer may not be sent (bandwidth, a muted encoder):
    // fall back to the best active one below it, else the lowest above.
    if (!(in.active_layers & (1u << target))) {
      int fallback = -1;
      for (int l = target - 1; l >= 0 && fallback < 0; --l)
        if (in.active_layers & (1u << l)) fallback = l;
      for (int l = target + 1; l <= top && fallback < 0; ++l)
        if (in.active_layers & (1u << l)) fallback = l;
      if (fallback >= 0) target = fallback;
    }
  }
  if (in.layer != current_layer_) {
    if (in.layer != target) {
      if (current_layer_ != target) keyframe_layer = target;
      return false;
    }
    if (video_ && !in.keyframe) {
      keyframe_layer = target;
      return false;
    }
    current_layer_ = target;
    current_source_ssrc_ = in.packet.ssrc();
    waiting_for_keyframe_ = false;
    rewriter_.resync();
    return true;
  }
  // A new SSRC on the current layer: the sender restarted its encoder.
  if (video_ && in.packet.ssrc() != current_source_ssrc_) waiting_for_keyframe_ = true;
  if (waiting_for_keyframe_) {
    if (!in.keyframe) {
      keyframe_layer = current_layer_;
      return false;
    }
    waiting_for_keyframe_ = false;
    current_source_ssrc_ = in.packet.ssrc();
    rewriter_.resync();
  }
  return true;
}

int Consumer::temporal_target() const {
  return preferred_temporal_ < 0 ? kMaxTemporalLayer
                                 : std::min(preferred_temporal_, kMaxTemporalLayer);
}

bool Consumer::temporal_layer_wanted(const IncomingPacket &in) {
  if (in.temporal_layer < 0) return true;
  const int target = temporal_target();
  if (target < current_temporal_) {
    current_temporal_ = target;  // down at once: nothing below depends on the dropped frames
  } else if (target > current_temporal_) {
    // Up only where the higher layer may start: a keyframe, or a switch
    // point (VP8 Y, VP9 U) of a layer we do not forward yet.
    if (in.keyframe) {
      current_temporal_ = target;
    } else if (in.temporal_switch_point && in.temporal_layer > current_temporal_ &&
               in.temporal_layer <= target) {
      current_temporal_ = in.temporal_layer;
    }
  }
  return in.temporal_layer <= current_temporal_;
}

Consumer::Verdict Consumer::forward(const IncomingPacket &in, bool producer_paused,
                                    int &keyframe_layer) {
  std::lock_guard lock(mutex_);
  if (closed_) return Verdict::kDropped;
  if (paused_ || producer_paused) {
    ++dropped_;
    interrupted_ = true;
    return Verdict::kDropped;
  }
  if (interrupted_) {
    // Resume on a keyframe, continuing the sequence without a gap.
    interrupted_ = false;
    waiting_for_keyframe_ = video_;
    rewriter_.resync();
  }
  keyframe_layer = -1;
  if (!choose_layer(in, keyframe_layer)) {
    ++dropped_;
    return keyframe_layer >= 0 ? Verdict::kNeedKeyframe : Verdict::kDropped;
  }
  if (!temporal_layer_wanted(in)) {
    rewriter_.skip(in.packet.ssrc(), in.packet.sequence_number());
    ++dropped_;
    return Verdict::kDropped;
  }
  uint16_t sequence = 0;
  uint32_t timestamp = 0;
  if (!rewriter_.rewrite(in.packet.ssrc(), in.packet.sequence_number(), in.packet.timestamp(),
                         in.arrival_us, sequence, timestamp)) {
    ++dropped_;
    return Verdict::kDropped;
  }
  std::span<uint8_t> out = retransmissions_.slot_for(sequence);
  if (out.empty()) out = scratch_;
  const size_t size = write_packet(in.packet, out, sequence, timestamp);
  if (size == 0) {
    ++dropped_;  // larger than a slot after rewriting
    return Verdict::kDropped;
  }
  retransmissions_.commit(sequence, size, in.arrival_us);
  options_.sink->send_rtp(out.first(size));
  ++packets_;
  bytes_ += size;
  payload_bytes_ += in.packet.payload().size();
  rate_.add(size, in.arrival_us);
  forwarded_.fetch_add(1, std::memory_order_relaxed);
  return Verdict::kSent;
}

size_t Consumer::write_packet(const RtpPacketView &source, std::span<uint8_t> out,
                              uint16_t sequence, uint32_t timestamp) const {
  RtpPacketBuilder builder(out, payload_type_, sequence, timestamp, ssrc_, source.marker());
  for (size_t i = 0; i < source.csrc_count(); ++i) builder.add_csrc(source.csrc(i));
  const auto form = two_byte_extensions_ ? RtpPacketBuilder::ExtensionForm::kTwoByte
                                         : RtpPacketBuilder::ExtensionForm::kOneByte;
  const HeaderExtensionIds &to = options_.extensions;
  const HeaderExtensionIds &from = producer_extensions_;
  if (to.mid && !options_.mid.empty())
    builder.add_extension(
        to.mid, {reinterpret_cast<const uint8_t *>(options_.mid.data()), options_.mid.size()},
        form);
  const auto copy = [&](uint8_t to_id, uint8_t from_id) {
    if (to_id == 0 || from_id == 0) return;
    if (auto value = source.find_extension(from_id); value && !value->empty())
      builder.add_extension(to_id, *value, form);
  };
  copy(to.audio_level, from.audio_level);
  copy(to.abs_send_time, from.abs_send_time);
  copy(to.video_orientation, from.video_orientation);
  if (to.transport_cc) {
    // A placeholder the sending transport fills with its own sequence number.
    const uint8_t zero[2] = {0, 0};
    builder.add_extension(to.transport_cc, zero, form);
  }
  builder.set_payload(source.payload());
  if (source.padding_size()) builder.set_padding(static_cast<uint8_t>(source.padding_size()));
  return builder.finish();
}

bool Consumer::on_rtcp(std::span<const uint8_t> packet, uint64_t now_us) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  rtcp_now_us_ = now_us;
  keyframe_asked_ = false;
  RtcpParser::parse(packet, *this);
  return keyframe_asked_;
}

void Consumer::resend(uint16_t sequence) {
  const uint64_t min_interval =
      std::max<uint64_t>(kMinResendIntervalUs, static_cast<uint64_t>(rtt_ms_ * 1000 / 2));
  const auto stored =
      retransmissions_.take_for_resend(sequence, rtcp_now_us_, kMaxResendAgeUs, min_interval);
  if (stored.empty()) return;
  options_.sink->send_rtp(stored);
  ++retransmitted_;
}

void Consumer::on_nack(uint32_t, uint32_t media_ssrc, uint16_t pid, uint16_t blp) {
  if (media_ssrc != ssrc_) return;
  ++nacks_;
  resend(pid);
  for (uint16_t bit = 0; bit < 16; ++bit) {
    if (blp & (1u << bit)) {
      ++nacks_;
      resend(static_cast<uint16_t>(pid + bit + 1));
    }
  }
}

void Consumer::on_pli(uint32_t, uint32_t media_ssrc) {
  if (media_ssrc != ssrc_) return;
  ++plis_;
  keyframe_asked_ = true;
}

void Consumer::on_fir(uint32_t, uint32_t media_ssrc, uint8_t) {
  if (media_ssrc != ssrc_) return;
  ++plis_;
  keyframe_asked_ = true;
}

void Consumer::on_report_block(uint32_t, const ReportBlock &block) {
  if (block.ssrc != ssrc_) return;
  fraction_lost_ = block.fraction_lost;
  packets_lost_ = block.cumulative_lost;
  jitter_ = block.jitter;
  if (block.last_sr == 0) return;
  // RFC 3550 6.4.1: RTT = now - LSR - DLSR, in 1/65536 s of compact NTP.
  const uint32_t now = compact_ntp(ntp_from_us(rtcp_now_us_ + ntp_offset_us_));
  const uint32_t rtt = now - block.last_sr - block.delay_since_last_sr;
  if (rtt < 0x80000000u) rtt_ms_ = rtt * 1000.0 / 65536.0;
}

void Consumer::on_remb(uint32_t, uint64_t bitrate_bps, std::span<const uint8_t> ssrcs) {
  bool mine = ssrcs.empty();
  for (size_t i = 0; i + 4 <= ssrcs.size() && !mine; i += 4)
    mine = byte_io::read32(&ssrcs[i]) == ssrc_;
  if (mine) available_bitrate_bps_ = bitrate_bps;
}

void Consumer::send_sender_report(uint64_t now_us) {
  std::lock_guard lock(mutex_);
  if (closed_ || !rewriter_.has_output()) return;
  SenderInfo sender;
  sender.ssrc = ssrc_;
  sender.ntp_timestamp = ntp_from_us(now_us + ntp_offset_us_);
  sender.rtp_timestamp = rewriter_.timestamp_at(now_us);
  sender.packet_count = static_cast<uint32_t>(packets_);
  sender.octet_count = static_cast<uint32_t>(payload_bytes_);
  std::array<uint8_t, 400> buffer;
  RtcpWriter writer(buffer);
  writer.add_sender_report(sender, {});
  if (!options_.cname.empty()) writer.add_sdes_cname(ssrc_, options_.cname);
  options_.sink->send_rtcp(writer.data());
}

void Consumer::set_paused(bool paused) {
  std::lock_guard lock(mutex_);
  if (paused) interrupted_ = true;
  paused_ = paused;
}

void Consumer::set_layers(int spatial, int temporal) {
  std::lock_guard lock(mutex_);
  preferred_spatial_ = spatial;
  preferred_temporal_ = temporal;
}

int Consumer::current_layer() const {
  std::lock_guard lock(mutex_);
  return current_layer_;
}

bool Consumer::close() {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  closed_ = true;
  return true;
}

void Consumer::stats(uint64_t now_us, ConsumerStats &out) const {
  std::lock_guard lock(mutex_);
  out = ConsumerStats{};
  out.packets = packets_;
  out.bytes = bytes_;
  out.bitrate_bps = rate_.bits_per_second(now_us);
  out.packets_lost = packets_lost_;
  out.fraction_lost = fraction_lost_ / 256.0;
  out.nacks = nacks_;
  out.plis = plis_;
  out.rtt_ms = rtt_ms_;
  out.jitter_ms = clock_rate_ ? jitter_ * 1000.0 / clock_rate_ : 0;
  out.packets_retransmitted = retransmitted_;
  out.packets_dropped = dropped_;
  out.available_bitrate_bps = available_bitrate_bps_;
  out.current_spatial_layer = current_layer_;
  out.current_temporal_layer = current_temporal_;
  out.paused = paused_;
  out.waiting_for_keyframe = waiting_for_keyframe_;
}

}  // namespace meetgate::media::rtp
