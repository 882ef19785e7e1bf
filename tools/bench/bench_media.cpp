// meetgate-bench media: WebRTC load through a running gateway with load
// peers of our own (bench_media_peer: the core's ICE/DTLS/SRTP/SDP classes,
// synthetic VP8/Opus RTP), for T seconds, printing forwarded packets/s, the
// gateway's CPU seconds per 1,000 forwarded packets and RSS per consumer
// (/proc of the gateway process), forwarding latency p50/p99 (send time
// stamped in each payload, same machine clock), loss, and the time from the
// first packet a peer gets back to its first keyframe (asking with PLIs).
//
// Path driven: the echotest plugin's raw echo (/ws/echotest), one
// PeerConnection per peer; every peer is one producer whose only consumer
// is itself (P producers x 1 consumer each). The videoroom SFU's P->S
// fan-out is driven by `meetgate-bench sfu` (bench_sfu*.cpp).
#include <curl/curl.h>
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
#include "bench_media_peer.hpp"
#include "bench_media_ws_client.hpp"
#include "bench_stats.hpp"
#include "command.hpp"
#include "dtls_identity.hpp"
#include "media_worker.hpp"
#include "srtp_session.hpp"

namespace meetgate::bench {
namespace {

struct MediaOptions {
  std::string url = "http://127.0.0.1:8080";
  std::string ws = "ws://127.0.0.1:8081";
  std::string ws_path = "/ws/echotest";
  int producers = 4, consumers = -1, seconds = 10, bitrate_kbps = 1000;
  int keyframe_interval = 60, workers = 1, connect_timeout = 20;
  pid_t gateway_pid = -1;
};

// "scheme://host:port" -> host, port.
bool split_url(const std::string &url, std::string &host, int &port) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t colon = url.find(':', start);
  if (colon == std::string::npos) return false;
  host = url.substr(start, colon - start);
  port = std::atoi(url.c_str() + colon + 1);
  return port > 0;
}

bool parse_media_options(const std::vector<std::string> &args, MediaOptions &options) try {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (i + 1 >= args.size()) return false;
    const std::string &value = args[++i];
    if (arg == "--url")
      options.url = value;
    else if (arg == "--ws")
      options.ws = value;
    else if (arg == "--ws-path")
      options.ws_path = value;
    else if (arg == "--producers")
      options.producers = std::stoi(value);
    else if (arg == "--consumers")
      options.consumers = std::stoi(value);
    else if (arg == "--seconds")
      options.seconds = std::stoi(value);
    else if (arg == "--bitrate-kbps")
      options.bitrate_kbps = std::stoi(value);
    else if (arg == "--keyframe-interval")
      options.keyframe_interval = std::stoi(value);
    else if (arg == "--workers")
      options.workers = std::stoi(value);
    else if (arg == "--connect-timeout")
      options.connect_timeout = std::stoi(value);
    else if (arg == "--gateway-pid")
      options.gateway_pid = std::stoi(value);
    else
      return false;
  }
  while (!options.url.empty() && options.url.back() == '/') options.url.pop_back();
  return options.producers > 0 && options.producers <= 500 && options.seconds > 0 &&
         options.bitrate_kbps >= 32 && options.bitrate_kbps <= 20000 &&
         options.keyframe_interval > 0 && options.workers > 0 && options.workers <= 16 &&
         options.connect_timeout > 0;
} catch (const std::exception &) {  // std::stoi: not a number
  return false;
}

bool gateway_healthy(const std::string &url) {
  CURL *curl = curl_easy_init();
  if (!curl) return false;
  std::string target = url + "/health";
  curl_easy_setopt(curl, CURLOPT_URL, target.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 3000L);
  curl_easy_setopt(curl, CURLOPT_NOBODY, 0L);
  curl_easy_setopt(
      curl, CURLOPT_WRITEFUNCTION,
      +[](char *, size_t size, size_t count, void *) { return size * count; });
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  return status == 200;
}

struct Totals {
  uint64_t sent = 0, received = 0, keyframe_requests = 0;
  int connected = 0, failed = 0;
};

struct Fleet {
  std::vector<std::unique_ptr<media::MediaWorker>> workers;
  std::vector<std::unique_ptr<LoadPeer>> peers;
  std::vector<media::MediaWorker *> peer_worker;

  Totals totals() const {
    Totals totals;
    for (const auto &peer : peers) {
      const PeerCounters &c = peer->counters();
      totals.sent += c.video_sent + c.audio_sent;
      totals.received += c.video_received + c.audio_received;
      totals.keyframe_requests += c.keyframe_requests;
      totals.connected += c.connected ? 1 : 0;
      totals.failed += c.failed ? 1 : 0;
    }
    return totals;
  }
  void on_each(const std::function<void(LoadPeer &)> &task) {
    for (size_t i = 0; i < peers.size(); ++i) peer_worker[i]->run_sync([&, i] { task(*peers[i]); });
  }
};

