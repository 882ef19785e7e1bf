// Test helper: a live GStreamer pipeline that encodes a test pattern (or a
// tone) and payloads it to RTP, handing each packet to a callback from its
// streaming thread — the way the core's media worker hands packets to a sink.
#pragma once

#include <gst/gst.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace meetgate::recording::test {

class RtpSource {
 public:
  using PacketFn = std::function<void(const uint8_t *data, size_t len)>;

  // `description` is a gst-launch fragment ending in an RTP payloader; an
  // appsink is appended.
  RtpSource(const std::string &description, PacketFn on_packet);
  ~RtpSource();
  RtpSource(const RtpSource &) = delete;
  RtpSource &operator=(const RtpSource &) = delete;

  void start();
  // Waits for EOS (the source has num-buffers set); false on timeout/error.
  bool wait_eos(std::chrono::seconds deadline);
  uint64_t packets() const { return packets_; }

  static std::string video(const std::string &codec, int pattern, int seconds, int fps);
  static std::string audio(int seconds, int frequency);

 private:
  static GstFlowReturn on_sample(GstElement *sink, gpointer self);

  GstElement *pipeline_ = nullptr;
  PacketFn on_packet_;
  uint64_t packets_ = 0;
};

}  // namespace meetgate::recording::test
