// One media worker thread: a GLib main context and loop that owns every
// PeerConnection pinned to it (libnice agents, DTLS timers, SRTP sessions).
// Everything a PeerConnection does runs on its worker, so its state needs no
// lock; other threads hand work over with post() or run_sync().
#pragma once

#include <glib.h>

#include <functional>
#include <thread>

namespace meetgate::media {

class MediaWorker {
 public:
  explicit MediaWorker(int index);
  ~MediaWorker();
  MediaWorker(const MediaWorker &) = delete;
  MediaWorker &operator=(const MediaWorker &) = delete;

  // Queue `task` on the worker's loop (any thread; returns at once).
  void post(std::function<void()> task);
  // Run `task` on the worker and wait for it; inline when called on the worker.
  void run_sync(const std::function<void()> &task);
  bool is_current() const;

  GMainContext *context() const { return context_; }
  int index() const { return index_; }

 private:
  int index_;
  GMainContext *context_;
  GMainLoop *loop_;
  std::thread thread_;
};

}  // namespace meetgate::media
