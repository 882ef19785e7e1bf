// The units currently connected to the gateway, as announced by their hello
// and kept alive by their heartbeats, with the load the client put on each.
// Not thread-safe: InferClient guards it with its mutex.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client_types.hpp"

namespace meetgate::infer {

class UnitDirectory {
 public:
  using Clock = std::chrono::steady_clock;

  struct Unit {
    std::string unit_id;  // also its ZeroMQ routing id
    JsonPtr models;       // the hello's models array
    std::set<std::string> model_names;
    int capacity = 1;
    std::size_t in_flight = 0;  // requests sent and not finished
    std::size_t sessions = 0;   // sessions placed on it
    JsonPtr load;               // last heartbeat's "load"
    Clock::time_point last_seen;
    std::uint64_t last_pick = 0;  // for round-robin among equals
  };

  // From a hello: registers or refreshes the unit. Returns false (and keeps
  // nothing) when the hello is malformed.
  bool announce(const std::string &unit_id, const json_t *hello, Clock::time_point now);
  // Any message from a known unit proves it alive; false for unknown ids.
  bool touch(const std::string &unit_id, Clock::time_point now, const json_t *load = nullptr);
  Unit *find(const std::string &unit_id);
  bool remove(const std::string &unit_id);
  // Units silent for longer than timeout, removed from the directory.
  std::vector<std::string> expire(Clock::time_point now, std::chrono::milliseconds timeout);

  // The unit with the lowest (in_flight + sessions) / capacity among those that
  // loaded model, least recently picked on ties. Error kNoUnit / kModelUnavailable.
  std::optional<InferError> pick(const std::string &model, const std::string &excluded,
                                 std::string &unit_id);

  std::vector<std::string> unit_ids() const;
  std::size_t size() const { return units_.size(); }
  // [{name, kind, input, description, units:[ids], capacity}], one per model name.
  JsonPtr models_json() const;
  // [{unit_id, capacity, in_flight, sessions, models:[names], load, last_seen_ms}]
  JsonPtr units_json(Clock::time_point now) const;

 private:
  std::map<std::string, Unit> units_;
  std::uint64_t picks_ = 0;
};

}  // namespace meetgate::infer
