// Turns the binary payload of an image request into an OpenCV matrix. The
// header is the request's data object (PROTOCOL.md, "Image payload"):
//   {"format": "jpeg"|"png"|"encoded"}                      encoded image
//   {"format": "gray8"|"bgr24"|"rgb24"|"bgra32"|"i420",     raw frame
//    "width": W, "height": H, "stride": bytes-per-row (optional)}
#pragma once

#include <opencv2/core.hpp>

#include "analyzer.hpp"

namespace meetgate::infer {

inline constexpr int kMaxFrameSide = 8192;

// Returns an 8-bit single-channel (luma) image. Throws AnalyzerError(kBadInput).
cv::Mat read_gray_frame(const InferenceInput &input);

}  // namespace meetgate::infer
