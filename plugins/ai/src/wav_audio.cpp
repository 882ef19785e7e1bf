#include "wav_audio.hpp"

#include "api_error.hpp"

namespace meetgate::ai {
namespace {

constexpr uint16_t kFormatPcm = 1;
constexpr uint16_t kFormatExtensible = 0xFFFE;

uint16_t read_u16(std::string_view bytes, std::size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[at]) |
                               (static_cast<uint8_t>(bytes[at + 1]) << 8));
}

uint32_t read_u32(std::string_view bytes, std::size_t at) {
  return static_cast<uint32_t>(read_u16(bytes, at)) |
         (static_cast<uint32_t>(read_u16(bytes, at + 2)) << 16);
}

void read_format(std::string_view chunk, WavAudio &audio, const std::string &field) {
  if (chunk.size() < 16) throw ApiError::invalid(field, "WAV fmt chunk shorter than 16 bytes");
  uint16_t format = read_u16(chunk, 0);
  if (format == kFormatExtensible) {
    // The sub-format GUID starts with the format code (PCM = 1).
    if (chunk.size() < 26) throw ApiError::invalid(field, "WAV extensible fmt chunk too short");
    format = read_u16(chunk, 24);
  }
  if (format != kFormatPcm)
    throw ApiError::invalid(field, "WAV is not PCM (format " + std::to_string(format) + ")");
  audio.channels = read_u16(chunk, 2);
  audio.sample_rate = read_u32(chunk, 4);
  audio.bits_per_sample = read_u16(chunk, 14);
  if (audio.channels == 0 || audio.sample_rate == 0 || audio.bits_per_sample == 0)
    throw ApiError::invalid(field, "WAV fmt chunk has zero channels, rate or sample size");
}

}  // namespace

uint64_t WavAudio::duration_ms() const {
  uint64_t frame_bytes = uint64_t(channels) * ((bits_per_sample + 7) / 8);
  if (!frame_bytes || !sample_rate) return 0;
  return pcm.size() / frame_bytes * 1000 / sample_rate;
}

WavAudio parse_wav(std::string_view bytes, const std::string &field) {
  if (bytes.empty()) throw ApiError::invalid(field, "empty file");
  if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE")
    throw ApiError::invalid(field, "not a WAV file (no RIFF/WAVE header)");
  WavAudio audio;
  bool have_format = false, have_data = false;
  std::size_t at = 12;
  while (at + 8 <= bytes.size() && !have_data) {
    std::string_view id = bytes.substr(at, 4);
    uint64_t size = read_u32(bytes, at + 4);
    std::size_t body = at + 8;
    uint64_t available = bytes.size() - body;
    if (id == "data") {
      if (!have_format) throw ApiError::invalid(field, "WAV data chunk before its fmt chunk");
      if (size == 0 || size > available) size = available;  // streamed WAV
      audio.pcm.assign(bytes.substr(body, size));
      have_data = true;
    } else {
      if (size > available) throw ApiError::invalid(field, "WAV chunk overruns the file");
      if (id == "fmt ") {
        read_format(bytes.substr(body, size), audio, field);
        have_format = true;
      }
    }
    at = body + size + (size & 1);  // chunks are padded to an even size
  }
  if (!have_format) throw ApiError::invalid(field, "WAV has no fmt chunk");
  if (!have_data) throw ApiError::invalid(field, "WAV has no data chunk");
  std::size_t frame_bytes = std::size_t(audio.channels) * ((audio.bits_per_sample + 7) / 8);
  audio.pcm.resize(audio.pcm.size() - audio.pcm.size() % frame_bytes);
  if (audio.pcm.empty()) throw ApiError::invalid(field, "WAV has no samples");
  return audio;
}

void require_recognizer_format(const WavAudio &audio, const std::string &field) {
  if (audio.sample_rate != 16000)
    throw ApiError::invalid("sample_rate", "must be 16000 Hz (the WAV is " +
                                               std::to_string(audio.sample_rate) + " Hz)");
  if (audio.channels != 1)
    throw ApiError::invalid(
        "channels", "must be mono (the WAV has " + std::to_string(audio.channels) + " channels)");
  if (audio.bits_per_sample != 16)
    throw ApiError::invalid(
        field, "must be 16-bit PCM (the WAV is " + std::to_string(audio.bits_per_sample) + "-bit)");
}

}  // namespace meetgate::ai
