#include "video_quality_analyzer.hpp"

#include <opencv2/imgproc.hpp>

#include "frame_input.hpp"

namespace meetgate::infer {
namespace {
// Frozen detection compares small thumbnails: cheap, and insensitive to
// encoder noise that a full-size diff would count.
const cv::Size kThumbnail(160, 90);
}  // namespace

VideoQualitySettings VideoQualitySettings::from_config(const json_t *config) {
  VideoQualitySettings s;
  s.blur_threshold = json_number_field(config, "blur_threshold", s.blur_threshold);
  s.black_brightness = json_number_field(config, "black_brightness", s.black_brightness);
  s.frozen_difference = json_number_field(config, "frozen_difference", s.frozen_difference);
  return s;
}

VideoQualityAnalyzer::VideoQualityAnalyzer(const VideoQualitySettings &settings)
    : settings_(settings) {}

void VideoQualityAnalyzer::infer(const InferenceInput &input, ResultSink &sink) {
  const cv::Mat gray = read_gray_frame(input);
  cv::Mat laplacian;
  cv::Laplacian(gray, laplacian, CV_64F);
  cv::Scalar lap_mean, lap_stddev, mean, stddev;
  cv::meanStdDev(laplacian, lap_mean, lap_stddev);
  cv::meanStdDev(gray, mean, stddev);
  const double blur_variance = lap_stddev[0] * lap_stddev[0];
  const double brightness = mean[0];

  cv::Mat thumbnail;
  cv::resize(gray, thumbnail, kThumbnail, 0, 0, cv::INTER_AREA);
  JsonPtr delta = json_take(json_object());
  bool frozen = false;
  if (!previous_.empty()) {
    cv::Mat difference;
    cv::absdiff(thumbnail, previous_, difference);
    const double mean_difference = cv::mean(difference)[0];
    frozen = mean_difference < settings_.frozen_difference;
    json_object_set_new(delta.get(), "difference", json_real(mean_difference));
  } else {
    json_object_set_new(delta.get(), "difference", json_null());
  }
  frozen_frames_ = frozen ? frozen_frames_ + 1 : 0;
  previous_ = thumbnail;

  json_object_set_new(delta.get(), "width", json_integer(gray.cols));
  json_object_set_new(delta.get(), "height", json_integer(gray.rows));
  json_object_set_new(delta.get(), "blur_variance", json_real(blur_variance));
  json_object_set_new(delta.get(), "blurry",
                      json_boolean(blur_variance < settings_.blur_threshold));
  json_object_set_new(delta.get(), "brightness", json_real(brightness));
  json_object_set_new(delta.get(), "contrast", json_real(stddev[0]));
  json_object_set_new(delta.get(), "black", json_boolean(brightness < settings_.black_brightness));
  json_object_set_new(delta.get(), "frozen", json_boolean(frozen));
  json_object_set_new(delta.get(), "frozen_frames", json_integer(frozen_frames_));
  sink.emit(std::move(delta), true);
}

}  // namespace meetgate::infer
