// One recording in progress: the producers of its meeting consumed through
// sink consumers, each into a per-track file (mode tracks/both) and/or one
// composite grid file (mode composite/both), under
// <data_dir>/recordings/<id>/. Pipeline building and finishing run on the
// recording's own thread, in order; the media workers only push packets.
// A publisher that reconnects (new producer, same user and kind) continues
// in a new segment file of the same recording.
#pragma once

#include <meetgate/plugin.h>

#include <filesystem>
#include <map>
#include <meetgate/pluginkit/worker_pool.hpp>
#include <meetgate/recording/composite_recorder.hpp>
#include <meetgate/recording/track_recorder.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "media_sink.hpp"
#include "recorder_config.hpp"
#include "recording_store.hpp"

namespace meetgate::recorder {

class ActiveRecording {
 public:
  struct Context {
    mg_plugin *plugin;
    const mg_core_callbacks *core;
    RecordingStore *store;
    const RecorderConfig *config;
    std::filesystem::path recordings_root;
  };

  ActiveRecording(Context context, RecordingRow row);
  ~ActiveRecording();  // stops (finalizing the files) if still running
  ActiveRecording(const ActiveRecording &) = delete;
  ActiveRecording &operator=(const ActiveRecording &) = delete;

  // Creates the directory and, for composite modes, the composite file.
  // Throws std::exception (the caller marks the recording failed).
  void start();
  void add_producer(const ProducerInfo &producer);
  void remove_producer(mg_producer_id producer);
  // Closes the consumers, finishes every file (EOS, deadline) and the row.
  // Blocks until done; idempotent.
  void stop(const std::string &status, const std::string &error);

  int64_t id() const { return row_.id; }
  const std::string &meeting_id() const { return row_.meeting_id; }
  // Events may name the meeting by its meeting_id string or numeric id.
  bool belongs_to(const std::string &meeting) const {
    return meeting == row_.meeting_id ||
           (row_.meeting_db_id > 0 && meeting == std::to_string(row_.meeting_db_id));
  }
  size_t sink_count() const;

 private:
  struct Track {
    std::shared_ptr<MediaSink> sink;
    std::shared_ptr<recording::TrackRecorder> recorder;
    int64_t file_id = 0;
    bool composite = false;  // an input of the composite, not a file of its own
  };

  void consume(const ProducerInfo &producer, bool composite);
  void setup(const std::shared_ptr<MediaSink> &sink, const recording::RtpFormat &format,
             bool composite);
  void setup_track(const std::shared_ptr<MediaSink> &sink, const recording::RtpFormat &format);
  void finish_track(Track &track);
  void finish_all(const std::string &status, const std::string &error);
  void request_keyframe(const std::string &producer_id);  // composite inputs
  std::string new_file_name(const std::string &extension);
  void log(mg_log_level level, const std::string &line);

  Context context_;
  RecordingRow row_;
  std::filesystem::path directory_;
  mutable std::mutex mutex_;
  bool stopped_ = false;
  std::vector<Track> tracks_;                                    // every sink, in join order
  std::map<std::pair<int64_t, std::string>, int64_t> segments_;  // (user, kind) -> last
  std::shared_ptr<recording::CompositeRecorder> composite_;
  int64_t composite_file_id_ = 0;
  // What the media workers' setup requests reach; cut on destruction so a
  // late first packet cannot post to a recording that is gone.
  struct Gate {
    std::mutex mutex;
    ActiveRecording *target = nullptr;
  };
  std::shared_ptr<Gate> gate_;
  std::unique_ptr<pluginkit::WorkerPool> thread_;  // runs setup and finishing, in order
};

}  // namespace meetgate::recorder
