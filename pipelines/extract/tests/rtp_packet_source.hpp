// Test input: real RTP packets made by a GStreamer encoding pipeline (e.g.
// "filesrc ! wavparse ! ... ! opusenc ! rtpopuspay pt=111"), collected from
// an appsink named "sink" until end of stream.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace meetgate::extract::test {

std::vector<std::string> rtp_packets_from(const std::string &description,
                                          std::chrono::milliseconds timeout);

// Calls push(packet) for each packet at the pace of its RTP timestamp
// (clock_rate Hz), as a live sender would, `speed` times faster.
void push_paced(const std::vector<std::string> &packets, uint32_t clock_rate, double speed,
                const std::function<void(const std::string &)> &push);

// Runs a shell command (espeak-ng, sox); throws when it fails.
void run_command(const std::string &command);

}  // namespace meetgate::extract::test
