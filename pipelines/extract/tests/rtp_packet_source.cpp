#include "rtp_packet_source.hpp"

#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace meetgate::extract::test {

std::vector<std::string> rtp_packets_from(const std::string &description,
                                          std::chrono::milliseconds timeout) {
  gst_init(nullptr, nullptr);
  GError *error = nullptr;
  GstElement *pipeline = gst_parse_launch(description.c_str(), &error);
  if (error) {
    std::string why = error->message;
    g_error_free(error);
    if (pipeline) gst_object_unref(pipeline);
    throw std::runtime_error("test pipeline: " + why);
  }
  GstElement *sink = gst_bin_get_by_name(GST_BIN(pipeline), "sink");
  g_object_set(sink, "sync", FALSE, nullptr);
  gst_element_set_state(pipeline, GST_STATE_PLAYING);
  std::vector<std::string> packets;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    GstSample *sample = gst_app_sink_try_pull_sample(GST_APP_SINK(sink), GST_SECOND / 10);
    if (!sample) {
      if (gst_app_sink_is_eos(GST_APP_SINK(sink))) break;
      continue;
    }
    GstBuffer *buffer = gst_sample_get_buffer(sample);
    GstMapInfo map;
    if (gst_buffer_map(buffer, &map, GST_MAP_READ)) {
      packets.emplace_back(reinterpret_cast<const char *>(map.data), map.size);
      gst_buffer_unmap(buffer, &map);
    }
    gst_sample_unref(sample);
  }
  bool eos = gst_app_sink_is_eos(GST_APP_SINK(sink));
  gst_element_set_state(pipeline, GST_STATE_NULL);
  gst_object_unref(sink);
  gst_object_unref(pipeline);
  if (!eos) throw std::runtime_error("test pipeline did not reach end of stream in time");
  return packets;
}

void push_paced(const std::vector<std::string> &packets, uint32_t clock_rate, double speed,
                const std::function<void(const std::string &)> &push) {
  auto rtp_time = [](const std::string &packet) -> uint32_t {
    if (packet.size() < 8) return 0;
    const auto *bytes = reinterpret_cast<const uint8_t *>(packet.data());
    return (uint32_t(bytes[4]) << 24) | (uint32_t(bytes[5]) << 16) | (uint32_t(bytes[6]) << 8) |
           bytes[7];
  };
  if (packets.empty()) return;
  const uint32_t first = rtp_time(packets.front());
  const auto start = std::chrono::steady_clock::now();
  for (const std::string &packet : packets) {
    double seconds = static_cast<uint32_t>(rtp_time(packet) - first) / double(clock_rate) / speed;
    std::this_thread::sleep_until(start + std::chrono::duration_cast<std::chrono::microseconds>(
                                              std::chrono::duration<double>(seconds)));
    push(packet);
  }
}

void run_command(const std::string &command) {
  if (std::system(command.c_str()) != 0) throw std::runtime_error("command failed: " + command);
}

}  // namespace meetgate::extract::test
