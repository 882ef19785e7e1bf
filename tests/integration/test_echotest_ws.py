"""The echotest plugin over WebSocket: sessions, an asynchronous message
(answered by push_event from a worker with the same transaction), a service
call, the bus event it publishes and subscribes to, protocol ping/pong,
malformed JSON, unknown messages and paths."""

import websockets

from foundation import sanitizer_clean
from meetgate_harness import Gateway, check, http_json, wait_for, ws_connect

ADMIN_SECRET = "admin-secret-for-tests"
gw = Gateway(conf={"meetgate.jcfg": f'admin: {{ secret = "{ADMIN_SECRET}"; }};\n'}).start()


def admin(request, **fields):
    body = dict(fields, admin_secret=ADMIN_SECRET, request=request)
    return gw.http("POST", "/admin", body)


def txn_is(transaction, kind):
    return lambda m: m.get("transaction") == transaction and m.get("type") == kind


def is_error_frame(msg, code):
    payload = msg.get("payload") or {}
    return (msg.get("type") == "error" and payload.get("code") == code and
            isinstance(payload.get("message"), str) and isinstance(msg.get("timestamp"), int))


ws = ws_connect(gw, "/ws/echotest")
check(not ws.closed, "a WebSocket on /ws/echotest opens a session")
_, info, _ = gw.http("GET", "/api/v1/echotest")
check(info["data"]["sessions"] == 1, "the plugin counts the session", info)

# --- async message: ack (nothing sent), then the pushed answer -----------------
ws.send_json({"type": "echo", "transaction": "t-1", "payload": {"x": [1, "two"]}})
answer = ws.recv_until(txn_is("t-1", "echo"), timeout=10)
check(answer.get("payload") == {"x": [1, "two"]}, "echo answered by push_event with the payload",
      answer)

# --- the bus: the plugin published echotest.echoed and, subscribed to
# echotest.*, tells the client about it -------------------------------------------
event = ws.recv_until(lambda m: m.get("type") == "event", timeout=10)
check(event.get("topic") == "echotest.echoed" and event["event"].get("transaction") == "t-1",
      "the published echotest.echoed event comes back through the subscription", event)

# --- a synchronous message calling a service -------------------------------------
ws.send_json({"type": "reverse", "transaction": "t-2", "text": "stressed"})
msg = ws.recv_until(lambda m: m.get("transaction") == "t-2", timeout=10)
check(msg.get("type") == "reversed" and msg.get("text") == "desserts",
      "reverse message answered through the echotest.reverse service", msg)
ws.send_json({"type": "reverse", "transaction": "t-3"})
msg = ws.recv_until(lambda m: m.get("transaction") == "t-3", timeout=10)
check(is_error_frame(msg, 400), "a service refusal becomes an error frame", msg)

# --- bad input: error frames, and the connection still works -----------------------
ws.send_text("{this is not json")
msg = ws.recv_json(timeout=10)
check(is_error_frame(msg, 400), "malformed JSON gets a 400 error frame", msg)
ws.send_json({"type": "no-such-thing", "transaction": "t-4"})
msg = ws.recv_until(lambda m: m.get("transaction") == "t-4", timeout=10)
check(is_error_frame(msg, 400) and "no-such-thing" in msg["payload"]["message"],
      "an unknown message type gets a 400 error frame naming it", msg)
ws.send_json({"transaction": "t-5"})
msg = ws.recv_until(lambda m: m.get("transaction") == "t-5", timeout=10)
check(is_error_frame(msg, 400), "a message without a type gets a 400 error frame", msg)
ws.send_json({"type": "candidate", "id": 77, "candidate": {"candidate": "x"}})
msg = ws.recv_until(lambda m: m.get("id") == 77, timeout=10)
check(is_error_frame(msg, 409), "a candidate before an offer: 409, with the id echoed", msg)
ws.send_json({"type": "echo", "transaction": "t-6", "payload": "still here"})
msg = ws.recv_until(txn_is("t-6", "echo"), timeout=10)
check(msg.get("payload") == "still here", "the connection still works after bad input", msg)

# --- protocol ping/pong ---------------------------------------------------------------
try:
    ws.ping(timeout=5)
    ponged = True
except TimeoutError:
    ponged = False
check(ponged, "a WebSocket protocol ping gets a pong")

# --- session info (query_session through a message) -----------------------------------
ws.send_json({"type": "info", "transaction": "t-7"})
msg = ws.recv_until(lambda m: m.get("transaction") == "t-7", timeout=10)
check(msg.get("messages", 0) >= 8 and msg.get("pc") == 0, "info describes the session", msg)

# --- the Admin API: handle_admin_message and query_session ------------------------------
status, body, _ = admin("plugin_message", plugin="meetgate.plugin.echotest",
                        message={"request": "stats"})
response = (body.get("data") or {}).get("response") or {}
check(status == 200 and response.get("sessions") == 1 and response.get("echoes", 0) >= 2,
      "admin plugin_message stats reaches handle_admin_message", body)
status, body, _ = admin("plugin_message", plugin="meetgate.plugin.echotest",
                        message={"request": "bogus"})
response = (body.get("data") or {}).get("response") or {}
check(response.get("code") == 400 and "error" in response,
      "an unknown admin request is answered with an error object", body)
status, body, _ = admin("list_sessions")
sessions_listed = (body.get("data") or {}).get("sessions") or []
check(status == 200 and len(sessions_listed) == 1 and "echotest" in str(sessions_listed[0]),
      "admin list_sessions shows the echotest session", body)
status, body, _ = gw.http("POST", "/admin", {"admin_secret": "wrong", "request": "list_sessions"})
check(status == 403, "a wrong admin secret is refused with 403", (status, body))

# --- many sessions; closing them is seen by the plugin --------------------------------
others = [ws_connect(gw, "/ws/echotest") for _ in range(5)]
for i, other in enumerate(others):
    other.send_json({"type": "echo", "transaction": f"o-{i}", "payload": i})
check(all(o.recv_until(txn_is(f"o-{i}", "echo"), timeout=10)["payload"] == i
          for i, o in enumerate(others)), "each session gets only its own answers")
for other in others:
    other.close()
ws.close()


def sessions():
    return http_json("GET", gw.http_url + "/api/v1/echotest")[1]["data"]["sessions"]


try:
    wait_for(lambda: sessions() == 0, timeout=10, what="sessions to close")
except TimeoutError:
    pass
check(sessions() == 0, "closed connections destroy their sessions")

# --- unknown path -------------------------------------------------------------------
try:
    ws_connect(gw, "/ws/no-such-path").close()
    refused = False
except websockets.exceptions.InvalidHandshake:
    refused = True
check(refused, "a WebSocket client cannot open an unknown path")
upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
status, body, _ = http_json("GET", gw.ws_url.replace("ws://", "http://") + "/ws/no-such-path",
                            headers=upgrade)
check(status == 404 and body.get("code") == 404 and "error" in body,
      "the upgrade to an unknown path is answered 404 in the envelope", (status, body))

check(gw.stop() == 0, "the daemon exits 0 on SIGTERM")
check(sanitizer_clean(gw.log()), "no sanitizer report in the daemon log")
check.finish()
