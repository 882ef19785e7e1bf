// Decodes one producer's RTP video and samples frames at a fixed rate
// (default 1 fps), scaled to a bounded width, as JPEG or raw I420 — the
// inference protocol's image payloads.
//
//   appsrc (leaky, bounded) -> rtpjitterbuffer -> depay -> decode
//     -> videorate (drop only) -> videoscale -> videoconvert
//     -> queue (leaky, 2 frames) -> [jpegenc] -> appsink -> FrameCallback
//
// Every packet must be decoded (inter frames), but only sampled frames are
// scaled, converted and encoded; a slow consumer loses frames at the leaky
// queue, never stalls push_rtp (called on the core's media workers).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "rtp_stream.hpp"

namespace meetgate::extract {

class GstPipelineRunner;

enum class FrameFormat { kJpeg, kI420 };

struct VideoExtractorOptions {
  int fps_numerator = 1;  // sampled frames per second = numerator / denominator
  int fps_denominator = 1;
  int width = 640;  // output width (height keeps the aspect ratio); 0 = as decoded
  FrameFormat format = FrameFormat::kJpeg;
  int jpeg_quality = 85;
  std::chrono::milliseconds jitter_latency{200};
  std::size_t max_queued_packets = 2000;  // appsrc bound
};

struct ExtractedFrame {
  std::string data;  // JPEG bytes, or I420 planes (Y, U, V)
  FrameFormat format = FrameFormat::kJpeg;
  int width = 0;
  int height = 0;
  uint64_t pts_ms = 0;  // stream time of the frame
};

class VideoExtractor {
 public:
  using FrameCallback = std::function<void(ExtractedFrame frame)>;  // streaming thread; no blocking

  VideoExtractor(const RtpStreamInfo &stream, const VideoExtractorOptions &options,
                 FrameCallback on_frame);
  ~VideoExtractor();
  VideoExtractor(const VideoExtractor &) = delete;
  VideoExtractor &operator=(const VideoExtractor &) = delete;

  bool push_rtp(const uint8_t *data, std::size_t len);
  bool finish(std::chrono::milliseconds timeout);
  std::string error() const;
  uint64_t packets_pushed() const { return packets_pushed_.load(); }
  uint64_t frames_out() const { return frames_out_.load(); }

 private:
  void on_frame(const uint8_t *data, std::size_t len, int width, int height, uint64_t pts_ms);

  FrameFormat format_;
  FrameCallback on_frame_;
  std::atomic<uint64_t> packets_pushed_{0};
  std::atomic<uint64_t> frames_out_{0};
  std::unique_ptr<GstPipelineRunner> runner_;
};

}  // namespace meetgate::extract
