// The ai plugin's settings (meetgate.plugin.ai.jcfg, section "general"),
// with MEETGATE_INFER_ENDPOINT overriding `endpoint`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace meetgate::ai {

struct AiConfig {
  bool enabled = true;
  std::string endpoint = "tcp://127.0.0.1:19001";  // ROUTER the units connect to
  std::size_t workers = 4;                         // REST and storage threads
  std::size_t max_pending_tasks = 64;              // REST tasks in flight; beyond -> 429
  int64_t task_timeout_ms = 60000;                 // per inference request
  std::size_t max_body = 32u << 20;                // request body cap on our routes
  std::string asr_model = "asr.pocketsphinx";
  std::string asr_language = "en-US";  // what asr_model recognises
  std::string faces_model = "vision.faces";
  std::string audio_quality_model = "audio.quality";
  std::string video_quality_model = "video.quality";
  // Live analysis.
  int live_frame_rate = 1;                 // sampled frames per second per video producer
  int live_frame_width = 640;              // sampled frame width (height keeps the aspect)
  int64_t live_audio_chunk_ms = 1000;      // PCM per ASR/quality request
  std::size_t live_max_in_flight = 4;      // per producer; beyond, chunks/frames are skipped
  int64_t live_report_interval_ms = 5000;  // face/quality results re-sent at most this often
                                           // unless they change

  // Loads `path` (a missing file keeps the defaults), then the environment.
  // False with `error` set on a bad value.
  static bool load(const char *path, AiConfig &config, std::string &error);
};

}  // namespace meetgate::ai
