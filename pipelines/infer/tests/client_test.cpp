// InferClient against real meetgate-infer processes: discovery, models list,
// dispatch spread, sessions with streamed ASR, bounded queue, deadlines, a
// unit killed with work in flight, no unit connected.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "event_collector.hpp"
#include "infer_client.hpp"
#include "unit_process.hpp"

namespace meetgate::infer {
namespace {
using namespace std::chrono_literals;
using test::EventCollector;
using test::UnitProcess;

InferClientOptions fast_options() {
  InferClientOptions options;
  options.endpoint = "tcp://127.0.0.1:*";
  options.heartbeat_interval = 200ms;
  options.unit_timeout = 1000ms;
  options.default_deadline = 20s;
  return options;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// espeak-ng + sox, as in the python tests (README.md, "ASR accuracy").
std::string speech_pcm() {
  const std::string raw = "/tmp/meetgate-infer-client-" + std::to_string(getpid()) + ".raw";
  const std::string command =
      "espeak-ng -v en-us+klatt -s 140 --stdout 'hello everyone, my name is john. i would like to "
      "talk about the "
      "new project.' | sox -t wav - -r 16000 -c 1 -b 16 -e signed-integer -t raw " +
      raw;
  if (std::system(command.c_str()) != 0) return {};
  std::string pcm = read_file(raw);
  std::remove(raw.c_str());
  return pcm;
}

JsonPtr object(const char *format) {
  return json_take(json_pack("{s:s}", "format", format));
}

const std::string kFacePhoto = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";
}  // namespace

class ClientTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ClientTest);
  CPPUNIT_TEST(no_unit_is_503);
  CPPUNIT_TEST(models_come_from_connected_units);
  CPPUNIT_TEST(work_spreads_across_units);
  CPPUNIT_TEST(session_streams_asr_deltas);
  CPPUNIT_TEST(queue_full_and_deadline);
  CPPUNIT_TEST(unit_killed_mid_stream);
  CPPUNIT_TEST(gateway_restart_unit_comes_back);
  CPPUNIT_TEST_SUITE_END();

 public:
  void no_unit_is_503() {
    InferClient client(fast_options());
    client.start();
    const Submission refused = client.infer("audio.quality", nullptr, "\0\0", [](InferEvent &&) {});
    CPPUNIT_ASSERT(!refused);
    CPPUNIT_ASSERT(refused.error->code == ErrorCode::kNoUnit);
    CPPUNIT_ASSERT_EQUAL(503, http_status_for(refused.error->code));
    CPPUNIT_ASSERT_EQUAL(size_t{0}, json_array_size(client.models().get()));
  }

  void models_come_from_connected_units() {
    InferClient client(fast_options());
    client.start();
    UnitProcess unit(client.bound_endpoint(), "models-a",
                     {"--models", "audio.quality,video.quality"});
    CPPUNIT_ASSERT(client.wait_for_units(1, 20s));
    JsonPtr models = client.models();
    CPPUNIT_ASSERT_EQUAL(size_t{2}, json_array_size(models.get()));
    CPPUNIT_ASSERT_EQUAL(std::string("audio.quality"),
                         json_string_field(json_array_get(models.get(), 0), "name"));
    const Submission missing =
        client.infer("vision.faces", object("jpeg"), "x", [](InferEvent &&) {});
    CPPUNIT_ASSERT(missing.error && missing.error->code == ErrorCode::kModelUnavailable);
    EventCollector events;
    CPPUNIT_ASSERT(
        client.infer("audio.quality", nullptr, std::string(3200, '\0'), events.callback()));
    CPPUNIT_ASSERT(events.wait_finals(1, 20s));
    auto got = events.take();
    CPPUNIT_ASSERT(!got.back().error);
    CPPUNIT_ASSERT(
        json_bool_field(json_object_get(got.back().data.get(), "delta"), "silent", false));
    unit.stop(SIGTERM);  // bye: gone from the list at once
    for (int i = 0; i < 100 && json_array_size(client.models().get()) != 0; ++i)
      std::this_thread::sleep_for(50ms);
    CPPUNIT_ASSERT_EQUAL(size_t{0}, json_array_size(client.models().get()));
  }

