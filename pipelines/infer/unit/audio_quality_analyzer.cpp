#include "audio_quality_analyzer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "pcm_input.hpp"

namespace meetgate::infer {
namespace {
constexpr double kFullScale = 32768.0;
constexpr int kClipLevel = 32767;  // |sample| at or beyond this counts as clipped
constexpr std::size_t kWindowSamples = kPcmSampleRate / 50;  // 20 ms

double rms_of(std::span<const std::int16_t> samples) {
  if (samples.empty()) return 0.0;
  double sum = 0.0;
  for (std::int16_t s : samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(samples.size())) / kFullScale;
}
}  // namespace

AudioQualitySettings AudioQualitySettings::from_config(const json_t *config) {
  AudioQualitySettings s;
  s.silence_dbfs = json_number_field(config, "silence_dbfs", s.silence_dbfs);
  s.clipping_ratio_warn = json_number_field(config, "clipping_ratio_warn", s.clipping_ratio_warn);
  return s;
}

AudioQualityAnalyzer::AudioQualityAnalyzer(const AudioQualitySettings &settings)
    : settings_(settings) {}

double AudioQualityAnalyzer::to_dbfs(double linear) {
  if (linear <= 0.0) return kFloorDbfs;
  return std::max(kFloorDbfs, 20.0 * std::log10(linear));
}

double AudioQualityAnalyzer::noise_floor_dbfs() const {
  if (window_levels_.empty()) return kFloorDbfs;
  std::vector<double> sorted(window_levels_.begin(), window_levels_.end());
  const auto rank =
      static_cast<std::size_t>(settings_.noise_percentile * static_cast<double>(sorted.size() - 1));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank),
                   sorted.end());
  return sorted[rank];
}

void AudioQualityAnalyzer::infer(const InferenceInput &input, ResultSink &sink) {
  const std::vector<std::int16_t> samples = read_pcm(input);
  int peak = 0;
  std::size_t clipped = 0;
  for (std::int16_t s : samples) {
    const int magnitude = std::abs(static_cast<int>(s));
    peak = std::max(peak, magnitude);
    if (magnitude >= kClipLevel) ++clipped;
  }
  const std::span<const std::int16_t> all(samples);
  for (std::size_t start = 0; start + kWindowSamples <= samples.size(); start += kWindowSamples) {
    window_levels_.push_back(to_dbfs(rms_of(all.subspan(start, kWindowSamples))));
    if (window_levels_.size() > settings_.history_windows) window_levels_.pop_front();
  }
  const double rms_dbfs = to_dbfs(rms_of(all));
  const double clipping_ratio = static_cast<double>(clipped) / static_cast<double>(samples.size());
  JsonPtr delta = json_take(json_object());
  json_object_set_new(delta.get(), "rms_dbfs", json_real(rms_dbfs));
  json_object_set_new(delta.get(), "peak", json_real(peak / kFullScale));
  json_object_set_new(delta.get(), "peak_dbfs", json_real(to_dbfs(peak / kFullScale)));
  json_object_set_new(delta.get(), "clipping_ratio", json_real(clipping_ratio));
  json_object_set_new(delta.get(), "clipped",
                      json_boolean(clipping_ratio > settings_.clipping_ratio_warn));
  json_object_set_new(delta.get(), "silent", json_boolean(rms_dbfs < settings_.silence_dbfs));
  json_object_set_new(delta.get(), "noise_floor_dbfs", json_real(noise_floor_dbfs()));
  json_object_set_new(
      delta.get(), "duration_ms",
      json_integer(static_cast<json_int_t>(samples.size() * 1000 / kPcmSampleRate)));
  sink.emit(std::move(delta), true);
}

}  // namespace meetgate::infer
