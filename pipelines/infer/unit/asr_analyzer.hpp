// "asr.pocketsphinx": streaming speech recognition with pocketsphinx
// (Debian's 5prealpha API) and the US English model of pocketsphinx-en-us.
// Input: 16 kHz mono s16le PCM chunks on one work_id; pocketsphinx's voice
// activity detection splits utterances. Deltas:
//   {"type":"partial", "text", "utterance", "start_ms"}            hypothesis so far
//   {"type":"final", "text", "confidence", "words":[...], "utterance", "start_ms", "end_ms"}
//   {"type":"end", "transcript", "confidence", "utterances", "duration_ms"}  (request with
//   end=true)
//   {"type":"progress", "text", "duration_ms"}                      (request with end=false)
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "analyzer.hpp"

struct ps_decoder_s;
struct cmd_ln_s;

namespace meetgate::infer {

inline constexpr const char *kDefaultAsrModelDir = "/usr/share/pocketsphinx/model/en-us";

struct AsrSettings {
  std::string model_dir = kDefaultAsrModelDir;  // holds en-us/, en-us.lm.bin, cmudict-en-us.dict
  bool partials = true;                         // emit partial hypotheses
};

class AsrAnalyzer : public Analyzer {
 public:
  // Throws AnalyzerError(kModelLoadFailed) when the model cannot be loaded.
  explicit AsrAnalyzer(const AsrSettings &settings);
  ~AsrAnalyzer() override;
  void infer(const InferenceInput &input, ResultSink &sink) override;

 private:
  struct DecoderDeleter {
    void operator()(ps_decoder_s *decoder) const;
  };

  void start_utterance();
  void feed(std::span<const std::int16_t> chunk, bool partials, ResultSink &sink);
  void finish_utterance(ResultSink &sink);
  void emit_partial(ResultSink &sink);
  JsonPtr utterance_result(double &confidence);
  std::int64_t to_ms(std::int64_t samples) const;

  AsrSettings settings_;
  std::unique_ptr<ps_decoder_s, DecoderDeleter> decoder_;
  bool in_utterance_ = false;
  bool speech_seen_ = false;
  std::int64_t samples_total_ = 0;
  std::int64_t utterance_start_ = 0;  // in samples since the stream began
  int utterance_index_ = 0;
  std::string last_partial_;
  std::string transcript_;  // finals since the last end=true
  double confidence_sum_ = 0.0;
  int finals_ = 0;
};

}  // namespace meetgate::infer
