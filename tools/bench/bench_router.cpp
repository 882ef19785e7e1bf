// meetgate-bench router: P producers x S consumers each through the media
// router (core/media/rtp) for T seconds, in process, without sockets or
// SRTP: what the router itself costs per forwarded packet.
//
// Producers are spread over W worker threads (like the engine's media
// workers) and send synthetic VP8 packets as fast as they can (or at
// --pps each); every consumer's sink only counts. The main thread calls
// Router::tick every 20 ms and, with --churn N, re-subscribes N consumers
// per second to measure subscribe -> first keyframe (the synthetic sender
// answers a keyframe request with a keyframe on its next packet).
//
// Prints forwarded packets/s, wall ns and CPU seconds per 1,000 forwarded
// packets (from getrusage), fan-out latency p50/p99 per incoming packet,
// heap allocations per forwarded packet (a counting operator new in this
// binary), RSS and RSS per consumer.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "command.hpp"
#include "router.hpp"
#include "rtp_packet_builder.hpp"
#include "rtp_packet_view.hpp"

namespace {
// Per thread, so a worker counts exactly the allocations of its packet path.
thread_local uint64_t t_allocations = 0;
}  // namespace

// Counting global allocation functions: the figure "allocations per packet".
// GCC sees malloc'd memory freed through these and warns falsely.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void *operator new(std::size_t size) {
  ++t_allocations;
  if (void *p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void *operator new[](std::size_t size) {
  return operator new(size);
}
void operator delete(void *p) noexcept {
  std::free(p);
}
void operator delete[](void *p) noexcept {
  std::free(p);
}
void operator delete(void *p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept {
  std::free(p);
}
#pragma GCC diagnostic pop

namespace meetgate::bench {
namespace {

using namespace meetgate::media::rtp;
using Clock = std::chrono::steady_clock;

struct Options {
  int producers = 4;
  int consumers = 10;  // per producer
  int seconds = 5;
  int threads = 1;
  int pps = 0;         // per producer, 0 = as fast as possible
  int payload = 1100;  // bytes of VP8 payload
  int churn = 10;      // re-subscriptions per second
};

class CountingSink final : public PacketSink {
 public:
  void send_rtp(std::span<const uint8_t>) override {
    if (packets_.fetch_add(1, std::memory_order_relaxed) == 0)
      first_us_.store(Router::now_us(), std::memory_order_relaxed);
  }
  void send_rtcp(std::span<const uint8_t>) override {}
  uint64_t packets() const { return packets_.load(std::memory_order_relaxed); }
  uint64_t first_us() const { return first_us_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> packets_{0};
  std::atomic<uint64_t> first_us_{0};
};

// The synthetic sender of one producer: one prebuilt packet rewritten in
// place (seq, ts, keyframe bit), so generating costs next to nothing.
class SyntheticSender final : public KeyframeRequester {
 public:
  SyntheticSender(uint32_t ssrc, int payload_size) : packet_(payload_size + 64) {
    std::vector<uint8_t> payload(static_cast<size_t>(payload_size), 0x55);
    payload[0] = 0x10;  // VP8 descriptor: S=1, PID=0
    RtpPacketBuilder builder(packet_, 96, 1, 90000, ssrc, true);
    builder.set_payload(payload);
    packet_.resize(builder.finish());
    view_.emplace(*RtpPacketView::parse(std::span<uint8_t>(packet_)));
  }
  void request_keyframe(uint32_t) override { keyframe_.store(true, std::memory_order_relaxed); }
  std::span<const uint8_t> next() {
    view_->set_sequence_number(++sequence_);
    if (sequence_ % 3 == 0) timestamp_ += 3000;  // ~3 packets per frame
    view_->set_timestamp(timestamp_);
    const bool key = keyframe_.exchange(false, std::memory_order_relaxed) || sequence_ % 900 == 1;
    packet_[view_->header_size() + 1] = key ? 0x00 : 0x01;  // VP8 P bit (inverse key frame)
    return packet_;
  }

 private:
  std::vector<uint8_t> packet_;
  std::optional<RtpPacketView> view_;
  uint16_t sequence_ = 0;
  uint32_t timestamp_ = 90000;
  std::atomic<bool> keyframe_{false};
};

bool parse(const std::vector<std::string> &args, Options &o) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    const bool has_value = i + 1 < args.size();
    auto value = [&] { return std::atoi(args[++i].c_str()); };
    if (a == "--producers" && has_value)
      o.producers = value();
    else if (a == "--consumers" && has_value)
      o.consumers = value();
    else if (a == "--seconds" && has_value)
      o.seconds = value();
    else if (a == "--threads" && has_value)
      o.threads = value();
    else if (a == "--pps" && has_value)
      o.pps = value();
    else if (a == "--payload" && has_value)
      o.payload = value();
    else if (a == "--churn" && has_value)
      o.churn = value();
    else
      return false;
  }
  return o.producers > 0 && o.consumers >= 0 && o.seconds > 0 && o.threads > 0 && o.pps >= 0 &&
         o.payload >= 16 && o.payload <= 1400 && o.churn >= 0;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

uint64_t percentile(std::vector<uint64_t> &values, double p) {
  if (values.empty()) return 0;
  const size_t index = std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  std::nth_element(values.begin(), values.begin() + static_cast<ptrdiff_t>(index), values.end());
  return values[index];
}

struct Worker {
  std::vector<ProducerId> producers;
  std::vector<SyntheticSender *> senders;
  std::vector<uint64_t> latencies_ns;  // preallocated samples
  uint64_t incoming = 0;
  uint64_t allocations = 0;  // on this worker's thread while it ran
};

void run_worker(Router &router, Worker &w, const Options &o, const std::atomic<bool> &stop) {
  const uint64_t allocations_before = t_allocations;
  const auto start = Clock::now();
  const double interval_ns = o.pps ? 1e9 / o.pps : 0;
  while (!stop.load(std::memory_order_relaxed)) {
    if (o.pps) {
      const auto due =
          start + std::chrono::nanoseconds(static_cast<int64_t>(
                      interval_ns * static_cast<double>(w.incoming / w.producers.size())));
      if (Clock::now() < due) {
        std::this_thread::sleep_until(due);
        continue;
      }
    }
    for (size_t i = 0; i < w.producers.size(); ++i) {
      const auto packet = w.senders[i]->next();
      const bool sample =
          (w.incoming & 63) == 0 && w.latencies_ns.size() < w.latencies_ns.capacity();
      const auto before = sample ? Clock::now() : Clock::time_point{};
      router.on_producer_rtp(w.producers[i], packet, Router::now_us());
      if (sample) w.latencies_ns.push_back(static_cast<uint64_t>((Clock::now() - before).count()));
      ++w.incoming;
    }
  }
  w.allocations = t_allocations - allocations_before;
}

// One run: setup, the measured period, the report.
class RouterBench {
 public:
  explicit RouterBench(const Options &o) : o_(o) {}

  void setup() {
    rss_start_ = rss_kb();
    std::string error;
    for (int p = 0; p < o_.producers; ++p) {
      senders_.push_back(std::make_shared<SyntheticSender>(0x1000 + p, o_.payload));
      ProducerOptions options;
      options.codec = "VP8";
      options.keyframe_requester = senders_.back();
      producers_.push_back(router_.add_producer(options, error));
      for (int c = 0; c < o_.consumers; ++c) {
        ConsumerOptions consumer;
        consumer.sink = std::make_shared<CountingSink>();
        consumer.extensions.mid = 1;
        consumer.mid = std::to_string(c);
        consumers_.push_back(router_.add_consumer(producers_.back(), consumer, error));
      }
    }
    workers_.resize(static_cast<size_t>(std::min(o_.threads, o_.producers)));
    for (size_t p = 0; p < producers_.size(); ++p) {
      Worker &w = workers_[p % workers_.size()];
      w.producers.push_back(producers_[p]);
      w.senders.push_back(senders_[p].get());
    }
    for (Worker &w : workers_) w.latencies_ns.reserve(1 << 20);
  }

  void run() {
    std::atomic<bool> stop{false};
    const double cpu_start = cpu_seconds();
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (Worker &w : workers_)
      threads.emplace_back(run_worker, std::ref(router_), std::ref(w), std::cref(o_),
                           std::cref(stop));
    control_loop(start + std::chrono::seconds(o_.seconds));
    stop.store(true);
    for (auto &t : threads) t.join();
    wall_ = std::chrono::duration<double>(Clock::now() - start).count();
    cpu_ = cpu_seconds() - cpu_start;
  }

  void report() {
    const uint64_t forwarded = router_.forwarded_packets();
    uint64_t dropped = 0;
    for (const ConsumerId id : consumers_) {
      ConsumerStats stats;
      if (router_.consumer_stats(id, stats)) dropped += stats.packets_dropped;
    }
    uint64_t incoming = 0;
    uint64_t allocations = 0;
    std::vector<uint64_t> latencies;
    for (Worker &w : workers_) {
      incoming += w.incoming;
      allocations += w.allocations;
      latencies.insert(latencies.end(), w.latencies_ns.begin(), w.latencies_ns.end());
    }
    const long rss_end = rss_kb();
    const double per_k = forwarded ? 1000.0 / static_cast<double>(forwarded) : 0;
    const std::string pacing = o_.pps ? std::to_string(o_.pps) + " pps/producer" : "unpaced";
    std::printf("router bench: %d producers x %d consumers, %zu worker thread(s), %d s, %d B, %s\n",
                o_.producers, o_.consumers, workers_.size(), o_.seconds, o_.payload,
                pacing.c_str());
    std::printf("  incoming packets/s        %12.0f\n", static_cast<double>(incoming) / wall_);
    std::printf("  forwarded packets/s       %12.0f\n", static_cast<double>(forwarded) / wall_);
    std::printf("  dropped (keyframe gate)   %12llu\n", static_cast<unsigned long long>(dropped));
    std::printf("  wall ns per 1000 fwd      %12.0f\n", wall_ * 1e9 * per_k);
    std::printf("  CPU s per 1000 fwd        %12.6f   (CPU %.2f s over %.2f s wall)\n",
                cpu_ * per_k, cpu_, wall_);
    std::printf("  fan-out latency p50/p99   %8.2f / %.2f us per incoming packet\n",
                static_cast<double>(percentile(latencies, 0.50)) / 1000.0,
                static_cast<double>(percentile(latencies, 0.99)) / 1000.0);
    std::printf("  allocations per fwd pkt   %12.6f   (%llu on the workers' packet path)\n",
                forwarded ? static_cast<double>(allocations) / static_cast<double>(forwarded) : 0.0,
                static_cast<unsigned long long>(allocations));
    std::printf("  subscribe->first keyframe p50/p99 %.2f / %.2f ms (%zu re-subscriptions)\n",
                static_cast<double>(percentile(first_frame_us_, 0.50)) / 1000.0,
                static_cast<double>(percentile(first_frame_us_, 0.99)) / 1000.0,
                first_frame_us_.size());
    std::printf("  RSS                       %12ld kB (%ld kB before setup)\n", rss_end,
                rss_start_);
    if (!consumers_.empty())
      std::printf(
          "  RSS per consumer          %12.1f kB\n",
          static_cast<double>(rss_end - rss_start_) / static_cast<double>(consumers_.size()));
  }

 private:
  // Main thread: ticks every 20 ms, and re-subscriptions that measure the
  // time from subscribe to the first (keyframe) packet.
  void control_loop(Clock::time_point deadline) {
    std::vector<std::pair<std::shared_ptr<CountingSink>, uint64_t>> pending;
    size_t next_churn = 0;
    auto next_churn_at = Clock::now();
    std::string error;
    while (Clock::now() < deadline) {
      router_.tick(Router::now_us());
      if (o_.churn && !consumers_.empty() && Clock::now() >= next_churn_at) {
        next_churn_at += std::chrono::microseconds(1'000'000 / o_.churn);
        const size_t index = next_churn++ % consumers_.size();
        const ProducerId producer = router_.consumer_producer(consumers_[index]);
        router_.remove_consumer(consumers_[index]);
        ConsumerOptions consumer;
        auto sink = std::make_shared<CountingSink>();
        consumer.sink = sink;
        pending.emplace_back(sink, Router::now_us());
        consumers_[index] = router_.add_consumer(producer, consumer, error);
      }
      std::erase_if(pending, [this](const auto &entry) {
        if (!entry.first->packets()) return false;
        first_frame_us_.push_back(entry.first->first_us() - entry.second);
        return true;
      });
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  const Options o_;
  Router router_;
  std::vector<std::shared_ptr<SyntheticSender>> senders_;
  std::vector<ProducerId> producers_;
  std::vector<ConsumerId> consumers_;
  std::vector<Worker> workers_;
  std::vector<uint64_t> first_frame_us_;
  long rss_start_ = 0;
  double wall_ = 0;
  double cpu_ = 0;
};

int run_router(const std::vector<std::string> &args) {
  Options o;
  const bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
  if (help || !parse(args, o)) {
    std::fprintf(stderr,
                 "usage: meetgate-bench router [--producers P] [--consumers S per producer]\n"
                 "       [--seconds T] [--threads W] [--pps N per producer, 0 = max]\n"
                 "       [--payload BYTES] [--churn N re-subscriptions/s]\n");
    return help ? 0 : 2;
  }
  RouterBench bench(o);
  bench.setup();
  bench.run();
  bench.report();
  return 0;
}

Command router_command{"router", "forward P producers x S consumers through the media router",
                       run_router};

}  // namespace
}  // namespace meetgate::bench
