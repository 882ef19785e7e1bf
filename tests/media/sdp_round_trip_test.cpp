// SDP parsing/generation round trips through GStreamer's SDP library, and
// the offer/answer choices (codecs, payload types, extensions, directions).
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sdp_negotiator.hpp"
#include "sdp_parser.hpp"
#include "sdp_writer.hpp"

using namespace meetgate::media;

namespace {

std::string fixture(const std::string &name) {
  std::ifstream file(std::string(MEDIA_FIXTURES_DIR) + "/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

constexpr char kTransportCc[] =
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
constexpr char kAbsSendTime[] = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

LocalTransport transport() {
  LocalTransport local;
  local.ice_ufrag = "ufrag";
  local.ice_pwd = "passwordpasswordpassword";
  local.fingerprint = "AA:BB";
  local.setup = "active";
  local.candidates = {"candidate:1 1 UDP 2015363327 127.0.0.1 40000 typ host"};
  local.end_of_candidates = true;
  local.cname = "cname";
  return local;
}

}  // namespace

class SdpRoundTripTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SdpRoundTripTest);
  CPPUNIT_TEST(parses_aiortc_offer);
  CPPUNIT_TEST(answer_keeps_remote_payload_types);
  CPPUNIT_TEST(answer_parses_back);
  CPPUNIT_TEST(offer_parses_back);
  CPPUNIT_TEST(directions_follow_the_offer);
  CPPUNIT_TEST(rejects_malformed);
  CPPUNIT_TEST(chromium_offer_negotiates_transport_cc);
  CPPUNIT_TEST(transport_cc_not_answered_unless_offered);
  CPPUNIT_TEST_SUITE_END();

 public:
  void parses_aiortc_offer() {
    SessionDescription offer;
    std::string error;
    CPPUNIT_ASSERT_MESSAGE(error,
                           SdpParser::parse("offer", fixture("aiortc_offer.sdp"), offer, error));
    CPPUNIT_ASSERT_EQUAL(size_t{2}, offer.media.size());
    CPPUNIT_ASSERT_EQUAL(std::string("0 1"), offer.bundle_mids[0] + " " + offer.bundle_mids[1]);
    const SdpMedia &video = offer.media[1];
    CPPUNIT_ASSERT_EQUAL(std::string("video"), video.kind);
    CPPUNIT_ASSERT_EQUAL(std::string("gNOE"), video.ice_ufrag);
    CPPUNIT_ASSERT_EQUAL(std::string("actpass"), video.setup);
    CPPUNIT_ASSERT_EQUAL(std::string("sha-256"), video.fingerprint_algorithm);
    // The RTX SSRC of the FID group is not a media SSRC.
    CPPUNIT_ASSERT_EQUAL(size_t{1}, video.ssrcs.size());
    CPPUNIT_ASSERT_EQUAL(uint32_t{2874370368u}, video.ssrcs[0]);
    CPPUNIT_ASSERT_EQUAL(size_t{6}, video.codecs.size());
    CPPUNIT_ASSERT_EQUAL(size_t{3}, video.codecs[0].feedback.size());
    CPPUNIT_ASSERT_EQUAL(size_t{2}, video.candidates.size());
    CPPUNIT_ASSERT(video.end_of_candidates);
  }