// Waits until every peer is connected or failed, or the deadline.
void wait_connected(const Fleet &fleet, int timeout_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    Totals totals = fleet.totals();
    if (totals.connected + totals.failed >= static_cast<int>(fleet.peers.size())) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

struct Window {
  double seconds = 0, gateway_cpu = 0, bench_cpu = 0;
  uint64_t forwarded = 0;
  long rss_before = 0, rss_after = 0;
  std::string load_before, load_after;
};

void print_report(const MediaOptions &options, const Fleet &fleet, const Window &window,
                  const Totals &final_totals) {
  std::vector<double> latencies, first_keyframes, connects;
  for (const auto &peer : fleet.peers) {
    for (uint32_t us : peer->latencies_us()) latencies.push_back(us / 1000.0);
    if (peer->counters().first_keyframe_us >= 0)
      first_keyframes.push_back(static_cast<double>(peer->counters().first_keyframe_us) / 1000.0);
    if (peer->counters().connect_ms >= 0)
      connects.push_back(static_cast<double>(peer->counters().connect_ms));
  }
  double rate = window.seconds > 0 ? static_cast<double>(window.forwarded) / window.seconds : 0;
  double loss = final_totals.sent ? 1.0 - static_cast<double>(final_totals.received) /
                                              static_cast<double>(final_totals.sent)
                                  : 0;
  int peers = static_cast<int>(fleet.peers.size());
  std::printf("path: raw echo (plugins/echotest %s), %d peers = %d producers x 1 consumer each\n",
              options.ws_path.c_str(), peers, peers);
  std::printf(
      "peers connected: %d/%d (failed %d), connect (WS open -> DTLS) p50 %.0f ms, max %.0f ms\n",
      final_totals.connected, peers, final_totals.failed, percentile(connects, 0.5),
      percentile(connects, 1.0));
  std::printf("forwarded packets/s: %.0f (%llu in %.2f s)\n", rate,
              static_cast<unsigned long long>(window.forwarded), window.seconds);
  std::printf(
      "gateway CPU s per 1,000 forwarded packets: %.4f (%.2f CPU s in the window, %.0f%% of one "
      "core)\n",
      window.forwarded ? window.gateway_cpu * 1000.0 / static_cast<double>(window.forwarded) : 0,
      window.gateway_cpu, 100.0 * window.gateway_cpu / std::max(window.seconds, 1e-9));
  std::printf("gateway RSS: %ld -> %ld KiB, per consumer %.0f KiB\n", window.rss_before,
              window.rss_after, static_cast<double>(window.rss_after - window.rss_before) / peers);
  std::printf(
      "forwarding latency (send -> echoed back, same clock): p50 %.3f ms, p99 %.3f ms, max %.3f ms "
      "(%zu samples)\n",
      percentile(latencies, 0.5), percentile(latencies, 0.99), percentile(latencies, 1.0),
      latencies.size());
  std::printf("loss: %.4f%% (%llu sent, %llu received back)\n", 100.0 * loss,
              static_cast<unsigned long long>(final_totals.sent),
              static_cast<unsigned long long>(final_totals.received));
  std::printf(
      "subscribe (first packet back, PLI sent) -> first keyframe: p50 %.1f ms, max %.1f ms (%zu/%d "
      "peers; PLIs received "
      "%llu)\n",
      percentile(first_keyframes, 0.5), percentile(first_keyframes, 1.0), first_keyframes.size(),
      peers, static_cast<unsigned long long>(final_totals.keyframe_requests));
  std::printf("bench CPU in the window: %.2f s; load average before: %s, after: %s\n",
              window.bench_cpu, window.load_before.c_str(), window.load_after.c_str());
}

}  // namespace
}  // namespace meetgate::bench

