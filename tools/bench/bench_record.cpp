// meetgate-bench record: what recording costs the gateway. One meeting with
// K publishers (VP8 + Opus each, the SfuPeer participants of
// `meetgate-bench sfu`) and S receive-only subscribers; the same window is
// measured twice: without recording, then while the meeting's host records
// it (POST /api/v1/recordings/start, mode "tracks": 2K tracks). Prints the
// gateway CPU of both windows, CPU s per recorded track per second, and the
// forwarding latency p50/p99 of the (other) consumers in both windows.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_media_gateway.hpp"
#include "bench_media_ws_client.hpp"
#include "bench_record_rest.hpp"
#include "bench_sfu_peer.hpp"
#include "bench_sfu_rest.hpp"
#include "bench_stats.hpp"
#include "command.hpp"
#include "dtls_identity.hpp"
#include "media_worker.hpp"
#include "srtp_session.hpp"

namespace meetgate::bench {
namespace {

struct RecordOptions {
  std::string url = "http://127.0.0.1:8080", ws = "ws://127.0.0.1:8081";
  int publishers = 2, subscribers = 4, seconds = 10, bitrate_kbps = 1000, workers = 2;
  int connect_timeout = 30;
  pid_t gateway_pid = -1;
  int peers() const { return publishers + subscribers; }
};

bool parse_options(const std::vector<std::string> &args, RecordOptions &o) try {
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    const std::string &arg = args[i], &value = args[i + 1];
    if (arg == "--url")
      o.url = value;
    else if (arg == "--ws")
      o.ws = value;
    else if (arg == "--publishers")
      o.publishers = std::stoi(value);
    else if (arg == "--subscribers")
      o.subscribers = std::stoi(value);
    else if (arg == "--seconds")
      o.seconds = std::stoi(value);
    else if (arg == "--bitrate-kbps")
      o.bitrate_kbps = std::stoi(value);
    else if (arg == "--workers")
      o.workers = std::stoi(value);
    else if (arg == "--connect-timeout")
      o.connect_timeout = std::stoi(value);
    else if (arg == "--gateway-pid")
      o.gateway_pid = std::stoi(value);
    else
      return false;
  }
  while (!o.url.empty() && o.url.back() == '/') o.url.pop_back();
  return args.size() % 2 == 0 && o.publishers >= 1 && o.subscribers >= 0 && o.peers() >= 2 &&
         o.peers() <= 200 && o.seconds > 0 && o.bitrate_kbps >= 32 && o.bitrate_kbps <= 20000 &&
         o.workers > 0 && o.workers <= 16 && o.connect_timeout > 0;
} catch (const std::exception &) {
  return false;
}

int port_of(const std::string &url, std::string &host) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t colon = url.find(':', start);
  if (colon == std::string::npos) return -1;
  host = url.substr(start, colon - start);
  return std::atoi(url.c_str() + colon + 1);
}

std::atomic<bool> g_measuring{false};

// The participants, through the SfuPeer of `meetgate-bench sfu`.
struct Fleet {
  std::vector<std::unique_ptr<media::MediaWorker>> workers;
  std::vector<std::unique_ptr<SfuPeer>> peers;
  std::vector<media::MediaWorker *> peer_worker;
  std::vector<size_t> samples_taken;  // per peer: latency samples already read
  JoinClock joins;

  void on_each(const std::function<void(size_t, SfuPeer &)> &task) {
    for (size_t i = 0; i < peers.size(); ++i)
      peer_worker[i]->run_sync([&, i] { task(i, *peers[i]); });
  }
  int failed() const {
    int total = 0;
    for (const auto &peer : peers) total += peer->counters().failed ? 1 : 0;
    return total;
  }
  uint64_t received() const {
    uint64_t total = 0;
    for (const auto &peer : peers) total += peer->counters().received;
    return total;
  }
  // Latency samples (ms) added since the last call; read on each worker.
  std::vector<double> new_latencies() {
    std::vector<double> out;
    samples_taken.resize(peers.size(), 0);
    on_each([&](size_t i, SfuPeer &peer) {
      const auto &samples = peer.latencies_us();
      for (size_t k = samples_taken[i]; k < samples.size(); ++k) out.push_back(samples[k] / 1000.0);
      samples_taken[i] = samples.size();
    });
    return out;
  }
};

