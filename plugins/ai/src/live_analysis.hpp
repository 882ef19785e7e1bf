// Live analysis of meetings. Knows every producer of every meeting from the
// videoroom's bus events ("videoroom.producer_added" / "_removed"), whether
// or not analysis runs, so starting it later picks up tracks already
// published. Started per meeting by REST (host/co-host/admin) or by
// "meeting.started" when the meeting's settings have "ai": true; stopped by
// REST or "meeting.ended".
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "live_stream.hpp"

namespace meetgate::ai {

class LiveAnalysis {
 public:
  explicit LiveAnalysis(const LiveStreamContext &context);
  ~LiveAnalysis();  // stops every meeting

  void start(const std::string &meeting_id, int64_t started_by);
  bool stop(const std::string &meeting_id);
  void stop_all();
  infer::JsonPtr status(const std::string &meeting_id) const;
  void handle_event(const std::string &topic, const json_t *event);
  std::size_t running() const;

 private:
  void add_producer(const ProducerInfo &producer);
  void remove_producer(const std::string &meeting_id, uint64_t producer_id);
  void start_stream_locked(const ProducerInfo &producer);

  LiveStreamContext context_;
  mutable std::mutex mutex_;
  std::map<std::string, std::map<uint64_t, ProducerInfo>> producers_;  // by meeting
  std::set<std::string> live_meetings_;
  std::map<uint64_t, std::shared_ptr<LiveStream>> streams_;  // by producer id
};

}  // namespace meetgate::ai