namespace meetgate::bench {
namespace {

std::atomic<bool> g_measuring{false};

// The first few failure reasons (read on the main thread: a peer writes its
// reason before it sets `failed`).
void print_failures(const Fleet &fleet) {
  int shown = 0;
  for (const auto &peer : fleet.peers)
    if (peer->counters().failed && shown++ < 5)
      std::printf("failure: %s\n", peer->failure().c_str());
}

bool start_fleet(const MediaOptions &options, const media::DtlsIdentity &identity,
                 WsClient &signaling, Fleet &fleet) {
  std::string ws_host;
  int ws_port = 0;
  if (!split_url(options.ws, ws_host, ws_port)) return false;
  for (int i = 0; i < options.workers; ++i)
    fleet.workers.push_back(std::make_unique<media::MediaWorker>(i));
  for (int i = 0; i < options.producers; ++i) {
    LoadPeer::Settings settings;
    settings.ws_host = ws_host;
    settings.ws_port = ws_port;
    settings.ws_path = options.ws_path;
    settings.video_kbps = options.bitrate_kbps;
    settings.keyframe_interval = options.keyframe_interval;
    settings.measuring = &g_measuring;
    media::MediaWorker *worker = fleet.workers[static_cast<size_t>(i) % fleet.workers.size()].get();
    fleet.peers.push_back(std::make_unique<LoadPeer>(*worker, identity, signaling, settings));
    fleet.peer_worker.push_back(worker);
  }
  fleet.on_each([](LoadPeer &peer) { peer.start(); });
  return true;
}

Window measure(const MediaOptions &options, const Fleet &fleet, const GatewayProcess &gateway,
               long rss_before) {
  Window window;
  window.rss_before = rss_before;
  window.load_before = load_average();
  double cpu_start = gateway.cpu_seconds(), bench_start = own_cpu_seconds();
  uint64_t received_start = fleet.totals().received;
  auto start = std::chrono::steady_clock::now();
  g_measuring = true;
  std::this_thread::sleep_for(std::chrono::seconds(options.seconds));
  g_measuring = false;
  auto end = std::chrono::steady_clock::now();
  window.forwarded = fleet.totals().received - received_start;
  window.gateway_cpu = gateway.cpu_seconds() - cpu_start;
  window.bench_cpu = own_cpu_seconds() - bench_start;
  window.seconds = std::chrono::duration<double>(end - start).count();
  window.rss_after = gateway.rss_kib();
  window.load_after = load_average();
  return window;
}

int run_media(const std::vector<std::string> &args) {
  MediaOptions options;
  bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
  if (help || !parse_media_options(args, options)) {
    std::fprintf(
        help ? stdout : stderr,
        "usage: meetgate-bench media [--url http://127.0.0.1:8080] [--ws ws://127.0.0.1:8081]\n"
        "         [--producers P (4)] [--consumers S (= P)] [--seconds T (10)]\n"
        "         [--bitrate-kbps B (1000, video per producer; + 32 kbit/s Opus)]\n"
        "         [--keyframe-interval FRAMES (60)] [--workers W (1)] [--ws-path /ws/echotest]\n"
        "         [--gateway-pid PID (default: the process listening on --url's port)]\n"
        "         [--connect-timeout SECONDS (20)]\n");
    return help ? 0 : 2;
  }
  if (options.consumers >= 0 && options.consumers != options.producers)
    std::fprintf(stderr,
                 "meetgate-bench media: the echo path has one consumer per producer; "
                 "--consumers %d ignored, using %d\n",
                 options.consumers, options.producers);
  std::string http_host;
  int http_port = 0;
  if (!split_url(options.url, http_host, http_port) || !gateway_healthy(options.url)) {
    std::fprintf(stderr, "meetgate-bench media: no healthy gateway at %s/health\n",
                 options.url.c_str());
    return 1;
  }
  pid_t pid =
      options.gateway_pid > 0 ? options.gateway_pid : GatewayProcess::find_listener(http_port);
  GatewayProcess gateway(pid);
  if (pid <= 0 || gateway.cpu_seconds() < 0) {
    std::fprintf(stderr,
                 "meetgate-bench media: cannot read the gateway process; pass --gateway-pid\n");
    return 1;
  }
  std::string error;
  auto identity = media::DtlsIdentity::create("", "", error);
  if (!identity || !media::SrtpSession::initialize_library()) {
    std::fprintf(stderr, "meetgate-bench media: DTLS/SRTP setup failed: %s\n", error.c_str());
    return 1;
  }
  std::printf(
      "meetgate-bench media: gateway pid %d, %s + %s%s, %d peers, %d kbit/s video each, %d s\n",
      static_cast<int>(pid), options.url.c_str(), options.ws.c_str(), options.ws_path.c_str(),
      options.producers, options.bitrate_kbps, options.seconds);
  long rss_before = gateway.rss_kib();
  WsClient signaling;
  if (!signaling.start(error)) {
    std::fprintf(stderr, "meetgate-bench media: %s\n", error.c_str());
    return 1;
  }
  Fleet fleet;
  if (!start_fleet(options, *identity, signaling, fleet)) return 2;
  wait_connected(fleet, options.connect_timeout);
  if (fleet.totals().connected == 0) {
    print_failures(fleet);
    signaling.stop();
    fleet.on_each([](LoadPeer &peer) { peer.release(); });
    std::fprintf(stderr, "meetgate-bench media: no peer connected\n");
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));  // warm-up: first keyframes, pacing
  Window window = measure(options, fleet, gateway, rss_before);
  fleet.on_each([](LoadPeer &peer) { peer.stop_sending(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // what is in flight comes back
  Totals final_totals = fleet.totals();
  print_failures(fleet);  // before the signaling closes: that is no failure
  signaling.stop();       // no more signaling tasks are posted after this
  fleet.on_each([](LoadPeer &peer) { peer.release(); });
  print_report(options, fleet, window, final_totals);
  fleet.peers.clear();
  return final_totals.connected == options.producers && window.forwarded > 0 ? 0 : 1;
}

const Command media_command{"media", "WebRTC load peers through a running gateway", run_media};

}  // namespace
}  // namespace meetgate::bench
