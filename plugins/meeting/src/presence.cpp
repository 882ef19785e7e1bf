#include "presence.hpp"

#include <chrono>
#include <exception>

namespace meetgate::meeting {

std::string Presence::participants_key(const std::string &meeting_id) {
  return "meeting:" + meeting_id + ":participants";
}
std::string Presence::status_key(const std::string &meeting_id) {
  return "meeting:" + meeting_id + ":status";
}

template <class Step>
void Presence::guarded(const char *what, Step step) {
  try {
    step();
  } catch (const std::exception &error) {
    if (log_) log_(std::string("presence ") + what + ": " + error.what());
  }
}

void Presence::joined(const std::string &meeting_id, int64_t user_id) {
  guarded("join", [&] { kv_.sadd(participants_key(meeting_id), std::to_string(user_id)); });
}

void Presence::left(const std::string &meeting_id, int64_t user_id) {
  guarded("leave", [&] { kv_.srem(participants_key(meeting_id), std::to_string(user_id)); });
}

void Presence::started(const std::string &meeting_id) {
  guarded("start", [&] { kv_.set(status_key(meeting_id), "active"); });
}

void Presence::ended(const std::string &meeting_id) {
  guarded("end", [&] {
    kv_.set(status_key(meeting_id), "ended", std::chrono::hours(24));
    kv_.del(participants_key(meeting_id));
  });
}

void Presence::removed(const std::string &meeting_id) {
  guarded("delete", [&] {
    kv_.del(status_key(meeting_id));
    kv_.del(participants_key(meeting_id));
  });
}

int64_t Presence::online(const std::string &meeting_id) {
  int64_t count = 0;
  guarded("count", [&] { count = kv_.scard(participants_key(meeting_id)); });
  return count;
}

}  // namespace meetgate::meeting
