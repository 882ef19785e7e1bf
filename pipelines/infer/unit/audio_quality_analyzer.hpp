// "audio.quality": level (RMS and peak in dBFS), clipping ratio, silence and a
// running noise-floor estimate over the session's recent 20 ms windows.
#pragma once

#include <deque>

#include "analyzer.hpp"

namespace meetgate::infer {

struct AudioQualitySettings {
  double silence_dbfs = -50.0;         // RMS below this is silence
  double clipping_ratio_warn = 0.001;  // "clipped" when more samples than this are at full scale
  double noise_percentile = 0.10;      // noise floor = this quantile of window levels
  std::size_t history_windows = 500;   // 10 s of 20 ms windows

  static AudioQualitySettings from_config(const json_t *config);
};

class AudioQualityAnalyzer : public Analyzer {
 public:
  explicit AudioQualityAnalyzer(const AudioQualitySettings &settings);
  void infer(const InferenceInput &input, ResultSink &sink) override;

  static constexpr double kFloorDbfs = -120.0;  // reported instead of -infinity
  static double to_dbfs(double linear);

 private:
  double noise_floor_dbfs() const;

  AudioQualitySettings settings_;
  std::deque<double> window_levels_;  // dBFS of recent 20 ms windows
};

}  // namespace meetgate::infer
