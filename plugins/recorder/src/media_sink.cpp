#include "media_sink.hpp"

#include <meetgate/recording/composite_input.hpp>
#include <meetgate/recording/track_recorder.hpp>

namespace meetgate::recorder {

MediaSink::MediaSink(ProducerInfo producer, SetupRequest setup)
    : producer_(std::move(producer)), setup_(std::move(setup)) {}

std::shared_ptr<MediaSink> make_media_sink(ProducerInfo producer, MediaSink::SetupRequest setup) {
  auto sink = std::make_shared<MediaSink>(std::move(producer), std::move(setup));
  sink->self_ = sink;
  return sink;
}

void MediaSink::attach_track(std::shared_ptr<recording::TrackRecorder> recorder) {
  std::lock_guard lock(branch_mutex_);
  track_ = std::move(recorder);
}

void MediaSink::attach_composite(std::shared_ptr<recording::CompositeInput> input) {
  std::lock_guard lock(branch_mutex_);
  composite_ = std::move(input);
}

void MediaSink::detach() {
  std::lock_guard lock(branch_mutex_);
  track_.reset();
  composite_.reset();
}

void MediaSink::deliver(const mg_sink_info &info, const uint8_t *rtp, size_t len) {
  {
    std::lock_guard lock(branch_mutex_);
    if (track_) {
      track_->push(rtp, len);
      return;
    }
    if (composite_) {
      composite_->push(rtp, len);
      return;
    }
  }
  dropped_.fetch_add(1, std::memory_order_relaxed);
  if (!setup_requested_.exchange(true)) {
    if (auto self = self_.lock()) setup_(self, info);
  }
}

void MediaSink::on_packet(void *opaque, const mg_sink_info *info, const uint8_t *rtp, size_t len) {
  auto &sink = *static_cast<std::shared_ptr<MediaSink> *>(opaque);
  if (info && rtp && !sink->closed_.load(std::memory_order_relaxed)) sink->deliver(*info, rtp, len);
}

void MediaSink::on_closed(void *opaque) {
  auto *holder = static_cast<std::shared_ptr<MediaSink> *>(opaque);
  (*holder)->closed_.store(true);
  delete holder;
}

}  // namespace meetgate::recorder
