// Meeting presence in the KeyValue store, with the seed's keys:
//   meeting:{meeting_id}:participants -> set of user ids currently joined
//   meeting:{meeting_id}:status       -> "active" (ongoing) | "ended" (kept a day)
// The database stays the source of truth; presence is what other nodes and
// plugins read cheaply. A store failure is logged, never fails the request.
#pragma once

#include <functional>
#include <meetgate/storage/kv.hpp>
#include <string>

namespace meetgate::meeting {

class Presence {
 public:
  using LogFn = std::function<void(const std::string &)>;
  Presence(storage::KeyValue &kv, LogFn log) : kv_(kv), log_(std::move(log)) {}

  void joined(const std::string &meeting_id, int64_t user_id);
  void left(const std::string &meeting_id, int64_t user_id);
  void started(const std::string &meeting_id);
  void ended(const std::string &meeting_id);  // also clears the participant set
  void removed(const std::string &meeting_id);
  int64_t online(const std::string &meeting_id);

  static std::string participants_key(const std::string &meeting_id);
  static std::string status_key(const std::string &meeting_id);

 private:
  template <class Step>
  void guarded(const char *what, Step step);
  storage::KeyValue &kv_;
  LogFn log_;
};

}  // namespace meetgate::meeting
