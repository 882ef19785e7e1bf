// Router: fan-out to several consumers with rewriting, pause/resume,
// late-join keyframe gating, NACK answers, PLI upstream (rate-limited),
// producer restart, simulcast switching, closing, feedback and stats.
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <thread>

#include "keyframe_detector.hpp"
#include "router_fixture.hpp"
#include "rtcp_parser.hpp"
#include "rtcp_writer.hpp"

namespace meetgate::media::rtp {
using namespace test;

namespace {
struct RtcpCounter : RtcpHandler {
  int rr = 0, sr = 0, nack = 0, remb = 0;
  std::vector<uint16_t> nacked;
  void on_report_block(uint32_t, const ReportBlock &) override { ++rr; }
  void on_sender_report(const SenderInfo &) override { ++sr; }
  void on_nack(uint32_t, uint32_t, uint16_t pid, uint16_t) override {
    ++nack;
    nacked.push_back(pid);
  }
  void on_remb(uint32_t, uint64_t, std::span<const uint8_t>) override { ++remb; }
};
}  // namespace

class RouterTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RouterTest);
  CPPUNIT_TEST(fan_out_rewrites_per_consumer);
  CPPUNIT_TEST(late_join_waits_for_keyframe);
  CPPUNIT_TEST(pause_and_resume_keep_sequence_continuous);
  CPPUNIT_TEST(nack_is_answered_and_pli_goes_upstream);
  CPPUNIT_TEST(producer_restart_with_new_ssrc);
  CPPUNIT_TEST(simulcast_layer_switch);
  CPPUNIT_TEST(remove_producer_closes_consumers);
  CPPUNIT_TEST(feedback_toward_producer_and_consumer);
  CPPUNIT_TEST(audio_levels_and_active_speaker);
  CPPUNIT_TEST(rtx_repairs_a_gap);
  CPPUNIT_TEST(temporal_layer_preference);
  CPPUNIT_TEST(extensions_rewritten_for_the_consumer);
  CPPUNIT_TEST(bad_input_is_refused);
  CPPUNIT_TEST(concurrent_add_remove_during_fan_out);
  CPPUNIT_TEST_SUITE_END();

  std::shared_ptr<RecordingRequester> requester_;
  std::unique_ptr<RecordingListener> listener_;
  std::unique_ptr<Router> router_;
  uint64_t clock_now_ = 10'000'000;  // the simulated clock of control calls

 public:
  void setUp() override {
    requester_ = std::make_shared<RecordingRequester>();
    listener_ = std::make_unique<RecordingListener>();
    RouterConfig config;
    config.clock = [this] { return clock_now_; };
    router_ = std::make_unique<Router>(config, listener_.get());
  }
  void tearDown() override { router_.reset(); }

  ProducerId add_vp8() {
    std::string error;
    const ProducerId id = router_->add_producer(vp8_producer(requester_), error);
    CPPUNIT_ASSERT_MESSAGE(error, id != 0);
    return id;
  }
  ConsumerId add(ProducerId producer, const std::shared_ptr<RecordingSink> &sink, uint32_t ssrc,
                 uint8_t pt = 0) {
    std::string error;
    const ConsumerId id = router_->add_consumer(producer, consumer_with(sink, ssrc, pt), error);
    CPPUNIT_ASSERT_MESSAGE(error, id != 0);
    return id;
  }
  void send(ProducerId producer, Vp8Sender &sender, bool keyframe) {
    const auto packet = sender.next(keyframe);
    clock_now_ = sender.now;
    CPPUNIT_ASSERT(router_->on_producer_rtp(producer, packet, sender.now));
  }

  void fan_out_rewrites_per_consumer() {
    const ProducerId p = add_vp8();
    std::vector<std::shared_ptr<RecordingSink>> sinks;
    for (uint32_t i = 0; i < 3; ++i) {
      sinks.push_back(std::make_shared<RecordingSink>());
      ConsumerOptions options =
          consumer_with(sinks.back(), 0xC000 + i, static_cast<uint8_t>(100 + i));
      options.mid = "v" + std::to_string(i);
      options.extensions.mid = 1;
      options.extensions.transport_cc = 3;
      std::string error;
      CPPUNIT_ASSERT(router_->add_consumer(p, options, error) != 0);
    }
    Vp8Sender sender;
    send(p, sender, true);
    for (int i = 0; i < 9; ++i) send(p, sender, false);
    for (uint32_t i = 0; i < 3; ++i) {
      CPPUNIT_ASSERT_EQUAL(size_t{10}, sinks[i]->rtp.size());
      CPPUNIT_ASSERT(continuous(sequences(*sinks[i])));
      const auto view = RtpPacketView::parse_readonly(sinks[i]->rtp[3]);
      CPPUNIT_ASSERT_EQUAL(0xC000 + i, view->ssrc());
      CPPUNIT_ASSERT_EQUAL(static_cast<uint8_t>(100 + i), view->payload_type());
      const auto mid = view->find_extension(1);
      CPPUNIT_ASSERT(mid && std::string(mid->begin(), mid->end()) == "v" + std::to_string(i));
      CPPUNIT_ASSERT_EQUAL(size_t{2}, view->find_extension(3)->size());
      const auto payload = vp8_delta();
      CPPUNIT_ASSERT(std::equal(payload.begin(), payload.end(), view->payload().begin(),
                                view->payload().end()));
    }
    ConsumerStats stats;
    CPPUNIT_ASSERT(router_->consumer_stats(1, stats));
    CPPUNIT_ASSERT_EQUAL(uint64_t{10}, stats.packets);
    CPPUNIT_ASSERT_EQUAL(uint64_t{30}, router_->forwarded_packets());
    ProducerStats pstats;
    CPPUNIT_ASSERT(router_->producer_stats(p, pstats));
    CPPUNIT_ASSERT_EQUAL(uint64_t{10}, pstats.packets);
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, pstats.keyframes);
  }

  void late_join_waits_for_keyframe() {
    const ProducerId p = add_vp8();
    auto early = std::make_shared<RecordingSink>();
    add(p, early, 1);
    Vp8Sender sender;
    send(p, sender, true);
    for (int i = 0; i < 5; ++i) send(p, sender, false);
    requester_->requests.clear();
    clock_now_ = sender.now += 1'000'000;
    // Two consumers join 100 ms apart: one keyframe request (rate limit).
    auto late = std::make_shared<RecordingSink>();
    auto later = std::make_shared<RecordingSink>();
    add(p, late, 2);
    for (int i = 0; i < 3; ++i) send(p, sender, false);
    add(p, later, 3);
    for (int i = 0; i < 3; ++i) send(p, sender, false);
    CPPUNIT_ASSERT(late->rtp.empty() && later->rtp.empty());
    CPPUNIT_ASSERT_EQUAL(size_t{1}, requester_->requests.size());
    CPPUNIT_ASSERT_EQUAL(sender.ssrc, requester_->requests[0]);
    ConsumerStats stats;
    router_->consumer_stats(2, stats);
    CPPUNIT_ASSERT(stats.waiting_for_keyframe);
    send(p, sender, true);
    for (int i = 0; i < 3; ++i) send(p, sender, false);
    CPPUNIT_ASSERT_EQUAL(size_t{4}, late->rtp.size());
    CPPUNIT_ASSERT_EQUAL(size_t{4}, later->rtp.size());
    const auto first = RtpPacketView::parse_readonly(late->rtp[0]);
    CPPUNIT_ASSERT(KeyframeDetector::is_vp8_keyframe(first->payload()));
    CPPUNIT_ASSERT(continuous(sequences(*late)));
    CPPUNIT_ASSERT_EQUAL(size_t{16}, early->rtp.size());
    CPPUNIT_ASSERT(continuous(sequences(*early)));
  }

  void pause_and_resume_keep_sequence_continuous() {
    const ProducerId p = add_vp8();
    auto sink = std::make_shared<RecordingSink>();
    const ConsumerId c = add(p, sink, 7);
    Vp8Sender sender;
    send(p, sender, true);
    send(p, sender, false);
    CPPUNIT_ASSERT(router_->pause_consumer(c, true));
    for (int i = 0; i < 10; ++i) send(p, sender, false);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, sink->rtp.size());
    requester_->requests.clear();
    clock_now_ = sender.now += 600'000;
    CPPUNIT_ASSERT(router_->pause_consumer(c, false));
    send(p, sender, false);  // not a keyframe: still gated
    CPPUNIT_ASSERT_EQUAL(size_t{2}, sink->rtp.size());
    CPPUNIT_ASSERT(!requester_->requests.empty());
    send(p, sender, true);
    send(p, sender, false);
    CPPUNIT_ASSERT_EQUAL(size_t{4}, sink->rtp.size());
    CPPUNIT_ASSERT(continuous(sequences(*sink)));
    // The timestamp advanced with the wall clock across the pause (> 12 frames).
    const auto before = RtpPacketView::parse_readonly(sink->rtp[1])->timestamp();
    const auto after = RtpPacketView::parse_readonly(sink->rtp[2])->timestamp();
    CPPUNIT_ASSERT(after - before > 12 * 3000);
    // Producer pause works the same way for every consumer.
    CPPUNIT_ASSERT(router_->pause_producer(p, true));
    send(p, sender, true);
    CPPUNIT_ASSERT_EQUAL(size_t{4}, sink->rtp.size());
    CPPUNIT_ASSERT(router_->pause_producer(p, false));
    send(p, sender, true);
    CPPUNIT_ASSERT_EQUAL(size_t{5}, sink->rtp.size());
    CPPUNIT_ASSERT(continuous(sequences(*sink)));
  }

  void nack_is_answered_and_pli_goes_upstream() {
    const ProducerId p = add_vp8();
    auto sink = std::make_shared<RecordingSink>();
    const ConsumerId c = add(p, sink, 0xABCD);
    Vp8Sender sender;
    send(p, sender, true);
    for (int i = 0; i < 9; ++i) send(p, sender, false);
    const auto seqs = sequences(*sink);
    const std::vector<uint8_t> original = sink->rtp[4];
    std::array<uint8_t, 100> buffer;
    RtcpWriter writer(buffer);
    const uint16_t lost[2] = {seqs[4], seqs[6]};
    writer.add_nack(0x1, 0xABCD, lost);
    CPPUNIT_ASSERT(router_->on_consumer_rtcp(c, writer.data(), sender.now));
    CPPUNIT_ASSERT_EQUAL(size_t{12}, sink->rtp.size());
    CPPUNIT_ASSERT(sink->rtp[10] == original);
    CPPUNIT_ASSERT_EQUAL(seqs[6], RtpPacketView::parse_readonly(sink->rtp[11])->sequence_number());
    // The same NACK again at once is not answered twice (resend interval).
    CPPUNIT_ASSERT(router_->on_consumer_rtcp(c, writer.data(), sender.now + 1000));
    CPPUNIT_ASSERT_EQUAL(size_t{12}, sink->rtp.size());
    // A NACK for another SSRC is ignored.
    RtcpWriter other(buffer);
    other.add_nack(0x1, 0x9999, lost);
    router_->on_consumer_rtcp(c, other.data(), sender.now + 50'000);
    CPPUNIT_ASSERT_EQUAL(size_t{12}, sink->rtp.size());
    ConsumerStats stats;
    router_->consumer_stats(c, stats);
    CPPUNIT_ASSERT_EQUAL(uint64_t{2}, stats.packets_retransmitted);
    // PLIs: the first goes upstream, a second within 500 ms does not.
    requester_->requests.clear();
    RtcpWriter pli(buffer);
    pli.add_pli(0x1, 0xABCD);
    const uint64_t later = sender.now + 1'000'000;
    router_->on_consumer_rtcp(c, pli.data(), later);
    router_->on_consumer_rtcp(c, pli.data(), later + 100'000);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, requester_->requests.size());
    router_->on_consumer_rtcp(c, pli.data(), later + 600'000);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, requester_->requests.size());
    router_->consumer_stats(c, stats);
    CPPUNIT_ASSERT_EQUAL(uint64_t{3}, stats.plis);
  }

  void producer_restart_with_new_ssrc() {
    const ProducerId p = add_vp8();
    auto sink = std::make_shared<RecordingSink>();
    add(p, sink, 0x77);
    Vp8Sender sender;
    send(p, sender, true);
    send(p, sender, false);
    // The sender restarts: new SSRC, new numbering. A delta first: gated.
    sender.ssrc = 0x6000;
    sender.sequence = 40000;
    sender.timestamp = 123;
    send(p, sender, false);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, sink->rtp.size());
    send(p, sender, true);
    send(p, sender, false);
    CPPUNIT_ASSERT_EQUAL(size_t{4}, sink->rtp.size());
    CPPUNIT_ASSERT(continuous(sequences(*sink)));
    const auto ts1 = RtpPacketView::parse_readonly(sink->rtp[1])->timestamp();
    const auto ts2 = RtpPacketView::parse_readonly(sink->rtp[2])->timestamp();
    CPPUNIT_ASSERT(ts2 - ts1 > 0 && ts2 - ts1 < 3 * 3000 + 10);  // ~2 frames of wall clock
    CPPUNIT_ASSERT_EQUAL(0x77u, RtpPacketView::parse_readonly(sink->rtp[3])->ssrc());
  }

  void simulcast_layer_switch() {
    ProducerOptions options = vp8_producer(requester_);
    options.layers = {{0x100, 0, "l"}, {0x200, 0, "m"}, {0x300, 0, "h"}};
    std::string error;
    const ProducerId p = router_->add_producer(options, error);
    CPPUNIT_ASSERT(p != 0);
    auto sink = std::make_shared<RecordingSink>();
    const ConsumerId c = add(p, sink, 0x55);
    std::array<Vp8Sender, 3> layers;
    for (size_t i = 0; i < 3; ++i) {
      layers[i].ssrc = 0x100 * static_cast<uint32_t>(i + 1);
      layers[i].sequence = static_cast<uint16_t>(1000 * (i + 1));
    }
    auto round = [&](bool keyframe) {
      for (auto &layer : layers) send(p, layer, keyframe);
    };
    // Layers appear one after the other: the consumer climbs to the best
    // one present, each time on a keyframe.
    round(true);
    CPPUNIT_ASSERT_EQUAL(size_t{3}, sink->rtp.size());
    round(false);
    CPPUNIT_ASSERT_EQUAL(size_t{4}, sink->rtp.size());  // highest layer only
    ConsumerStats stats;
    router_->consumer_stats(c, stats);
    CPPUNIT_ASSERT_EQUAL(2, stats.current_spatial_layer);
    requester_->requests.clear();
    for (auto &layer : layers) layer.now += 1'000'000;
    CPPUNIT_ASSERT(router_->set_layers(c, 0, -1));
    round(false);  // keeps the high layer until the low one has a keyframe
    CPPUNIT_ASSERT_EQUAL(size_t{5}, sink->rtp.size());
    CPPUNIT_ASSERT_EQUAL(size_t{1}, requester_->requests.size());
    CPPUNIT_ASSERT_EQUAL(0x100u, requester_->requests[0]);
    round(true);
    round(false);
    CPPUNIT_ASSERT_EQUAL(size_t{7}, sink->rtp.size());
    router_->consumer_stats(c, stats);
    CPPUNIT_ASSERT_EQUAL(0, stats.current_spatial_layer);
    const auto low = vp8_delta();
    const auto last = RtpPacketView::parse_readonly(sink->rtp[6]);
    CPPUNIT_ASSERT(
        std::equal(low.begin(), low.end(), last->payload().begin(), last->payload().end()));
    CPPUNIT_ASSERT(continuous(sequences(*sink)));
    // Simulcast learnt by rid when SSRCs are not signalled.
    ProducerOptions by_rid = vp8_producer(requester_);
    by_rid.layers = {{0, 0, "q"}, {0, 0, "f"}};
    by_rid.extensions.rid = 10;
    const ProducerId q = router_->add_producer(by_rid, error);
    CPPUNIT_ASSERT(q != 0);
    PacketSpec spec;
    spec.ssrc = 0xF00;
    spec.extensions = {{10, {'f'}}};
    CPPUNIT_ASSERT(router_->on_producer_rtp(q, make_rtp(spec), 1));
    spec.ssrc = 0xF01;
    spec.extensions = {{10, {'x'}}};  // unknown rid
    CPPUNIT_ASSERT(!router_->on_producer_rtp(q, make_rtp(spec), 2));
    ProducerStats pstats;
    router_->producer_stats(q, pstats);
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, pstats.packets);
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, pstats.packets_discarded);
  }

  void remove_producer_closes_consumers() {
    const ProducerId p = add_vp8();
    auto a = std::make_shared<RecordingSink>();
    auto b = std::make_shared<RecordingSink>();
    const ConsumerId ca = add(p, a, 1);
    const ConsumerId cb = add(p, b, 2);
    CPPUNIT_ASSERT(router_->remove_consumer(ca, "unsubscribed"));
    CPPUNIT_ASSERT(!router_->remove_consumer(ca));
    CPPUNIT_ASSERT_EQUAL(1, a->closed);
    CPPUNIT_ASSERT(router_->remove_producer(p));
    CPPUNIT_ASSERT_EQUAL(1, b->closed);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, listener_->consumers_closed.size());
    CPPUNIT_ASSERT_EQUAL(std::string("unsubscribed"), listener_->consumers_closed[0].second);
    CPPUNIT_ASSERT_EQUAL(cb, listener_->consumers_closed[1].first);
    CPPUNIT_ASSERT_EQUAL(std::string("producer-closed"), listener_->consumers_closed[1].second);
    CPPUNIT_ASSERT(listener_->producers_closed == std::vector<ProducerId>{p});
    CPPUNIT_ASSERT_EQUAL(size_t{0}, router_->consumer_count());
    CPPUNIT_ASSERT_EQUAL(size_t{0}, router_->producer_count());
    Vp8Sender sender;
    CPPUNIT_ASSERT(!router_->on_producer_rtp(p, sender.next(true), sender.now));
    std::string error;
    CPPUNIT_ASSERT_EQUAL(ConsumerId{0}, router_->add_consumer(p, consumer_with(a, 3), error));
    CPPUNIT_ASSERT(!error.empty());
  }

  void feedback_toward_producer_and_consumer() {
    ProducerOptions options = vp8_producer(requester_);
    auto upstream = std::make_shared<RecordingSink>();
    options.feedback_sink = upstream;
    options.max_bitrate_bps = 1'500'000;
    std::string error;
    const ProducerId p = router_->add_producer(options, error);
    auto sink = std::make_shared<RecordingSink>();
    const ConsumerId c = add(p, sink, 0x42);
    Vp8Sender sender;
    send(p, sender, true);
    send(p, sender, false);
    sender.sequence += 3;  // three packets lost upstream
    send(p, sender, false);
    router_->tick(sender.now);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, upstream->rtcp.size());
    RtcpCounter up;
    CPPUNIT_ASSERT(RtcpParser::parse(upstream->rtcp[0], up));
    CPPUNIT_ASSERT_EQUAL(1, up.rr);
    CPPUNIT_ASSERT_EQUAL(1, up.remb);
    CPPUNIT_ASSERT_EQUAL(1, up.nack);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(sender.sequence - 4), up.nacked[0]);
    // The consumer got an SR; its receiver answers with an RR carrying LSR.
    CPPUNIT_ASSERT_EQUAL(size_t{1}, sink->rtcp.size());
    struct SrCatcher : RtcpHandler {
      SenderInfo info;
      void on_sender_report(const SenderInfo &s) override { info = s; }
    } sr;
    CPPUNIT_ASSERT(RtcpParser::parse(sink->rtcp[0], sr));
    CPPUNIT_ASSERT_EQUAL(0x42u, sr.info.ssrc);
    CPPUNIT_ASSERT_EQUAL(3u, sr.info.packet_count);
    std::array<uint8_t, 100> buffer;
    RtcpWriter rr(buffer);
    ReportBlock block{0x42, 64, 5, 1000, 900, compact_ntp(sr.info.ntp_timestamp), 65536 / 10};
    rr.add_receiver_report(0x1, std::span(&block, 1));
    rr.add_remb(0x1, 800'000, std::array<uint32_t, 1>{0x42});
    // The RR arrives 150 ms after the SR was sent, 100 ms of it held by the receiver.
    router_->on_consumer_rtcp(c, rr.data(), sender.now + 150'000);
    ConsumerStats stats;
    router_->consumer_stats(c, stats);
    CPPUNIT_ASSERT(stats.rtt_ms > 45 && stats.rtt_ms < 55);
    CPPUNIT_ASSERT_EQUAL(0.25, stats.fraction_lost);
    CPPUNIT_ASSERT_EQUAL(int64_t{5}, stats.packets_lost);
    CPPUNIT_ASSERT_EQUAL(10.0, stats.jitter_ms);
    CPPUNIT_ASSERT(stats.available_bitrate_bps > 790'000 && stats.available_bitrate_bps <= 800'000);
    // Within the NACK interval nothing more is sent; after it, the retry.
    router_->tick(sender.now + 1000);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, upstream->rtcp.size());
    router_->tick(sender.now + 60'000);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, upstream->rtcp.size());
    ProducerStats pstats;
    router_->producer_stats(p, pstats);
    CPPUNIT_ASSERT_EQUAL(int64_t{3}, pstats.packets_lost);
    CPPUNIT_ASSERT_EQUAL(uint64_t{6}, pstats.nacks);
  }

  void audio_levels_and_active_speaker() {
    std::string error;
    std::array<ProducerId, 2> producers{};
    for (size_t i = 0; i < 2; ++i) {
      ProducerOptions options;
      options.kind = MG_MEDIA_AUDIO;
      options.codec = "opus";
      options.clock_rate = 48000;
      options.payload_type = 111;
      options.extensions.audio_level = 1;
      options.speaker_group = 9;
      producers[i] = router_->add_producer(options, error);
      CPPUNIT_ASSERT(producers[i] != 0);
    }
    uint64_t now = 1'000'000;
    for (int i = 0; i < 25; ++i) {
      for (size_t k = 0; k < 2; ++k) {
        PacketSpec spec;
        spec.payload_type = 111;
        spec.ssrc = 0xA0 + static_cast<uint32_t>(k);
        spec.sequence = static_cast<uint16_t>(i);
        spec.timestamp = static_cast<uint32_t>(960 * i);
        const uint8_t level = k == 0 ? 50 : 15;  // producer 2 is louder
        spec.extensions = {{1, {static_cast<uint8_t>(0x80 | level)}}};
        spec.payload = {0xFC, 0x01};
        CPPUNIT_ASSERT(router_->on_producer_rtp(producers[k], make_rtp(spec), now));
      }
      now += 20'000;
    }
    router_->tick(now);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, listener_->levels.size());
    for (const auto &event : listener_->levels) CPPUNIT_ASSERT(event.voice);
    CPPUNIT_ASSERT_EQUAL(size_t{1}, listener_->speakers.size());
    CPPUNIT_ASSERT_EQUAL(uint64_t{9}, listener_->speakers[0].first);
    CPPUNIT_ASSERT_EQUAL(producers[1], listener_->speakers[0].second);
    router_->tick(now + 100'000);  // throttled: no new level events yet
    CPPUNIT_ASSERT_EQUAL(size_t{2}, listener_->levels.size());
    ProducerStats stats;
    router_->producer_stats(producers[1], stats);
    CPPUNIT_ASSERT(stats.audio_level_dbov > -127 && stats.audio_level_dbov < -15);
  }

  void rtx_repairs_a_gap() {
    ProducerOptions options = vp8_producer(requester_);
    options.rtx_payload_type = 97;
    options.layers = {{0x5000, 0x5001, ""}};
    std::string error;
    const ProducerId p = router_->add_producer(options, error);
    auto sink = std::make_shared<RecordingSink>();
    add(p, sink, 0x88);
    Vp8Sender sender;
    send(p, sender, true);
    const auto lost = sender.next(false);  // never arrives as media
    send(p, sender, false);
    CPPUNIT_ASSERT_EQUAL(size_t{2}, sink->rtp.size());
    // RFC 4588: RTX SSRC and PT, original sequence number first in the payload.
    const auto original = RtpPacketView::parse_readonly(lost);
    PacketSpec rtx;
    rtx.payload_type = 97;
    rtx.ssrc = 0x5001;
    rtx.sequence = 7;
    rtx.timestamp = original->timestamp();
    rtx.marker = true;
    rtx.payload = {static_cast<uint8_t>(original->sequence_number() >> 8),
                   static_cast<uint8_t>(original->sequence_number())};
    rtx.payload.insert(rtx.payload.end(), original->payload().begin(), original->payload().end());
    CPPUNIT_ASSERT(router_->on_producer_rtp(p, make_rtp(rtx), sender.now));
    CPPUNIT_ASSERT_EQUAL(size_t{3}, sink->rtp.size());
    const auto repaired = RtpPacketView::parse_readonly(sink->rtp[2]);
    const auto first = RtpPacketView::parse_readonly(sink->rtp[0]);
    CPPUNIT_ASSERT_EQUAL(static_cast<uint16_t>(first->sequence_number() + 1),
                         repaired->sequence_number());
    CPPUNIT_ASSERT_EQUAL(uint8_t{96}, repaired->payload_type());
    CPPUNIT_ASSERT(std::equal(original->payload().begin(), original->payload().end(),
                              repaired->payload().begin(), repaired->payload().end()));
    ProducerStats stats;
    router_->producer_stats(p, stats);
    CPPUNIT_ASSERT_EQUAL(uint64_t{1}, stats.packets_repaired);
    // A padding-only RTX probe is discarded, not forwarded.
    rtx.payload.clear();
    CPPUNIT_ASSERT(!router_->on_producer_rtp(p, make_rtp(rtx), sender.now));
    CPPUNIT_ASSERT_EQUAL(size_t{3}, sink->rtp.size());
  }

  void temporal_layer_preference() {
    const ProducerId p = add_vp8();
    auto full = std::make_shared<RecordingSink>();
    auto base = std::make_shared<RecordingSink>();
    add(p, full, 1);
    const ConsumerId c = add(p, base, 2);
    CPPUNIT_ASSERT(router_->set_layers(c, -1, 0));
    // L1T3 pattern TID 0,2,1,2,... with Y set on the first frame of each layer.
    const int pattern[4] = {0, 2, 1, 2};
    Vp8Sender sender;
    auto send_frame = [&](int i, bool keyframe, bool sync) {
      PacketSpec spec;
      spec.sequence = sender.sequence++;
      spec.timestamp = sender.timestamp += 3000;
      spec.ssrc = sender.ssrc;
      const uint8_t tid = static_cast<uint8_t>(pattern[i % 4] << 6 | (sync ? 0x20 : 0));
      spec.payload = {0x90, 0x20, tid, static_cast<uint8_t>(keyframe ? 0x00 : 0x01), 0x00};
      clock_now_ = sender.now += 33'333;
      CPPUNIT_ASSERT(router_->on_producer_rtp(p, make_rtp(spec), sender.now));
    };
    for (int i = 0; i < 8; ++i) send_frame(i, i == 0, false);
    CPPUNIT_ASSERT_EQUAL(size_t{8}, full->rtp.size());
    CPPUNIT_ASSERT_EQUAL(size_t{2}, base->rtp.size());  // TID 0 only: frames 0 and 4
    CPPUNIT_ASSERT(continuous(sequences(*base)));
    // Up to all layers: waits for a switch point of a higher layer.
    CPPUNIT_ASSERT(router_->set_layers(c, -1, -1));
    send_frame(8, false, false);   // TID 0
    send_frame(9, false, false);   // TID 2 without Y: still dropped
    send_frame(10, false, true);   // TID 1 with Y: climb to 1
    send_frame(11, false, false);  // TID 2 without Y: dropped
    send_frame(12, false, false);  // TID 0
    send_frame(13, false, true);   // TID 2 with Y: climb to 2
    send_frame(14, false, false);  // TID 1
    CPPUNIT_ASSERT_EQUAL(size_t{2 + 5}, base->rtp.size());
    CPPUNIT_ASSERT(continuous(sequences(*base)));
    ConsumerStats stats;
    router_->consumer_stats(c, stats);
    CPPUNIT_ASSERT_EQUAL(2, stats.current_temporal_layer);
  }

  void extensions_rewritten_for_the_consumer() {
    std::string error;
    ProducerOptions options;
    options.kind = MG_MEDIA_AUDIO;
    options.codec = "opus";
    options.clock_rate = 48000;
    options.payload_type = 111;
    options.extensions.audio_level = 1;
    options.extensions.mid = 4;
    options.extensions.abs_send_time = 2;
    const ProducerId p = router_->add_producer(options, error);
    auto one_byte = std::make_shared<RecordingSink>();
    ConsumerOptions first = consumer_with(one_byte, 0x10);
    first.extensions.audio_level = 6;  // renumbered
    first.extensions.mid = 9;
    first.mid = "audio-1";
    std::string error2;
    CPPUNIT_ASSERT(router_->add_consumer(p, first, error2) != 0);
    auto two_byte = std::make_shared<RecordingSink>();
    ConsumerOptions second = consumer_with(two_byte, 0x11);
    second.extensions.audio_level = 20;  // > 14: two-byte form
    second.extensions.abs_send_time = 3;
    CPPUNIT_ASSERT(router_->add_consumer(p, second, error2) != 0);
    PacketSpec spec;
    spec.payload_type = 111;
    spec.extensions = {{1, {0x80 | 33}}, {4, {'p', 'r', 'o', 'd'}}, {2, {1, 2, 3}}};
    spec.payload = {0xFC, 0xFF, 0xFE};
    CPPUNIT_ASSERT(router_->on_producer_rtp(p, make_rtp(spec), 1000));
    const auto a = RtpPacketView::parse_readonly(one_byte->rtp.at(0));
    CPPUNIT_ASSERT_EQUAL(RtpPacketView::kOneByteProfile, a->extension_profile());
    CPPUNIT_ASSERT_EQUAL(uint8_t{0x80 | 33}, (*a->find_extension(6))[0]);
    const auto mid = *a->find_extension(9);
    CPPUNIT_ASSERT_EQUAL(std::string("audio-1"), std::string(mid.begin(), mid.end()));
    CPPUNIT_ASSERT(!a->find_extension(1).has_value() && !a->find_extension(2).has_value());
    const auto b = RtpPacketView::parse_readonly(two_byte->rtp.at(0));
    CPPUNIT_ASSERT_EQUAL(uint16_t{0x1000}, b->extension_profile());
    CPPUNIT_ASSERT_EQUAL(uint8_t{0x80 | 33}, (*b->find_extension(20))[0]);
    CPPUNIT_ASSERT_EQUAL(size_t{3}, b->find_extension(3)->size());
    CPPUNIT_ASSERT(!b->find_extension(9).has_value());  // no mid negotiated
    CPPUNIT_ASSERT_EQUAL(size_t{3}, b->payload().size());
  }

  void bad_input_is_refused() {
    std::string error;
    ProducerOptions bad = vp8_producer(requester_);
    bad.clock_rate = 0;
    CPPUNIT_ASSERT_EQUAL(ProducerId{0}, router_->add_producer(bad, error));
    CPPUNIT_ASSERT(!error.empty());
    const ProducerId p = add_vp8();
    CPPUNIT_ASSERT_EQUAL(ConsumerId{0}, router_->add_consumer(p, ConsumerOptions{}, error));
    const uint8_t garbage[7] = {1, 2, 3, 4, 5, 6, 7};
    CPPUNIT_ASSERT(!router_->on_producer_rtp(p, garbage, 1));
    CPPUNIT_ASSERT(!router_->on_producer_rtp(p, {}, 1));
    Vp8Sender sender;
    CPPUNIT_ASSERT(!router_->on_producer_rtp(p, sender.next(true, 100), 1));  // wrong PT
    CPPUNIT_ASSERT(!router_->on_producer_rtp(999, sender.next(true), 1));
    CPPUNIT_ASSERT(!router_->on_consumer_rtcp(999, garbage, 1));
    auto sink = std::make_shared<RecordingSink>();
    const ConsumerId c = add(p, sink, 5);
    CPPUNIT_ASSERT(router_->on_consumer_rtcp(c, garbage, 1));  // parsed, ignored
    CPPUNIT_ASSERT(router_->on_producer_rtcp(p, garbage, 1));
    ProducerStats stats;
    router_->producer_stats(p, stats);
    CPPUNIT_ASSERT_EQUAL(uint64_t{3}, stats.packets_discarded);
  }

  void concurrent_add_remove_during_fan_out() {
    const ProducerId p = add_vp8();
    std::atomic<bool> stop{false};
    std::thread media([&] {
      Vp8Sender sender;
      uint64_t i = 0;
      while (!stop.load()) router_->on_producer_rtp(p, sender.next(i++ % 30 == 0), sender.now);
    });
    // A sink that checks it is never called after on_closed.
    struct StrictSink : PacketSink {
      std::atomic<bool> closed{false};
      std::atomic<int> after_close{0};
      void send_rtp(std::span<const uint8_t>) override {
        if (closed.load()) after_close.fetch_add(1);
      }
      void send_rtcp(std::span<const uint8_t>) override {}
      void on_closed() override { closed.store(true); }
    };
    std::vector<std::shared_ptr<StrictSink>> sinks;
    for (int i = 0; i < 200; ++i) {
      auto sink = std::make_shared<StrictSink>();
      sinks.push_back(sink);
      std::string error;
      ConsumerOptions options;
      options.sink = sink;
      const ConsumerId c = router_->add_consumer(p, options, error);
      CPPUNIT_ASSERT(c != 0);
      if (i % 2) router_->remove_consumer(c);
    }
    router_->remove_producer(p);
    stop.store(true);
    media.join();
    for (const auto &sink : sinks) {
      CPPUNIT_ASSERT(sink->closed.load());
      CPPUNIT_ASSERT_EQUAL(0, sink->after_close.load());
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RouterTest);

}  // namespace meetgate::media::rtp
