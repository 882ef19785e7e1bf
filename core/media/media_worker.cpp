#include "media_worker.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

namespace meetgate::media {
namespace {

gboolean run_task(gpointer data) {
  (*static_cast<std::function<void()> *>(data))();
  return G_SOURCE_REMOVE;
}

void delete_task(gpointer data) {
  delete static_cast<std::function<void()> *>(data);
}

}  // namespace

MediaWorker::MediaWorker(int index)
    : index_(index), context_(g_main_context_new()), loop_(g_main_loop_new(context_, FALSE)) {
  thread_ = std::thread([this] {
    std::string name = "mg-media-" + std::to_string(index_);
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
    g_main_context_push_thread_default(context_);
    g_main_loop_run(loop_);
    // Drain what was queued while quitting so no task (and its captures) leaks.
    while (g_main_context_iteration(context_, FALSE)) {
    }
    g_main_context_pop_thread_default(context_);
  });
}

MediaWorker::~MediaWorker() {
  post([this] { g_main_loop_quit(loop_); });
  if (thread_.joinable()) thread_.join();
  g_main_loop_unref(loop_);
  g_main_context_unref(context_);
}

void MediaWorker::post(std::function<void()> task) {
  GSource *source = g_idle_source_new();
  g_source_set_priority(source, G_PRIORITY_DEFAULT);
  g_source_set_callback(source, run_task, new std::function<void()>(std::move(task)), delete_task);
  g_source_attach(source, context_);
  g_source_unref(source);
}

void MediaWorker::run_sync(const std::function<void()> &task) {
  if (is_current()) {
    task();
    return;
  }
  struct Done {
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
  };
  auto done = std::make_shared<Done>();
  post([&task, done] {
    task();
    std::lock_guard lock(done->mutex);
    done->done = true;
    done->cv.notify_one();
  });
  std::unique_lock lock(done->mutex);
  done->cv.wait(lock, [&] { return done->done; });
}

bool MediaWorker::is_current() const {
  return std::this_thread::get_id() == thread_.get_id();
}

}  // namespace meetgate::media
