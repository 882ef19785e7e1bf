#include "task_runner.hpp"

#include <sodium.h>

#include <mutex>

#include "api_error.hpp"

namespace meetgate::ai {

using infer::json_take;
using infer::JsonPtr;

struct TaskRunner::Progress {
  std::string task_id;
  InferenceJob job;
  DoneFn done;
  std::mutex mutex;
  JsonPtr segments = json_take(json_array());  // final ASR utterances seen so far
};

namespace {

// The result of a delta reply is its "delta"; a plain reply is its data.
json_t *delta_of(const json_t *data) {
  json_t *delta = json_object_get(data, "delta");
  return delta ? delta : const_cast<json_t *>(data);
}

}  // namespace

std::string new_task_id() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string("task-") + hex;
}

TaskRunner::TaskRunner(infer::InferClient &client, ResultStore &store, WorkerPool &workers,
                       const AiConfig &config)
    : client_(client),
      store_(store),
      workers_(workers),
      config_(config),
      limit_(config.max_pending_tasks) {}

std::string TaskRunner::start(InferenceJob job, int64_t user_id, DoneFn done) {
  if (!limit_.try_acquire())
    throw ApiError(
        429, "too many pending AI tasks",
        "at most " + std::to_string(limit_.capacity()) + " tasks run at once; retry later");
  auto progress = std::make_shared<Progress>();
  progress->task_id = new_task_id();
  progress->done = std::move(done);
  ResultRow row{progress->task_id, job.meeting_id, user_id, job.type, job.model, "pending", "", ""};
  try {
    store_.insert(row);
  } catch (...) {
    limit_.release();
    throw;
  }
  JsonPtr header = json_take(json_deep_copy(job.header.get()));
  std::string payload = job.payload;
  progress->job = std::move(job);
  infer::Submission submission = client_.infer(
      progress->job.model, std::move(header), std::move(payload),
      [this, progress](infer::InferEvent &&event) { complete(progress, std::move(event)); },
      std::chrono::milliseconds(config_.task_timeout_ms));
  if (!submission) {
    store_.remove(progress->task_id);
    limit_.release();
    const infer::InferError &error = *submission.error;
    throw ApiError(infer::http_status_for(error.code),
                   error.code == infer::ErrorCode::kNoUnit
                       ? "no inference unit is connected"
                       : std::string("inference refused: ") + infer::error_name(error.code),
                   error.message);
  }
  return progress->task_id;
}

// On the client's socket thread: keep partial results, hand the final one to
// a worker (the database write may block).
void TaskRunner::complete(const std::shared_ptr<Progress> &progress, infer::InferEvent &&event) {
  if (!event.final) {
    json_t *delta = delta_of(event.data.get());
    if (infer::json_string_field(delta, "type") == "final") {
      std::lock_guard lock(progress->mutex);
      json_array_append(progress->segments.get(), delta);
    }
    return;
  }
  auto shared_event = std::make_shared<infer::InferEvent>(std::move(event));
  workers_.post([this, progress, shared_event] {
    TaskOutcome outcome;
    std::string result_text, error_text;
    if (shared_event->error) {
      const infer::InferError &error = *shared_event->error;
      outcome.status = infer::http_status_for(error.code);
      outcome.message = std::string(infer::error_name(error.code)) + ": " + error.message;
      error_text = outcome.message;
    } else {
      JsonPtr result = json_take(json_deep_copy(delta_of(shared_event->data.get())));
      if (!json_is_object(result.get()))
        result = json_take(json_pack("{s:O}", "value", result.get()));
      {
        std::lock_guard lock(progress->mutex);
        if (json_array_size(progress->segments.get()) > 0)
          json_object_set(result.get(), "segments", progress->segments.get());
      }
      json_object_set_new(result.get(), "unit_id", json_string(shared_event->unit_id.c_str()));
      result_text = infer::json_to_string(result.get());
    }
    try {
      store_.finish(progress->task_id, error_text.empty() ? "completed" : "failed", result_text,
                    error_text);
      outcome.record = store_.find(progress->task_id);
    } catch (const std::exception &failure) {
      outcome.status = 500;
      outcome.message = std::string("storing the result failed: ") + failure.what();
    }
    limit_.release();
    if (progress->done) progress->done(std::move(outcome));
  });
}

}  // namespace meetgate::ai
