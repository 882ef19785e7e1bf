// Runs REST analysis tasks: files a "pending" row in ai_results, submits the
// job to the inference client (least-loaded unit), gathers the reply's
// deltas, and stores the final result or error. Refusals are immediate:
// 429 when max_pending_tasks are in flight, 503 when no unit (or none with the
// model) is connected. Completion runs on the worker pool, never on the
// client's socket thread.
#pragma once

#include <functional>
#include <string>

#include "ai_config.hpp"
#include "infer_client.hpp"
#include "inference_job.hpp"
#include "result_store.hpp"
#include "task_limit.hpp"
#include "worker_pool.hpp"

namespace meetgate::ai {

struct TaskOutcome {
  int status = 200;       // 200, or the HTTP status of the failure
  std::string message;    // failure text
  infer::JsonPtr record;  // the stored record (also on failure)
};

class TaskRunner {
 public:
  using DoneFn = std::function<void(TaskOutcome &&outcome)>;
  TaskRunner(infer::InferClient &client, ResultStore &store, WorkerPool &workers,
             const AiConfig &config);

  // Returns the task id. Throws ApiError (429, 503, 404 ...) when refused.
  // `done` (may be empty) runs on a worker once the result is stored.
  std::string start(InferenceJob job, int64_t user_id, DoneFn done);
  const TaskLimit &limit() const { return limit_; }

 private:
  struct Progress;
  void complete(const std::shared_ptr<Progress> &progress, infer::InferEvent &&event);

  infer::InferClient &client_;
  ResultStore &store_;
  WorkerPool &workers_;
  const AiConfig &config_;
  TaskLimit limit_;
};

// "task-" + 16 random hex digits.
std::string new_task_id();

}  // namespace meetgate::ai
