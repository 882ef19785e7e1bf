// Synthetic media for `meetgate-bench media`: no encoder, only pre-built
// payloads shaped like VP8 (payload descriptor, a keyframe header with the
// VP8 start code every `keyframe_interval` frames or on request, frames split
// into MTU-sized packets, marker on the last) and Opus (one packet per
// 20 ms). Each payload ends with a BenchStamp: the send time on this
// machine's monotonic clock and a per-stream counter, read back on receipt
// for latency and loss.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace meetgate::bench {

struct BenchStamp {
  static constexpr uint32_t kMagic = 0x4d474231;  // "MGB1"
  static constexpr size_t kSize = 16;
  uint64_t sent_ns = 0;
  uint32_t counter = 0;

  void write(uint8_t *at) const;
  // Reads the stamp at the end of `payload`; false if it carries none.
  static bool read(const uint8_t *payload, size_t len, BenchStamp &out);
};

uint64_t monotonic_ns();

class SyntheticTraffic {
 public:
  struct Settings {
    int video_kbps = 1000;
    int fps = 30;
    int keyframe_interval = 60;  // frames
    uint8_t video_pt = 96, audio_pt = 111;
    uint32_t video_ssrc = 1, audio_ssrc = 2;
  };
  // One finished RTP packet (in `buffer`, `len` bytes, capacity leaves room
  // for the SRTP trailer).
  using EmitFn = std::function<void(uint8_t *buffer, size_t len, bool video, bool keyframe)>;

  explicit SyntheticTraffic(const Settings &settings);

  // Emit every packet due since the previous call (the first call starts
  // the clock). A frame is sent as a burst, like a real encoder's output.
  void send_due(uint64_t now_ns, const EmitFn &emit);
  // The next video frame is a keyframe (answering a PLI/FIR).
  void request_keyframe() { keyframe_requested_ = true; }
  uint32_t video_sent() const { return video_counter_; }
  uint32_t audio_sent() const { return audio_counter_; }

  static constexpr size_t kBufferSize = 1500;

 private:
  void send_frame(uint64_t now_ns, const EmitFn &emit);
  void send_audio(uint64_t now_ns, const EmitFn &emit);
  void emit_packet(bool video, bool keyframe, bool marker, const uint8_t *head, size_t head_len,
                   size_t body_len, uint64_t now_ns, const EmitFn &emit);

  Settings settings_;
  size_t delta_frame_bytes_ = 0, keyframe_bytes_ = 0;
  uint64_t start_ns_ = 0;
  uint64_t frames_sent_ = 0, audio_packets_sent_ = 0;
  uint16_t video_seq_ = 0, audio_seq_ = 0;
  uint32_t video_counter_ = 0, audio_counter_ = 0;
  bool keyframe_requested_ = false;
  std::vector<uint8_t> filler_;  // payload bytes after the VP8/Opus headers
  uint8_t buffer_[kBufferSize];
};

}  // namespace meetgate::bench
