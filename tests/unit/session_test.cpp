// WebSocket sessions through the real Gateway's transport callbacks, with
// the fixture plugin on /ws/fixture_good.
#include <cppunit/extensions/HelperMacros.h>

#include "gateway_fixture.hpp"
#include "log_capture.hpp"

using namespace meetgate;

namespace {
std::string text_at(const json_t *object, const char *key) {
  const char *text = json_string_value(json_object_get(object, key));
  return text ? text : "<missing>";
}
}  // namespace

class SessionTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SessionTest);
  CPPUNIT_TEST(open_message_close);
  CPPUNIT_TEST(refused_session_gets_envelope);
  CPPUNIT_TEST(unknown_path_is_404);
  CPPUNIT_TEST(error_result_becomes_error_frame);
  CPPUNIT_TEST(ack_then_push_keeps_transaction);
  CPPUNIT_TEST(kick_asks_transport_to_close);
  CPPUNIT_TEST(push_after_close_fails);
  CPPUNIT_TEST(shutdown_ends_open_sessions);
  CPPUNIT_TEST_SUITE_END();

  std::unique_ptr<test::TempDir> dir_;
  std::unique_ptr<test::LogCapture> log_;
  std::unique_ptr<core::Gateway> gateway_;
  std::unique_ptr<test::RecordingTransport> transport_;
  char conn_storage_[4] = {};

  mg_transport_conn *conn(int index = 0) {
    return reinterpret_cast<mg_transport_conn *>(&conn_storage_[index]);
  }
  mg_ws_accept open(const char *path, const char *query = "", int index = 0) {
    mg_http_request request{};
    request.method = "GET";
    request.path = path;
    request.query = query;
    request.remote_addr = "10.0.0.1";
    request.request_id = "rid";
    mg_ws_accept accept{};
    gateway_->transport_callbacks().ws_open(transport_->table(), conn(index), &request, &accept);
    return accept;
  }
  void send(json_t *message, int index = 0) {
    core::JsonPtr owned = core::adopt_json(message);
    gateway_->transport_callbacks().ws_message(transport_->table(), conn(index), owned.get());
  }

 public:
  void setUp() override {
    dir_ = std::make_unique<test::TempDir>();
    log_ = std::make_unique<test::LogCapture>();
    core::CoreConfig config = test::test_config(*dir_, MEETGATE_FIXTURE_PLUGIN_DIR);
    gateway_ = std::make_unique<core::Gateway>(std::move(config));
    gateway_->load_plugins();
    transport_ = std::make_unique<test::RecordingTransport>();
  }
  void tearDown() override {
    gateway_.reset();
    transport_.reset();
    log_.reset();
    dir_.reset();
  }

  void open_message_close() {
    mg_ws_accept accept = open("/ws/fixture_good");
    CPPUNIT_ASSERT_EQUAL(0, accept.status);
    CPPUNIT_ASSERT(accept.body == nullptr);
    CPPUNIT_ASSERT(accept.session_id > 0);
    CPPUNIT_ASSERT_EQUAL(1, gateway_->transport_callbacks().ws_path_known("/ws/fixture_good"));
    CPPUNIT_ASSERT_EQUAL(0, gateway_->transport_callbacks().ws_path_known("/ws/none"));
    CPPUNIT_ASSERT_EQUAL(size_t(1), gateway_->sessions().count());
    send(json_pack("{s:s, s:s}", "text", "hi", "transaction", "t1"));
    auto frames = transport_->take_frames(conn());
    CPPUNIT_ASSERT_EQUAL(size_t(1), frames.size());
    CPPUNIT_ASSERT_EQUAL(std::string("t1"), text_at(frames[0].get(), "transaction"));
    CPPUNIT_ASSERT_EQUAL(std::string("hi"),
                         text_at(json_object_get(frames[0].get(), "echo"), "text"));
    // The second session gets a different id.
    mg_ws_accept other = open("/ws/fixture_good", "", 1);
    CPPUNIT_ASSERT(other.session_id != accept.session_id);
    gateway_->transport_callbacks().ws_closed(transport_->table(), conn());
    gateway_->transport_callbacks().ws_closed(transport_->table(), conn());  // repeated: harmless
    CPPUNIT_ASSERT_EQUAL(size_t(1), gateway_->sessions().count());
    send(json_pack("{s:s}", "text", "late"));
    auto after = transport_->take_frames(conn());
    CPPUNIT_ASSERT_EQUAL(size_t(1), after.size());  // "no session" error frame
    CPPUNIT_ASSERT_EQUAL(404, static_cast<int>(json_integer_value(json_object_get(
                                  json_object_get(after[0].get(), "payload"), "code"))));
  }

  void refused_session_gets_envelope() {
    mg_ws_accept accept = open("/ws/fixture_good", "token=deny");
    CPPUNIT_ASSERT_EQUAL(401, accept.status);
    core::JsonPtr body = core::adopt_json(accept.body);
    CPPUNIT_ASSERT_EQUAL(401,
                         static_cast<int>(json_integer_value(json_object_get(body.get(), "code"))));
    CPPUNIT_ASSERT_EQUAL(std::string("fixture denies this client"), text_at(body.get(), "message"));
    CPPUNIT_ASSERT_EQUAL(std::string("rid"), text_at(body.get(), "request_id"));
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->sessions().count());
  }

  void unknown_path_is_404() {
    mg_ws_accept accept = open("/ws/nothing");
    CPPUNIT_ASSERT_EQUAL(404, accept.status);
    core::JsonPtr body = core::adopt_json(accept.body);
    CPPUNIT_ASSERT_EQUAL(std::string("no WebSocket endpoint at /ws/nothing"),
                         text_at(body.get(), "message"));
  }

  void error_result_becomes_error_frame() {
    open("/ws/fixture_good");
    send(json_pack("{s:s, s:i}", "text", "fail", "id", 7));
    auto frames = transport_->take_frames(conn());
    CPPUNIT_ASSERT_EQUAL(size_t(1), frames.size());
    json_t *frame = frames[0].get();
    CPPUNIT_ASSERT_EQUAL(std::string("error"), text_at(frame, "type"));
    CPPUNIT_ASSERT_EQUAL(7, static_cast<int>(json_integer_value(json_object_get(frame, "id"))));
    json_t *payload = json_object_get(frame, "payload");
    CPPUNIT_ASSERT_EQUAL(400,
                         static_cast<int>(json_integer_value(json_object_get(payload, "code"))));
    CPPUNIT_ASSERT_EQUAL(std::string("fixture refuses 'fail'"), text_at(payload, "message"));
    CPPUNIT_ASSERT(json_is_integer(json_object_get(frame, "timestamp")));
  }

  void ack_then_push_keeps_transaction() {
    open("/ws/fixture_good");
    send(json_pack("{s:s, s:s}", "text", "ack", "transaction", "tx-5"));
    auto frames = transport_->take_frames(conn());
    CPPUNIT_ASSERT_EQUAL(size_t(1), frames.size());  // the push; the ACK itself sends nothing
    CPPUNIT_ASSERT(json_is_true(json_object_get(frames[0].get(), "pushed")));
    CPPUNIT_ASSERT_EQUAL(std::string("tx-5"), text_at(frames[0].get(), "transaction"));
  }

  void kick_asks_transport_to_close() {
    open("/ws/fixture_good");
    send(json_pack("{s:s}", "text", "kick"));
    auto closes = transport_->closes(conn());
    CPPUNIT_ASSERT_EQUAL(size_t(1), closes.size());
    CPPUNIT_ASSERT_EQUAL(std::string("kicked by fixture"), closes[0]);
    // The session lives until the transport reports the close.
    CPPUNIT_ASSERT_EQUAL(size_t(1), gateway_->sessions().count());
    gateway_->transport_callbacks().ws_closed(transport_->table(), conn());
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->sessions().count());
  }

  void push_after_close_fails() {
    open("/ws/fixture_good");
    core::JsonPtr list =
        gateway_->sessions().describe([](const mg_plugin *) { return std::string("x"); });
    CPPUNIT_ASSERT_EQUAL(size_t(1), json_array_size(list.get()));
    CPPUNIT_ASSERT_EQUAL(std::string("/ws/fixture_good"),
                         text_at(json_array_get(list.get(), 0), "path"));
    CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.1"),
                         text_at(json_array_get(list.get(), 0), "remote_addr"));
    mg_plugin *plugin = gateway_->find_plugin("fixture_good");
    core::JsonPtr ask = core::adopt_json(json_pack("{s:b}", "push_last", 1));
    core::JsonPtr live = core::adopt_json(plugin->handle_admin_message(ask.get()));
    CPPUNIT_ASSERT_EQUAL(
        0, static_cast<int>(json_integer_value(json_object_get(live.get(), "push_result"))));
    CPPUNIT_ASSERT_EQUAL(size_t(1), transport_->take_frames(conn()).size());
    gateway_->transport_callbacks().ws_closed(transport_->table(), conn());
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->sessions().count());
    core::JsonPtr gone = core::adopt_json(plugin->handle_admin_message(ask.get()));
    CPPUNIT_ASSERT_EQUAL(
        -1, static_cast<int>(json_integer_value(json_object_get(gone.get(), "push_result"))));
    CPPUNIT_ASSERT(transport_->take_frames(conn()).empty());
  }

  void shutdown_ends_open_sessions() {
    open("/ws/fixture_good");
    open("/ws/fixture_second", "", 1);
    CPPUNIT_ASSERT_EQUAL(size_t(2), gateway_->sessions().count());
    gateway_->shutdown();
    CPPUNIT_ASSERT_EQUAL(size_t(0), gateway_->sessions().count());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SessionTest);