  void work_spreads_across_units() {
    InferClient client(fast_options());
    client.start();
    UnitProcess a(client.bound_endpoint(), "spread-a", {"--capacity", "1"});
    UnitProcess b(client.bound_endpoint(), "spread-b", {"--capacity", "1"});
    CPPUNIT_ASSERT(client.wait_for_units(2, 30s));
    const std::string photo = read_file(kFacePhoto);
    EventCollector events;
    constexpr int kRequests = 24;
    for (int i = 0; i < kRequests; ++i)
      CPPUNIT_ASSERT(client.infer("vision.faces", object("jpeg"), photo, events.callback()));
    CPPUNIT_ASSERT(events.wait_finals(kRequests, 60s));
    const auto served = events.served_by();
    CPPUNIT_ASSERT_EQUAL(size_t{2}, served.size());
    CPPUNIT_ASSERT(served.at("spread-a") >= kRequests / 4 &&
                   served.at("spread-b") >= kRequests / 4);
    for (const auto &event : events.take())
      CPPUNIT_ASSERT(json_number_field(json_object_get(event.data.get(), "delta"), "count", 0) >=
                     1);
  }

  void session_streams_asr_deltas() {
    const std::string pcm = speech_pcm();
    CPPUNIT_ASSERT(pcm.size() > 32000);
    InferClient client(fast_options());
    client.start();
    UnitProcess unit(client.bound_endpoint(), "asr-a", {"--models", "asr.pocketsphinx"});
    CPPUNIT_ASSERT(client.wait_for_units(1, 30s));
    EventCollector setup, chunks;
    const Submission session = client.open_session("asr.pocketsphinx", nullptr, setup.callback());
    CPPUNIT_ASSERT(session);
    // Submitted before the setup reply: they wait for it, in order.
    const std::size_t chunk = 16000;
    std::size_t requests = 0;
    for (std::size_t offset = 0; offset < pcm.size(); offset += chunk, ++requests) {
      const bool last = offset + chunk >= pcm.size();
      CPPUNIT_ASSERT(client.submit(session.id, json_take(json_pack("{s:b}", "end", last)),
                                   pcm.substr(offset, chunk), chunks.callback()));
    }
    CPPUNIT_ASSERT(chunks.wait_finals(requests, 60s));
    CPPUNIT_ASSERT(setup.wait_finals(1, 1s));
    CPPUNIT_ASSERT(!setup.take().back().error);
    std::string transcript;
    int partials = 0;
    for (const auto &event : chunks.take()) {
      CPPUNIT_ASSERT(!event.error);
      const json_t *delta = json_object_get(event.data.get(), "delta");
      if (json_string_field(delta, "type") == "partial") ++partials;
      if (json_string_field(delta, "type") == "end")
        transcript = json_string_field(delta, "transcript");
    }
    CPPUNIT_ASSERT(partials > 0);
    int heard = 0;
    for (const char *word :
         {"hello", "everyone", "name", "john", "would", "like", "talk", "about", "new", "project"})
      if ((" " + transcript + " ").find(std::string(" ") + word + " ") != std::string::npos)
        ++heard;
    CPPUNIT_ASSERT_MESSAGE(transcript, heard > 5);
    client.close_session(session.id);
    const Submission closed = client.submit(session.id, nullptr, "\0\0", [](InferEvent &&) {});
    CPPUNIT_ASSERT(closed.error && closed.error->code == ErrorCode::kUnknownSession);
  }

  void queue_full_and_deadline() {
    InferClientOptions options = fast_options();
    options.max_pending = 3;
    InferClient client(options);
    client.start();
    UnitProcess unit(client.bound_endpoint(), "queue-a",
                     {"--capacity", "1", "--models", "asr.pocketsphinx"});
    CPPUNIT_ASSERT(client.wait_for_units(1, 30s));
    EventCollector events;
    const std::string second(32000, '\0');
    for (int i = 0; i < 3; ++i)  // each builds a decoder: far slower than submitting
      CPPUNIT_ASSERT(client.infer("asr.pocketsphinx", nullptr, second, events.callback()));
    const Submission full = client.infer("asr.pocketsphinx", nullptr, second, events.callback());
    CPPUNIT_ASSERT(full.error && full.error->code == ErrorCode::kQueueFull);
    CPPUNIT_ASSERT_EQUAL(429, http_status_for(full.error->code));
    CPPUNIT_ASSERT(events.wait_finals(3, 60s));
    events.take();
    CPPUNIT_ASSERT(client.infer("asr.pocketsphinx", nullptr, second, events.callback(), 1ms));
    CPPUNIT_ASSERT(events.wait_finals(1, 5s));
    const auto timed_out = events.take();
    CPPUNIT_ASSERT(timed_out.back().error && timed_out.back().error->code == ErrorCode::kTimeout);
  }

