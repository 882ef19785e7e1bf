// meetgate-bench infer: throughput and latency of inference units through the
// gateway-side client (pipelines/infer). Starts N meetgate-infer units (from
// the same bin/ folder) on a private endpoint, keeps C requests in flight per
// model for S seconds, and prints frames or audio seconds analyzed per second
// per unit with latency p50/p99.
//
// Built only when meetgate-bench links meetgate_infer_client (bench_libs.cmake).
#if __has_include("infer_client.hpp")

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>

#include "command.hpp"
#include "infer_client.hpp"

namespace meetgate::bench {
namespace {
using namespace std::chrono_literals;
using infer::InferClient;
using infer::InferEvent;
using infer::JsonPtr;
using Clock = std::chrono::steady_clock;

struct BenchOptions {
  int units = 1;
  int capacity = 2;
  int concurrency = 4;
  double seconds = 5.0;
  std::string models = "vision.faces,video.quality,audio.quality,asr.pocketsphinx";
};

// One model's workload: what to send and how much media one request carries.
struct Workload {
  std::string model;
  JsonPtr header;
  std::string payload;
  double media_seconds;  // 0 for frames
  std::string input;     // what the payload is, for the report
};

pid_t spawn_unit(const std::string &endpoint, int index, int capacity) {
  const std::string binary =
      (std::filesystem::read_symlink("/proc/self/exe").parent_path() / "meetgate-infer").string();
  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    const std::string id = "bench-" + std::to_string(index), cap = std::to_string(capacity);
    execl(binary.c_str(), binary.c_str(), "--endpoint", endpoint.c_str(), "--unit-id", id.c_str(),
          "--capacity", cap.c_str(), "--log-level", "warn", static_cast<char *>(nullptr));
    _exit(127);
  }
  return pid;
}

// Real content when Debian's packages provide it (a photo from opencv-doc,
// espeak-ng speech), synthetic otherwise; the header line says which.
constexpr const char *kPhoto = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";

std::string read_all(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string command_output(const std::string &command) {
  std::string out;
  if (FILE *pipe = popen(command.c_str(), "r")) {
    char buffer[65536];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
    if (pclose(pipe) != 0) out.clear();
  }
  return out;
}

std::string gradient_frame(int width, int height) {
  std::string frame(static_cast<std::size_t>(width) * height, '\0');
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      frame[static_cast<std::size_t>(y) * width + x] = static_cast<char>((x + y) / 5 & 0xff);
  return frame;
}

// About one second of speech per request (the sentence is longer; cut).
std::string speech_second(bool &speech) {
  std::string pcm = command_output(
      "espeak-ng -v en-us+klatt -s 140 --stdout 'hello everyone, my name is john. i would like to "
      "talk "
      "about the new project.' 2>/dev/null | sox -t wav - -r 16000 -c 1 -b 16 -e signed-integer -t "
      "raw - "
      "2>/dev/null");
  speech = pcm.size() >= 40000;
  if (speech) return pcm.substr(8000, 32000);
  pcm.assign(32000, '\0');
  for (std::size_t i = 0; i < 16000; ++i) {
    const auto sample = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 300 * i / 16000.0));
    pcm[2 * i] = static_cast<char>(sample & 0xff);
    pcm[2 * i + 1] = static_cast<char>((sample >> 8) & 0xff);
  }
  return pcm;
}

Workload workload_for(const std::string &model) {
  if (model == "vision.faces" || model == "video.quality") {
    if (std::string photo = read_all(kPhoto); !photo.empty())
      return {model, infer::json_take(json_pack("{s:s}", "format", "jpeg")), photo, 0.0,
              "messi5.jpg 548x342"};
    return {model,
            infer::json_take(
                json_pack("{s:s, s:i, s:i}", "format", "gray8", "width", 640, "height", 480)),
            gradient_frame(640, 480), 0.0, "gray8 640x480 gradient"};
  }
  // Streams send chunks that do not end the stream, like live captions.
  bool speech = false;
  const std::string pcm = speech_second(speech);
  return {model, infer::json_take(json_pack("{s:b}", "end", model == "asr.pocketsphinx" ? 0 : 1)),
          pcm, 1.0, speech ? "1 s espeak-ng speech" : "1 s tone"};
}

