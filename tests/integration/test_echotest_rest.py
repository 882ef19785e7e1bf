"""The echotest plugin over REST: a synchronous GET, an asynchronous POST
(answered from the plugin's worker thread), and the echotest.reverse service
called through the core."""

import threading

from foundation import sanitizer_clean, is_error_envelope
from meetgate_harness import Gateway, check

gw = Gateway().start()

status, body, _ = gw.http("GET", "/api/v1/echotest")
check(status == 200 and body.get("code") == 200 and body.get("message") == "success",
      "GET /api/v1/echotest: 200 success envelope", body)
data = body.get("data") or {}
check(data.get("package") == "meetgate.plugin.echotest" and "sessions" in data,
      "the info names the package and counts sessions", data)

payload = {"hello": "world", "n": [1, 2, 3], "nested": {"ok": True}}
status, body, _ = gw.http("POST", "/api/v1/echotest", payload)
check(status == 200 and body.get("data") == {"echo": payload},
      "POST /api/v1/echotest echoes the body (answered later from a worker)", body)

# Many concurrent asynchronous requests: each answered exactly once, to the
# right client.
results = {}


def post(i):
    results[i] = gw.http("POST", "/api/v1/echotest", {"i": i})


threads = [threading.Thread(target=post, args=(i,)) for i in range(20)]
for t in threads:
    t.start()
for t in threads:
    t.join(30)
check(all(results.get(i, (0, {}, None))[1].get("data") == {"echo": {"i": i}} for i in range(20)),
      "20 concurrent async POSTs each get their own echo")

status, body, _ = gw.http("POST", "/api/v1/echotest", [1, 2])
check(status == 400 and is_error_envelope(body, 400), "a JSON array body is refused with 400",
      body)

status, body, _ = gw.http("POST", "/api/v1/echotest/reverse", {"text": "añ€ meetgate"})
check(status == 200 and body.get("data") == {"text": "etagteem €ña"},
      "POST /api/v1/echotest/reverse calls the service (by code point)", body)
status, body, _ = gw.http("POST", "/api/v1/echotest/reverse", {"text": 5})
check(status == 400 and is_error_envelope(body, 400) and "text" in str(body.get("error")),
      "the service's 400 reaches the REST client", body)
status, body, _ = gw.http("GET", "/api/v1/echotest/nothing-here")
check(status == 404 and is_error_envelope(body, 404), "unknown sub-path: 404 envelope", body)

check(gw.stop() == 0, "the daemon exits 0 on SIGTERM")
check(sanitizer_clean(gw.log()), "no sanitizer report in the daemon log")
check.finish()
