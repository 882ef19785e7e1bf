#include "asr_analyzer.hpp"

#include <pocketsphinx.h>
#include <sphinxbase/err.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "pcm_input.hpp"

namespace meetgate::infer {
namespace {
constexpr std::size_t kChunkSamples = kPcmSampleRate / 4;  // VAD and partials every 250 ms
constexpr int kFramesPerSecond = 100;                      // pocketsphinx's default frame rate

// Pocketsphinx logs globally and verbosely; silence it once for all decoders
// (a per-decoder -logfn would swap a global FILE* under other threads).
void silence_pocketsphinx_log() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char *level = std::getenv("MEETGATE_LOG_LEVEL");
    if (!level || std::string(level) != "debug") err_set_logfp(nullptr);
  });
}

struct ConfigDeleter {
  void operator()(cmd_ln_t *config) const { cmd_ln_free_r(config); }
};

bool is_filler(const char *word) {
  return word[0] == '<' || word[0] == '[' || word[0] == '(';
}

std::string base_word(const char *word) {
  std::string text(word);
  const auto paren = text.find('(');
  return paren == std::string::npos ? text : text.substr(0, paren);
}
}  // namespace

void AsrAnalyzer::DecoderDeleter::operator()(ps_decoder_s *decoder) const {
  ps_free(decoder);
}

AsrAnalyzer::AsrAnalyzer(const AsrSettings &settings) : settings_(settings) {
  silence_pocketsphinx_log();
  namespace fs = std::filesystem;
  const fs::path dir(settings_.model_dir);
  const std::string hmm = (dir / "en-us").string(), lm = (dir / "en-us.lm.bin").string(),
                    dict = (dir / "cmudict-en-us.dict").string();
  for (const auto &path : {hmm, lm, dict})
    if (!fs::exists(path))
      throw AnalyzerError(ErrorCode::kModelLoadFailed,
                          "missing " + path + " (Debian package pocketsphinx-en-us)");
  std::unique_ptr<cmd_ln_t, ConfigDeleter> config(cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm",
                                                              hmm.c_str(), "-lm", lm.c_str(),
                                                              "-dict", dict.c_str(), nullptr));
  if (!config)
    throw AnalyzerError(ErrorCode::kModelLoadFailed, "pocketsphinx rejected its configuration");
  decoder_.reset(ps_init(config.get()));  // the decoder keeps its own reference to config
  if (!decoder_)
    throw AnalyzerError(ErrorCode::kModelLoadFailed, "pocketsphinx could not load " + hmm);
}

AsrAnalyzer::~AsrAnalyzer() {
  if (in_utterance_) ps_end_utt(decoder_.get());
}

std::int64_t AsrAnalyzer::to_ms(std::int64_t samples) const {
  return samples * 1000 / kPcmSampleRate;
}

void AsrAnalyzer::start_utterance() {
  if (ps_start_utt(decoder_.get()) < 0)
    throw AnalyzerError(ErrorCode::kInternal, "pocketsphinx start_utt failed");
  in_utterance_ = true;
  speech_seen_ = false;
  utterance_start_ = samples_total_;
  last_partial_.clear();
}

void AsrAnalyzer::infer(const InferenceInput &input, ResultSink &sink) {
  const std::vector<std::int16_t> samples = read_pcm(input);
  const bool end = json_bool_field(input.data, "end", true);
  const bool partials = json_bool_field(input.data, "partials", settings_.partials);
  const std::span<const std::int16_t> all(samples);
  for (std::size_t offset = 0; offset < all.size(); offset += kChunkSamples)
    feed(all.subspan(offset, std::min(kChunkSamples, all.size() - offset)), partials, sink);

  if (!end) {
    JsonPtr progress = json_take(json_object());
    json_object_set_new(progress.get(), "type", json_string("progress"));
    json_object_set_new(progress.get(), "text", json_string(last_partial_.c_str()));
    json_object_set_new(progress.get(), "duration_ms", json_integer(to_ms(samples_total_)));
    sink.emit(std::move(progress), true);
    return;
  }
  if (in_utterance_) finish_utterance(sink);
  JsonPtr summary = json_take(json_object());
  json_object_set_new(summary.get(), "type", json_string("end"));
  json_object_set_new(summary.get(), "transcript", json_string(transcript_.c_str()));
  json_object_set_new(summary.get(), "confidence",
                      json_real(finals_ ? confidence_sum_ / finals_ : 0.0));
  json_object_set_new(summary.get(), "utterances", json_integer(finals_));
  json_object_set_new(summary.get(), "duration_ms", json_integer(to_ms(samples_total_)));
  sink.emit(std::move(summary), true);
  transcript_.clear();
  confidence_sum_ = 0.0;
  finals_ = 0;
}

