// The REST routes of the ai plugin (see README.md): authenticates every call
// through auth.verify_token, validates, and dispatches to the task runner,
// the result store, the inference client and live analysis. Runs on a worker.
#pragma once

#include <meetgate/plugin.h>

#include "ai_config.hpp"
#include "authenticator.hpp"
#include "caller.hpp"
#include "http_call.hpp"
#include "infer_client.hpp"
#include "live_analysis.hpp"
#include "media_file_source.hpp"
#include "meeting_access.hpp"
#include "result_store.hpp"
#include "task_runner.hpp"

namespace meetgate::ai {

class AiRouter {
 public:
  AiRouter(const mg_core_callbacks *core, const AiConfig &config, infer::InferClient &client,
           ResultStore &store, TaskRunner &tasks, LiveAnalysis &live);
  // Answers `call` (now, or later for /ai/asr). Throws nothing.
  void serve(const std::shared_ptr<HttpCall> &call);

 private:
  void route(const std::shared_ptr<HttpCall> &call, const Caller &caller);
  void analyze(const std::shared_ptr<HttpCall> &call, const Caller &caller);
  void asr(const std::shared_ptr<HttpCall> &call, const Caller &caller);
  void submit(const std::shared_ptr<HttpCall> &call, const Caller &caller);
  void result(HttpCall &call, const Caller &caller, const std::string &id);
  void results_of_meeting(HttpCall &call, const Caller &caller);
  void live(HttpCall &call, const Caller &caller, const std::string &action);
  infer::JsonPtr json_body(const HttpCall &call) const;

  const mg_core_callbacks *core_;
  const AiConfig &config_;
  Authenticator authenticator_;
  MeetingAccess meetings_;
  MediaFileSource media_files_;
  infer::InferClient &client_;
  ResultStore &store_;
  TaskRunner &tasks_;
  LiveAnalysis &live_;
};

}  // namespace meetgate::ai