bool all_receiving(const RecordOptions &options, const Fleet &fleet) {
  for (size_t i = 0; i < fleet.peers.size(); ++i) {
    const SfuCounters &c = fleet.peers[i]->counters();
    if (c.failed) continue;
    bool publishes = static_cast<int>(i) < options.publishers;
    if (publishes && !c.publishing) return false;
    if (c.keyed_streams < static_cast<size_t>(options.publishers - (publishes ? 1 : 0)))
      return false;
  }
  return true;
}

struct Window {
  double seconds = 0, gateway_cpu = 0;
  uint64_t forwarded = 0;
  long rss_kib = 0;
  std::vector<double> latencies_ms;
  std::string load;
};

Window measure(int seconds, Fleet &fleet, const GatewayProcess &gateway) {
  Window window;
  fleet.new_latencies();  // drop samples from before the window
  std::string load_before = load_average();
  double cpu_start = gateway.cpu_seconds();
  uint64_t start_count = fleet.received();
  auto start = std::chrono::steady_clock::now();
  g_measuring = true;
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  g_measuring = false;
  window.gateway_cpu = gateway.cpu_seconds() - cpu_start;
  window.forwarded = fleet.received() - start_count;
  window.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  window.rss_kib = gateway.rss_kib();
  window.latencies_ms = fleet.new_latencies();
  window.load = load_before + " -> " + load_average();
  return window;
}

void print_window(const char *name, const Window &w) {
  std::printf(
      "%s: gateway CPU %.2f s in %.2f s (%.1f%% of a core), RSS %ld KiB, forwarded %.0f "
      "packets/s, latency p50 %.3f ms p99 %.3f ms max %.3f ms (%zu samples), load %s\n",
      name, w.gateway_cpu, w.seconds, 100.0 * w.gateway_cpu / std::max(w.seconds, 1e-9), w.rss_kib,
      static_cast<double>(w.forwarded) / std::max(w.seconds, 1e-9), percentile(w.latencies_ms, 0.5),
      percentile(w.latencies_ms, 0.99), percentile(w.latencies_ms, 1.0), w.latencies_ms.size(),
      w.load.c_str());
}

void start_fleet(const RecordOptions &options, const SfuMeeting &meeting,
                 const media::DtlsIdentity &identity, WsClient &signaling, Fleet &fleet) {
  std::string ws_host;
  int ws_port = port_of(options.ws, ws_host);
  for (int i = 0; i < options.workers; ++i)
    fleet.workers.push_back(std::make_unique<media::MediaWorker>(i));
  for (int i = 0; i < options.peers(); ++i) {
    const SfuUser &user = meeting.users[static_cast<size_t>(i)];
    SfuPeer::Settings settings;
    settings.ws_host = ws_host;
    settings.ws_port = ws_port;
    settings.ws_path = signaling_path(user, meeting.meeting_id);
    settings.user_id = user.id;
    settings.publish = i < options.publishers;  // user 0, the host, publishes
    settings.video_kbps = options.bitrate_kbps;
    settings.measuring = &g_measuring;
    settings.joins = &fleet.joins;
    media::MediaWorker *worker = fleet.workers[static_cast<size_t>(i) % fleet.workers.size()].get();
    fleet.peers.push_back(std::make_unique<SfuPeer>(*worker, identity, signaling, settings));
    fleet.peer_worker.push_back(worker);
  }
  fleet.on_each([](size_t, SfuPeer &peer) { peer.start(); });
}

// Start recording, wait until the recorder lists its 2K track files, measure.
Window measure_recording(const RecordOptions &options, const SfuMeeting &meeting, Fleet &fleet,
                         const GatewayProcess &gateway, RecordingStatus &stopped) {
  RecorderRest recorder(options.url, meeting.users.front().token);
  auto started_at = std::chrono::steady_clock::now();
  RecordingStatus recording = recorder.start(meeting.meeting_id, "tracks");
  size_t wanted = static_cast<size_t>(2 * options.publishers);
  auto deadline = started_at + std::chrono::seconds(options.connect_timeout);
  while (recording.files < wanted && recording.status == "recording" &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    recording = recorder.status(recording.id);
  }
  std::printf("recording %lld: %s, %zu of %zu track files after %.2f s\n",
              static_cast<long long>(recording.id), recording.status.c_str(), recording.files,
              wanted,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at).count());
  std::this_thread::sleep_for(std::chrono::seconds(2));  // pipelines past their first keyframe
  Window window = measure(options.seconds, fleet, gateway);
  auto stop_at = std::chrono::steady_clock::now();
  stopped = recorder.stop(recording.id);
  std::printf("recording stopped in %.2f s: status %s, %zu files, %llu bytes\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - stop_at).count(),
              stopped.status.c_str(), stopped.files,
              static_cast<unsigned long long>(stopped.size_bytes));
  return window;
}

