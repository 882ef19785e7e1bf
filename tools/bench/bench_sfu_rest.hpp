// REST set-up of `meetgate-bench sfu` (plugins/auth + plugins/meeting):
// register and log in one user per participant, create one meeting (the
// first user is its host), join every user. One keep-alive libcurl handle
// per thread; errors throw std::runtime_error with the gateway's answer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace meetgate::bench {

struct SfuUser {
  std::string name, token;
  int64_t id = 0;
};

struct SfuMeeting {
  std::string meeting_id;  // "mtg-..."
  std::vector<SfuUser> users;
};

// `count` users (registered by `threads` threads), one meeting, all joined.
SfuMeeting set_up_meeting(const std::string &url, int count, int threads);

// "/ws/signaling?user_id=..&meeting_id=..&peer_id=..&token=.."
std::string signaling_path(const SfuUser &user, const std::string &meeting_id);

}  // namespace meetgate::bench
