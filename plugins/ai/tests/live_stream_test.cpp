// Live analysis of one producer, end to end except the core's media router:
// RTP made by GStreamer (opus of espeak-ng speech; VP8 of a photo with a
// face) is pushed through the sink callbacks LiveStream registered with
// consumer_create, at the pace of a live sender; a real meetgate-infer unit
// analyzes; the test checks the "ai.result" events LiveStream publishes
// (captions with the key words, a face count >= 1, quality reports) and the
// rows it stores. The core here is a small table of callbacks that records
// what the plugin asks of it (consumer_create/close, publish).
#include "live_stream.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdarg>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "rtp_packet_source.hpp"

extern char **environ;

namespace meetgate::ai {
namespace {

using namespace std::chrono_literals;

struct RecordingCore {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<infer::JsonPtr> published;
  std::map<mg_consumer_id, mg_consumer_target> consumers;
  mg_consumer_id next_id = 1;
};
RecordingCore g_core_state;

void core_log(mg_plugin *, mg_log_level level, const char *fmt, ...) {
  if (level > MG_LOG_WARN) return;
  va_list args;
  va_start(args, fmt);
  std::vfprintf(stderr, fmt, args);
  va_end(args);
  std::fputc('\n', stderr);
}
void core_publish(mg_plugin *, const char *topic, const json_t *event) {
  if (std::string(topic) != "ai.result") return;
  std::lock_guard lock(g_core_state.mutex);
  g_core_state.published.push_back(infer::json_take(json_deep_copy(event)));
  g_core_state.changed.notify_all();
}
void core_metric(mg_plugin *, const char *, const char *, double) {}
mg_consumer_id core_consumer_create(mg_producer_id, const mg_consumer_target *target, json_t **,
                                    json_t **) {
  std::lock_guard lock(g_core_state.mutex);
  g_core_state.consumers[g_core_state.next_id] = *target;
  return g_core_state.next_id++;
}
void core_consumer_close(mg_consumer_id id) {
  mg_consumer_target target{};
  {
    std::lock_guard lock(g_core_state.mutex);
    auto found = g_core_state.consumers.find(id);
    if (found == g_core_state.consumers.end()) return;
    target = found->second;
    g_core_state.consumers.erase(found);
  }
  target.sink_closed(target.sink_opaque);
}

mg_core_callbacks make_core() {
  mg_core_callbacks core{};
  core.log = core_log;
  core.publish = core_publish;
  core.metric_add = core_metric;
  core.consumer_create = core_consumer_create;
  core.consumer_close = core_consumer_close;
  return core;
}

class UnitProcess {
 public:
  explicit UnitProcess(const std::string &endpoint) {
    std::vector<std::string> args = {MEETGATE_INFER_BINARY, "--endpoint", endpoint, "--capacity",
                                     "2"};
    std::vector<char *> argv;
    for (auto &arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~UnitProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

std::vector<infer::JsonPtr> results_of(const std::string &type) {
  std::vector<infer::JsonPtr> found;
  std::lock_guard lock(g_core_state.mutex);
  for (const auto &event : g_core_state.published)
    if (infer::json_string_field(event.get(), "type") == type)
      found.push_back(infer::json_take(json_incref(event.get())));
  return found;
}

bool wait_for_result(const std::string &type, const std::function<bool(const json_t *)> &good,
                     std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(g_core_state.mutex);
  for (;;) {
    for (const auto &event : g_core_state.published)
      if (infer::json_string_field(event.get(), "type") == type &&
          good(json_object_get(event.get(), "data")))
        return true;
    if (g_core_state.changed.wait_until(lock, deadline) == std::cv_status::timeout) return false;
  }
}

}  // namespace

class LiveStreamTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(LiveStreamTest);
  CPPUNIT_TEST(speechBecomesCaptionsAndFaceIsCounted);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("mg-ai-live-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void tearDown() override { std::filesystem::remove_all(dir_); }

  void speechBecomesCaptionsAndFaceIsCounted() {
    infer::InferClientOptions options;
    options.endpoint = "tcp://127.0.0.1:*";
    infer::InferClient client(options);
    client.start();
    UnitProcess unit(client.bound_endpoint());
    CPPUNIT_ASSERT(unit.running());
    CPPUNIT_ASSERT_MESSAGE("unit connected", client.wait_for_units(1, 60s));
    auto database = storage::Database::open("sqlite://" + (dir_ / "ai.db").string(), 2);
    ResultStore store(*database);
    store.migrate();
    AiConfig config;
    mg_core_callbacks core = make_core();
    mg_plugin self{};
    {
      WorkerPool workers(2);
      LiveReporter reporter(&self, &core, store, workers);
      LiveStreamContext context{&core, config, client, reporter, workers};
      feed_speech(context);
      feed_face_video(context);
      client.stop();
    }  // the workers drain: stored rows are written
    infer::JsonPtr captions = store.list("m-live", "live.caption", 0, 1, 50);
    CPPUNIT_ASSERT(json_integer_value(json_object_get(captions.get(), "total")) >= 1);
    infer::JsonPtr faces = store.list("m-live", "live.faces", 0, 1, 50);
    CPPUNIT_ASSERT(json_integer_value(json_object_get(faces.get(), "total")) >= 1);
  }

 private:
  void feed(const LiveStreamContext &context, uint64_t producer_id, const std::string &kind,
            const mg_sink_info &info, const std::vector<std::string> &packets, uint32_t clock) {
    auto stream =
        std::make_shared<LiveStream>(context, ProducerInfo{"m-live", 7, producer_id, kind});
    CPPUNIT_ASSERT(stream->attach());
    mg_consumer_target target;
    {
      std::lock_guard lock(g_core_state.mutex);
      target = g_core_state.consumers.rbegin()->second;
    }
    extract::test::push_paced(packets, clock, 1.0, [&](const std::string &packet) {
      target.sink_packet(target.sink_opaque, &info,
                         reinterpret_cast<const uint8_t *>(packet.data()), packet.size());
    });
    streams_.push_back(stream);
  }

  void feed_speech(const LiveStreamContext &context) {
    std::string raw = (dir_ / "speech.wav").string(), padded = (dir_ / "padded.wav").string();
    extract::test::run_command(
        "espeak-ng -v en-us+klatt -s 140 -w " + raw +
        " 'hello everyone, my name is john. i would like to talk about the new project.'");
    extract::test::run_command("sox " + raw + " " + padded +
                               " pad 0 2");  // silence ends the utterance
    auto packets = extract::test::rtp_packets_from(
        "filesrc location=" + padded +
            " ! wavparse ! audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=2"
            " ! opusenc ! rtpopuspay pt=111 ! appsink name=sink",
        30s);
    mg_sink_info info{MG_MEDIA_AUDIO, "opus", 48000, 111, 2};
    feed(context, 1, "audio", info, packets, 48000);
    const std::vector<std::string> key_words = {"hello", "everyone", "name", "john",   "like",
                                                "talk",  "about",    "new",  "project"};
    std::set<std::string> heard;
    bool enough = wait_for_result(
        "caption",
        [&](const json_t *data) {
          if (!json_is_true(json_object_get(data, "final"))) return false;
          std::istringstream words(infer::json_string_field(data, "text"));
          for (std::string word; words >> word;) heard.insert(word);
          std::size_t count = 0;
          for (const auto &word : key_words) count += heard.count(word);
          return count > key_words.size() / 2;
        },
        60s);
    std::string all;
    for (const auto &word : heard) all += word + " ";
    CPPUNIT_ASSERT_MESSAGE("final captions heard: " + all, enough);
    CPPUNIT_ASSERT(wait_for_result(
        "audio_quality",
        [](const json_t *data) { return json_object_get(data, "rms_dbfs") != nullptr; }, 30s));
    auto captions = results_of("caption");
    CPPUNIT_ASSERT_EQUAL(json_int_t(7),
                         json_integer_value(json_object_get(captions.front().get(), "user_id")));
    CPPUNIT_ASSERT_EQUAL(std::string("m-live"),
                         infer::json_string_field(captions.front().get(), "meeting_id"));
  }

  void feed_face_video(const LiveStreamContext &context) {
    auto packets = extract::test::rtp_packets_from(
        "filesrc location=/usr/share/doc/opencv-doc/examples/data/messi5.jpg ! jpegdec"
        " ! imagefreeze num-buffers=120 ! videoconvert ! videoscale"
        " ! video/x-raw,format=I420,width=640,height=400,framerate=30/1"
        " ! vp8enc deadline=1 ! rtpvp8pay pt=96 ! appsink name=sink",  // one keyframe, first
        60s);
    mg_sink_info info{MG_MEDIA_VIDEO, "VP8", 90000, 96, 0};
    feed(context, 2, "video", info, packets, 90000);
    bool counted = wait_for_result(
        "faces",
        [](const json_t *data) { return json_integer_value(json_object_get(data, "count")) >= 1; },
        30s);
    std::string seen;
    for (const auto &event : results_of("faces"))
      seen += infer::json_to_string(json_object_get(event.get(), "data")) + " ";
    CPPUNIT_ASSERT_MESSAGE("a face counted; faces results: " + seen + "; stream " +
                               infer::json_to_string(streams_.back()->status().get()),
                           counted);
    CPPUNIT_ASSERT(wait_for_result(
        "video_quality",
        [](const json_t *data) { return json_object_get(data, "blur_variance") != nullptr; }, 30s));
    for (auto &stream : streams_) stream->detach();
    streams_.clear();
    std::lock_guard lock(g_core_state.mutex);
    CPPUNIT_ASSERT(g_core_state.consumers.empty());
  }

  std::filesystem::path dir_;
  std::vector<std::shared_ptr<LiveStream>> streams_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(LiveStreamTest);

}  // namespace meetgate::ai