// Keeps `concurrency` requests of one workload in flight until the end time.
class Driver {
 public:
  // sessions: one per slot for stream models (ASR keeps a decoder per
  // stream); empty for one-shot requests.
  Driver(InferClient &client, const Workload &work, int concurrency,
         std::vector<std::string> sessions, Clock::time_point end)
      : client_(client), work_(work), sessions_(std::move(sessions)), end_(end) {
    for (int slot = 0; slot < concurrency; ++slot) submit(slot);
  }
  void wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return in_flight_ == 0; });
  }
  std::vector<double> latencies_ms;
  int failures = 0;

 private:
  void submit(int slot) {
    const auto start = Clock::now();
    {
      std::lock_guard lock(mutex_);
      ++in_flight_;
    }
    JsonPtr header = infer::json_take(json_deep_copy(work_.header.get()));
    auto callback = [this, slot, start](InferEvent &&event) { on_event(event, slot, start); };
    const auto accepted =
        sessions_.empty() ? client_.infer(work_.model, std::move(header), work_.payload, callback)
                          : client_.submit(sessions_[static_cast<std::size_t>(slot)],
                                           std::move(header), work_.payload, callback);
    if (!accepted) finish(false, 0.0);
  }
  void on_event(const InferEvent &event, int slot, Clock::time_point start) {
    if (!event.final) return;
    finish(!event.error, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (Clock::now() < end_) submit(slot);
  }
  void finish(bool ok, double latency) {
    std::lock_guard lock(mutex_);
    if (ok)
      latencies_ms.push_back(latency);
    else
      ++failures;
    if (--in_flight_ == 0) done_.notify_all();
  }

  InferClient &client_;
  const Workload &work_;
  std::vector<std::string> sessions_;
  Clock::time_point end_;
  std::mutex mutex_;
  std::condition_variable done_;
  int in_flight_ = 0;
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

// ASR keeps a decoder per stream: it is measured on open sessions, as live
// captions use it. Setup time is not counted.
std::vector<std::string> open_sessions(InferClient &client, const std::string &model, int count) {
  std::vector<std::string> sessions;
  if (model != "asr.pocketsphinx") return sessions;
  std::mutex mutex;
  std::condition_variable ready;
  int answered = 0;
  for (int i = 0; i < count; ++i) {
    const auto opened = client.open_session(model, nullptr, [&](InferEvent &&event) {
      if (event.error && event.error->code == infer::ErrorCode::kUnitLost) return;
      std::lock_guard lock(mutex);
      ++answered;
      ready.notify_all();
    });
    if (opened) sessions.push_back(opened.id);
  }
  std::unique_lock lock(mutex);
  ready.wait_for(lock, 60s, [&] { return answered >= static_cast<int>(sessions.size()); });
  return sessions;
}

bool parse(const std::vector<std::string> &args, BenchOptions &o) {
  for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
    const std::string &name = args[i], &value = args[i + 1];
    if (name == "--units")
      o.units = std::stoi(value);
    else if (name == "--capacity")
      o.capacity = std::stoi(value);
    else if (name == "--concurrency")
      o.concurrency = std::stoi(value);
    else if (name == "--seconds")
      o.seconds = std::stod(value);
    else if (name == "--models")
      o.models = value;
    else
      return false;
  }
  return args.size() % 2 == 0 && o.units > 0 && o.capacity > 0 && o.concurrency > 0 &&
         o.seconds > 0;
}

int run_infer(const std::vector<std::string> &args) {
  BenchOptions o;
  if (!parse(args, o)) {
    std::printf(
        "usage: meetgate-bench infer [--units 1] [--capacity 2] [--concurrency 4] [--seconds 5]\n"
        "                            [--models "
        "vision.faces,video.quality,audio.quality,asr.pocketsphinx]\n");
    return 2;
  }
  infer::InferClientOptions options;
  options.endpoint = "tcp://127.0.0.1:*";
  InferClient client(options);
  client.start();
  std::vector<pid_t> units;
  for (int i = 0; i < o.units; ++i)
    units.push_back(spawn_unit(client.bound_endpoint(), i, o.capacity));
  if (!client.wait_for_units(static_cast<std::size_t>(o.units), 60s)) {
    std::fprintf(stderr, "meetgate-bench infer: units did not connect\n");
    return 1;
  }
  std::printf("units=%d capacity=%d concurrency=%d seconds=%.1f\n", o.units, o.capacity,
              o.concurrency, o.seconds);
  std::printf("%-18s %10s %14s %10s %10s %8s  %s\n", "model", "requests", "per_s_per_unit",
              "p50_ms", "p99_ms", "failed", "input");
  std::size_t start = 0;
  while (start <= o.models.size()) {
    const std::size_t comma = std::min(o.models.find(',', start), o.models.size());
    const Workload work = workload_for(o.models.substr(start, comma - start));
    start = comma + 1;
    const std::vector<std::string> sessions = open_sessions(client, work.model, o.concurrency);
    const auto begin = Clock::now();
    Driver driver(client, work, o.concurrency, sessions,
                  begin + std::chrono::duration_cast<Clock::duration>(
                              std::chrono::duration<double>(o.seconds)));
    driver.wait();
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
    const double rate = static_cast<double>(driver.latencies_ms.size()) / elapsed / o.units;
    for (const auto &session : sessions) client.close_session(session);
    std::printf("%-18s %10zu %10.1f %-3s %10.1f %10.1f %8d  %s\n", work.model.c_str(),
                driver.latencies_ms.size(),
                work.media_seconds > 0 ? rate * work.media_seconds : rate,
                work.media_seconds > 0 ? "a-s" : "fps", percentile(driver.latencies_ms, 0.5),
                percentile(driver.latencies_ms, 0.99), driver.failures, work.input.c_str());
  }
  client.stop();
  for (pid_t pid : units) {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }
  return 0;
}

const Command kInferCommand{"infer", "inference units: frames / audio seconds per second, latency",
                            run_infer};

}  // namespace
}  // namespace meetgate::bench

#endif
