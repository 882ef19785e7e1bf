#include "frame_input.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

namespace meetgate::infer {
namespace {

struct RawLayout {
  int channels;    // bytes per pixel of the packed formats
  int conversion;  // cv::cvtColor code to gray, -1 when already gray
};

bool raw_layout(const std::string &format, RawLayout &layout) {
  if (format == "gray8")
    layout = {1, -1};
  else if (format == "bgr24")
    layout = {3, cv::COLOR_BGR2GRAY};
  else if (format == "rgb24")
    layout = {3, cv::COLOR_RGB2GRAY};
  else if (format == "bgra32")
    layout = {4, cv::COLOR_BGRA2GRAY};
  else
    return false;
  return true;
}

int dimension(const json_t *data, const char *key) {
  const json_t *value = json_object_get(data, key);
  if (!json_is_integer(value) || json_integer_value(value) <= 0 ||
      json_integer_value(value) > kMaxFrameSide)
    throw AnalyzerError(ErrorCode::kBadInput, std::string(key) + " must be an integer in 1..8192");
  return static_cast<int>(json_integer_value(value));
}

cv::Mat decode_encoded(const InferenceInput &input) {
  const cv::Mat buffer(1, static_cast<int>(input.payload.size()), CV_8UC1,
                       const_cast<std::uint8_t *>(input.payload.data()));
  cv::Mat gray = cv::imdecode(buffer, cv::IMREAD_GRAYSCALE);
  if (gray.empty()) throw AnalyzerError(ErrorCode::kBadInput, "payload is not a decodable image");
  if (gray.cols > kMaxFrameSide || gray.rows > kMaxFrameSide)
    throw AnalyzerError(ErrorCode::kBadInput, "image larger than 8192 pixels on a side");
  return gray;
}

cv::Mat decode_i420(const InferenceInput &input, int width, int height) {
  // The Y plane comes first and is all the analyzers need.
  const std::size_t luma = static_cast<std::size_t>(width) * height;
  const std::size_t expected =
      luma + 2 * (static_cast<std::size_t>((width + 1) / 2) * ((height + 1) / 2));
  if (input.payload.size() != expected)
    throw AnalyzerError(ErrorCode::kBadInput,
                        "i420 payload must be " + std::to_string(expected) + " bytes");
  return cv::Mat(height, width, CV_8UC1, const_cast<std::uint8_t *>(input.payload.data())).clone();
}

cv::Mat decode_packed(const InferenceInput &input, const RawLayout &layout, int width, int height) {
  const std::size_t row = static_cast<std::size_t>(width) * layout.channels;
  const double stride_field = json_number_field(input.data, "stride", static_cast<double>(row));
  if (stride_field < static_cast<double>(row) || stride_field > 4.0 * kMaxFrameSide * 4)
    throw AnalyzerError(ErrorCode::kBadInput, "stride must be at least width * bytes per pixel");
  const auto stride = static_cast<std::size_t>(stride_field);
  if (input.payload.size() != stride * height)
    throw AnalyzerError(ErrorCode::kBadInput, "raw payload must be stride * height = " +
                                                  std::to_string(stride * height) + " bytes");
  const cv::Mat view(height, width, CV_8UC(layout.channels),
                     const_cast<std::uint8_t *>(input.payload.data()), stride);
  cv::Mat gray;
  if (layout.conversion < 0)
    gray = view.clone();
  else
    cv::cvtColor(view, gray, layout.conversion);
  return gray;
}

}  // namespace

cv::Mat read_gray_frame(const InferenceInput &input) {
  if (input.payload.empty()) throw AnalyzerError(ErrorCode::kBadInput, "no image payload frame");
  const std::string format = json_string_field(input.data, "format", "encoded");
  if (format == "jpeg" || format == "png" || format == "encoded") return decode_encoded(input);
  const int width = dimension(input.data, "width");
  const int height = dimension(input.data, "height");
  if (format == "i420") return decode_i420(input, width, height);
  RawLayout layout{};
  if (!raw_layout(format, layout))
    throw AnalyzerError(ErrorCode::kBadInput,
                        "unknown image format '" + format +
                            "' (jpeg, png, encoded, gray8, bgr24, rgb24, bgra32, i420)");
  return decode_packed(input, layout, width, height);
}

}  // namespace meetgate::infer
