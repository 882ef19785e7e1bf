// Settings of one inference unit: command line first, then MEETGATE_INFER_*
// environment, then defaults (README.md, "Configuration").
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace meetgate::infer {

struct UnitOptions {
  std::string endpoint = "tcp://127.0.0.1:19001";  // the gateway's ROUTER
  std::string unit_id;                             // default: hostname-pid
  std::vector<std::string> models{"all"};
  int capacity = 2;       // worker threads = requests analyzed at once
  int max_sessions = 64;  // open work_ids
  std::chrono::milliseconds heartbeat_interval{1000};
  std::chrono::milliseconds gateway_timeout{3000};
  std::size_t max_message_bytes = 64u << 20;
  std::string asr_model_dir = "/usr/share/pocketsphinx/model/en-us";
  std::string haar_cascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
  std::string log_level = "info";
};

struct OptionsOutcome {
  UnitOptions options;
  bool show_help = false;
  std::string error;  // non-empty on a bad argument
};

OptionsOutcome parse_unit_options(int argc, char **argv);
const char *unit_usage();

}  // namespace meetgate::infer
