#include "live_analysis.hpp"

namespace meetgate::ai {
namespace {

std::string id_text(const json_t *value) {
  if (json_is_string(value)) return json_string_value(value);
  if (json_is_integer(value)) return std::to_string(json_integer_value(value));
  return "";
}

}  // namespace

LiveAnalysis::LiveAnalysis(const LiveStreamContext &context) : context_(context) {}

LiveAnalysis::~LiveAnalysis() {
  stop_all();
}

void LiveAnalysis::start(const std::string &meeting_id, int64_t started_by) {
  std::lock_guard lock(mutex_);
  if (!live_meetings_.insert(meeting_id).second) return;
  context_.reporter.log(MG_LOG_INFO, "live analysis of meeting " + meeting_id + " started" +
                                         (started_by ? " by user " + std::to_string(started_by)
                                                     : " by its settings"));
  auto known = producers_.find(meeting_id);
  if (known != producers_.end())
    for (const auto &[id, producer] : known->second) start_stream_locked(producer);
}

bool LiveAnalysis::stop(const std::string &meeting_id) {
  std::vector<std::shared_ptr<LiveStream>> stopping;
  {
    std::lock_guard lock(mutex_);
    if (live_meetings_.erase(meeting_id) == 0) return false;
    for (auto it = streams_.begin(); it != streams_.end();) {
      if (it->second->producer().meeting_id == meeting_id) {
        stopping.push_back(std::move(it->second));
        it = streams_.erase(it);
      } else {
        ++it;
      }
    }
  }
  // Outside the lock: consumer_close may call the sink's closed hook at once.
  for (auto &stream : stopping) stream->detach();
  context_.reporter.log(MG_LOG_INFO, "live analysis of meeting " + meeting_id + " stopped");
  return true;
}

void LiveAnalysis::stop_all() {
  std::set<std::string> meetings;
  {
    std::lock_guard lock(mutex_);
    meetings = live_meetings_;
  }
  for (const std::string &meeting : meetings) stop(meeting);
}

std::size_t LiveAnalysis::running() const {
  std::lock_guard lock(mutex_);
  return live_meetings_.size();
}

infer::JsonPtr LiveAnalysis::status(const std::string &meeting_id) const {
  std::lock_guard lock(mutex_);
  json_t *streams = json_array();
  for (const auto &[id, stream] : streams_)
    if (stream->producer().meeting_id == meeting_id)
      json_array_append_new(streams, stream->status().release());
  auto known = producers_.find(meeting_id);
  return infer::json_take(json_pack(
      "{s:s,s:b,s:I,s:o}", "meeting_id", meeting_id.c_str(), "running",
      live_meetings_.count(meeting_id) > 0, "producers",
      json_int_t(known == producers_.end() ? 0 : known->second.size()), "streams", streams));
}

void LiveAnalysis::handle_event(const std::string &topic, const json_t *event) {
  std::string meeting_id = id_text(json_object_get(event, "meeting_id"));
  if (meeting_id.empty()) return;
  if (topic == "meeting.started") {
    if (json_is_true(json_object_get(json_object_get(event, "settings"), "ai")))
      start(meeting_id, 0);
  } else if (topic == "meeting.ended") {
    stop(meeting_id);
    std::lock_guard lock(mutex_);
    producers_.erase(meeting_id);
  } else if (topic == "videoroom.producer_added") {
    ProducerInfo producer;
    producer.meeting_id = meeting_id;
    producer.user_id = json_integer_value(json_object_get(event, "user_id"));
    producer.producer_id =
        static_cast<uint64_t>(json_integer_value(json_object_get(event, "producer_id")));
    producer.kind = infer::json_string_field(event, "kind");
    if (producer.producer_id == 0 || (producer.kind != "audio" && producer.kind != "video")) return;
    add_producer(producer);
  } else if (topic == "videoroom.producer_removed") {
    remove_producer(meeting_id, static_cast<uint64_t>(
                                    json_integer_value(json_object_get(event, "producer_id"))));
  }
}

void LiveAnalysis::add_producer(const ProducerInfo &producer) {
  std::lock_guard lock(mutex_);
  producers_[producer.meeting_id][producer.producer_id] = producer;
  if (live_meetings_.count(producer.meeting_id)) start_stream_locked(producer);
}

void LiveAnalysis::remove_producer(const std::string &meeting_id, uint64_t producer_id) {
  std::shared_ptr<LiveStream> stream;
  {
    std::lock_guard lock(mutex_);
    auto known = producers_.find(meeting_id);
    if (known != producers_.end()) known->second.erase(producer_id);
    auto found = streams_.find(producer_id);
    if (found == streams_.end()) return;
    stream = std::move(found->second);
    streams_.erase(found);
  }
  stream->detach();
}

void LiveAnalysis::start_stream_locked(const ProducerInfo &producer) {
  if (streams_.count(producer.producer_id)) return;
  auto stream = std::make_shared<LiveStream>(context_, producer);
  if (stream->attach()) streams_[producer.producer_id] = std::move(stream);
}

}  // namespace meetgate::ai
