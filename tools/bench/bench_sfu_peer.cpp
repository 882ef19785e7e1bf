#include "bench_sfu_peer.hpp"

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

media::Transceiver sending_transceiver(const std::string &mid, const std::string &kind,
                                       const std::string &codec) {
  media::Transceiver transceiver;
  transceiver.mid = mid;
  transceiver.kind = kind;
  for (const auto &candidate : media::SdpNegotiator::default_codecs(kind))
    if (candidate.name == codec) transceiver.codecs.push_back(candidate);
  transceiver.direction = media::SdpDirection::kSendOnly;
  transceiver.local_send = true;
  transceiver.local_ssrc = random_u32();
  transceiver.local_msid = "bench " + kind + "-" + mid;
  return transceiver;
}

std::string text_of(const json_t *object, const char *key) {
  const char *value = json_string_value(json_object_get(object, key));
  return value ? value : "";
}

}  // namespace

void JoinClock::joined(int64_t user_id, uint64_t ns) {
  std::lock_guard<std::mutex> lock(mutex_);
  joins_[user_id] = ns;
}

uint64_t JoinClock::joined_at(int64_t user_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = joins_.find(user_id);
  return found == joins_.end() ? 0 : found->second;
}

SfuPeer::SfuPeer(media::MediaWorker &worker, const media::DtlsIdentity &identity,
                 WsClient &signaling, Settings settings)
    : worker_(worker),
      identity_(identity),
      signaling_(signaling),
      settings_(std::move(settings)),
      cname_("bench" + std::to_string(random_u32())),
      rtcp_ssrc_(random_u32()) {}

SfuPeer::~SfuPeer() = default;

SfuLeg::Callbacks SfuPeer::leg_callbacks(bool publisher) {
  SfuLeg::Callbacks callbacks;
  callbacks.gathered = [this, publisher] {
    if (publisher)
      send_publisher_offer();
    else
      answer_pending_offer();
  };
  callbacks.connected = [this, publisher] {
    if (publisher) on_publisher_connected();
  };
  callbacks.rtp = [this, publisher](uint8_t *data, size_t len) {
    if (!publisher) on_subscribed_rtp(data, len);
  };
  callbacks.rtcp = [this, publisher](uint8_t *data, size_t len) {
    if (!publisher || !traffic_) return;
    media::for_each_rtcp(data, len, [this](uint8_t type, uint8_t fmt, uint8_t *, size_t) {
      if (type == 206 && (fmt == 1 || fmt == 4)) traffic_->request_keyframe();  // PLI, FIR
    });
  };
  callbacks.failed = [this, publisher](const std::string &reason) {
    fail(std::string(publisher ? "publisher " : "subscriber ") + reason);
  };
  return callbacks;
}

void SfuPeer::start() {
  WsClient::Handlers handlers;
  handlers.opened = [this] { worker_.post([this] { on_open(); }); };
  handlers.message = [this](const std::string &text) {
    worker_.post([this, text] { on_signaling(text); });
  };
  handlers.closed = [this](const std::string &reason) {
    worker_.post([this, reason] { fail("signaling " + reason); });
  };
  connection_ = signaling_.connect(settings_.ws_host, settings_.ws_port, settings_.ws_path,
                                   std::move(handlers));
}

void SfuPeer::send(const char *type, json_t *payload) {
  json_t *message = json_pack("{s:s,s:o}", "type", type, "payload", payload);
  char *text = json_dumps(message, JSON_COMPACT);
  signaling_.send(connection_, text);
  std::free(text);
  json_decref(message);
}

void SfuPeer::on_open() {
  if (released_) return;
  join_ns_ = monotonic_ns();
  if (settings_.joins) settings_.joins->joined(settings_.user_id, join_ns_);
  send("join-room", json_object());
  pli_timer_.start(worker_.context(), 300, [this] {
    request_missing_keyframes();
    return true;
  });
  if (!settings_.publish) return;
  published_ = {sending_transceiver("0", "video", "VP8"),
                sending_transceiver("1", "audio", "opus")};
  publisher_ = std::make_unique<SfuLeg>(worker_, identity_, leg_callbacks(true));
  std::string error;
  if (!publisher_->start(true, error)) fail("publisher ice: " + error);
}

