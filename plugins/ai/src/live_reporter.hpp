// Where live results go: published on the bus topic "ai.result"
// {meeting_id, user_id, producer_id, type, data, timestamp} (the videoroom
// forwards it to the meeting's WebSocket clients as {"type":"ai_result",...})
// and stored in ai_results as type "live.<type>". Storage runs on the worker
// pool: reports come from the inference client's socket thread.
#pragma once

#include <meetgate/plugin.h>

#include <string>

#include "json_ptr.hpp"
#include "result_store.hpp"
#include "worker_pool.hpp"

namespace meetgate::ai {

class LiveReporter {
 public:
  LiveReporter(mg_plugin *self, const mg_core_callbacks *core, ResultStore &store,
               WorkerPool &workers)
      : self_(self), core_(core), store_(store), workers_(workers) {}

  // `data` is borrowed. `store` false: only published (partial captions).
  void report(const std::string &meeting_id, int64_t user_id, uint64_t producer_id,
              const std::string &type, const json_t *data, bool store);
  void log(mg_log_level level, const std::string &line) const;

 private:
  mg_plugin *self_;
  const mg_core_callbacks *core_;
  ResultStore &store_;
  WorkerPool &workers_;
};

}  // namespace meetgate::ai