  void answer_keeps_remote_payload_types() {
    SessionDescription offer;
    std::string error;
    CPPUNIT_ASSERT(SdpParser::parse("offer", fixture("aiortc_offer.sdp"), offer, error));
    std::vector<Transceiver> transceivers;
    SdpNegotiator::apply_offer(offer, transceivers, true);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, transceivers.size());
    // Audio: only opus (PT 96 as aiortc numbers it), no PCMU/PCMA.
    CPPUNIT_ASSERT_EQUAL(size_t{1}, transceivers[0].codecs.size());
    CPPUNIT_ASSERT_EQUAL(uint8_t{96}, transceivers[0].codecs[0].payload_type);
    // Video: VP8 97 and both H.264 packetization-mode=1 (99, 101), no RTX.
    CPPUNIT_ASSERT_EQUAL(size_t{3}, transceivers[1].codecs.size());
    CPPUNIT_ASSERT_EQUAL(uint8_t{97}, transceivers[1].codecs[0].payload_type);
    CPPUNIT_ASSERT_EQUAL(uint8_t{99}, transceivers[1].codecs[1].payload_type);
    CPPUNIT_ASSERT_EQUAL(1, transceivers[1].extension_id("urn:ietf:params:rtp-hdrext:sdes:mid"));
    // aiortc gives id 2 to ssrc-audio-level (audio) and abs-send-time (video):
    // under BUNDLE the first one wins.
    CPPUNIT_ASSERT_EQUAL(
        2, transceivers[0].extension_id("urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
    CPPUNIT_ASSERT_EQUAL(0, transceivers[1].extension_id(
                                "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"));
    CPPUNIT_ASSERT(transceivers[1].direction == SdpDirection::kSendRecv);
  }

  void answer_parses_back() {
    SessionDescription offer;
    std::string error;
    CPPUNIT_ASSERT(SdpParser::parse("offer", fixture("aiortc_offer.sdp"), offer, error));
    std::vector<Transceiver> transceivers;
    SdpNegotiator::apply_offer(offer, transceivers, true);
    transceivers[0].local_ssrc = 1111;
    transceivers[1].local_ssrc = 2222;
    transceivers[1].local_msid = "stream track";
    std::string text =
        SdpWriter::write(SdpNegotiator::write_answer(offer, transceivers, transport()));
    CPPUNIT_ASSERT(text.find("a=group:BUNDLE 0 1\r\n") != std::string::npos);
    CPPUNIT_ASSERT(text.find("a=sendrecv\r\n") != std::string::npos);
    CPPUNIT_ASSERT(text.find("a=rtcp-mux\r\n") != std::string::npos);
    SessionDescription answer;
    CPPUNIT_ASSERT_MESSAGE(error + "\n" + text, SdpParser::parse("answer", text, answer, error));
    CPPUNIT_ASSERT_EQUAL(size_t{2}, answer.media.size());
    CPPUNIT_ASSERT_EQUAL(std::string("active"), answer.media[1].setup);
    CPPUNIT_ASSERT_EQUAL(std::string("ufrag"), answer.media[1].ice_ufrag);
    CPPUNIT_ASSERT_EQUAL(uint32_t{2222}, answer.media[1].ssrcs.at(0));
    CPPUNIT_ASSERT_EQUAL(std::string("stream track"), answer.media[1].msid);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, answer.media[0].candidates.size());
    CPPUNIT_ASSERT(answer.media[0].end_of_candidates);
    CPPUNIT_ASSERT_EQUAL(std::string("fmtp"), std::string("fmtp"));
    CPPUNIT_ASSERT_EQUAL(
        std::string("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f"),
        answer.media[1].codecs[1].fmtp);
    std::vector<Transceiver> applied = transceivers;
    CPPUNIT_ASSERT(SdpNegotiator::apply_answer(answer, applied, error));
  }

  void offer_parses_back() {
    std::vector<Transceiver> transceivers(2);
    transceivers[0].mid = "a0";
    transceivers[0].kind = "audio";
    transceivers[1].mid = "v1";
    transceivers[1].kind = "video";
    transceivers[1].local_send = true;
    transceivers[1].local_ssrc = 42;
    transceivers[1].direction = SdpDirection::kSendOnly;
    LocalTransport local = transport();
    local.setup = "actpass";
    std::string text = SdpWriter::write(SdpNegotiator::write_offer(transceivers, local));
    SessionDescription offer;
    std::string error;
    CPPUNIT_ASSERT_MESSAGE(error + "\n" + text, SdpParser::parse("offer", text, offer, error));
    CPPUNIT_ASSERT_EQUAL(std::string("v1"), offer.media[1].mid);
    CPPUNIT_ASSERT(offer.media[1].direction == SdpDirection::kSendOnly);
    CPPUNIT_ASSERT_EQUAL(size_t{3}, offer.media[1].codecs.size());
    CPPUNIT_ASSERT_EQUAL(std::string("actpass"), offer.media[0].setup);
    CPPUNIT_ASSERT_EQUAL(uint32_t{42}, offer.media[1].ssrcs.at(0));
  }

  void directions_follow_the_offer() {
    std::string text = fixture("aiortc_offer.sdp");
    text.replace(text.find("a=sendrecv"), 10, "a=sendonly");  // audio: the peer only sends
    SessionDescription offer;
    std::string error;
    CPPUNIT_ASSERT(SdpParser::parse("offer", text, offer, error));
    std::vector<Transceiver> raw, routed;
    SdpNegotiator::apply_offer(offer, raw, true);
    SdpNegotiator::apply_offer(offer, routed, false);
    CPPUNIT_ASSERT(raw[0].direction == SdpDirection::kRecvOnly);
    CPPUNIT_ASSERT(raw[1].direction == SdpDirection::kSendRecv);
    CPPUNIT_ASSERT(routed[1].direction == SdpDirection::kRecvOnly);
  }

