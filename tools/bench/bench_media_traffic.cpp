#include "bench_media_traffic.hpp"

#include <time.h>

#include <algorithm>
#include <cstring>

#include "rtp_packet_builder.hpp"

namespace meetgate::bench {
namespace {

constexpr size_t kMaxPayload = 1100;  // video payload per packet, like a browser's
constexpr size_t kOpusBytes = 80;     // ~32 kbit/s at 20 ms
constexpr uint64_t kAudioPeriodNs = 20'000'000;
constexpr int kKeyframeWeight = 5;  // a keyframe is 5 delta frames big

void put_u32(uint8_t *at, uint32_t value) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<uint8_t>(value >> (24 - 8 * i));
}
uint32_t get_u32(const uint8_t *at) {
  return uint32_t{at[0]} << 24 | uint32_t{at[1]} << 16 | uint32_t{at[2]} << 8 | at[3];
}

}  // namespace

uint64_t monotonic_ns() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(now.tv_nsec);
}

void BenchStamp::write(uint8_t *at) const {
  put_u32(at, kMagic);
  put_u32(at + 4, static_cast<uint32_t>(sent_ns >> 32));
  put_u32(at + 8, static_cast<uint32_t>(sent_ns));
  put_u32(at + 12, counter);
}

bool BenchStamp::read(const uint8_t *payload, size_t len, BenchStamp &out) {
  if (len < kSize) return false;
  const uint8_t *at = payload + len - kSize;
  if (get_u32(at) != kMagic) return false;
  out.sent_ns = uint64_t{get_u32(at + 4)} << 32 | get_u32(at + 8);
  out.counter = get_u32(at + 12);
  return true;
}

SyntheticTraffic::SyntheticTraffic(const Settings &settings)
    : settings_(settings), filler_(kMaxPayload, 0xa5) {
  size_t average = static_cast<size_t>(settings_.video_kbps) * 1000 / 8 /
                   static_cast<size_t>(std::max(1, settings_.fps));
  size_t interval = static_cast<size_t>(std::max(1, settings_.keyframe_interval));
  delta_frame_bytes_ = std::max<size_t>(64, average * interval / (interval + kKeyframeWeight - 1));
  keyframe_bytes_ = delta_frame_bytes_ * kKeyframeWeight;
}

void SyntheticTraffic::send_due(uint64_t now_ns, const EmitFn &emit) {
  if (!start_ns_) start_ns_ = now_ns;
  uint64_t elapsed = now_ns - start_ns_;
  uint64_t frames_due = elapsed * static_cast<uint64_t>(settings_.fps) / 1'000'000'000u + 1;
  while (frames_sent_ < frames_due) send_frame(now_ns, emit);
  uint64_t audio_due = elapsed / kAudioPeriodNs + 1;
  while (audio_packets_sent_ < audio_due) send_audio(now_ns, emit);
}

void SyntheticTraffic::send_frame(uint64_t now_ns, const EmitFn &emit) {
  // Frame 0 is a delta frame on purpose: the first keyframe a receiver sees
  // comes from a keyframe request or the next interval.
  bool keyframe =
      keyframe_requested_ ||
      (frames_sent_ > 0 && frames_sent_ % static_cast<uint64_t>(settings_.keyframe_interval) == 0);
  keyframe_requested_ = false;
  size_t remaining = keyframe ? keyframe_bytes_ : delta_frame_bytes_;
  bool first = true;
  while (remaining > 0) {
    // VP8 payload descriptor (S bit on the first packet), then on the first
    // packet the frame tag (P bit clear = keyframe) and a keyframe's start
    // code and 640x360 size.
    uint8_t head[11] = {static_cast<uint8_t>(first ? 0x10 : 0x00)};
    size_t head_len = 1;
    if (first) {
      const uint8_t key[] = {0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0x68, 0x01};
      const uint8_t delta[] = {0x11, 0x02, 0x00};
      const uint8_t *tag = keyframe ? key : delta;
      size_t tag_len = keyframe ? sizeof key : sizeof delta;
      std::memcpy(head + 1, tag, tag_len);
      head_len += tag_len;
    }
    size_t body = std::min(remaining, kMaxPayload - head_len - BenchStamp::kSize);
    remaining -= body;
    emit_packet(true, keyframe, remaining == 0, head, head_len, body, now_ns, emit);
    first = false;
  }
  ++frames_sent_;
}

void SyntheticTraffic::send_audio(uint64_t now_ns, const EmitFn &emit) {
  const uint8_t toc = 0x78;  // Opus TOC: CELT FB 20 ms, one frame
  emit_packet(false, false, false, &toc, 1, kOpusBytes - 1 - BenchStamp::kSize, now_ns, emit);
  ++audio_packets_sent_;
}

void SyntheticTraffic::emit_packet(bool video, bool keyframe, bool marker, const uint8_t *head,
                                   size_t head_len, size_t body_len, uint64_t now_ns,
                                   const EmitFn &emit) {
  uint8_t payload[kMaxPayload];
  std::memcpy(payload, head, head_len);
  std::memcpy(payload + head_len, filler_.data(), body_len);
  BenchStamp stamp;
  stamp.sent_ns = now_ns;
  stamp.counter = video ? video_counter_++ : audio_counter_++;
  stamp.write(payload + head_len + body_len);
  size_t payload_len = head_len + body_len + BenchStamp::kSize;
  uint32_t timestamp =
      video ? static_cast<uint32_t>(frames_sent_ * 90000 / static_cast<uint64_t>(settings_.fps))
            : static_cast<uint32_t>(audio_packets_sent_ * 960);
  media::rtp::RtpPacketBuilder builder(std::span<uint8_t>(buffer_, kBufferSize),
                                       video ? settings_.video_pt : settings_.audio_pt,
                                       video ? video_seq_++ : audio_seq_++, timestamp,
                                       video ? settings_.video_ssrc : settings_.audio_ssrc, marker);
  builder.set_payload(std::span<const uint8_t>(payload, payload_len));
  size_t len = builder.finish();
  if (len) emit(buffer_, len, video, keyframe);
}

}  // namespace meetgate::bench
