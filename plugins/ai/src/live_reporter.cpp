#include "live_reporter.hpp"

#include <chrono>

#include "task_runner.hpp"

namespace meetgate::ai {

void LiveReporter::report(const std::string &meeting_id, int64_t user_id, uint64_t producer_id,
                          const std::string &type, const json_t *data, bool store) {
  int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  infer::JsonPtr event = infer::json_take(
      json_pack("{s:s,s:I,s:I,s:s,s:O,s:I}", "meeting_id", meeting_id.c_str(), "user_id",
                json_int_t(user_id), "producer_id", json_int_t(producer_id), "type", type.c_str(),
                "data", const_cast<json_t *>(data), "timestamp", json_int_t(now_ms)));
  core_->publish(self_, "ai.result", event.get());
  core_->metric_add(self_, "ai_live_results_total", ("type=\"" + type + "\"").c_str(), 1);
  if (!store) return;
  ResultRow row{
      "live-" + new_task_id().substr(5), meeting_id, user_id, "live." + type, "", "completed",
      infer::json_to_string(data),       ""};
  workers_.post([this, row = std::move(row)] {
    try {
      store_.insert(row);
    } catch (const std::exception &error) {
      log(MG_LOG_WARN, std::string("storing a live result failed: ") + error.what());
    }
  });
}

void LiveReporter::log(mg_log_level level, const std::string &line) const {
  core_->log(self_, level, "%s", line.c_str());
}

}  // namespace meetgate::ai
