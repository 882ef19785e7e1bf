#include "temporal_layer_parser.hpp"

namespace meetgate::media::rtp {

TemporalLayer TemporalLayerParser::parse(VideoCodec codec, std::span<const uint8_t> payload) {
  if (codec == VideoCodec::kVP8) return parse_vp8(payload);
  if (codec == VideoCodec::kVP9) return parse_vp9(payload);
  return {};
}

TemporalLayer TemporalLayerParser::parse_vp8(std::span<const uint8_t> payload) {
  // X|R|N|S|R|PID, then I|L|T|K|RSV, picture id, TL0PICIDX, TID|Y|KEYIDX.
  if (payload.size() < 2 || !(payload[0] & 0x80)) return {};
  const uint8_t extension = payload[1];
  if (!(extension & 0x20)) return {};  // T: no TID
  size_t offset = 2;
  if (extension & 0x80) {
    if (payload.size() <= offset) return {};
    offset += (payload[offset] & 0x80) ? 2 : 1;
  }
  if (extension & 0x40) offset += 1;
  if (payload.size() <= offset) return {};
  const uint8_t byte = payload[offset];
  return {byte >> 6, (byte & 0x20) != 0};
}

TemporalLayer TemporalLayerParser::parse_vp9(std::span<const uint8_t> payload) {
  // I|P|L|F|B|E|V|Z, picture id, then TID|U|SID|D when L is set.
  if (payload.empty() || !(payload[0] & 0x20)) return {};
  size_t offset = 1;
  if (payload[0] & 0x80) {
    if (payload.size() <= offset) return {};
    offset += (payload[offset] & 0x80) ? 2 : 1;
  }
  if (payload.size() <= offset) return {};
  const uint8_t byte = payload[offset];
  return {byte >> 5, (byte & 0x10) != 0};
}

}  // namespace meetgate::media::rtp
