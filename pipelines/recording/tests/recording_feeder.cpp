// Test driver for the recording pipelines: real RTP made by GStreamer
// encoders/payloaders is pushed into the recording library exactly like the
// core's sink consumer would (from a streaming thread, packet by packet).
//
//   recording_feeder track VP8|VP9|H264 SECONDS VIDEO_OUT AUDIO_OUT [SKIP]
//   recording_feeder composite SECONDS JOIN_AT OUT      (3 inputs, the 3rd
//                   joins at JOIN_AT s, the 2nd leaves at SECONDS - 2 s)
//   recording_feeder bench TRACKS SECONDS DIR          (CPU and push cost)
// Prints "recording" once packets flow (the kill test waits for it), then
// one JSON line of statistics per file, and exits 0 when every file was
// finalized.
#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <meetgate/recording/composite_recorder.hpp>
#include <meetgate/recording/gst_ptr.hpp>
#include <meetgate/recording/track_recorder.hpp>
#include <memory>
#include <string>
#include <vector>

#include "rtp_source.hpp"

using namespace meetgate::recording;
using test::RtpSource;

namespace {

void print_stats(const std::string &name, const TrackStats &stats) {
  std::printf(
      "{\"file\":\"%s\",\"packets\":%llu,\"dropped\":%llu,\"frames\":%llu,"
      "\"duration_ns\":%llu,\"bytes\":%llu,\"finalized\":%s,\"error\":\"%s\"}\n",
      name.c_str(), static_cast<unsigned long long>(stats.packets),
      static_cast<unsigned long long>(stats.dropped), static_cast<unsigned long long>(stats.frames),
      static_cast<unsigned long long>(stats.duration_ns),
      static_cast<unsigned long long>(stats.bytes), stats.finalized ? "true" : "false",
      stats.error.c_str());
  std::fflush(stdout);
}

// Announces once that packets reached a recorder.
void announce_once() {
  static std::atomic<bool> said{false};
  if (!said.exchange(true)) {
    std::printf("recording\n");
    std::fflush(stdout);
  }
}

// `skip_video` first video packets are withheld: the recorder then starts
// in the middle of a group of pictures and must wait for a keyframe.
int record_tracks(const std::string &codec, int seconds, const std::string &video_out,
                  const std::string &audio_out, int skip_video) {
  RtpFormat video_format{MediaKind::kVideo, codec, 90000,
                         static_cast<uint8_t>(codec == "H264"  ? 102
                                              : codec == "VP9" ? 98
                                                               : 96),
                         0};
  RtpFormat audio_format{MediaKind::kAudio, "opus", 48000, 111, 2};
  std::atomic<int> keyframe_requests{0};
  TrackRecorder video({video_format, video_out, 4u << 20, 200, [&] { ++keyframe_requests; }, {}});
  TrackRecorder audio({audio_format, audio_out, 4u << 20, 200, {}, {}});
  RtpSource video_source(RtpSource::video(codec, 18 /* ball */, seconds, 30),
                         [&, skipped = 0](const uint8_t *data, size_t len) mutable {
                           announce_once();
                           if (skipped++ >= skip_video) video.push(data, len);
                         });
  RtpSource audio_source(RtpSource::audio(seconds, 440),
                         [&](const uint8_t *data, size_t len) { audio.push(data, len); });
  video_source.start();
  audio_source.start();
  bool complete = video_source.wait_eos(std::chrono::seconds(seconds + 60)) &&
                  audio_source.wait_eos(std::chrono::seconds(30));
  TrackStats video_stats = video.stop(), audio_stats = audio.stop();
  print_stats(video_out, video_stats);
  print_stats(audio_out, audio_stats);
  std::printf("{\"keyframe_requests\":%d}\n", keyframe_requests.load());
  return complete && video_stats.finalized && audio_stats.finalized ? 0 : 1;
}

int record_composite(int seconds, int join_at, const std::string &out) {
  CompositeRecorderOptions options;
  options.path = out;
  options.width = 640;
  options.height = 360;
  CompositeRecorder recorder(options);
  auto created = std::chrono::steady_clock::now();
  auto file_seconds = [&recorder] { return recorder.stats().duration_ns / 1e9; };
  RtpFormat vp8{MediaKind::kVideo, "VP8", 90000, 96, 0};
  RtpFormat opus{MediaKind::kAudio, "opus", 48000, 111, 2};
  // Solid red, green and blue inputs (videotestsrc patterns 4, 5, 6) so the
  // test can find each tile by colour.
  std::vector<std::unique_ptr<RtpSource>> sources;
  // `skip` packets are not delivered: the input then starts in the middle
  // of a group of pictures, as a consumer attached to a running producer.
  auto add_video = [&](int index, int length, int skip) {
    auto input = recorder.add_input("video" + std::to_string(index), vp8);
    auto skipped = std::make_shared<std::atomic<int>>(0);
    sources.push_back(
        std::make_unique<RtpSource>(RtpSource::video("VP8", 4 + index, length, 15),
                                    [input, skipped, skip](const uint8_t *data, size_t len) {
                                      announce_once();
                                      if (skipped->fetch_add(1) >= skip) input->push(data, len);
                                    }));
    sources.back()->start();
  };
  auto audio_input = recorder.add_input("audio0", opus);
  sources.push_back(std::make_unique<RtpSource>(
      RtpSource::audio(seconds, 440),
      [audio_input](const uint8_t *data, size_t len) { audio_input->push(data, len); }));
  sources.back()->start();
  add_video(0, seconds, 0);
  add_video(1, seconds, 0);
  // The third joins midway (a timed event of the scenario, not a readiness wait).
  g_usleep(static_cast<gulong>(join_at) * G_USEC_PER_SEC);
  double join_s = file_seconds();
  add_video(2, seconds - join_at, 8);
  // The second leaves 2 s before the end: the grid goes back to two tiles.
  g_usleep(static_cast<gulong>(seconds - join_at - 2) * G_USEC_PER_SEC);
  double leave_s = file_seconds();
  recorder.remove_input("video1");
  bool complete = true;
  for (auto &source : sources)
    complete = source->wait_eos(std::chrono::seconds(seconds + 60)) && complete;
  double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - created).count();
  TrackStats stats = recorder.stop(std::chrono::seconds(10));
  print_stats(out, stats);
  // Where the join and leave landed in the file, and how long it ran: on a
  // loaded machine they drift from the nominal seconds.
  std::printf("{\"join_s\":%.3f,\"leave_s\":%.3f,\"wall_s\":%.3f}\n", join_s, leave_s, wall_s);
  return complete && stats.finalized ? 0 : 1;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// K per-track recorders fed the same VP8 stream: process CPU and the time
// one push() takes on the delivering thread (what a media worker would pay).
int bench(int tracks, int seconds, const std::string &directory) {
  RtpFormat vp8{MediaKind::kVideo, "VP8", 90000, 96, 0};
  std::vector<std::unique_ptr<TrackRecorder>> recorders;
  for (int i = 0; i < tracks; ++i)
    recorders.push_back(std::make_unique<TrackRecorder>(TrackRecorderOptions{
        vp8, directory + "/bench" + std::to_string(i) + ".webm", 4u << 20, 200, {}, {}}));
  std::atomic<uint64_t> push_ns{0}, max_push_ns{0}, pushes{0};
  RtpSource source(RtpSource::video("VP8", 18, seconds, 30), [&](const uint8_t *data, size_t len) {
    for (auto &recorder : recorders) {
      auto start = std::chrono::steady_clock::now();
      recorder->push(data, len);
      auto took = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                            std::chrono::steady_clock::now() - start)
                                            .count());
      push_ns += took;
      pushes += 1;
      if (took > max_push_ns.load()) max_push_ns = took;
    }
  });
  double cpu_before = cpu_seconds();
  source.start();
  bool complete = source.wait_eos(std::chrono::seconds(seconds + 60));
  for (auto &recorder : recorders) recorder->stop();
  double cpu = cpu_seconds() - cpu_before;
  std::printf(
      "{\"tracks\":%d,\"seconds\":%d,\"cpu_seconds\":%.3f,\"pushes\":%llu,"
      "\"mean_push_us\":%.2f,\"max_push_us\":%.1f}\n",
      tracks, seconds, cpu, static_cast<unsigned long long>(pushes.load()),
      pushes ? static_cast<double>(push_ns.load()) / pushes.load() / 1000.0 : 0.0,
      static_cast<double>(max_push_ns.load()) / 1000.0);
  return complete ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  ensure_gstreamer();
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if ((args.size() == 5 || args.size() == 6) && args[0] == "track")
      return record_tracks(args[1], std::stoi(args[2]), args[3], args[4],
                           args.size() == 6 ? std::stoi(args[5]) : 0);
    if (args.size() == 4 && args[0] == "bench")
      return bench(std::stoi(args[1]), std::stoi(args[2]), args[3]);
    if (args.size() == 4 && args[0] == "composite")
      return record_composite(std::stoi(args[1]), std::stoi(args[2]), args[3]);
  } catch (const std::exception &error) {
    std::cerr << "recording_feeder: " << error.what() << "\n";
    return 2;
  }
  std::cerr << "usage: recording_feeder track CODEC SECONDS VIDEO AUDIO | composite SECONDS "
               "JOIN_AT OUT\n";
  return 2;
}
