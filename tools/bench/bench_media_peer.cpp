#include "bench_media_peer.hpp"

#include <jansson.h>
#include <openssl/rand.h>

#include <cstring>

#include "bench_media_ws_client.hpp"
#include "dtls_identity.hpp"
#include "media_worker.hpp"
#include "packet_demux.hpp"
#include "sdp_negotiator.hpp"
#include "sdp_parser.hpp"
#include "sdp_writer.hpp"

namespace meetgate::bench {
namespace {

uint32_t random_u32() {
  uint32_t value = 0;
  while (value == 0) RAND_bytes(reinterpret_cast<unsigned char *>(&value), sizeof value);
  return value;
}

// Our m-line: one codec (VP8 or Opus) from the engine's defaults, sendrecv.
media::Transceiver make_transceiver(const std::string &mid, const std::string &kind,
                                    const std::string &codec) {
  media::Transceiver transceiver;
  transceiver.mid = mid;
  transceiver.kind = kind;
  for (const auto &candidate : media::SdpNegotiator::default_codecs(kind))
    if (candidate.name == codec) transceiver.codecs.push_back(candidate);
  transceiver.direction = media::SdpDirection::kSendRecv;
  transceiver.local_send = true;
  transceiver.local_ssrc = random_u32();
  transceiver.local_msid = "bench " + kind + "-" + mid;
  return transceiver;
}

}  // namespace

LoadPeer::LoadPeer(media::MediaWorker &worker, const media::DtlsIdentity &identity,
                   WsClient &signaling, Settings settings)
    : worker_(worker),
      identity_(identity),
      signaling_(signaling),
      settings_(std::move(settings)),
      cname_("bench" + std::to_string(random_u32())) {}

LoadPeer::~LoadPeer() = default;

void LoadPeer::start() {
  media::IceSettings ice;
  ice.local_addresses = {"127.0.0.1"};
  media::IceAgent::Callbacks callbacks;
  // Every candidate goes into the offer, written once gathering is done.
  callbacks.candidate = [](const std::string &) {};
  callbacks.gathering_done = [this] {
    gathered_ = true;
    send_offer_when_ready();
  };
  callbacks.connected = [this] {
    if (dtls_) dtls_->start();
  };
  callbacks.failed = [this] { fail("ice-failed"); };
  callbacks.received = [this](uint8_t *data, size_t len) { on_datagram(data, len); };
  ice_ = std::make_unique<media::IceAgent>(worker_.context(), ice, std::move(callbacks));
  std::string error;
  if (!ice_->start(error)) return fail("ice: " + error);
  dtls_ = std::make_unique<media::DtlsTransport>(
      identity_.context(), worker_.context(),
      [this](const uint8_t *data, size_t len) {
        if (ice_) ice_->send(data, len);
      },
      [this](media::SrtpProfile profile, const std::vector<uint8_t> &inbound,
             const std::vector<uint8_t> &outbound) {
        on_dtls_connected(profile, inbound, outbound);
      },
      [this](const std::string &reason) { fail("dtls: " + reason); });
  transceivers_ = {make_transceiver("0", "video", "VP8"), make_transceiver("1", "audio", "opus")};
  ice_->set_controlling(true);
  ice_->gather();
  WsClient::Handlers handlers;
  handlers.opened = [this] {
    worker_.post([this] {
      ws_open_ = true;
      ws_open_ns_ = monotonic_ns();
      send_offer_when_ready();
    });
  };
  handlers.message = [this](const std::string &text) {
    worker_.post([this, text] { on_signaling(text); });
  };
  handlers.closed = [this](const std::string &reason) {
    worker_.post([this, reason] { fail("signaling " + reason); });
  };
  connection_ = signaling_.connect(settings_.ws_host, settings_.ws_port, settings_.ws_path,
                                   std::move(handlers));
}

void LoadPeer::send_offer_when_ready() {
  if (released_ || offered_ || !ws_open_ || !gathered_) return;
  offered_ = true;
  media::LocalTransport transport;
  transport.ice_ufrag = ice_->local_ufrag();
  transport.ice_pwd = ice_->local_pwd();
  transport.fingerprint = identity_.fingerprint();
  transport.setup = "actpass";
  transport.candidates = ice_->local_candidates();
  transport.end_of_candidates = true;
  transport.cname = cname_;
  media::SessionDescription offer = media::SdpNegotiator::write_offer(transceivers_, transport);
  offer.session_id = random_u32();
  std::string sdp = media::SdpWriter::write(offer);
  json_t *message = json_pack("{s:s,s:s}", "type", "offer", "sdp", sdp.c_str());
  char *text = json_dumps(message, JSON_COMPACT);
  signaling_.send(connection_, text);
  std::free(text);
  json_decref(message);
}

void LoadPeer::on_signaling(const std::string &text) {
  if (released_) return;
  json_t *message = json_loads(text.c_str(), 0, nullptr);
  const char *type = json_string_value(json_object_get(message, "type"));
  std::string kind = type ? type : "";
  if (kind == "answer") {
    const char *sdp = json_string_value(json_object_get(message, "sdp"));
    on_answer(sdp ? sdp : "");
  } else if (kind == "candidate") {
    const json_t *candidate = json_object_get(message, "candidate");
    const char *line = json_string_value(json_object_get(candidate, "candidate"));
    on_remote_candidate(line ? line : "", json_is_true(json_object_get(candidate, "completed")));
  } else if (kind == "error" || kind == "hangup") {
    fail("gateway said " + text.substr(0, 200));
  }
  json_decref(message);
}

void LoadPeer::on_answer(const std::string &sdp) {
  media::SessionDescription answer;
  std::string error;
  if (!media::SdpParser::parse("answer", sdp, answer, error) ||
      !media::SdpNegotiator::apply_answer(answer, transceivers_, error))
    return fail("answer: " + error);
  const media::SdpMedia *transport = nullptr;
  for (const auto &media : answer.media)
    if (!media.rejected() && !transport) transport = &media;
  if (!transport || transceivers_[0].codecs.empty() || transceivers_[1].codecs.empty())
    return fail("answer rejected the VP8 or Opus m-line");
  video_pt_ = transceivers_[0].codecs[0].payload_type;
  audio_pt_ = transceivers_[1].codecs[0].payload_type;
  for (const auto &media : answer.media)
    if (media.mid == "0" && !media.ssrcs.empty()) remote_video_ssrc_ = media.ssrcs[0];
  if (!ice_->set_remote_credentials(transport->ice_ufrag, transport->ice_pwd))
    return fail("answer: bad ICE credentials");
  dtls_->set_role(transport->setup != "active");
  dtls_->set_remote_fingerprint(transport->fingerprint_algorithm, transport->fingerprint);
  for (const auto &candidate : transport->candidates) ice_->add_remote_candidate(candidate);
  if (transport->end_of_candidates) ice_->remote_gathering_done();
}

void LoadPeer::on_remote_candidate(const std::string &candidate, bool completed) {
  if (completed || candidate.empty()) {
    ice_->remote_gathering_done();
  } else if (candidate.find(" tcp ") == std::string::npos) {
    ice_->add_remote_candidate(candidate);
  }
}

void LoadPeer::on_dtls_connected(media::SrtpProfile profile, const std::vector<uint8_t> &inbound,
                                 const std::vector<uint8_t> &outbound) {
  auto srtp = std::make_unique<media::SrtpSession>();
  std::string error;
  if (!srtp->start(profile, inbound.data(), outbound.data(), error)) return fail("srtp: " + error);
  srtp_ = std::move(srtp);
  uint64_t now = monotonic_ns();
  counters_.connect_ms = static_cast<int64_t>((now - ws_open_ns_) / 1'000'000);
  counters_.connected = true;
  SyntheticTraffic::Settings traffic;
  traffic.video_kbps = settings_.video_kbps;
  traffic.keyframe_interval = settings_.keyframe_interval;
  traffic.video_pt = video_pt_;
  traffic.audio_pt = audio_pt_;
  traffic.video_ssrc = transceivers_[0].local_ssrc;
  traffic.audio_ssrc = transceivers_[1].local_ssrc;
  traffic_ = std::make_unique<SyntheticTraffic>(traffic);
  send_timer_.start(worker_.context(), 5, [this] {
    traffic_->send_due(monotonic_ns(), [this](uint8_t *buffer, size_t len, bool video, bool) {
      send_rtp(buffer, len, video);
    });
    return true;
  });
}

void LoadPeer::send_rtp(uint8_t *buffer, size_t len, bool video) {
  if (!srtp_ || !srtp_->protect_rtp(buffer, len, SyntheticTraffic::kBufferSize)) return;
  if (!ice_->send(buffer, len)) return;
  (video ? counters_.video_sent : counters_.audio_sent)++;
}

void LoadPeer::send_pli() {
  uint8_t packet[SyntheticTraffic::kBufferSize];  // protect wants room for the largest trailer
  size_t len = media::write_pli(packet, transceivers_[0].local_ssrc, remote_video_ssrc_);
  pli_sent_ns_ = monotonic_ns();
  if (srtp_ && srtp_->protect_rtcp(packet, len, sizeof packet)) ice_->send(packet, len);
}

void LoadPeer::on_datagram(uint8_t *data, size_t len) {
  if (released_) return;
  switch (media::classify_packet(data, len)) {
    case media::PacketClass::kDtls:
      if (dtls_) dtls_->handle_datagram(data, len);
      break;
    case media::PacketClass::kRtp:
      on_rtp(data, len);
      break;
    case media::PacketClass::kRtcp:
      on_rtcp(data, len);
      break;
    default:
      break;
  }
}

void LoadPeer::on_rtp(uint8_t *data, size_t len) {
  if (!srtp_ || !srtp_->unprotect_rtp(data, len)) return;
  uint64_t now = monotonic_ns();
  media::RtpHeader header;
  if (!media::parse_rtp_header(data, len, header)) return;
  const uint8_t *payload = data + header.header_size;
  size_t payload_len = len - header.header_size;
  BenchStamp stamp;
  if (!BenchStamp::read(payload, payload_len, stamp)) return;
  bool video = header.payload_type == video_pt_;
  (video ? counters_.video_received : counters_.audio_received)++;
  if (settings_.measuring && settings_.measuring->load(std::memory_order_relaxed) &&
      now >= stamp.sent_ns)
    latencies_us_.push_back(static_cast<uint32_t>((now - stamp.sent_ns) / 1000));
  // VP8: S bit in the descriptor, P bit clear in the frame tag = keyframe.
  bool keyframe = video && payload_len > 2 && (payload[0] & 0x10) && !(payload[1] & 0x01);
  if (!video || counters_.first_keyframe_us >= 0) return;
  // "Subscribe" = the first video packet back (a delta frame: the sender
  // starts without a keyframe). Like a receiver that cannot decode yet, ask
  // for one (PLI, the echo turns it into a PLI towards us), again every
  // 300 ms until it comes.
  if (!subscribed_ns_) subscribed_ns_ = now;
  if (keyframe) {
    counters_.first_keyframe_us = static_cast<int64_t>((now - subscribed_ns_) / 1000);
  } else if (now - pli_sent_ns_ >= 300'000'000u) {
    send_pli();
  }
}

void LoadPeer::on_rtcp(uint8_t *data, size_t len) {
  if (!srtp_ || !srtp_->unprotect_rtcp(data, len)) return;
  media::for_each_rtcp(data, len, [this](uint8_t type, uint8_t fmt, uint8_t *, size_t) {
    if (type == 206 && (fmt == 1 || fmt == 4) && traffic_) {  // PLI, FIR
      traffic_->request_keyframe();
      counters_.keyframe_requests++;
    }
  });
}

void LoadPeer::stop_sending() {
  send_timer_.cancel();
}

void LoadPeer::release() {
  if (released_) return;
  released_ = true;
  send_timer_.cancel();
  dtls_.reset();
  ice_.reset();
  srtp_.reset();
}

void LoadPeer::fail(const std::string &reason) {
  if (released_ || counters_.failed) return;
  failure_ = reason;
  counters_.failed = true;
  send_timer_.cancel();
}

}  // namespace meetgate::bench
