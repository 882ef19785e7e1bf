// meetgate-bench sfu: videoroom load through a running gateway. Each
// participant is an SfuPeer (bench_sfu_peer: the core's ICE/DTLS/SRTP/SDP
// classes) with a user registered, logged in and joined over REST
// (bench_sfu_rest), then /ws/signaling: join-room, a publisher offer with
// VP8+Opus (synthetic RTP), answers to every subscriber offer of the server.
//   --shape meeting   N participants, each publishes and receives the N-1 others
//   --shape broadcast P publishers, S receive-only subscribers
// Prints forwarded packets/s, the gateway's CPU s per 1,000 forwarded
// packets and RSS per participant (/proc), join -> first keyframe of each
// other publisher p50/p99, forwarding latency p50/p99 and loss (stamp
// counter gaps per received stream).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_media_gateway.hpp"
#include "bench_media_ws_client.hpp"
#include "bench_sfu_peer.hpp"
#include "bench_sfu_rest.hpp"
#include "bench_stats.hpp"
#include "command.hpp"
#include "dtls_identity.hpp"
#include "media_worker.hpp"
#include "srtp_session.hpp"

namespace meetgate::bench {
namespace {

struct SfuOptions {
  std::string url = "http://127.0.0.1:8080", ws = "ws://127.0.0.1:8081", shape = "meeting";
  int participants = 4, publishers = 1, subscribers = 10, seconds = 10, bitrate_kbps = 1000;
  int keyframe_interval = 60, workers = 2, connect_timeout = 30;
  pid_t gateway_pid = -1;
  int peers() const { return shape == "meeting" ? participants : publishers + subscribers; }
  int publishing() const { return shape == "meeting" ? participants : publishers; }
};

bool split_url(const std::string &url, std::string &host, int &port) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t colon = url.find(':', start);
  if (colon == std::string::npos) return false;
  host = url.substr(start, colon - start);
  port = std::atoi(url.c_str() + colon + 1);
  return port > 0;
}

bool parse_options(const std::vector<std::string> &args, SfuOptions &o) try {
  for (size_t i = 0; i < args.size(); ++i) {
    if (i + 1 >= args.size()) return false;
    const std::string &arg = args[i], &value = args[++i];
    if (arg == "--url")
      o.url = value;
    else if (arg == "--ws")
      o.ws = value;
    else if (arg == "--shape")
      o.shape = value;
    else if (arg == "--participants")
      o.participants = std::stoi(value);
    else if (arg == "--publishers")
      o.publishers = std::stoi(value);
    else if (arg == "--subscribers")
      o.subscribers = std::stoi(value);
    else if (arg == "--seconds")
      o.seconds = std::stoi(value);
    else if (arg == "--bitrate-kbps")
      o.bitrate_kbps = std::stoi(value);
    else if (arg == "--keyframe-interval")
      o.keyframe_interval = std::stoi(value);
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
  return (o.shape == "meeting" || o.shape == "broadcast") && o.participants >= 2 &&
         o.publishers >= 1 && o.subscribers >= 0 && o.peers() <= 300 && o.seconds > 0 &&
         o.bitrate_kbps >= 32 && o.bitrate_kbps <= 20000 && o.keyframe_interval > 0 &&
         o.workers > 0 && o.workers <= 16 && o.connect_timeout > 0;
} catch (const std::exception &) {
  return false;
}

std::atomic<bool> g_measuring{false};

struct Fleet {
  std::vector<std::unique_ptr<media::MediaWorker>> workers;
  std::vector<std::unique_ptr<SfuPeer>> peers;
  std::vector<media::MediaWorker *> peer_worker;
  JoinClock joins;

  uint64_t received() const {
    uint64_t total = 0;
    for (const auto &peer : peers) total += peer->counters().received;
    return total;
  }
  int count(bool failed) const {
    int total = 0;
    for (const auto &peer : peers) total += peer->counters().failed == failed ? 1 : 0;
    return total;
  }
  void on_each(const std::function<void(SfuPeer &)> &task) {
    for (size_t i = 0; i < peers.size(); ++i) peer_worker[i]->run_sync([&, i] { task(*peers[i]); });
  }
};

// Every peer receives a keyframe from each publisher it should hear (or failed).
bool all_receiving(const SfuOptions &options, const Fleet &fleet) {
  for (size_t i = 0; i < fleet.peers.size(); ++i) {
    const SfuPeer &peer = *fleet.peers[i];
    if (peer.counters().failed) continue;
    bool publishes = static_cast<int>(i) < options.publishing();
    size_t expected = static_cast<size_t>(options.publishing() - (publishes ? 1 : 0));
    if (publishes && !peer.counters().publishing) return false;
    if (peer.counters().keyed_streams < expected) return false;
  }
  return true;
}

struct Window {
  double seconds = 0, gateway_cpu = 0, bench_cpu = 0;
  uint64_t forwarded = 0;
  long rss_before = 0, rss_after = 0;
  std::string load_before, load_after;
};

Window measure(const SfuOptions &options, const Fleet &fleet, const GatewayProcess &gateway) {
  Window window;
  window.load_before = load_average();
  double cpu_start = gateway.cpu_seconds(), bench_start = own_cpu_seconds();
  uint64_t start_count = fleet.received();
  auto start = std::chrono::steady_clock::now();
  g_measuring = true;
  std::this_thread::sleep_for(std::chrono::seconds(options.seconds));
  g_measuring = false;
  window.forwarded = fleet.received() - start_count;
  window.gateway_cpu = gateway.cpu_seconds() - cpu_start;
  window.bench_cpu = own_cpu_seconds() - bench_start;
  window.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  window.rss_after = gateway.rss_kib();
  window.load_after = load_average();
  return window;
}

void print_report(const SfuOptions &options, const Fleet &fleet, const Window &window, int failed) {
  std::vector<double> latencies, first_frames;
  uint64_t received = 0, expected = 0;
  size_t streams = 0, video_streams = 0, keyed = 0;
  for (const auto &peer : fleet.peers) {
    for (uint32_t us : peer->latencies_us()) latencies.push_back(us / 1000.0);
    for (uint32_t ms : peer->first_frame_ms()) first_frames.push_back(ms);
    for (const auto &[ssrc, stream] : peer->streams()) {
      ++streams;
      video_streams += stream.video ? 1 : 0;
      keyed += stream.keyed ? 1 : 0;
      received += stream.received;
      expected += stream.last_counter - stream.first_counter + 1;
    }
  }
  int peers = options.peers(), publishing = options.publishing();
  size_t wanted_video = static_cast<size_t>(
      options.shape == "meeting" ? publishing * (publishing - 1) : publishing * (peers - 1));
  double rate = window.seconds > 0 ? static_cast<double>(window.forwarded) / window.seconds : 0;
  std::printf("shape %s: %d participants, %d publishing (VP8 %d kbit/s + Opus), %d receiving\n",
              options.shape.c_str(), peers, publishing, options.bitrate_kbps,
              options.shape == "meeting" ? peers : peers - 1);
  std::printf("peers failed: %d/%d\n", failed, peers);
  std::printf("forwarded packets/s: %.0f (%llu in %.2f s)\n", rate,
              static_cast<unsigned long long>(window.forwarded), window.seconds);
  std::printf(
      "gateway CPU s per 1,000 forwarded packets: %.4f (%.2f CPU s, %.0f%% of one core)\n",
      window.forwarded ? window.gateway_cpu * 1000.0 / static_cast<double>(window.forwarded) : 0,
      window.gateway_cpu, 100.0 * window.gateway_cpu / std::max(window.seconds, 1e-9));
  std::printf("gateway RSS: %ld -> %ld KiB, per participant %.0f KiB\n", window.rss_before,
              window.rss_after, static_cast<double>(window.rss_after - window.rss_before) / peers);
  std::printf(
      "join-room -> first keyframe per other publisher: p50 %.0f ms, p99 %.0f ms, max %.0f ms"
      " (%zu keyed of %zu video streams received, %zu wanted)\n",
      percentile(first_frames, 0.5), percentile(first_frames, 0.99), percentile(first_frames, 1.0),
      keyed, video_streams, wanted_video);
  std::printf(
      "forwarding latency (send -> subscriber, same clock): p50 %.3f ms, p99 %.3f ms, "
      "max %.3f ms (%zu samples)\n",
      percentile(latencies, 0.5), percentile(latencies, 0.99), percentile(latencies, 1.0),
      latencies.size());
  std::printf("loss (stamp counter gaps, %zu streams): %.4f%% (%llu of %llu)\n", streams,
              expected
                  ? 100.0 * (1.0 - static_cast<double>(received) / static_cast<double>(expected))
                  : 0.0,
              static_cast<unsigned long long>(expected - std::min(expected, received)),
              static_cast<unsigned long long>(expected));
  std::printf("bench CPU in the window: %.2f s; load average before: %s, after: %s\n",
              window.bench_cpu, window.load_before.c_str(), window.load_after.c_str());
}

void print_failures(const Fleet &fleet) {
  int shown = 0;
  for (const auto &peer : fleet.peers)
    if (peer->counters().failed && shown++ < 5)
      std::printf("failure: %s\n", peer->failure().c_str());
}

void start_fleet(const SfuOptions &options, const SfuMeeting &meeting,
                 const media::DtlsIdentity &identity, WsClient &signaling, Fleet &fleet) {
  std::string ws_host;
  int ws_port = 0;
  split_url(options.ws, ws_host, ws_port);
  for (int i = 0; i < options.workers; ++i)
    fleet.workers.push_back(std::make_unique<media::MediaWorker>(i));
  for (int i = 0; i < options.peers(); ++i) {
    const SfuUser &user = meeting.users[static_cast<size_t>(i)];
    SfuPeer::Settings settings;
    settings.ws_host = ws_host;
    settings.ws_port = ws_port;
    settings.ws_path = signaling_path(user, meeting.meeting_id);
    settings.user_id = user.id;
    settings.publish = i < options.publishing();
    settings.video_kbps = options.bitrate_kbps;
    settings.keyframe_interval = options.keyframe_interval;
    settings.measuring = &g_measuring;
    settings.joins = &fleet.joins;
    media::MediaWorker *worker = fleet.workers[static_cast<size_t>(i) % fleet.workers.size()].get();
    fleet.peers.push_back(std::make_unique<SfuPeer>(*worker, identity, signaling, settings));
    fleet.peer_worker.push_back(worker);
  }
  fleet.on_each([](SfuPeer &peer) { peer.start(); });
}

int usage(bool help) {
  std::fprintf(
      help ? stdout : stderr,
      "usage: meetgate-bench sfu [--url http://127.0.0.1:8080] [--ws ws://127.0.0.1:8081]\n"
      "         [--shape meeting --participants N (4) | --shape broadcast --publishers P (1)"
      " --subscribers S (10)]\n"
      "         [--seconds T (10)] [--bitrate-kbps B (1000)] [--keyframe-interval F (60)]\n"
      "         [--workers W (2)] [--connect-timeout S (30)] [--gateway-pid PID]\n"
      "The gateway needs the auth, meeting and videoroom plugins and the auth rate limits\n"
      "off (plugins/meeting/README.md, Benchmark).\n");
  return help ? 0 : 2;
}

int run_sfu(const std::vector<std::string> &args) {
  SfuOptions options;
  bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
  if (help || !parse_options(args, options)) return usage(help);
  std::string host;
  int port = 0;
  split_url(options.url, host, port);
  pid_t pid = options.gateway_pid > 0 ? options.gateway_pid : GatewayProcess::find_listener(port);
  GatewayProcess gateway(pid);
  if (pid <= 0 || gateway.cpu_seconds() < 0) {
    std::fprintf(stderr, "meetgate-bench sfu: no gateway process on port %d; pass --gateway-pid\n",
                 port);
    return 1;
  }
  std::string error;
  auto identity = media::DtlsIdentity::create("", "", error);
  if (!identity || !media::SrtpSession::initialize_library()) {
    std::fprintf(stderr, "meetgate-bench sfu: DTLS/SRTP setup failed: %s\n", error.c_str());
    return 1;
  }
  SfuMeeting meeting;
  auto setup_start = std::chrono::steady_clock::now();
  try {
    meeting = set_up_meeting(options.url, options.peers(), 4);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "meetgate-bench sfu: REST set-up: %s\n", e.what());
    return 1;
  }
  std::printf(
      "REST set-up (%d users registered + logged in, meeting %s, joined): %.1f s\n",
      options.peers(), meeting.meeting_id.c_str(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_start).count());
  long rss_before = gateway.rss_kib();
  WsClient signaling;
  if (!signaling.start(error)) {
    std::fprintf(stderr, "meetgate-bench sfu: %s\n", error.c_str());
    return 1;
  }
  Fleet fleet;
  start_fleet(options, meeting, *identity, signaling, fleet);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.connect_timeout);
  while (!all_receiving(options, fleet) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::seconds(2));  // late renegotiations, first keyframes
  Window window = measure(options, fleet, gateway);
  window.rss_before = rss_before;
  fleet.on_each([](SfuPeer &peer) { peer.stop_sending(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  print_failures(fleet);  // before the signaling closes: that is no failure
  int failed = fleet.count(true);
  signaling.stop();
  fleet.on_each([](SfuPeer &peer) { peer.release(); });
  print_report(options, fleet, window, failed);
  bool ok = failed == 0 && window.forwarded > 0;
  fleet.peers.clear();
  return ok ? 0 : 1;
}

const Command sfu_command{"sfu", "videoroom SFU load (meeting / broadcast) through a gateway",
                          run_sfu};

}  // namespace
}  // namespace meetgate::bench