void AsrAnalyzer::feed(std::span<const std::int16_t> chunk, bool partials, ResultSink &sink) {
  if (!in_utterance_) start_utterance();
  if (ps_process_raw(decoder_.get(), chunk.data(), chunk.size(), FALSE, FALSE) < 0)
    throw AnalyzerError(ErrorCode::kInternal, "pocketsphinx could not process audio");
  samples_total_ += static_cast<std::int64_t>(chunk.size());
  const bool in_speech = ps_get_in_speech(decoder_.get()) != 0;
  if (in_speech) {
    speech_seen_ = true;
    if (partials) emit_partial(sink);
  } else if (speech_seen_) {
    finish_utterance(sink);  // speech ended: the utterance is final
  }
}

void AsrAnalyzer::emit_partial(ResultSink &sink) {
  int32 score = 0;
  const char *hyp = ps_get_hyp(decoder_.get(), &score);
  if (!hyp || last_partial_ == hyp) return;
  last_partial_ = hyp;
  JsonPtr delta = json_take(json_object());
  json_object_set_new(delta.get(), "type", json_string("partial"));
  json_object_set_new(delta.get(), "text", json_string(hyp));
  json_object_set_new(delta.get(), "utterance", json_integer(utterance_index_));
  json_object_set_new(delta.get(), "start_ms", json_integer(to_ms(utterance_start_)));
  sink.emit(std::move(delta), false);
}

void AsrAnalyzer::finish_utterance(ResultSink &sink) {
  ps_end_utt(decoder_.get());
  in_utterance_ = false;
  double confidence = 0.0;
  JsonPtr final_result = utterance_result(confidence);
  const std::string text = json_string_field(final_result.get(), "text");
  if (!text.empty()) {
    transcript_ += (transcript_.empty() ? "" : " ") + text;
    confidence_sum_ += confidence;
    ++finals_;
    ++utterance_index_;
    sink.emit(std::move(final_result), false);
  }
}

// The final hypothesis with per-word timing and posterior probability; the
// utterance confidence is the mean word posterior.
JsonPtr AsrAnalyzer::utterance_result(double &confidence) {
  int32 score = 0;
  const char *hyp = ps_get_hyp(decoder_.get(), &score);
  logmath_t *logmath = ps_get_logmath(decoder_.get());
  JsonPtr words = json_take(json_array());
  double posterior_sum = 0.0;
  for (ps_seg_t *seg = ps_seg_iter(decoder_.get()); seg; seg = ps_seg_next(seg)) {
    const char *word = ps_seg_word(seg);
    if (is_filler(word)) continue;
    int start_frame = 0, end_frame = 0;
    int32 acoustic = 0, language = 0, backoff = 0;
    ps_seg_frames(seg, &start_frame, &end_frame);
    const double posterior = logmath_exp(logmath, ps_seg_prob(seg, &acoustic, &language, &backoff));
    posterior_sum += posterior;
    const std::int64_t base_ms = to_ms(utterance_start_);
    json_array_append_new(
        words.get(),
        json_pack("{s:s, s:I, s:I, s:f}", "word", base_word(word).c_str(), "start_ms",
                  static_cast<json_int_t>(base_ms + start_frame * 1000 / kFramesPerSecond),
                  "end_ms",
                  static_cast<json_int_t>(base_ms + (end_frame + 1) * 1000 / kFramesPerSecond),
                  "confidence", posterior));
  }
  const std::size_t count = json_array_size(words.get());
  confidence = count ? posterior_sum / static_cast<double>(count) : 0.0;
  JsonPtr result = json_take(json_object());
  json_object_set_new(result.get(), "type", json_string("final"));
  json_object_set_new(result.get(), "text", json_string(hyp ? hyp : ""));
  json_object_set_new(result.get(), "confidence", json_real(confidence));
  json_object_set_new(result.get(), "words", words.release());
  json_object_set_new(result.get(), "utterance", json_integer(utterance_index_));
  json_object_set_new(result.get(), "start_ms", json_integer(to_ms(utterance_start_)));
  json_object_set_new(result.get(), "end_ms", json_integer(to_ms(samples_total_)));
  return result;
}

}  // namespace meetgate::infer
