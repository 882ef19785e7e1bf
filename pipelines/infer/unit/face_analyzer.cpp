#include "face_analyzer.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <opencv2/imgproc.hpp>

#include "frame_input.hpp"

namespace meetgate::infer {

FaceSettings FaceSettings::from_config(const json_t *config, const std::string &cascade_path) {
  FaceSettings s;
  s.cascade_path = cascade_path;
  s.scale_factor = std::clamp(json_number_field(config, "scale_factor", s.scale_factor), 1.01, 2.0);
  s.min_neighbors = static_cast<int>(
      std::clamp(json_number_field(config, "min_neighbors", s.min_neighbors), 0.0, 50.0));
  s.min_face =
      static_cast<int>(std::clamp(json_number_field(config, "min_face", s.min_face), 8.0, 1024.0));
  return s;
}

FaceAnalyzer::FaceAnalyzer(const FaceSettings &settings) : settings_(settings) {
  // Checked first: OpenCV logs its own error line for a missing file.
  if (!std::filesystem::exists(settings_.cascade_path) || !cascade_.load(settings_.cascade_path))
    throw AnalyzerError(
        ErrorCode::kModelLoadFailed,
        "cannot load Haar cascade " + settings_.cascade_path + " (Debian package opencv-data)");
}

void FaceAnalyzer::infer(const InferenceInput &input, ResultSink &sink) {
  const cv::Mat gray = read_gray_frame(input);
  double scale = 1.0;
  cv::Mat working = gray;
  if (gray.cols > settings_.max_working_width) {
    scale = static_cast<double>(settings_.max_working_width) / gray.cols;
    cv::resize(gray, working, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  cv::Mat equalized;
  cv::equalizeHist(working, equalized);
  std::vector<cv::Rect> faces;
  cascade_.detectMultiScale(equalized, faces, settings_.scale_factor, settings_.min_neighbors, 0,
                            cv::Size(settings_.min_face, settings_.min_face));

  JsonPtr boxes = json_take(json_array());
  for (const cv::Rect &face : faces) {
    const auto back = [scale](int v) { return static_cast<json_int_t>(std::lround(v / scale)); };
    json_array_append_new(boxes.get(),
                          json_pack("{s:I, s:I, s:I, s:I}", "x", back(face.x), "y", back(face.y),
                                    "width", back(face.width), "height", back(face.height)));
  }
  JsonPtr delta = json_take(json_object());
  json_object_set_new(delta.get(), "count", json_integer(static_cast<json_int_t>(faces.size())));
  json_object_set_new(delta.get(), "faces", boxes.release());
  json_object_set_new(delta.get(), "width", json_integer(gray.cols));
  json_object_set_new(delta.get(), "height", json_integer(gray.rows));
  sink.emit(std::move(delta), true);
}

}  // namespace meetgate::infer
