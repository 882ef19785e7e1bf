#include "sdp_writer.hpp"

#include <gst/sdp/sdp.h>

namespace meetgate::media {
namespace {

void add(GstSDPMedia *media, const char *key, const std::string &value) {
  gst_sdp_media_add_attribute(media, key, value.c_str());
}

void flag(GstSDPMedia *media, const char *key) {
  gst_sdp_media_add_attribute(media, key, nullptr);
}

void write_codecs(GstSDPMedia *gst_media, const SdpMedia &media) {
  for (const auto &codec : media.codecs) {
    std::string pt = std::to_string(codec.payload_type);
    std::string map = pt + " " + codec.name + "/" + std::to_string(codec.clock_rate);
    if (codec.channels) map += "/" + std::to_string(codec.channels);
    add(gst_media, "rtpmap", map);
    if (!codec.fmtp.empty()) add(gst_media, "fmtp", pt + " " + codec.fmtp);
    for (const auto &feedback : codec.feedback) add(gst_media, "rtcp-fb", pt + " " + feedback);
  }
}

void write_transport(GstSDPMedia *gst_media, const SdpMedia &media) {
  add(gst_media, "ice-ufrag", media.ice_ufrag);
  add(gst_media, "ice-pwd", media.ice_pwd);
  add(gst_media, "ice-options", "trickle");
  add(gst_media, "fingerprint", media.fingerprint_algorithm + " " + media.fingerprint);
  add(gst_media, "setup", media.setup);
}

void write_media(GstSDPMessage *message, const SdpMedia &media) {
  GstSDPMedia *gst_media = nullptr;
  gst_sdp_media_new(&gst_media);
  gst_sdp_media_set_media(gst_media, media.kind.c_str());
  gst_sdp_media_set_port_info(gst_media, media.port, 1);
  gst_sdp_media_set_proto(gst_media, media.proto.c_str());
  if (media.codecs.empty() || media.rejected()) {
    for (const auto &format : media.formats) gst_sdp_media_add_format(gst_media, format.c_str());
  } else {
    for (const auto &codec : media.codecs)
      gst_sdp_media_add_format(gst_media, std::to_string(codec.payload_type).c_str());
  }
  gst_sdp_media_add_connection(gst_media, "IN", "IP4", "0.0.0.0", 0, 0);
  if (!media.mid.empty()) add(gst_media, "mid", media.mid);
  if (!media.rejected()) {
    write_transport(gst_media, media);
    flag(gst_media, to_string(media.direction));
    if (media.rtcp_mux) flag(gst_media, "rtcp-mux");
    for (const auto &extension : media.extensions)
      add(gst_media, "extmap", std::to_string(extension.id) + " " + extension.uri);
    write_codecs(gst_media, media);
    if (!media.msid.empty()) add(gst_media, "msid", media.msid);
    for (uint32_t ssrc : media.ssrcs) {
      add(gst_media, "ssrc", std::to_string(ssrc) + " cname:" + media.cname);
      if (!media.msid.empty()) add(gst_media, "ssrc", std::to_string(ssrc) + " msid:" + media.msid);
    }
    for (const auto &candidate : media.candidates)
      add(gst_media, "candidate", candidate.substr(10));
    if (media.end_of_candidates) flag(gst_media, "end-of-candidates");
  }
  gst_sdp_message_add_media(message, gst_media);
  gst_sdp_media_free(gst_media);
}

}  // namespace

std::string SdpWriter::write(const SessionDescription &description) {
  GstSDPMessage *message = nullptr;
  gst_sdp_message_new(&message);
  gst_sdp_message_set_version(message, "0");
  gst_sdp_message_set_origin(message, "-", std::to_string(description.session_id).c_str(),
                             std::to_string(description.session_version).c_str(), "IN", "IP4",
                             "127.0.0.1");
  gst_sdp_message_set_session_name(message, "meetgate");
  gst_sdp_message_add_time(message, "0", "0", nullptr);
  if (!description.bundle_mids.empty()) {
    std::string group = "BUNDLE";
    for (const auto &mid : description.bundle_mids) group += " " + mid;
    gst_sdp_message_add_attribute(message, "group", group.c_str());
  }
  gst_sdp_message_add_attribute(message, "msid-semantic", " WMS *");
  if (description.ice_lite) gst_sdp_message_add_attribute(message, "ice-lite", nullptr);
  for (const auto &media : description.media) write_media(message, media);
  gchar *text = gst_sdp_message_as_text(message);
  std::string result = text ? text : "";
  g_free(text);
  gst_sdp_message_free(message);
  return result;
}

}  // namespace meetgate::media
