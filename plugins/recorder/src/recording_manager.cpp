#include "recording_manager.hpp"

#include "api_error.hpp"
#include "json_ref.hpp"

namespace meetgate::recorder {
namespace {

std::string meeting_key(const json_t *event) {
  const json_t *id = json_object_get(event, "meeting_id");
  if (json_is_string(id)) return json_string_value(id);
  if (json_is_integer(id)) return std::to_string(json_integer_value(id));
  return "";
}

int64_t integer_of(const json_t *event, const char *key) {
  const json_t *value = json_object_get(event, key);
  if (json_is_integer(value)) return json_integer_value(value);
  if (json_is_string(value)) return std::strtoll(json_string_value(value), nullptr, 10);
  return 0;
}

}  // namespace

RecordingManager::RecordingManager(mg_plugin *plugin, const mg_core_callbacks *core,
                                   RecordingStore &store, const RecorderConfig &config,
                                   const StoragePaths &paths)
    : plugin_(plugin), core_(core), store_(store), config_(config), paths_(paths) {
  watchdog_ = std::thread([this] { watchdog(); });
}

RecordingManager::~RecordingManager() {
  {
    std::lock_guard lock(mutex_);
    quitting_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
  std::map<int64_t, Running> running;
  {
    std::lock_guard lock(mutex_);
    running.swap(running_);
  }
  for (auto &[id, entry] : running) entry.recording->stop("stopped", "gateway shutting down");
}

RecordingRow RecordingManager::start(const std::string &meeting_id, int64_t meeting_db_id,
                                     const std::string &mode, int64_t started_by) {
  if (config_.disk_quota_bytes > 0 &&
      paths_.used_bytes() >= static_cast<uint64_t>(config_.disk_quota_bytes))
    throw ApiError(507, "disk quota exceeded", "no space left for recordings");
  std::vector<ProducerInfo> producers;
  {
    std::lock_guard lock(mutex_);
    for (const auto &[id, entry] : running_)
      if (entry.recording->meeting_id() == meeting_id)
        throw ApiError(409, "meeting is already being recorded",
                       "recording_id " + std::to_string(id));
    for (const std::string &key : {meeting_id, std::to_string(meeting_db_id)}) {
      auto known = producers_.find(key);
      if (known == producers_.end()) continue;
      for (const auto &[producer_id, producer] : known->second) producers.push_back(producer);
    }
  }
  int64_t id = store_.create(meeting_id, meeting_db_id, mode, started_by);
  std::optional<RecordingRow> stored = store_.get(id);
  if (!stored) throw ApiError(503, "recorder storage unavailable", "recording row vanished");
  RecordingRow row = *stored;
  auto recording = std::make_shared<ActiveRecording>(
      ActiveRecording::Context{plugin_, core_, &store_, &config_, paths_.recordings_root()}, row);
  try {
    recording->start();
  } catch (const std::exception &error) {
    recording->stop("failed", error.what());
    publish("recording.failed", json_pack("{s:I,s:s,s:s}", "recording_id", (json_int_t)id,
                                          "meeting_id", meeting_id.c_str(), "error", error.what()));
    throw ApiError(500, "recording failed to start", error.what());
  }
  {
    std::lock_guard lock(mutex_);
    running_[id] = Running{recording, std::chrono::steady_clock::now()};
  }
  for (const ProducerInfo &producer : producers) recording->add_producer(producer);
  publish("recording.started", json_pack("{s:I,s:s,s:s,s:I}", "recording_id", (json_int_t)id,
                                         "meeting_id", meeting_id.c_str(), "mode", mode.c_str(),
                                         "started_by", (json_int_t)started_by));
  return row;
}

bool RecordingManager::stop(int64_t id, const std::string &status, const std::string &error) {
  std::shared_ptr<ActiveRecording> recording;
  {
    std::lock_guard lock(mutex_);
    auto found = running_.find(id);
    if (found == running_.end()) return false;
    recording = found->second.recording;
    running_.erase(found);
  }
  recording->stop(status, error);
  auto row = store_.get(id);
  json_t *event =
      json_pack("{s:I,s:s,s:s,s:s}", "recording_id", (json_int_t)id, "meeting_id",
                recording->meeting_id().c_str(), "status", status.c_str(), "error", error.c_str());
  if (row) {
    json_object_set_new(event, "duration_ms", json_integer(row->duration_ms));
    json_object_set_new(event, "size_bytes", json_integer(row->size_bytes));
  }
  publish(status == "failed" ? "recording.failed" : "recording.stopped", event);
  return true;
}

bool RecordingManager::is_running(int64_t id) const {
  std::lock_guard lock(mutex_);
  return running_.count(id) != 0;
}

void RecordingManager::publish(const char *topic, json_t *event) {
  JsonRef owned = adopt(event);
  if (owned) core_->publish(plugin_, topic, owned.get());
}

void RecordingManager::handle_event(const std::string &topic, const json_t *event) {
  if (!json_is_object(event)) return;
  if (topic == "videoroom.producer_added")
    on_producer_added(event);
  else if (topic == "videoroom.producer_removed")
    on_producer_removed(event);
  else if (topic == "meeting.started")
    on_meeting_started(event);
  else if (topic == "meeting.ended")
    on_meeting_ended(event);
}

void RecordingManager::on_producer_added(const json_t *event) {
  ProducerInfo producer;
  producer.meeting_id = meeting_key(event);
  producer.producer_id = static_cast<mg_producer_id>(integer_of(event, "producer_id"));
  producer.user_id = integer_of(event, "user_id");
  producer.kind = text_of(json_object_get(event, "kind"), "");
  producer.codec = text_of(json_object_get(event, "codec"), "");
  producer.pc_id = static_cast<mg_pc_id>(integer_of(event, "pc_id"));
  producer.mid = text_of(json_object_get(event, "mid"), "");
  if (producer.meeting_id.empty() || producer.producer_id == 0) return;
  std::vector<std::shared_ptr<ActiveRecording>> recordings;
  {
    std::lock_guard lock(mutex_);
    producers_[producer.meeting_id][producer.producer_id] = producer;
    for (auto &[id, entry] : running_)
      if (entry.recording->belongs_to(producer.meeting_id)) recordings.push_back(entry.recording);
  }
  for (auto &recording : recordings) recording->add_producer(producer);
}

void RecordingManager::on_producer_removed(const json_t *event) {
  std::string meeting = meeting_key(event);
  auto producer = static_cast<mg_producer_id>(integer_of(event, "producer_id"));
  std::vector<std::shared_ptr<ActiveRecording>> recordings;
  {
    std::lock_guard lock(mutex_);
    auto found = producers_.find(meeting);
    if (found != producers_.end()) {
      found->second.erase(producer);
      if (found->second.empty()) producers_.erase(found);
    }
    for (auto &[id, entry] : running_)
      if (entry.recording->belongs_to(meeting)) recordings.push_back(entry.recording);
  }
  for (auto &recording : recordings) recording->remove_producer(producer);
}

void RecordingManager::on_meeting_started(const json_t *event) {
  const json_t *settings = json_object_get(event, "settings");
  if (!config_.auto_record || !json_is_true(json_object_get(settings, "recording"))) return;
  std::string meeting = meeting_key(event);
  int64_t db_id = integer_of(event, "id");
  events_.submit([this, meeting, db_id] {
    try {
      start(meeting, db_id, "both", 0);
    } catch (const std::exception &error) {
      core_->log(plugin_, MG_LOG_WARN, "auto-recording of meeting %s: %s", meeting.c_str(),
                 error.what());
    }
  });
}

void RecordingManager::on_meeting_ended(const json_t *event) {
  std::string meeting = meeting_key(event);
  std::vector<int64_t> ids;
  {
    std::lock_guard lock(mutex_);
    producers_.erase(meeting);
    producers_.erase(std::to_string(integer_of(event, "id")));
    for (auto &[id, entry] : running_)
      if (entry.recording->belongs_to(meeting)) ids.push_back(id);
  }
  for (int64_t id : ids) events_.submit([this, id] { stop(id, "stopped", "meeting ended"); });
}

void RecordingManager::enforce_limits() {
  auto now = std::chrono::steady_clock::now();
  bool over_quota = config_.disk_quota_bytes > 0 &&
                    paths_.used_bytes() >= static_cast<uint64_t>(config_.disk_quota_bytes);
  std::vector<std::pair<int64_t, std::string>> to_stop;
  {
    std::lock_guard lock(mutex_);
    for (auto &[id, entry] : running_) {
      if (over_quota)
        to_stop.emplace_back(id, "disk quota reached");
      else if (now - entry.started >= std::chrono::seconds(config_.max_recording_seconds))
        to_stop.emplace_back(id, "maximum duration reached");
    }
  }
  for (auto &[id, reason] : to_stop)
    events_.submit([this, id, reason] { stop(id, "stopped", reason); });
}

void RecordingManager::watchdog() {
  std::unique_lock lock(mutex_);
  while (!quitting_) {
    // A periodic check (limits are coarse), not a readiness wait.
    wake_.wait_for(lock, std::chrono::seconds(1));
    if (quitting_) break;
    lock.unlock();
    enforce_limits();
    lock.lock();
  }
}

}  // namespace meetgate::recorder
