#include "active_recording.hpp"

#include <future>

#include "storage_paths.hpp"

namespace meetgate::recorder {

using recording::MediaKind;
using recording::RtpFormat;

ActiveRecording::ActiveRecording(Context context, RecordingRow row)
    : context_(std::move(context)),
      row_(std::move(row)),
      directory_(context_.recordings_root / std::to_string(row_.id)),
      gate_(std::make_shared<Gate>()),
      thread_(std::make_unique<pluginkit::WorkerPool>(1)) {
  gate_->target = this;
}

ActiveRecording::~ActiveRecording() {
  stop("stopped", "");
  {
    std::lock_guard lock(gate_->mutex);
    gate_->target = nullptr;
  }
  thread_.reset();  // drains queued jobs while every member still exists
}

void ActiveRecording::log(mg_log_level level, const std::string &line) {
  context_.core->log(context_.plugin, level, "recording %lld: %s", static_cast<long long>(row_.id),
                     line.c_str());
}

std::string ActiveRecording::new_file_name(const std::string &extension) {
  return std::to_string(row_.id) + "/" + StoragePaths::generate_name(extension);
}

void ActiveRecording::start() {
  std::filesystem::create_directories(directory_);
  if (row_.mode == "tracks") return;
  RecordingFileRow file;
  file.recording_id = row_.id;
  file.kind = "composite";
  file.track_kind = "av";
  file.stored_name = new_file_name(".webm");
  file.content_type = "video/webm";
  file.codec = "VP8/opus";
  recording::CompositeRecorderOptions options;
  options.path = StoragePaths::resolve(context_.recordings_root, file.stored_name);
  options.width = static_cast<int>(context_.config->composite_width);
  options.height = static_cast<int>(context_.config->composite_height);
  options.fps = static_cast<int>(context_.config->composite_fps);
  options.video_bitrate = static_cast<int>(context_.config->composite_bitrate);
  options.on_error = [this](const std::string &error) { log(MG_LOG_ERROR, "composite: " + error); };
  options.on_keyframe_needed = [this](const std::string &input_id) { request_keyframe(input_id); };
  composite_ = std::make_shared<recording::CompositeRecorder>(options);
  composite_file_id_ = context_.store->add_file(file);
}

void ActiveRecording::request_keyframe(const std::string &producer_id) {
  mg_pc_id pc = 0;
  std::string mid;
  {
    std::lock_guard lock(mutex_);
    for (const Track &track : tracks_)
      if (std::to_string(track.sink->producer().producer_id) == producer_id) {
        pc = track.sink->producer().pc_id;
        mid = track.sink->producer().mid;
      }
  }
  if (pc != 0 && !mid.empty()) context_.core->request_keyframe(pc, mid.c_str());
}

void ActiveRecording::add_producer(const ProducerInfo &producer) {
  if (row_.mode != "composite") consume(producer, false);
  if (row_.mode != "tracks") consume(producer, true);
}

void ActiveRecording::consume(const ProducerInfo &producer, bool composite) {
  std::shared_ptr<Gate> gate = gate_;
  auto request = [gate, composite](std::shared_ptr<MediaSink> sink, const mg_sink_info &info) {
    RtpFormat format{info.kind == MG_MEDIA_VIDEO ? MediaKind::kVideo : MediaKind::kAudio,
                     info.codec ? info.codec : "", info.clock_rate, info.payload_type,
                     info.channels};
    std::lock_guard lock(gate->mutex);
    if (!gate->target) return;
    ActiveRecording *self = gate->target;
    // Refused only while the recording is being destroyed: no branch then.
    self->thread_->submit(
        [self, sink, format, composite] { self->setup(sink, format, composite); });
  };
  auto sink = make_media_sink(producer, request);
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    tracks_.push_back(Track{sink, nullptr, 0, composite});
  }
  mg_consumer_target target{};
  target.type = MG_CONSUMER_SINK;
  target.sink_packet = &MediaSink::on_packet;
  target.sink_closed = &MediaSink::on_closed;
  auto *holder = new std::shared_ptr<MediaSink>(sink);
  target.sink_opaque = holder;
  json_t *error = nullptr;
  mg_consumer_id consumer =
      context_.core->consumer_create(producer.producer_id, &target, nullptr, &error);
  if (consumer == 0) {
    const char *text = json_is_string(error) ? json_string_value(error) : "unknown error";
    log(MG_LOG_WARN,
        "cannot consume producer " + std::to_string(producer.producer_id) + ": " + text);
    delete holder;  // never handed over: the core did not keep it
  } else {
    sink->set_consumer(consumer);
  }
  json_decref(error);
}

