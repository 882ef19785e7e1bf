#include "pcm_input.hpp"

#include <cstring>

namespace meetgate::infer {

std::vector<std::int16_t> read_pcm(const InferenceInput &input) {
  const double rate = json_number_field(input.data, "sample_rate", kPcmSampleRate);
  const double channels = json_number_field(input.data, "channels", 1);
  if (rate != kPcmSampleRate)
    throw AnalyzerError(ErrorCode::kBadInput,
                        "sample_rate must be 16000 (got " + std::to_string(rate) + ")");
  if (channels != 1) throw AnalyzerError(ErrorCode::kBadInput, "audio must be mono (channels = 1)");
  if (input.payload.empty()) throw AnalyzerError(ErrorCode::kBadInput, "no PCM payload frame");
  if (input.payload.size() % 2 != 0)
    throw AnalyzerError(ErrorCode::kBadInput,
                        "PCM payload has an odd number of bytes (s16le expected)");
  // Copied rather than reinterpreted: the frame's buffer has no alignment
  // promise. The wire format is little-endian like every host we build for.
  std::vector<std::int16_t> samples(input.payload.size() / 2);
  std::memcpy(samples.data(), input.payload.data(), input.payload.size());
  return samples;
}

}  // namespace meetgate::infer
