// DTLS-SRTP end to end in memory: two DtlsTransports (one active, one
// passive) hand each other their datagrams, check each other's fingerprint,
// export SRTP keys, and the resulting SrtpSessions protect/unprotect RTP and
// RTCP for each other. Real OpenSSL and libsrtp2; no network.
#include <cppunit/extensions/HelperMacros.h>
#include <glib.h>
#include <srtp2/srtp.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "dtls_identity.hpp"
#include "dtls_transport.hpp"
#include "packet_demux.hpp"
#include "srtp_session.hpp"

using namespace meetgate::media;

namespace {

struct Side {
  std::unique_ptr<DtlsIdentity> identity;
  std::unique_ptr<DtlsTransport> dtls;
  std::deque<std::vector<uint8_t>> outbox;
  bool connected = false;
  std::string failure;
  SrtpProfile profile{};
  std::vector<uint8_t> inbound, outbound;
};

void make_side(Side &side, GMainContext *loop) {
  std::string error;
  side.identity = DtlsIdentity::create("", "", error);
  CPPUNIT_ASSERT_MESSAGE(error, side.identity != nullptr);
  side.dtls = std::make_unique<DtlsTransport>(
      side.identity->context(), loop,
      [&side](const uint8_t *data, size_t len) { side.outbox.emplace_back(data, data + len); },
      [&side](SrtpProfile profile, const std::vector<uint8_t> &in,
              const std::vector<uint8_t> &out) {
        side.connected = true;
        side.profile = profile;
        side.inbound = in;
        side.outbound = out;
      },
      [&side](const std::string &reason) { side.failure = reason; });
}

// Deliver queued datagrams both ways until both sides are quiet.
void pump(Side &a, Side &b) {
  for (int round = 0; round < 50 && (!a.outbox.empty() || !b.outbox.empty()); ++round) {
    while (!a.outbox.empty()) {
      auto datagram = std::move(a.outbox.front());
      a.outbox.pop_front();
      b.dtls->handle_datagram(datagram.data(), datagram.size());
    }
    while (!b.outbox.empty()) {
      auto datagram = std::move(b.outbox.front());
      b.outbox.pop_front();
      a.dtls->handle_datagram(datagram.data(), datagram.size());
    }
  }
}

}  // namespace

class DtlsSrtpTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(DtlsSrtpTest);
  CPPUNIT_TEST(handshake_exports_matching_keys);
  CPPUNIT_TEST(wrong_fingerprint_fails);
  CPPUNIT_TEST(srtp_round_trip_cm_sha1_80);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    loop_ = g_main_context_new();
    CPPUNIT_ASSERT(SrtpSession::initialize_library());
  }
  void tearDown() override { g_main_context_unref(loop_); }

  void handshake_exports_matching_keys() {
    Side client, server;
    make_side(client, loop_);
    make_side(server, loop_);
    client.dtls->set_role(true);
    server.dtls->set_role(false);
    client.dtls->set_remote_fingerprint("sha-256", server.identity->fingerprint());
    server.dtls->set_remote_fingerprint("sha-256", client.identity->fingerprint());
    server.dtls->start();
    client.dtls->start();
    pump(client, server);
    CPPUNIT_ASSERT_MESSAGE(client.failure + server.failure, client.connected && server.connected);
    CPPUNIT_ASSERT(client.profile == SrtpProfile::kAeadAes128Gcm);  // preferred by both
    CPPUNIT_ASSERT(client.outbound == server.inbound);
    CPPUNIT_ASSERT(client.inbound == server.outbound);
    CPPUNIT_ASSERT(client.outbound != client.inbound);
    round_trip(client.profile, client.outbound, client.inbound);
  }

  void wrong_fingerprint_fails() {
    Side client, server;
    make_side(client, loop_);
    make_side(server, loop_);
    client.dtls->set_role(true);
    server.dtls->set_role(false);
    client.dtls->set_remote_fingerprint("sha-256",
                                        client.identity->fingerprint());  // not the server's
    server.dtls->set_remote_fingerprint("sha-256", client.identity->fingerprint());
    client.dtls->start();
    pump(client, server);
    CPPUNIT_ASSERT_EQUAL(std::string("dtls-fingerprint-mismatch"), client.failure);
    CPPUNIT_ASSERT(!client.connected);
  }

  void srtp_round_trip_cm_sha1_80() {
    std::vector<uint8_t> a(30, 0x11), b(30, 0x22);
    round_trip(SrtpProfile::kAes128CmSha1_80, a, b);
  }

 private:
  // Keys seen from one side: what it sends with (`out`) and reads with (`in`).
  void round_trip(SrtpProfile profile, const std::vector<uint8_t> &out,
                  const std::vector<uint8_t> &in) {
    SrtpSession near, far;
    std::string error;
    CPPUNIT_ASSERT_MESSAGE(error, near.start(profile, in.data(), out.data(), error));
    CPPUNIT_ASSERT_MESSAGE(error, far.start(profile, out.data(), in.data(), error));
    std::vector<uint8_t> packet = {0x80, 96, 0, 1, 0, 0, 0, 9, 0xCA, 0xFE, 0, 1, 'h', 'i'};
    std::vector<uint8_t> buffer(packet);
    buffer.resize(packet.size() + SRTP_MAX_TRAILER_LEN);
    size_t len = packet.size();
    CPPUNIT_ASSERT(near.protect_rtp(buffer.data(), len, buffer.size()));
    CPPUNIT_ASSERT(len > packet.size());
    std::vector<uint8_t> tampered(buffer.begin(), buffer.begin() + static_cast<long>(len));
    tampered.back() ^= 1;
    size_t tampered_len = tampered.size();
    CPPUNIT_ASSERT(!far.unprotect_rtp(tampered.data(), tampered_len));
    CPPUNIT_ASSERT(far.unprotect_rtp(buffer.data(), len));
    CPPUNIT_ASSERT(std::equal(packet.begin(), packet.end(), buffer.begin()) &&
                   len == packet.size());
    std::vector<uint8_t> rtcp(12 + SRTP_MAX_TRAILER_LEN);
    size_t rtcp_len = write_pli(rtcp.data(), 1, 2);
    CPPUNIT_ASSERT(far.protect_rtcp(rtcp.data(), rtcp_len, rtcp.size()));
    CPPUNIT_ASSERT(near.unprotect_rtcp(rtcp.data(), rtcp_len));
    CPPUNIT_ASSERT_EQUAL(size_t{12}, rtcp_len);
    CPPUNIT_ASSERT_EQUAL(uint32_t{2}, read_u32(rtcp.data() + 8));
  }

  GMainContext *loop_ = nullptr;
};

CPPUNIT_TEST_SUITE_REGISTRATION(DtlsSrtpTest);
