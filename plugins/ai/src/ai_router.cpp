#include "ai_router.hpp"

#include <strings.h>

#include "analysis_request.hpp"
#include "api_error.hpp"

namespace meetgate::ai {
namespace {

using infer::json_take;
using infer::JsonPtr;

constexpr std::string_view kResults = "/api/v1/ai/results";
constexpr std::string_view kInference = "/api/v1/inference/";
constexpr std::string_view kLive = "/api/v1/ai/live/";

void require_method(const HttpCall &call, const char *method) {
  if (call.method() != method)
    throw ApiError(405, "method not allowed", call.method() + " " + call.path());
}

int64_t positive_query(const HttpCall &call, const char *name, int64_t fallback, int64_t high) {
  auto text = call.query(name);
  if (!text || text->empty()) return fallback;
  if (text->size() > 9 || text->find_first_not_of("0123456789") != std::string::npos)
    throw ApiError::invalid(name, "must be a positive integer");
  int64_t value = std::stoll(*text);
  if (value < 1 || value > high)
    throw ApiError::invalid(name, "must be between 1 and " + std::to_string(high));
  return value;
}

json_t *accepted_json(const std::string &task_id, const InferenceJob &job) {
  return json_pack("{s:s,s:s,s:s,s:s}", "task_id", task_id.c_str(), "status", "pending", "type",
                   job.type.c_str(), "model", job.model.c_str());
}

bool can_read(const Caller &caller, const json_t *record) {
  return caller.is_admin() ||
         json_integer_value(json_object_get(record, "user_id")) == caller.user_id;
}

}  // namespace

AiRouter::AiRouter(const mg_core_callbacks *core, const AiConfig &config,
                   infer::InferClient &client, ResultStore &store, TaskRunner &tasks,
                   LiveAnalysis &live)
    : core_(core),
      config_(config),
      authenticator_(core),
      meetings_(core),
      media_files_(core, config.max_body),
      client_(client),
      store_(store),
      tasks_(tasks),
      live_(live) {}

void AiRouter::serve(const std::shared_ptr<HttpCall> &call) {
  try {
    route(call, authenticator_.authenticate(*call));
  } catch (const ApiError &error) {
    call->reply(error.status(), error.what(),
                error.detail().empty() ? nullptr : json_string(error.detail().c_str()));
  } catch (const storage::Error &error) {
    call->reply(503, "storage unavailable", json_string(error.what()));
  }
}

void AiRouter::route(const std::shared_ptr<HttpCall> &call, const Caller &caller) {
  const std::string &path = call->path();
  if (path == "/api/v1/models") {
    require_method(*call, "GET");
    JsonPtr models = client_.models();
    call->reply(200, "success",
                json_pack("{s:O,s:I}", "models", models.get(), "units",
                          json_int_t(json_array_size(client_.units().get()))));
  } else if (path == "/api/v1/ai/analyze") {
    require_method(*call, "POST");
    analyze(call, caller);
  } else if (path == "/api/v1/ai/asr") {
    require_method(*call, "POST");
    asr(call, caller);
  } else if (path == "/api/v1/inference/submit") {
    require_method(*call, "POST");
    submit(call, caller);
  } else if (path == kResults) {
    require_method(*call, "GET");
    results_of_meeting(*call, caller);
  } else if (path.rfind(std::string(kResults) + "/", 0) == 0) {
    require_method(*call, "GET");
    result(*call, caller, path.substr(kResults.size() + 1));
  } else if (path.rfind(kInference, 0) == 0) {
    require_method(*call, "GET");
    result(*call, caller, path.substr(kInference.size()));
  } else if (path.rfind(kLive, 0) == 0) {
    live(*call, caller, path.substr(kLive.size()));
  } else {
    throw ApiError(404, "not found", path);
  }
}

JsonPtr AiRouter::json_body(const HttpCall &call) const {
  json_error_t error;
  JsonPtr body = json_take(json_loadb(call.body().data(), call.body().size(), 0, &error));
  if (!body) throw ApiError(400, "invalid JSON body", error.text);
  return body;
}

void AiRouter::analyze(const std::shared_ptr<HttpCall> &call, const Caller &caller) {
  std::string content_type = call->header("Content-Type").value_or("");
  JsonPtr body = strncasecmp(content_type.c_str(), "multipart/", 10) == 0
                     ? json_take(analyze_body_from_form(content_type, call->body()))
                     : json_body(*call);
  const json_t *media_file_id = media_file_reference(body.get());
  InferenceJob job = media_file_id
                         ? parse_media_file_analyze_request(
                               body.get(), media_files_.load(media_file_id, caller), config_)
                         : parse_analyze_request(body.get(), config_);
  std::string model = job.model, type = job.type;
  std::string task_id = tasks_.start(std::move(job), caller.user_id, nullptr);
  InferenceJob echo;
  echo.type = type;
  echo.model = model;
  call->reply(200, "analysis task accepted", accepted_json(task_id, echo));
}

void AiRouter::submit(const std::shared_ptr<HttpCall> &call, const Caller &caller) {
  JsonPtr body = json_body(*call);
  InferenceJob job = parse_submit_request(body.get());
  std::string model = job.model;
  std::string task_id = tasks_.start(std::move(job), caller.user_id, nullptr);
  call->reply(200, "inference task accepted",
              json_pack("{s:s,s:s,s:s}", "task_id", task_id.c_str(), "status", "pending", "model",
                        model.c_str()));
}

void AiRouter::asr(const std::shared_ptr<HttpCall> &call, const Caller &caller) {
  JsonPtr body = json_body(*call);
  std::string language;
  InferenceJob job = parse_asr_request(body.get(), config_, language);
  uint64_t duration_ms = job.duration_ms;
  // Answered when the unit's final reply is stored (from a worker).
  tasks_.start(
      std::move(job), caller.user_id, [call, language, duration_ms](TaskOutcome &&outcome) {
        if (outcome.status != 200) {
          call->reply(outcome.status, "speech recognition failed",
                      json_string(outcome.message.c_str()));
          return;
        }
        json_t *result = json_object_get(outcome.record.get(), "result");
        json_t *confidence = json_object_get(result, "confidence");
        call->reply(
            200, "success",
            json_pack("{s:s,s:f,s:s,s:I,s:O,s:O}", "text",
                      infer::json_string_field(result, "transcript").c_str(), "confidence",
                      json_is_number(confidence) ? json_number_value(confidence) : 0.0, "language",
                      language.c_str(), "duration_ms", json_int_t(duration_ms), "task_id",
                      json_object_get(outcome.record.get(), "task_id"), "segments",
                      json_object_get(result, "segments") ? json_object_get(result, "segments")
                                                          : json_array()));
      });
}

void AiRouter::result(HttpCall &call, const Caller &caller, const std::string &id) {
  if (id.empty() || id.size() > 64 || id.find('/') != std::string::npos)
    throw ApiError(404, "result not found", id);
  JsonPtr record = store_.find(id);
  if (!record || !can_read(caller, record.get())) throw ApiError(404, "result not found", id);
  call.reply(200, "success", record.release());
}

void AiRouter::results_of_meeting(HttpCall &call, const Caller &caller) {
  std::string meeting_id = call.query("meeting_id").value_or("");
  if (meeting_id.empty() || meeting_id.size() > 64)
    throw ApiError::invalid("meeting_id", "required query parameter");
  int64_t page = positive_query(call, "page", 1, 100000);
  int64_t page_size = positive_query(call, "page_size", 50, 200);
  int64_t only_user = caller.user_id;
  if (caller.is_admin()) {
    only_user = 0;
  } else {
    try {
      meeting_id = meetings_.authorize(caller.user_id, meeting_id).meeting_id;
      only_user = 0;  // a participant sees the meeting's results
    } catch (const ApiError &) {
      // Not (or no longer) in the meeting: only their own results.
    }
  }
  call.reply(200, "success",
             store_.list(meeting_id, call.query("type").value_or(""), only_user, page, page_size)
                 .release());
}

void AiRouter::live(HttpCall &call, const Caller &caller, const std::string &action) {
  if (action != "start" && action != "stop" && action != "status")
    throw ApiError(404, "not found", call.path());
  require_method(call, action == "status" ? "GET" : "POST");
  std::string meeting_id;
  if (action == "status") {
    meeting_id = call.query("meeting_id").value_or("");
  } else {
    JsonPtr body = json_body(call);
    json_t *value = json_object_get(body.get(), "meeting_id");
    if (json_is_integer(value))
      meeting_id = std::to_string(json_integer_value(value));
    else if (json_is_string(value))
      meeting_id = json_string_value(value);
  }
  if (meeting_id.empty() || meeting_id.size() > 64)
    throw ApiError::invalid("meeting_id", "required");
  if (!caller.is_admin()) {
    MeetingGrant grant = meetings_.authorize(caller.user_id, meeting_id);
    meeting_id = grant.meeting_id;
    if (action != "status" && grant.role != "host" && grant.role != "co-host")
      throw ApiError(403, "only the host or a co-host can start or stop live analysis");
  }
  if (action == "start") {
    if (JsonPtr units = client_.units(); json_array_size(units.get()) == 0)
      throw ApiError(503, "no inference unit is connected", "start meetgate-infer");
    live_.start(meeting_id, caller.user_id);
  } else if (action == "stop") {
    if (!live_.stop(meeting_id)) throw ApiError(404, "live analysis is not running", meeting_id);
  }
  call.reply(200, "success", live_.status(meeting_id).release());
}

}  // namespace meetgate::ai