void SfuPeer::send_publisher_offer() {
  if (released_ || offered_) return;
  offered_ = true;
  media::SessionDescription offer =
      media::SdpNegotiator::write_offer(published_, publisher_->local_transport("actpass", cname_));
  offer.session_id = random_u32();
  std::string sdp = media::SdpWriter::write(offer);
  send("offer", json_pack("{s:s,s:s,s:s}", "type", "offer", "sdp", sdp.c_str(), "pc", "publisher"));
}

void SfuPeer::on_signaling(const std::string &text) {
  if (released_) return;
  json_t *message = json_loads(text.c_str(), 0, nullptr);
  std::string type = text_of(message, "type");
  json_t *payload = json_object_get(message, "payload");
  std::string pc = text_of(payload, "pc");
  if (type == "answer" && pc == "publisher") {
    on_publisher_answer(text_of(payload, "sdp"));
  } else if (type == "offer" && pc == "subscriber") {
    on_subscriber_offer(text_of(payload, "sdp"), json_object_get(payload, "streams"));
  } else if (type == "ice-candidate" || type == "candidate") {
    on_candidate(payload);
  } else if (type == "error") {
    fail("gateway error " + text.substr(0, 200));
  }
  json_decref(message);
}

void SfuPeer::on_publisher_answer(const std::string &sdp) {
  media::SessionDescription answer;
  std::string error;
  if (!publisher_ || !media::SdpParser::parse("answer", sdp, answer, error) ||
      !media::SdpNegotiator::apply_answer(answer, published_, error))
    return fail("publisher answer: " + error);
  if (published_[0].codecs.empty() || published_[1].codecs.empty())
    return fail("publisher answer rejected VP8 or Opus");
  const media::SdpMedia *first = nullptr;
  for (const auto &media : answer.media)
    if (!media.rejected() && !first) first = &media;
  bool we_are_client = first && first->setup != "active";
  if (!publisher_->apply_remote(answer, we_are_client, error))
    return fail("publisher answer: " + error);
}

void SfuPeer::on_subscriber_offer(const std::string &sdp, json_t *streams) {
  counters_.subscriber_offers++;
  std::map<std::string, int64_t> mid_user;
  size_t index = 0;
  json_t *entry = nullptr;
  json_array_foreach(streams, index, entry) {
    mid_user[text_of(entry, "mid")] = json_integer_value(json_object_get(entry, "user_id"));
  }
  media::SessionDescription offer;
  std::string error;
  if (!media::SdpParser::parse("offer", sdp, offer, error))
    return fail("subscriber offer: " + error);
  for (const auto &media : offer.media)
    for (uint32_t ssrc : media.ssrcs)
      if (mid_user.count(media.mid)) ssrc_user_[ssrc] = mid_user[media.mid];
  pending_offer_ = sdp;
  if (!subscriber_) {
    subscriber_ = std::make_unique<SfuLeg>(worker_, identity_, leg_callbacks(false));
    // The answerer is controlled, unless the offerer is ice-lite.
    if (!subscriber_->start(offer.ice_lite, error)) return fail("subscriber ice: " + error);
  }
  answer_pending_offer();
}

void SfuPeer::answer_pending_offer() {
  if (released_ || pending_offer_.empty() || !subscriber_ || !subscriber_->gathered()) return;
  media::SessionDescription offer;
  std::string error;
  if (!media::SdpParser::parse("offer", pending_offer_, offer, error))
    return fail("subscriber offer: " + error);
  pending_offer_.clear();
  media::SdpNegotiator::apply_offer(offer, subscribed_, false);
  for (const auto &transceiver : subscribed_)
    if (transceiver.kind == "video")
      for (const auto &codec : transceiver.codecs) video_pts_.insert(codec.payload_type);
  media::SessionDescription answer = media::SdpNegotiator::write_answer(
      offer, subscribed_, subscriber_->local_transport("active", cname_));
  std::string sdp = media::SdpWriter::write(answer);
  send("answer",
       json_pack("{s:s,s:s,s:s}", "type", "answer", "sdp", sdp.c_str(), "pc", "subscriber"));
  if (!subscriber_->apply_remote(offer, true, error)) fail("subscriber offer: " + error);
}

