// meetgate-bench http: drives the REST API of a running gateway with C
// concurrent keep-alive connections (one thread and one reused libcurl easy
// handle each) and prints req/s and p50/p99 latency per scenario: login,
// GET profile, list meetings, join/leave.
//
// Setup registers C users (bench_<run>_<i>) and one meeting they all join,
// so the gateway's auth rate limits and lockout must be off (see
// plugins/meeting/README.md, "Benchmark").
#include <curl/curl.h>
#include <jansson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "command.hpp"

namespace meetgate::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string url = "http://127.0.0.1:8080";
  int connections = 16;
  int seconds = 10;
  std::string password = "Bench-Pass-2026!";
};

struct JsonFree {
  void operator()(json_t *json) const { json_decref(json); }
};
using Json = std::unique_ptr<json_t, JsonFree>;

// One keep-alive HTTP/1.1 connection: a libcurl easy handle reused for every
// request, so the TCP connection is opened once.
class Connection {
 public:
  Connection() : curl_(curl_easy_init()) {
    if (!curl_) throw std::runtime_error("curl_easy_init failed");
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &Connection::collect);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body_);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  }
  ~Connection() { curl_easy_cleanup(curl_); }
  Connection(const Connection &) = delete;
  Connection &operator=(const Connection &) = delete;

  // Returns the HTTP status (0 on a transport error); the body in body().
  long request(const char *method, const std::string &url, const std::string &token,
               const std::string &json_body) {
    body_.clear();
    curl_slist *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    if (!token.empty())
      headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    bool has_body = std::strcmp(method, "GET") != 0;
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, has_body ? json_body.c_str() : nullptr);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE,
                     has_body ? static_cast<long>(json_body.size()) : -1L);
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, has_body ? 0L : 1L);
    if (!has_body) curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, nullptr);
    CURLcode code = curl_easy_perform(curl_);
    curl_slist_free_all(headers);
    long status = 0;
    if (code == CURLE_OK) curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    return status;
  }
  const std::string &body() const { return body_; }

 private:
  static size_t collect(char *data, size_t size, size_t count, void *out) {
    static_cast<std::string *>(out)->append(data, size * count);
    return size * count;
  }
  CURL *curl_;
  std::string body_;
};

// "data" of the envelope, or throws with the answer.
Json envelope_data(long status, const std::string &body, const std::string &what) {
  Json parsed(json_loads(body.c_str(), 0, nullptr));
  json_t *data = parsed ? json_object_get(parsed.get(), "data") : nullptr;
  if (status < 200 || status >= 300 || !data)
    throw std::runtime_error(what + " failed: HTTP " + std::to_string(status) + " " + body);
  return Json(json_incref(data));
}

// Serialises a new JSON value (stolen).
std::string dump(json_t *stolen) {
  Json value(stolen);
  char *text = json_dumps(value.get(), JSON_COMPACT);
  std::string out = text ? text : "{}";
  std::free(text);
  return out;
}

struct User {
  std::string name;
  std::string token;
};

struct Fixture {
  std::vector<User> users;
  std::string meeting;  // meeting_id string
};

Fixture set_up(const Options &options) {
  Fixture fixture;
  Connection connection;
  std::string run = std::to_string(std::random_device{}() % 1000000);
  for (int i = 0; i < options.connections; ++i) {
    User user{"bench_" + run + "_" + std::to_string(i), ""};
    std::string email = user.name + "@bench.example.com";
    long status =
        connection.request("POST", options.url + "/api/v1/register", "",
                           dump(json_pack("{s:s,s:s,s:s}", "username", user.name.c_str(), "email",
                                          email.c_str(), "password", options.password.c_str())));
    envelope_data(status, connection.body(), "register " + user.name);
    status = connection.request("POST", options.url + "/api/v1/login", "",
                                dump(json_pack("{s:s,s:s}", "username", user.name.c_str(),
                                               "password", options.password.c_str())));
    Json data = envelope_data(status, connection.body(), "login " + user.name);
    user.token = json_string_value(json_object_get(data.get(), "token"));
    fixture.users.push_back(user);
  }
  std::string meeting = dump(json_pack("{s:s,s:i}", "title", "bench meeting", "max_participants",
                                       std::max(options.connections, 2)));
  long status =
      connection.request("POST", options.url + "/api/v1/meetings", fixture.users[0].token, meeting);
  Json data = envelope_data(status, connection.body(), "create meeting");
  fixture.meeting = json_string_value(json_object_get(data.get(), "meeting_id"));
  return fixture;
}