void ActiveRecording::setup(const std::shared_ptr<MediaSink> &sink, const RtpFormat &format,
                            bool composite) {
  {
    std::lock_guard lock(mutex_);
    if (stopped_ || sink->closed()) return;
  }
  try {
    if (composite) {
      std::string input_id = std::to_string(sink->producer().producer_id);
      sink->attach_composite(composite_->add_input(input_id, format));
    } else {
      setup_track(sink, format);
    }
  } catch (const std::exception &error) {
    log(MG_LOG_ERROR, "cannot record producer " + std::to_string(sink->producer().producer_id) +
                          ": " + error.what());
  }
}

void ActiveRecording::setup_track(const std::shared_ptr<MediaSink> &sink, const RtpFormat &format) {
  const ProducerInfo &producer = sink->producer();
  format.validate();
  RecordingFileRow file;
  file.recording_id = row_.id;
  file.kind = "track";
  file.user_id = producer.user_id;
  file.producer_id = std::to_string(producer.producer_id);
  file.track_kind = format.is_video() ? "video" : "audio";
  file.codec = format.canonical_codec();
  file.stored_name = new_file_name(format.file_extension());
  file.content_type = format.is_h264()    ? "video/x-matroska"
                      : format.is_video() ? "video/webm"
                                          : "audio/webm";
  {
    std::lock_guard lock(mutex_);
    file.segment = ++segments_[{producer.user_id, file.track_kind}];
  }
  recording::TrackRecorderOptions options;
  options.format = format;
  options.path = StoragePaths::resolve(context_.recordings_root, file.stored_name);
  const mg_core_callbacks *core = context_.core;
  mg_pc_id pc = producer.pc_id;
  std::string mid = producer.mid;
  if (pc != 0 && !mid.empty())
    options.on_keyframe_needed = [core, pc, mid] { core->request_keyframe(pc, mid.c_str()); };
  options.on_error = [this](const std::string &error) { log(MG_LOG_ERROR, "track: " + error); };
  auto recorder = std::make_shared<recording::TrackRecorder>(options);
  int64_t file_id = context_.store->add_file(file);
  std::lock_guard lock(mutex_);
  for (Track &track : tracks_)
    if (track.sink == sink) {
      track.recorder = recorder;
      track.file_id = file_id;
    }
  sink->attach_track(recorder);
}

void ActiveRecording::finish_track(Track &track) {
  track.sink->detach();
  if (track.composite) {
    if (composite_) composite_->remove_input(std::to_string(track.sink->producer().producer_id));
    return;
  }
  if (!track.recorder) return;  // no packet ever came
  auto stats = track.recorder->stop(std::chrono::milliseconds(context_.config->stop_deadline_ms));
  bool usable = !stats.failed && stats.frames > 0;
  context_.store->finish_file(track.file_id, usable ? "complete" : "failed",
                              static_cast<int64_t>(stats.bytes),
                              static_cast<int64_t>(stats.duration_ns / 1'000'000));
}

void ActiveRecording::remove_producer(mg_producer_id producer) {
  std::vector<Track> leaving;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    for (auto it = tracks_.begin(); it != tracks_.end();) {
      if (it->sink->producer().producer_id == producer) {
        leaving.push_back(*it);
        it = tracks_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (Track &track : leaving)
    if (track.sink->consumer()) context_.core->consumer_close(track.sink->consumer());
  // After queued setups (FIFO): a branch built meanwhile is finished too.
  auto finish = [this, leaving]() mutable {
    for (Track &track : leaving) finish_track(track);
  };
  if (!thread_->submit(finish)) finish();  // the pool is stopping: finish here
}

void ActiveRecording::finish_all(const std::string &status, const std::string &error) {
  std::vector<Track> tracks;
  {
    std::lock_guard lock(mutex_);
    tracks.swap(tracks_);
  }
  for (Track &track : tracks) finish_track(track);
  if (composite_) {
    auto stats = composite_->stop(std::chrono::milliseconds(context_.config->stop_deadline_ms));
    context_.store->finish_file(composite_file_id_, stats.failed ? "failed" : "complete",
                                static_cast<int64_t>(stats.bytes),
                                static_cast<int64_t>(stats.duration_ns / 1'000'000));
  }
  context_.store->finish(row_.id, status, error);
}

void ActiveRecording::stop(const std::string &status, const std::string &error) {
  std::vector<mg_consumer_id> consumers;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    for (const Track &track : tracks_)
      if (track.sink->consumer()) consumers.push_back(track.sink->consumer());
  }
  for (mg_consumer_id consumer : consumers) context_.core->consumer_close(consumer);
  // On the recording's thread, after every queued setup, so each branch
  // built so far is finalized.
  std::promise<void> done;
  auto finish = [&] {
    try {
      finish_all(status, error);
    } catch (const std::exception &failure) {
      log(MG_LOG_ERROR, std::string("finishing failed: ") + failure.what());
    }
    done.set_value();
  };
  if (!thread_->submit(finish)) finish();  // the pool is stopping: finish here
  done.get_future().wait();
}

size_t ActiveRecording::sink_count() const {
  std::lock_guard lock(mutex_);
  return tracks_.size();
}

}  // namespace meetgate::recorder
