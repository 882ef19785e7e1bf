#include "sdp_parser.hpp"

#include <gst/sdp/sdp.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <sstream>

namespace meetgate::media {
namespace {

struct MessageDeleter {
  void operator()(GstSDPMessage *message) const { gst_sdp_message_free(message); }
};

template <typename Number>
bool parse_number(std::string_view text, Number &value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// Splits "PT rest" of rtpmap/fmtp/rtcp-fb values.
bool split_payload(const std::string &value, std::string &payload, std::string &rest) {
  size_t space = value.find(' ');
  payload = value.substr(0, space);
  rest = space == std::string::npos ? "" : value.substr(space + 1);
  return !payload.empty();
}

SdpCodec *codec_for(SdpMedia &media, const std::string &payload) {
  uint8_t pt = 0;
  if (!parse_number(payload, pt)) return nullptr;
  for (auto &codec : media.codecs)
    if (codec.payload_type == pt) return &codec;
  return nullptr;
}

bool parse_rtpmap(SdpMedia &media, const std::string &value) {
  std::string payload, rest;
  if (!split_payload(value, payload, rest)) return false;
  SdpCodec codec;
  if (!parse_number(payload, codec.payload_type) || codec.payload_type > 127) return false;
  std::istringstream parts(rest);
  std::string clock, channels;
  if (!std::getline(parts, codec.name, '/') || !std::getline(parts, clock, '/')) return false;
  if (!parse_number(clock, codec.clock_rate)) return false;
  if (std::getline(parts, channels) && !parse_number(channels, codec.channels)) return false;
  media.codecs.push_back(std::move(codec));
  return true;
}

void parse_ssrc(SdpMedia &media, const std::string &value) {
  std::string ssrc_text, rest;
  uint32_t ssrc = 0;
  if (!split_payload(value, ssrc_text, rest) || !parse_number(ssrc_text, ssrc)) return;
  bool known = false;
  for (uint32_t s : media.ssrcs) known |= s == ssrc;
  if (!known) media.ssrcs.push_back(ssrc);
  if (rest.rfind("cname:", 0) == 0 && media.cname.empty()) media.cname = rest.substr(6);
  if (rest.rfind("msid:", 0) == 0 && media.msid.empty()) media.msid = rest.substr(5);
}

void parse_ssrc_group(const std::string &value, std::vector<uint32_t> &retransmit) {
  std::istringstream parts(value);
  std::string semantics, first, second;
  parts >> semantics >> first >> second;
  uint32_t ssrc = 0;
  if ((semantics == "FID" || semantics == "FEC-FR") && parse_number(second, ssrc))
    retransmit.push_back(ssrc);
}

bool parse_media_attribute(SdpMedia &media, const std::string &key, const std::string &value,
                           std::vector<uint32_t> &retransmit) {
  std::string payload, rest;
  if (key == "mid")
    media.mid = value;
  else if (key == "sendrecv")
    media.direction = SdpDirection::kSendRecv;
  else if (key == "sendonly")
    media.direction = SdpDirection::kSendOnly;
  else if (key == "recvonly")
    media.direction = SdpDirection::kRecvOnly;
  else if (key == "inactive")
    media.direction = SdpDirection::kInactive;
  else if (key == "rtcp-mux")
    media.rtcp_mux = true;
  else if (key == "ice-ufrag")
    media.ice_ufrag = value;
  else if (key == "ice-pwd")
    media.ice_pwd = value;
  else if (key == "setup")
    media.setup = value;
  else if (key == "msid")
    media.msid = value;
  else if (key == "candidate")
    media.candidates.push_back("candidate:" + value);
  else if (key == "end-of-candidates")
    media.end_of_candidates = true;
  else if (key == "ssrc")
    parse_ssrc(media, value);
  else if (key == "ssrc-group")
    parse_ssrc_group(value, retransmit);
  else if (key == "rtpmap")
    return parse_rtpmap(media, value);
  else if (key == "fingerprint") {
    if (!split_payload(value, media.fingerprint_algorithm, media.fingerprint)) return false;
  } else if (key == "fmtp") {
    if (!split_payload(value, payload, rest)) return false;
    if (SdpCodec *codec = codec_for(media, payload)) codec->fmtp = rest;
  } else if (key == "rtcp-fb") {
    if (!split_payload(value, payload, rest)) return false;
    for (auto &codec : media.codecs)
      if (payload == "*" || codec_for(media, payload) == &codec) codec.feedback.push_back(rest);
  } else if (key == "extmap") {
    if (!split_payload(value, payload, rest)) return false;
    SdpExtension extension;
    std::string id = payload.substr(0, payload.find('/'));
    if (!parse_number(id, extension.id) || extension.id < 1 || extension.id > 255) return false;
    extension.uri = rest.substr(0, rest.find(' '));
    media.extensions.push_back(std::move(extension));
  }
  return true;
}

// Session-level ICE/DTLS attributes apply to m-lines that do not set them.
void inherit_session_attributes(const GstSDPMessage *message, SdpMedia &media) {
  auto take = [&](std::string &field, const char *key) {
    const gchar *value = gst_sdp_message_get_attribute_val(message, key);
    if (field.empty() && value) field = value;
  };
  take(media.ice_ufrag, "ice-ufrag");
  take(media.ice_pwd, "ice-pwd");
  take(media.setup, "setup");
  if (media.fingerprint.empty()) {
    const gchar *value = gst_sdp_message_get_attribute_val(message, "fingerprint");
    std::string text = value ? value : "";
    split_payload(text, media.fingerprint_algorithm, media.fingerprint);
  }
}

bool parse_media(const GstSDPMessage *message, const GstSDPMedia *gst_media, SdpMedia &media,
                 std::string &error) {
  media.kind = gst_sdp_media_get_media(gst_media) ? gst_sdp_media_get_media(gst_media) : "";
  media.proto = gst_sdp_media_get_proto(gst_media) ? gst_sdp_media_get_proto(gst_media) : "";
  media.port = static_cast<uint16_t>(gst_sdp_media_get_port(gst_media));
  for (guint i = 0; i < gst_sdp_media_formats_len(gst_media); ++i)
    media.formats.emplace_back(gst_sdp_media_get_format(gst_media, i));
  std::vector<uint32_t> retransmit;
  for (guint i = 0; i < gst_sdp_media_attributes_len(gst_media); ++i) {
    const GstSDPAttribute *attribute = gst_sdp_media_get_attribute(gst_media, i);
    std::string key = attribute->key ? attribute->key : "";
    std::string value = attribute->value ? attribute->value : "";
    if (!parse_media_attribute(media, key, value, retransmit)) {
      error = "malformed a=" + key + " line in m=" + media.kind;
      return false;
    }
  }
  std::erase_if(media.ssrcs, [&](uint32_t ssrc) {
    return std::find(retransmit.begin(), retransmit.end(), ssrc) != retransmit.end();
  });
  inherit_session_attributes(message, media);
  if (media.kind.empty()) {
    error = "m-line without a media type";
    return false;
  }
  return true;
}

bool validate(const SessionDescription &description, std::string &error) {
  if (description.media.empty()) {
    error = "SDP has no m-lines";
    return false;
  }
  for (const auto &media : description.media) {
    if (media.rejected()) continue;
    std::string problem;
    if (media.mid.empty())
      problem = "m=" + media.kind + " has no a=mid";
    else if (media.ice_ufrag.empty() || media.ice_pwd.empty())
      problem = "missing ice-ufrag/ice-pwd";
    else if (media.fingerprint.empty())
      problem = "missing DTLS fingerprint";
    else if (media.proto.find("SAVP") == std::string::npos &&
             media.proto.find("DTLS") == std::string::npos)
      problem = "m=" + media.kind + " is not secure (proto " + media.proto + ")";
    if (!problem.empty()) {
      error = problem;
      return false;
    }
  }
  return true;
}

}  // namespace

bool SdpParser::parse(const std::string &type, const std::string &text, SessionDescription &out,
                      std::string &error) {
  if (type != "offer" && type != "answer") {
    error = "type must be offer or answer";
    return false;
  }
  GstSDPMessage *raw = nullptr;
  if (gst_sdp_message_new(&raw) != GST_SDP_OK) {
    error = "out of memory";
    return false;
  }
  std::unique_ptr<GstSDPMessage, MessageDeleter> message(raw);
  if (text.empty() ||
      gst_sdp_message_parse_buffer(reinterpret_cast<const guint8 *>(text.data()),
                                   static_cast<guint>(text.size()), message.get()) != GST_SDP_OK) {
    error = "unparsable SDP";
    return false;
  }
  SessionDescription description;
  description.type = type;
  description.ice_lite = gst_sdp_message_get_attribute_val(message.get(), "ice-lite") != nullptr;
  for (guint i = 0; i < gst_sdp_message_attributes_len(message.get()); ++i) {
    const GstSDPAttribute *attribute = gst_sdp_message_get_attribute(message.get(), i);
    std::string value = attribute->value ? attribute->value : "";
    if (std::string(attribute->key ? attribute->key : "") != "group" ||
        value.rfind("BUNDLE", 0) != 0)
      continue;
    std::istringstream mids(value.substr(6));
    for (std::string mid; mids >> mid;) description.bundle_mids.push_back(mid);
  }
  for (guint i = 0; i < gst_sdp_message_medias_len(message.get()); ++i) {
    SdpMedia media;
    if (!parse_media(message.get(), gst_sdp_message_get_media(message.get(), i), media, error))
      return false;
    description.media.push_back(std::move(media));
  }
  if (!validate(description, error)) return false;
  out = std::move(description);
  return true;
}

}  // namespace meetgate::media
