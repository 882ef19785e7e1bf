// Decodes one producer's RTP audio to 16 kHz mono signed 16-bit little-endian
// PCM (the inference protocol's audio payload) and hands it out in chunks.
//
//   appsrc (leaky, bounded) -> rtpjitterbuffer -> depay -> decode
//     -> audioconvert -> audioresample -> S16LE/16000/mono
//     -> queue (leaky) -> appsink -> PcmCallback every chunk_ms
//
// push_rtp never blocks (it runs on the core's media workers): when the
// pipeline falls behind, packets are dropped at the appsrc and decoded audio
// at the queue, never the caller's time.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "rtp_stream.hpp"

namespace meetgate::extract {

class GstPipelineRunner;

struct AudioExtractorOptions {
  std::chrono::milliseconds chunk{500};            // PCM handed out per callback
  std::chrono::milliseconds jitter_latency{200};   // rtpjitterbuffer latency
  std::size_t max_queued_packets = 500;            // appsrc bound (about 10 s of opus)
  std::chrono::milliseconds max_queued_pcm{5000};  // leaky queue before the appsink
};

class AudioExtractor {
 public:
  static constexpr int kSampleRate = 16000;
  // Runs on a GStreamer streaming thread; must not block.
  using PcmCallback = std::function<void(std::string pcm)>;

  // Throws ExtractError when the codec is unsupported or the pipeline fails to start.
  AudioExtractor(const RtpStreamInfo &stream, const AudioExtractorOptions &options,
                 PcmCallback on_pcm);
  ~AudioExtractor();  // stops the pipeline; no callback after it returns
  AudioExtractor(const AudioExtractor &) = delete;
  AudioExtractor &operator=(const AudioExtractor &) = delete;

  // Queues one plain RTP packet (copied). False if the pipeline is stopped.
  bool push_rtp(const uint8_t *data, std::size_t len);
  // Ends the stream: what is buffered is decoded and the last partial chunk
  // delivered. Waits at most `timeout` for the pipeline to drain; true if it did.
  bool finish(std::chrono::milliseconds timeout);
  // The first pipeline error, "" if none.
  std::string error() const;
  uint64_t packets_pushed() const { return packets_pushed_.load(); }
  uint64_t samples_out() const { return samples_out_.load(); }

 private:
  void on_samples(const uint8_t *data, std::size_t len);
  void flush_remainder();

  std::size_t chunk_bytes_;
  PcmCallback on_pcm_;
  std::mutex pending_mutex_;
  std::string pending_;  // PCM not yet handed out
  std::atomic<uint64_t> packets_pushed_{0};
  std::atomic<uint64_t> samples_out_{0};
  std::unique_ptr<GstPipelineRunner> runner_;  // last: stopped before the members above go
};

}  // namespace meetgate::extract