void SfuPeer::on_candidate(json_t *payload) {
  SfuLeg *leg = text_of(payload, "pc") == "subscriber" ? subscriber_.get() : publisher_.get();
  if (!leg) return;
  json_t *candidate = json_object_get(payload, "candidate");
  if (json_is_object(candidate)) candidate = json_object_get(candidate, "candidate");
  const char *line = json_string_value(candidate);
  leg->add_remote_candidate(line ? line : "", json_is_true(json_object_get(payload, "completed")));
}

void SfuPeer::on_publisher_connected() {
  SyntheticTraffic::Settings traffic;
  traffic.video_kbps = settings_.video_kbps;
  traffic.keyframe_interval = settings_.keyframe_interval;
  traffic.video_pt = published_[0].codecs[0].payload_type;
  traffic.audio_pt = published_[1].codecs[0].payload_type;
  traffic.video_ssrc = published_[0].local_ssrc;
  traffic.audio_ssrc = published_[1].local_ssrc;
  traffic_ = std::make_unique<SyntheticTraffic>(traffic);
  counters_.publishing = true;
  send_timer_.start(worker_.context(), 5, [this] {
    traffic_->send_due(monotonic_ns(), [this](uint8_t *buffer, size_t len, bool, bool) {
      if (publisher_->send_rtp(buffer, len, SyntheticTraffic::kBufferSize)) counters_.sent++;
    });
    return true;
  });
}

void SfuPeer::on_subscribed_rtp(uint8_t *data, size_t len) {
  uint64_t now = monotonic_ns();
  media::RtpHeader header;
  if (!media::parse_rtp_header(data, len, header)) return;
  const uint8_t *payload = data + header.header_size;
  size_t payload_len = len - header.header_size;
  BenchStamp stamp;
  if (!BenchStamp::read(payload, payload_len, stamp)) return;
  counters_.received++;
  StreamStats &stream = streams_[header.ssrc];
  if (stream.received++ == 0) stream.first_counter = stamp.counter;
  stream.last_counter = std::max(stream.last_counter, stamp.counter);
  stream.video = video_pts_.count(header.payload_type) > 0;
  if (settings_.measuring && settings_.measuring->load(std::memory_order_relaxed) &&
      now >= stamp.sent_ns)
    latencies_us_.push_back(static_cast<uint32_t>((now - stamp.sent_ns) / 1000));
  // VP8: S bit in the descriptor, P bit clear in the frame tag = keyframe.
  bool keyframe = stream.video && payload_len > 2 && (payload[0] & 0x10) && !(payload[1] & 0x01);
  if (!keyframe || stream.keyed) return;
  stream.keyed = true;
  counters_.keyed_streams++;
  uint64_t since = join_ns_;
  auto user = ssrc_user_.find(header.ssrc);
  if (user != ssrc_user_.end() && settings_.joins)
    since = std::max(since, settings_.joins->joined_at(user->second));
  if (now >= since) first_frame_ms_.push_back(static_cast<uint32_t>((now - since) / 1'000'000));
}

// Like a receiver that cannot decode yet: PLI every 300 ms per video stream
// without a keyframe.
void SfuPeer::request_missing_keyframes() {
  if (!subscriber_ || !subscriber_->connected()) return;
  for (const auto &[ssrc, stream] : streams_) {
    if (!stream.video || stream.keyed) continue;
    uint8_t packet[SyntheticTraffic::kBufferSize];
    size_t len = media::write_pli(packet, rtcp_ssrc_, ssrc);
    subscriber_->send_rtcp(packet, len, sizeof packet);
  }
}

void SfuPeer::stop_sending() {
  send_timer_.cancel();
}

void SfuPeer::release() {
  if (released_) return;
  released_ = true;
  send_timer_.cancel();
  pli_timer_.cancel();
  publisher_.reset();
  subscriber_.reset();
}

void SfuPeer::fail(const std::string &reason) {
  if (released_ || counters_.failed) return;
  failure_ = reason;
  counters_.failed = true;
  send_timer_.cancel();
}

}  // namespace meetgate::bench
