"""/health, /metrics, envelope errors (404/405/413/400) and X-Request-ID."""

from foundation import sanitizer_clean, ECHOTEST, HTTP_TRANSPORT, WS_TRANSPORT, is_error_envelope, loaded, metric_samples
from meetgate_harness import Gateway, check, http_raw

gw = Gateway().start()

# --- /health -------------------------------------------------------------------
status, body, headers = gw.http("GET", "/health")
check(status == 200, "GET /health answers 200", (status, body))
check(isinstance(body, dict) and body.get("code") == 200 and "data" in body,
      "health is in the seed's envelope", body)
check(ECHOTEST in loaded(body, "plugins"), "health lists the echotest plugin", body)
transports = loaded(body, "transports")
check({HTTP_TRANSPORT, WS_TRANSPORT} <= transports, "health lists both transports", transports)
check(headers.get("Content-Type", "").startswith("application/json"), "health is JSON")

# --- errors in the envelope ----------------------------------------------------
status, body, headers = gw.http("GET", "/api/v1/no-such-route")
check(status == 404 and is_error_envelope(body, 404), "unknown route: 404 envelope", body)

status, body, _ = gw.http("PUT", "/api/v1/echotest", {"a": 1})
check(status == 405 and is_error_envelope(body, 405), "wrong method on a plugin route: 405", body)

status, body, _ = gw.http("POST", "/health", {"a": 1})
check(status == 405 and is_error_envelope(body, 405), "POST /health: 405 envelope", body)

big = {"blob": "x" * (70 * 1024)}  # echotest's max_body is 64 KiB
status, body, _ = gw.http("POST", "/api/v1/echotest", big)
check(status == 413 and is_error_envelope(body, 413), "body over max_body: 413 envelope",
      (status, body))

status, body, _ = gw.http("POST", "/api/v1/echotest", '{"broken": ',
                          headers={"Content-Type": "application/json"})
check(status == 400 and is_error_envelope(body, 400), "malformed JSON body: 400 envelope", body)

# --- X-Request-ID ----------------------------------------------------------------
status, body, headers = gw.http("GET", "/api/v1/echotest", headers={"X-Request-ID": "req-abc-123"})
check(headers.get("X-Request-ID") == "req-abc-123", "X-Request-ID is echoed in the header",
      dict(headers))
check(body.get("request_id") == "req-abc-123", "X-Request-ID is the body's request_id", body)
status, body, headers = gw.http("GET", "/api/v1/no-such-route")
generated = headers.get("X-Request-ID")
check(bool(generated) and body.get("request_id") == generated,
      "a request without X-Request-ID gets a generated one in header and body",
      (generated, body))
status, body2, headers2 = gw.http("GET", "/api/v1/no-such-route")
check(headers2.get("X-Request-ID") != generated, "generated request ids differ")

# --- /metrics -----------------------------------------------------------------
for _ in range(3):
    gw.http("GET", "/api/v1/echotest")
status, raw, headers = http_raw("GET", gw.http_url + "/metrics")
text = raw.decode()
check(status == 200 and headers.get("Content-Type", "").startswith("text/plain"),
      "GET /metrics answers Prometheus text", (status, headers.get("Content-Type")))
# The core exports its HTTP metrics under the conventional names (with or
# without the meetgate_ prefix plugin metrics get).
prefix = "meetgate_" if metric_samples(text, "meetgate_http_requests_total") else ""
requests = metric_samples(text, prefix + "http_requests_total")
echotest_ok = [v for labels, v in requests if labels.get("method") == "GET" and
               labels.get("route") == "/api/v1/echotest" and labels.get("code") == "200"]
check(echotest_ok and echotest_ok[0] >= 4,
      "http_requests_total counts GET /api/v1/echotest 200 by method/route/code", requests[:10])
check(any(labels.get("code") == "404" for labels, _ in requests), "404s are counted too")
check(all(set(labels) >= {"method", "route", "code"} for labels, _ in requests),
      "every http_requests_total sample has method, route and code")
buckets = [line for line in text.splitlines()
           if line.startswith(prefix + "http_request_duration_seconds_bucket{")]
check(any('le="+Inf"' in line for line in buckets), "the latency histogram has a +Inf bucket",
      buckets[:3])
check(metric_samples(text, prefix + "http_request_duration_seconds_count") and
      metric_samples(text, prefix + "http_request_duration_seconds_sum"),
      "the histogram has _sum and _count")
check(f"# TYPE {prefix}http_requests_total counter" in text, "the counter has a TYPE line")
check(f"# TYPE {prefix}http_request_duration_seconds histogram" in text,
      "the histogram has a TYPE line")
check(metric_samples(text, "meetgate_echotest_sessions"), "plugin gauges are exported")

check(gw.stop() == 0, "the daemon exits 0 on SIGTERM")
check(sanitizer_clean(gw.log()), "no sanitizer report in the daemon log")
check.finish()
