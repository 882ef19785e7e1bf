// The ai plugin: owns the inference client (ZeroMQ ROUTER the units connect
// to), the ai_results store, the REST router, the task runner and live
// analysis. The ABI entry points (ai_entry.cpp) forward here.
#pragma once

#include <meetgate/plugin.h>

#include <meetgate/storage/database.hpp>
#include <memory>

#include "ai_config.hpp"
#include "ai_router.hpp"
#include "infer_client.hpp"
#include "live_analysis.hpp"
#include "live_reporter.hpp"
#include "result_store.hpp"
#include "task_runner.hpp"
#include "worker_pool.hpp"

namespace meetgate::ai {

inline constexpr const char *kPackage = "meetgate.plugin.ai";
inline constexpr const char *kVersion = "0.1.0";

class AiPlugin {
 public:
  AiPlugin(mg_plugin *self, const mg_core_callbacks *core, AiConfig config);
  ~AiPlugin();
  void start();  // throws on failure (init then fails cleanly)
  void handle_http(const mg_http_request *request, mg_http_responder *responder);
  void handle_event(const char *topic, const json_t *event);
  json_t *handle_admin_message(const json_t *message);

 private:
  void log(mg_log_level level, const std::string &line) const;

  mg_plugin *self_;
  const mg_core_callbacks *core_;
  AiConfig config_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<ResultStore> store_;
  std::unique_ptr<infer::InferClient> client_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<TaskRunner> tasks_;
  std::unique_ptr<LiveReporter> reporter_;
  std::unique_ptr<LiveAnalysis> live_;
  std::unique_ptr<AiRouter> router_;
};

}  // namespace meetgate::ai
