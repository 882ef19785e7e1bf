#include "recorder_router.hpp"

#include <meetgate/storage/database.hpp>

#include "api_error.hpp"
#include "json_ref.hpp"

namespace meetgate::recorder {
namespace {

// "/api/v1/recordings/5/files/2" -> {"recordings", "5", "files", "2"}
std::vector<std::string> segments_of(const std::string &path) {
  constexpr std::string_view prefix = "/api/v1/";
  std::vector<std::string> out;
  if (path.compare(0, prefix.size(), prefix) != 0) return out;
  size_t start = prefix.size();
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

JsonRef object_body(const pluginkit::HttpExchange &call) {
  if (call.body().empty()) return adopt(json_object());
  json_error_t error;
  JsonRef body = adopt(json_loadb(call.body().data(), call.body().size(), 0, &error));
  if (!body)
    throw ApiError(400, "invalid JSON", "line " + std::to_string(error.line) + ": " + error.text);
  if (!json_is_object(body.get()))
    throw ApiError(400, "invalid request", "body must be a JSON object");
  return body;
}

int64_t id_of(const std::string &text, const char *what) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw ApiError::invalid(what, "must be a positive integer");
  int64_t id = std::stoll(text);
  if (id <= 0) throw ApiError::invalid(what, "must be a positive integer");
  return id;
}

void require(const pluginkit::HttpExchange &call, const char *method) {
  if (call.method() != method)
    throw ApiError(405, "method not allowed", std::string("use ") + method);
}

}  // namespace

void RecorderRouter::serve(pluginkit::HttpExchange &call) {
  try {
    dispatch(call, segments_of(call.path()));
  } catch (const ApiError &error) {
    call.reply(error.status(), error.what(),
               json_string(error.detail().empty() ? error.what() : error.detail().c_str()));
  } catch (const storage::Error &error) {
    call.reply(503, "recorder storage unavailable", json_string("database error"));
    throw;
  } catch (const std::filesystem::filesystem_error &error) {
    call.reply(507, "recorder disk error", json_string(error.code().message().c_str()));
    throw;
  }
}

void RecorderRouter::dispatch(pluginkit::HttpExchange &call, const Segments &s) {
  if (s.empty()) throw ApiError(404, "not found", call.path());
  if (s[0] != "recordings" && s[0] != "recording" && s[0] != "media")
    throw ApiError(404, "not found", call.path());
  if (s.size() > 4) throw ApiError(404, "not found", call.path());
  pluginkit::AuthOutcome outcome = verifier_.authenticate(call);
  if (!outcome.ok()) throw ApiError(outcome.status(), outcome.message(), outcome.detail());
  const Caller &caller = outcome.user();
  if (s[0] == "recordings")
    recordings(call, caller, s);
  else if (s[0] == "recording")
    aliases(call, caller, s);
  else
    media(call, caller, s);
}

void RecorderRouter::recordings(pluginkit::HttpExchange &call, const Caller &caller,
                                const Segments &s) {
  if (s.size() == 1) {
    require(call, "GET");
    return recordings_.list(call, caller);
  }
  if (s.size() == 2 && (s[1] == "start" || s[1] == "stop")) {
    require(call, "POST");
    JsonRef body = object_body(call);
    if (s[1] == "start") return recordings_.start(call, caller, body.get());
    return recordings_.stop(call, caller, body.get());
  }
  int64_t id = id_of(s[1], "recording id");
  if (s.size() == 2) {
    if (call.method() == "DELETE") return recordings_.remove(call, caller, id);
    require(call, "GET");
    return recordings_.status(call, caller, id);
  }
  if (s.size() == 4 && s[2] == "files") {
    require(call, "GET");
    return recordings_.download(call, caller, id, id_of(s[3], "file id"));
  }
  throw ApiError(404, "not found", call.path());
}

void RecorderRouter::aliases(pluginkit::HttpExchange &call, const Caller &caller,
                             const Segments &s) {
  if (s.size() == 2 && (s[1] == "start" || s[1] == "stop")) {
    require(call, "POST");
    JsonRef body = object_body(call);
    if (s[1] == "start") return recordings_.start(call, caller, body.get());
    return recordings_.stop(call, caller, body.get());
  }
  if (s.size() == 2 && s[1] == "list") {
    require(call, "GET");
    return recordings_.list(call, caller);
  }
  if (s.size() == 3 && (s[1] == "status" || s[1] == "download")) {
    require(call, "GET");
    int64_t id = id_of(s[2], "recording id");
    if (s[1] == "status") return recordings_.status(call, caller, id);
    return recordings_.download(call, caller, id, 0);
  }
  if (s.size() == 2) {
    require(call, "DELETE");
    return recordings_.remove(call, caller, id_of(s[1], "recording id"));
  }
  throw ApiError(404, "not found", call.path());
}

void RecorderRouter::media(pluginkit::HttpExchange &call, const Caller &caller, const Segments &s) {
  if (s.size() == 1) {
    require(call, "GET");
    return media_.list(call, caller);
  }
  if (s.size() == 2 && s[1] == "upload") {
    require(call, "POST");
    return media_.upload(call, caller);
  }
  if (s.size() == 3 && s[1] == "info") {
    require(call, "GET");
    return media_.info(call, caller, id_of(s[2], "media id"));
  }
  if (s.size() == 2) {
    int64_t id = id_of(s[1], "media id");
    if (call.method() == "DELETE") return media_.remove(call, caller, id);
    require(call, "GET");
    return media_.download(call, caller, id);
  }
  throw ApiError(404, "not found", call.path());
}

}  // namespace meetgate::recorder
