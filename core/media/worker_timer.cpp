#include "worker_timer.hpp"

namespace meetgate::media {

void WorkerTimer::start(GMainContext *context, unsigned delay_ms, std::function<bool()> callback) {
  cancel();
  callback_ = std::move(callback);
  source_ = g_timeout_source_new(delay_ms);
  g_source_set_callback(source_, fire, this, nullptr);
  g_source_attach(source_, context);
}

void WorkerTimer::cancel() {
  if (!source_) return;
  g_source_destroy(source_);
  g_source_unref(source_);
  source_ = nullptr;
}

gboolean WorkerTimer::fire(gpointer self) {
  auto *timer = static_cast<WorkerTimer *>(self);
  // Keep the callback alive while it runs: it may restart or cancel the timer.
  std::function<bool()> callback = timer->callback_;
  GSource *fired = timer->source_;
  bool again = callback();
  if (again && timer->source_ == fired) return G_SOURCE_CONTINUE;
  if (timer->source_ == fired) {
    g_source_unref(timer->source_);
    timer->source_ = nullptr;
  }
  return G_SOURCE_REMOVE;
}

}  // namespace meetgate::media
