#include "bench_sfu_rest.hpp"

#include <curl/curl.h>
#include <jansson.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <random>
#include <stdexcept>
#include <thread>

namespace meetgate::bench {
namespace {

struct JsonFree {
  void operator()(json_t *json) const { json_decref(json); }
};
using Json = std::unique_ptr<json_t, JsonFree>;
struct CurlFree {
  void operator()(CURL *curl) const { curl_easy_cleanup(curl); }
};

const char *kPassword = "Bench-Pass-2026!";

size_t collect(char *data, size_t size, size_t count, void *out) {
  static_cast<std::string *>(out)->append(data, size * count);
  return size * count;
}

// POST `body` (stolen); returns the envelope's "data" or throws.
Json post(CURL *curl, const std::string &url, const std::string &token, json_t *body,
          const std::string &what) {
  Json owned(body);
  char *text = json_dumps(owned.get(), JSON_COMPACT);
  std::string json = text ? text : "{}";
  std::free(text);
  std::string answer;
  curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
  if (!token.empty())
    headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(json.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  long status = 0;
  if (code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  Json parsed(json_loads(answer.c_str(), 0, nullptr));
  json_t *data = parsed ? json_object_get(parsed.get(), "data") : nullptr;
  if (status < 200 || status >= 300 || !data)
    throw std::runtime_error(what + " failed: HTTP " + std::to_string(status) + " " + answer);
  return Json(json_incref(data));
}

SfuUser register_user(CURL *curl, const std::string &url, const std::string &name) {
  SfuUser user{name, "", 0};
  std::string email = name + "@bench.example.com";
  post(curl, url + "/api/v1/register", "",
       json_pack("{s:s,s:s,s:s}", "username", name.c_str(), "email", email.c_str(), "password",
                 kPassword),
       "register " + name);
  Json data = post(curl, url + "/api/v1/login", "",
                   json_pack("{s:s,s:s}", "username", name.c_str(), "password", kPassword),
                   "login " + name);
  const char *token = json_string_value(json_object_get(data.get(), "token"));
  if (!token) token = json_string_value(json_object_get(data.get(), "access_token"));
  user.token = token ? token : "";
  user.id = json_integer_value(json_object_get(json_object_get(data.get(), "user"), "id"));
  if (user.token.empty() || user.id <= 0)
    throw std::runtime_error("login " + name + ": no token/id");
  return user;
}

}  // namespace

SfuMeeting set_up_meeting(const std::string &url, int count, int threads) {
  SfuMeeting meeting;
  meeting.users.resize(static_cast<size_t>(count));
  std::string run = std::to_string(std::random_device{}() % 1000000);
  std::vector<std::exception_ptr> errors(static_cast<size_t>(threads));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
        for (int i = t; i < count; i += threads)
          meeting.users[static_cast<size_t>(i)] =
              register_user(curl.get(), url, "sfu_" + run + "_" + std::to_string(i));
      } catch (...) {
        errors[static_cast<size_t>(t)] = std::current_exception();
      }
    });
  }
  for (auto &worker : workers) worker.join();
  for (auto &error : errors)
    if (error) std::rethrow_exception(error);
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  Json created =
      post(curl.get(), url + "/api/v1/meetings", meeting.users[0].token,
           json_pack("{s:s,s:i}", "title", "sfu bench", "max_participants", std::max(count, 2)),
           "create meeting");
  meeting.meeting_id = json_string_value(json_object_get(created.get(), "meeting_id"));
  for (const auto &user : meeting.users)
    post(curl.get(), url + "/api/v1/meetings/" + meeting.meeting_id + "/join", user.token,
         json_object(), "join " + user.name);
  return meeting;
}

std::string signaling_path(const SfuUser &user, const std::string &meeting_id) {
  return "/ws/signaling?user_id=" + std::to_string(user.id) + "&meeting_id=" + meeting_id +
         "&peer_id=bench-" + std::to_string(user.id) + "&token=" + user.token;
}

}  // namespace meetgate::bench
