// A one-shot or repeating timer on a worker's GLib context, cancelled when
// the object is destroyed or reset. Used for DTLS retransmissions, the ICE
// timeout and keyframe rate limits; must be created and destroyed on the
// worker thread that owns the context.
#pragma once

#include <glib.h>

#include <functional>

namespace meetgate::media {

class WorkerTimer {
 public:
  WorkerTimer() = default;
  ~WorkerTimer() { cancel(); }
  WorkerTimer(const WorkerTimer &) = delete;
  WorkerTimer &operator=(const WorkerTimer &) = delete;

  // Fire `callback` after `delay_ms`; it returns true to fire again after the
  // same delay. Replaces any pending timer.
  void start(GMainContext *context, unsigned delay_ms, std::function<bool()> callback);
  void cancel();
  bool active() const { return source_ != nullptr; }

 private:
  static gboolean fire(gpointer self);
  GSource *source_ = nullptr;
  std::function<bool()> callback_;
};

}  // namespace meetgate::media