  void unit_killed_mid_stream() {
    InferClient client(fast_options());
    client.start();
    auto doomed = std::make_unique<UnitProcess>(client.bound_endpoint(), "doomed",
                                                std::vector<std::string>{"--capacity", "1"});
    CPPUNIT_ASSERT(client.wait_for_units(1, 30s));
    EventCollector session_events;
    const Submission session =
        client.open_session("video.quality", nullptr, session_events.callback());
    CPPUNIT_ASSERT(session_events.wait_finals(1, 20s));  // placed on "doomed", the only unit
    UnitProcess survivor(client.bound_endpoint(), "survivor", {"--capacity", "1"});
    CPPUNIT_ASSERT(client.wait_for_units(2, 30s));
    const std::string photo = read_file(kFacePhoto);
    EventCollector events;
    constexpr int kRequests = 30;
    for (int i = 0; i < kRequests; ++i)
      CPPUNIT_ASSERT(client.infer("vision.faces", object("jpeg"), photo, events.callback()));
    doomed->stop(SIGKILL);  // mid-stream: some requests are in flight on it
    CPPUNIT_ASSERT(events.wait_finals(kRequests, 60s));
    for (const auto &event : events.take()) {  // re-sent to the survivor, none lost
      CPPUNIT_ASSERT_MESSAGE(event.error ? event.error->message : "", !event.error);
    }
    CPPUNIT_ASSERT(json_number_field(client.stats().get(), "resent", 0) >= 1);
    CPPUNIT_ASSERT(session_events.wait_finals(2, 10s));  // the session hears of its unit's loss
    const auto lost = session_events.take();
    CPPUNIT_ASSERT(lost.back().error && lost.back().error->code == ErrorCode::kUnitLost);
    const Submission stale = client.submit(session.id, object("png"), "x", [](InferEvent &&) {});
    CPPUNIT_ASSERT(stale.error && stale.error->code == ErrorCode::kUnitLost);
    // The client keeps working with the survivor.
    const Submission again =
        client.infer("audio.quality", nullptr, std::string(320, '\0'), events.callback());
    CPPUNIT_ASSERT(again);
    CPPUNIT_ASSERT(events.wait_finals(1, 20s));
    const auto after = events.take();
    CPPUNIT_ASSERT(!after.back().error && after.back().unit_id == "survivor");
    JsonPtr units = client.units();
    CPPUNIT_ASSERT_EQUAL(size_t{1}, json_array_size(units.get()));
  }

  // The gateway restarts on the same endpoint: the unit reconnects, is asked
  // to announce itself (or notices the silence), and serves again.
  void gateway_restart_unit_comes_back() {
    std::string endpoint;
    auto first = std::make_unique<InferClient>(fast_options());
    first->start();
    endpoint = first->bound_endpoint();
    UnitProcess unit(endpoint, "comeback", {"--gateway-timeout-ms", "1000"});
    CPPUNIT_ASSERT(first->wait_for_units(1, 30s));
    first.reset();  // the gateway goes away
    InferClientOptions options = fast_options();
    options.endpoint = endpoint;
    InferClient second(options);
    second.start();
    CPPUNIT_ASSERT(second.wait_for_units(1, 15s));
    EventCollector events;
    CPPUNIT_ASSERT(
        second.infer("audio.quality", nullptr, std::string(640, '\0'), events.callback()));
    CPPUNIT_ASSERT(events.wait_finals(1, 20s));
    const auto got = events.take();
    CPPUNIT_ASSERT(!got.back().error && got.back().unit_id == "comeback");
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ClientTest);

}  // namespace meetgate::infer
