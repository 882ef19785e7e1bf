// "video.quality": blur (variance of the Laplacian), brightness and contrast,
// black frame, frozen frame (mean absolute difference to the previous frame of
// the same session).
#pragma once

#include <opencv2/core.hpp>

#include "analyzer.hpp"

namespace meetgate::infer {

struct VideoQualitySettings {
  double blur_threshold = 100.0;   // Laplacian variance below this is blurry
  // Mean luma below this is a black frame. Decoded camera video is limited
  // range, where black is 16 (plus codec noise), so the bar sits above it.
  double black_brightness = 24.0;
  double frozen_difference = 0.5;  // mean |diff| (0..255) below this is frozen

  static VideoQualitySettings from_config(const json_t *config);
};

class VideoQualityAnalyzer : public Analyzer {
 public:
  explicit VideoQualityAnalyzer(const VideoQualitySettings &settings);
  void infer(const InferenceInput &input, ResultSink &sink) override;

 private:
  VideoQualitySettings settings_;
  cv::Mat previous_;  // downscaled luma of the previous frame
  int frozen_frames_ = 0;
};

}  // namespace meetgate::infer