int usage(bool help) {
  std::fprintf(
      help ? stdout : stderr,
      "usage: meetgate-bench record [--url http://127.0.0.1:8080] [--ws ws://127.0.0.1:8081]\n"
      "         [--publishers K (2)] [--subscribers S (4)] [--seconds T (10)]\n"
      "         [--bitrate-kbps B (1000)] [--workers W (2)] [--connect-timeout S (30)]\n"
      "         [--gateway-pid PID]\n"
      "The gateway needs the auth, meeting, videoroom and recorder plugins and the auth\n"
      "rate limits off (docs/benchmarks.md, sfu).\n");
  return help ? 0 : 2;
}

int run_record(const std::vector<std::string> &args) {
  RecordOptions options;
  bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
  if (help || !parse_options(args, options)) return usage(help);
  std::string host, error;
  int port = port_of(options.url, host);
  pid_t pid = options.gateway_pid > 0 ? options.gateway_pid : GatewayProcess::find_listener(port);
  GatewayProcess gateway(pid);
  auto identity = media::DtlsIdentity::create("", "", error);
  if (pid <= 0 || gateway.cpu_seconds() < 0 || !identity ||
      !media::SrtpSession::initialize_library()) {
    std::fprintf(stderr, "meetgate-bench record: no gateway on port %d or DTLS setup: %s\n", port,
                 error.c_str());
    return 1;
  }
  SfuMeeting meeting;
  try {
    meeting = set_up_meeting(options.url, options.peers(), 4);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "meetgate-bench record: REST set-up: %s\n", e.what());
    return 1;
  }
  WsClient signaling;
  if (!signaling.start(error)) {
    std::fprintf(stderr, "meetgate-bench record: %s\n", error.c_str());
    return 1;
  }
  Fleet fleet;
  start_fleet(options, meeting, *identity, signaling, fleet);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.connect_timeout);
  while (!all_receiving(options, fleet) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  std::printf("meeting %s: %d publishers (VP8 %d kbit/s + Opus), %d subscribers\n",
              meeting.meeting_id.c_str(), options.publishers, options.bitrate_kbps,
              options.subscribers);
  Window without = measure(options.seconds, fleet, gateway), with;
  RecordingStatus stopped;
  bool recorded = false;
  try {
    with = measure_recording(options, meeting, fleet, gateway, stopped);
    recorded = stopped.files >= static_cast<size_t>(2 * options.publishers);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "meetgate-bench record: %s\n", e.what());
  }
  fleet.on_each([](size_t, SfuPeer &peer) { peer.stop_sending(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  int failed = fleet.failed();
  for (const auto &peer : fleet.peers)
    if (peer->counters().failed) std::printf("failure: %s\n", peer->failure().c_str());
  signaling.stop();
  fleet.on_each([](size_t, SfuPeer &peer) { peer.release(); });
  print_window("without recording", without);
  if (with.seconds > 0) {
    print_window("with recording   ", with);
    double tracks = 2.0 * options.publishers;
    double added = with.gateway_cpu / with.seconds - without.gateway_cpu / without.seconds;
    std::printf(
        "recording %d tracks: +%.4f CPU s per second (%.1f%% of a core), %.5f CPU s per recorded "
        "track per second; consumers' latency p50 %+.3f ms, p99 %+.3f ms\n",
        2 * options.publishers, added, 100.0 * added, added / tracks,
        percentile(with.latencies_ms, 0.5) - percentile(without.latencies_ms, 0.5),
        percentile(with.latencies_ms, 0.99) - percentile(without.latencies_ms, 0.99));
  }
  std::printf("peers failed: %d/%d\n", failed, options.peers());
  fleet.peers.clear();
  return failed == 0 && recorded ? 0 : 1;
}

const Command record_command{"record", "gateway CPU and consumer latency with/without recording",
                             run_record};

}  // namespace
}  // namespace meetgate::bench