struct Sample {
  std::vector<double> latencies_ms;
  long errors = 0;
};

// One connection's loop: `step` issues one or more requests and records them.
using Step = std::function<void(Connection &, const User &, Sample &)>;

void timed(Connection &connection, Sample &sample, const char *method, const std::string &url,
           const std::string &token, const std::string &body) {
  auto start = Clock::now();
  long status = connection.request(method, url, token, body);
  sample.latencies_ms.push_back(
      std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  if (status < 200 || status >= 300) ++sample.errors;
}

void run_scenario(const char *name, const Options &options, const Fixture &fixture,
                  const Step &step) {
  std::vector<Sample> samples(fixture.users.size());
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (size_t i = 0; i < fixture.users.size(); ++i) {
    threads.emplace_back([&, i] {
      Connection connection;
      while (!stop.load(std::memory_order_relaxed)) step(connection, fixture.users[i], samples[i]);
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(options.seconds));
  stop = true;
  for (auto &thread : threads) thread.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  long errors = 0;
  for (const auto &sample : samples) {
    all.insert(all.end(), sample.latencies_ms.begin(), sample.latencies_ms.end());
    errors += sample.errors;
  }
  std::sort(all.begin(), all.end());
  auto percentile = [&](double p) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(p * all.size()))];
  };
  std::printf("%-14s %9zu %7ld %10.1f %9.2f %9.2f\n", name, all.size(), errors,
              all.size() / elapsed, percentile(0.50), percentile(0.99));
  std::fflush(stdout);
}

bool parse_options(const std::vector<std::string> &args, Options &options) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    bool has_value = i + 1 < args.size();
    if (arg == "--url" && has_value)
      options.url = args[++i];
    else if (arg == "--connections" && has_value)
      options.connections = std::stoi(args[++i]);
    else if (arg == "--seconds" && has_value)
      options.seconds = std::stoi(args[++i]);
    else if (arg == "--password" && has_value)
      options.password = args[++i];
    else
      return false;
  }
  while (!options.url.empty() && options.url.back() == '/') options.url.pop_back();
  return options.connections > 0 && options.connections <= 1000 && options.seconds > 0;
}

int run_http(const std::vector<std::string> &args) {
  Options options;
  bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
  if (help || !parse_options(args, options)) {
    std::fprintf(help ? stdout : stderr,
                 "usage: meetgate-bench http [--url http://127.0.0.1:8080] [--connections C (16)]\n"
                 "                           [--seconds T (10)] [--password P]\n"
                 "Needs the gateway's auth rate limits and lockout off (it registers C users).\n");
    return help ? 0 : 2;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  try {
    Fixture fixture = set_up(options);
    std::printf("meetgate-bench http: %s, %d connections, %d s per scenario\n", options.url.c_str(),
                options.connections, options.seconds);
    std::printf("%-14s %9s %7s %10s %9s %9s\n", "scenario", "requests", "errors", "req/s", "p50 ms",
                "p99 ms");
    const std::string base = options.url + "/api/v1";
    const std::string meeting = base + "/meetings/" + fixture.meeting;
    run_scenario("login", options, fixture, [&](Connection &c, const User &u, Sample &s) {
      timed(c, s, "POST", base + "/login", "",
            dump(json_pack("{s:s,s:s}", "username", u.name.c_str(), "password",
                           options.password.c_str())));
    });
    run_scenario("get_profile", options, fixture, [&](Connection &c, const User &u, Sample &s) {
      timed(c, s, "GET", base + "/profile", u.token, "");
    });
    run_scenario("list_meetings", options, fixture, [&](Connection &c, const User &u, Sample &s) {
      timed(c, s, "GET", base + "/meetings?page=1&page_size=10", u.token, "");
    });
    run_scenario("join_leave", options, fixture, [&](Connection &c, const User &u, Sample &s) {
      timed(c, s, "POST", meeting + "/join", u.token, "{}");
      timed(c, s, "POST", meeting + "/leave", u.token, "{}");
    });
  } catch (const std::exception &error) {
    std::fprintf(stderr, "meetgate-bench http: %s\n", error.what());
    curl_global_cleanup();
    return 1;
  }
  curl_global_cleanup();
  return 0;
}

const Command http_command{"http", "drive the REST API (login, profile, list, join/leave)",
                           run_http};

}  // namespace
}  // namespace meetgate::bench
