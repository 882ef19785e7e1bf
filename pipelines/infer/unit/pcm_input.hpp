// Validates and copies the PCM payload of an audio request: s16le, 16 kHz,
// mono (PROTOCOL.md, "Audio payload").
#pragma once

#include <cstdint>
#include <vector>

#include "analyzer.hpp"

namespace meetgate::infer {

inline constexpr int kPcmSampleRate = 16000;

// Throws AnalyzerError(kBadInput) when data.sample_rate / data.channels are not
// 16000 / 1, the payload is empty or has an odd byte count.
std::vector<std::int16_t> read_pcm(const InferenceInput &input);

}  // namespace meetgate::infer