  void rejects_malformed() {
    SessionDescription out;
    std::string error;
    CPPUNIT_ASSERT(!SdpParser::parse("offer", "", out, error));
    CPPUNIT_ASSERT(!SdpParser::parse("offer", "hello world", out, error));
    CPPUNIT_ASSERT(!SdpParser::parse("pranswer", fixture("aiortc_offer.sdp"), out, error));
    std::string text = fixture("aiortc_offer.sdp");
    std::string no_fingerprint = text;
    while (no_fingerprint.find("a=fingerprint") != std::string::npos)
      no_fingerprint.replace(no_fingerprint.find("a=fingerprint"), 13, "a=xfingerprnt");
    CPPUNIT_ASSERT(!SdpParser::parse("offer", no_fingerprint, out, error));
    CPPUNIT_ASSERT(error.find("fingerprint") != std::string::npos);
    std::string bad_rtpmap = text;
    bad_rtpmap.replace(bad_rtpmap.find("a=rtpmap:96 opus/48000/2"), 24, "a=rtpmap:999 opus/x/2  ");
    CPPUNIT_ASSERT(!SdpParser::parse("offer", bad_rtpmap, out, error));
    // Every truncation of a valid offer parses or fails cleanly.
    for (size_t cut = 0; cut < text.size(); cut += 7)
      SdpParser::parse("offer", text.substr(0, cut), out, error);
  }

  // A Chromium offer: mid, ssrc-audio-level, abs-send-time and
  // transport-wide-cc are answered with the offered ids on both m-lines,
  // with rtcp-fb transport-cc; toffset and video-orientation are not.
  void chromium_offer_negotiates_transport_cc() {
    SessionDescription offer;
    std::string error;
    CPPUNIT_ASSERT_MESSAGE(error,
                           SdpParser::parse("offer", fixture("chromium_offer.sdp"), offer, error));
    std::vector<Transceiver> transceivers;
    SdpNegotiator::apply_offer(offer, transceivers, true);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, transceivers.size());
    for (const auto &transceiver : transceivers) {
      CPPUNIT_ASSERT_EQUAL(3, transceiver.extension_id(kTransportCc));
      CPPUNIT_ASSERT_EQUAL(4, transceiver.extension_id("urn:ietf:params:rtp-hdrext:sdes:mid"));
      CPPUNIT_ASSERT_EQUAL(2, transceiver.extension_id(kAbsSendTime));
    }
    CPPUNIT_ASSERT_EQUAL(
        1, transceivers[0].extension_id("urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
    // color-space carried through; no toffset nor video-orientation.
    CPPUNIT_ASSERT_EQUAL(size_t{4}, transceivers[1].extensions.size());
    CPPUNIT_ASSERT_EQUAL(9, transceivers[1].extension_id(
                                "http://www.webrtc.org/experiments/rtp-hdrext/color-space"));
    const auto &vp8_feedback = transceivers[1].codecs.at(0).feedback;
    CPPUNIT_ASSERT_EQUAL(size_t{5}, vp8_feedback.size());
    CPPUNIT_ASSERT(std::find(vp8_feedback.begin(), vp8_feedback.end(), "transport-cc") !=
                   vp8_feedback.end());
    transceivers[0].local_ssrc = 1111;
    transceivers[1].local_ssrc = 2222;
    std::string text =
        SdpWriter::write(SdpNegotiator::write_answer(offer, transceivers, transport()));
    CPPUNIT_ASSERT_MESSAGE(
        text, text.find(std::string("a=extmap:3 ") + kTransportCc + "\r\n") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(text, text.find("a=rtcp-fb:96 transport-cc\r\n") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(text, text.find("a=rtcp-fb:111 transport-cc\r\n") != std::string::npos);
    CPPUNIT_ASSERT(text.find("toffset") == std::string::npos);
    CPPUNIT_ASSERT(text.find("video-orientation") == std::string::npos);
    SessionDescription answer;
    CPPUNIT_ASSERT_MESSAGE(error + "\n" + text, SdpParser::parse("answer", text, answer, error));
    // Our later offer (renegotiation) keeps the extension and its id.
    std::string reoffer = SdpWriter::write(SdpNegotiator::write_offer(transceivers, transport()));
    CPPUNIT_ASSERT(reoffer.find(std::string("a=extmap:3 ") + kTransportCc) != std::string::npos);
    std::vector<Transceiver> applied = transceivers;
    CPPUNIT_ASSERT(SdpNegotiator::apply_answer(answer, applied, error));
    CPPUNIT_ASSERT_EQUAL(3, applied[1].extension_id(kTransportCc));
  }

  // aiortc offers no transport-cc: none in the answer either.
  void transport_cc_not_answered_unless_offered() {
    SessionDescription offer;
    std::string error;
    CPPUNIT_ASSERT(SdpParser::parse("offer", fixture("aiortc_offer.sdp"), offer, error));
    std::vector<Transceiver> transceivers;
    SdpNegotiator::apply_offer(offer, transceivers, true);
    std::string text =
        SdpWriter::write(SdpNegotiator::write_answer(offer, transceivers, transport()));
    CPPUNIT_ASSERT(text.find("transport-cc") == std::string::npos);
    CPPUNIT_ASSERT(text.find(kTransportCc) == std::string::npos);
    CPPUNIT_ASSERT_EQUAL(0, transceivers[1].extension_id(kTransportCc));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SdpRoundTripTest);
