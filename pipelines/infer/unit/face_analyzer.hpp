// "vision.faces": frontal face detection with an OpenCV Haar cascade
// (Debian's opencv-data). Reports the count and boxes in input pixels.
#pragma once

#include <opencv2/objdetect.hpp>
#include <string>

#include "analyzer.hpp"

namespace meetgate::infer {

inline constexpr const char *kDefaultHaarCascade =
    "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

struct FaceSettings {
  std::string cascade_path = kDefaultHaarCascade;
  double scale_factor = 1.1;
  int min_neighbors = 5;
  int min_face = 24;            // smallest face side, in pixels of the working image
  int max_working_width = 640;  // larger frames are scaled down first (speed)

  static FaceSettings from_config(const json_t *config, const std::string &cascade_path);
};

class FaceAnalyzer : public Analyzer {
 public:
  // Throws AnalyzerError(kModelLoadFailed) when the cascade cannot be loaded.
  explicit FaceAnalyzer(const FaceSettings &settings);
  void infer(const InferenceInput &input, ResultSink &sink) override;

 private:
  FaceSettings settings_;
  cv::CascadeClassifier cascade_;
};

}  // namespace meetgate::infer
