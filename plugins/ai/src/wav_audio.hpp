// Reads a RIFF/WAVE file held in memory: PCM (format 1, or
// WAVE_FORMAT_EXTENSIBLE with the PCM sub-format), its rate, channels and
// sample size, and the bytes of its data chunk. Checks every size against
// the buffer; never reads past it. Bad files are 400s naming `field`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace meetgate::ai {

struct WavAudio {
  uint32_t sample_rate = 0;
  uint16_t channels = 0;
  uint16_t bits_per_sample = 0;
  std::string pcm;  // the data chunk (little-endian samples)

  uint64_t duration_ms() const;
};

// Throws ApiError(400) when `bytes` is not a readable PCM WAV file or has no
// samples. A data chunk whose declared size overruns the file (streamed WAVs
// write 0 or 0xFFFFFFFF) is read to the end of the buffer.
WavAudio parse_wav(std::string_view bytes, const std::string &field);

// Throws ApiError(400) naming "sample_rate", "channels" or `field` unless the
// audio is what the recognizer takes: 16 kHz, mono, 16-bit.
void require_recognizer_format(const WavAudio &audio, const std::string &field);

}  // namespace meetgate::ai
