#!/usr/bin/python3
"""The videoroom's signaling on /ws/signaling against the real daemon with the
real auth and meeting plugins: upgrade refusals (400/401/403/404, expired
token), join/leave/room-info/user-joined/user-left, names and integer types,
ping/pong, chat exactly once + history, mesh relay, media-control, protocol
errors with the connection kept, host mute, kick and meeting end closing
sockets, REST stats and the web client's static files."""
import base64
import http.client
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from meetgate_harness import check, http_json  # noqa: E402
from videoroom_testlib import (Api, connect, drain, expired_copy, gateway, is_type,  # noqa: E402
                               signaling_path)


def refused_status(gw, path, extra_headers=None):
    """The HTTP status of a WebSocket upgrade (101 when accepted). Raw
    http.client: the transport answers refusals with an HTTP/1.0 status line,
    which the websockets client library does not parse."""
    port = int(gw.ws_url.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode()}
    headers.update(extra_headers or {})
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        if response.status != 101:
            body = json.loads(response.read() or b"{}")
            if body.get("code") != response.status:
                return ("envelope mismatch", response.status, body)
        return response.status
    finally:
        conn.close()


def check_refusals(gw, api, alice, dave, meeting_id):
    check(refused_status(gw, "/ws/signaling?user_id=1&meeting_id=x") == 400, "missing peer_id -> 400")
    check(refused_status(gw, signaling_path(alice, meeting_id, token=False)) == 401, "no token -> 401")
    bad = dict(alice, token="not.a.jwt")
    check(refused_status(gw, signaling_path(bad, meeting_id)) == 401, "invalid token -> 401")
    expired = dict(alice, token=expired_copy(alice["token"], gw.jwt_secret))
    check(refused_status(gw, signaling_path(expired, meeting_id)) == 401, "expired token -> 401")
    other = dict(alice, id=dave["id"])
    check(refused_status(gw, signaling_path(other, meeting_id)) == 401,
          "user_id not the token's -> 401")
    check(refused_status(gw, signaling_path(dave, meeting_id)) == 403, "non-member -> 403")
    check(refused_status(gw, signaling_path(alice, "mtg-doesnotexist")) == 404, "unknown meeting -> 404")
    header = {"Authorization": "Bearer " + alice["token"]}
    check(refused_status(gw, signaling_path(alice, meeting_id, token=False), header) == 101,
          "Authorization: Bearer accepted")
    cookie = {"Cookie": "access_token=" + alice["token"]}
    check(refused_status(gw, signaling_path(alice, meeting_id, token=False), cookie) == 101,
          "access_token cookie accepted")


def check_join_flow(gw, alice, bob, meeting_id):
    a = connect(gw, alice, meeting_id)
    a.send_json({"id": "j1", "type": "join-room", "payload": {}})
    info = a.recv_until(is_type("room-info"))
    p = info["payload"]
    check(p["participant_count"] == 1 and p["participants"][0]["is_self"] is True,
          "joiner gets room-info with itself", p)
    check(info["meeting_id"] == meeting_id and p["session_id"] and "ice_servers" in p,
          "room-info carries meeting_id, session_id, ice_servers")
    b = connect(gw, bob, meeting_id)
    b.send_json({"id": 1, "type": 4, "payload": {}})
    binfo = b.recv_until(lambda m: m.get("type") == 14)
    check(binfo["payload"]["participant_count"] == 2, "integer client gets room-info as 14")
    joined = a.recv_until(is_type("user-joined", "room-info"))
    check(joined["type"] == "user-joined" and joined["payload"]["user_id"] == bob["id"],
          "others get user-joined first", joined)
    again = a.recv_until(is_type("room-info"))
    check(again["payload"]["participant_count"] == 2, "then room-info with two")
    selves = [x["is_self"] for x in again["payload"]["participants"] if x["user_id"] == alice["id"]]
    check(selves == [True], "is_self marks the viewer")
    a.send_json({"id": "p1", "type": "ping"})
    pong = a.recv_until(is_type("pong"))
    check(pong["id"] == "p1", "ping -> pong with the same id")
    b.send_json({"id": 77, "type": 11})
    pong = b.recv_until(lambda m: m.get("type") == 12)
    check(pong["id"] == 77, "integer ping -> pong 12")
    return a, b


def check_chat(gw, api, a, b, alice, bob, dave, meeting_id):
    a.send_json({"id": "c1", "type": "chat", "from_user_id": 999, "payload": {"content": "hello room"}})
    got_a = [m for m in drain(a, 1.0) if m.get("type") == "chat"]
    got_b = [m for m in drain(b, 0.3) if m.get("type") == 8]
    check(len(got_a) == 1 and len(got_b) == 1, "chat reaches sender and member exactly once",
          (got_a, got_b))
    if got_b:
        m = got_b[0]
        check(m["from_user_id"] == alice["id"] and m["payload"]["content"] == "hello room"
              and m["id"] == "c1", "chat from_user_id overwritten by the server", m)
    status, body, _ = api.call("GET", f"/rooms/{meeting_id}/messages", token=bob["token"])
    contents = [x["content"] for x in (body or {}).get("data", {}).get("list", [])]
    check(status == 200 and contents == ["hello room"], "chat history stored", body)
    status, _, _ = api.call("GET", f"/rooms/{meeting_id}/messages", token=dave["token"])
    check(status == 403, "history for a non-member -> 403")
    status, _, _ = api.call("GET", f"/rooms/{meeting_id}/messages")
    check(status == 401, "history without a token -> 401")
    status, _, _ = api.call("GET", f"/rooms/{meeting_id}/messages?limit=100000", token=bob["token"])
    check(status == 400, "history limit over the cap -> 400")


def check_relay(a, b, alice, bob):
    a.send_json({"id": "o1", "type": "offer", "to_user_id": bob["id"],
                 "payload": {"type": "offer", "sdp": "v=0 mesh"}})
    offer = b.recv_until(lambda m: m.get("type") == 1)
    check(offer["from_user_id"] == alice["id"] and offer["payload"]["sdp"] == "v=0 mesh",
          "offer relayed to the addressee (in its integer form)", offer)
    b.send_json({"id": "a1", "type": 2, "to_user_id": alice["id"], "payload": {"sdp": "v=0 answer"}})
    answer = a.recv_until(is_type("answer"))
    check(answer["from_user_id"] == bob["id"] and answer["payload"]["sdp"] == "v=0 answer",
          "answer relayed back", answer)
    b.send_json({"type": 3, "to_user_id": alice["id"],
                 "payload": {"candidate": "candidate:1 1 udp 1 10.0.0.1 9 typ host", "sdpMid": "0"}})
    cand = a.recv_until(is_type("ice-candidate"))
    check(cand["payload"]["sdpMid"] == "0", "ice-candidate relayed", cand)
    check([m for m in drain(a, 0.3) if m.get("type") == "offer"] == [], "sender does not get its own offer")
    b.send_json({"type": 10, "payload": {"action": "mute", "kind": "audio"}})
    ctl = a.recv_until(is_type("media-control"))
    check(ctl["from_user_id"] == bob["id"] and ctl["payload"]["action"] == "mute",
          "media-control broadcast to the others")
    check([m for m in drain(b, 0.3) if m.get("type") == 10] == [], "media-control not echoed")


def expect_error(ws, code, what, form="error"):
    err = ws.recv_until(lambda m: m.get("type") in ("error", 13))
    check(err["type"] == form and err["payload"]["code"] == code, what, err)
    return err


def check_errors(gw, a, b, carol, meeting_id):
    a.send_json({"id": "u1", "type": "dance"})
    err = expect_error(a, 400, "unknown type -> error 400")
    check(err.get("id") == "u1" and err["payload"]["details"], "error echoes the id with details")
    a.send_json({"type": "offer", "to_user_id": 999999, "payload": {"sdp": "v=0"}})
    expect_error(a, 404, "offer to a user not in the room -> 404")
    a.send_json({"type": "answer", "payload": {"sdp": "v=0"}})
    expect_error(a, 409, "answer for the server with no server offer -> 409")
    a.send_json({"type": "offer", "to_user_id": "bob", "payload": {"sdp": "v=0"}})
    expect_error(a, 400, "malformed to_user_id -> 400")
    a.send_json({"type": "chat", "payload": {"content": ""}})
    expect_error(a, 400, "empty chat -> 400")
    a.send_json({"type": "offer", "to_user_id": 2})
    expect_error(a, 400, "offer without sdp -> 400")
    a.send_json({"type": "room-info"})
    expect_error(a, 400, "server-only type from a client -> 400")
    a.send_text("{not json")
    err = a.recv_until(lambda m: m.get("type") == "error")
    check(err["payload"]["code"] == 400, "bad JSON -> error frame 400")
    b.send_json({"type": 99})
    expect_error(b, 400, "unknown integer type -> error in integer form", form=13)
    a.send_json({"id": "alive", "type": "ping"})
    check(a.recv_until(is_type("pong"))["id"] == "alive", "connection kept after errors")
    c = connect(gw, carol, meeting_id)
    c.send_json({"type": "chat", "payload": {"content": "too early"}})
    expect_error(c, 409, "chat before join-room -> 409")
    c.send_json({"type": "join-room"})
    c.recv_until(is_type("room-info"))
    return c


def check_leave(a, b, c, bob, carol):
    drain(a, 0.3)
    b.send_json({"type": 5})
    left = a.recv_until(is_type("user-left"))
    check(left["payload"]["user_id"] == bob["id"], "leave-room -> others get user-left", left)
    info = a.recv_until(is_type("room-info"))
    check(info["payload"]["participant_count"] == 2, "then room-info without the leaver")
    ack = b.recv_until(lambda m: m.get("type") == 5)
    check(ack["payload"]["left"] is True, "leaver gets a leave-room ack, stays connected")
    b.send_json({"type": 11})
    check(b.recv_until(lambda m: m.get("type") == 12) is not None, "left connection still answers")
    c.close()
    left = a.recv_until(is_type("user-left"))
    check(left["payload"]["user_id"] == carol["id"] and left["payload"]["reason"] == "disconnected",
          "dropped connection -> user-left", left)
    info = a.recv_until(is_type("room-info"))
    check(info["payload"]["participant_count"] == 1, "room-info after the drop")


def check_host_actions(gw, api, alice, bob, meeting_id):
    b = connect(gw, bob, meeting_id)
    b.send_json({"type": "join-room"})
    b.recv_until(is_type("room-info"))
    status, body, _ = api.call("POST", f"/meetings/{meeting_id}/participants/{bob['id']}/mute",
                               {"kind": "audio"}, alice["token"])
    check(status == 200, "host mute over REST", body)
    ctl = b.recv_until(is_type("media-control"), timeout=5)
    check(ctl["payload"]["forced"] is True and ctl["payload"]["kind"] == "audio"
          and ctl["payload"]["user_id"] == bob["id"], "muted participant told by media-control", ctl)
    status, body, _ = api.call("POST", f"/meetings/{meeting_id}/participants/{bob['id']}/kick",
                               {}, alice["token"])
    check(status == 200, "host kick over REST", body)
    err = b.recv_until(lambda m: m.get("type") == "error", timeout=5)
    check(err["payload"]["code"] == 403, "kicked participant gets error 403", err)
    b.wait_closed(timeout=5)
    check(b.closed, "kick disconnects the participant's session")
    check(refused_status(gw, signaling_path(bob, meeting_id)) == 403, "kicked user cannot reconnect")


def check_rest(gw, api, alice, meeting_id):
    status, body, _ = api.call("GET", "/stats")
    data = (body or {}).get("data", {})
    check(status == 200 and data.get("rooms", 0) >= 1 and "media" in data, "GET /api/v1/stats", body)
    status, body, _ = http_json("GET", gw.http_url + "/health")
    plugins = {p["package"]: p for p in (body or {}).get("data", {}).get("plugins", [])}
    health = plugins.get("meetgate.plugin.videoroom", {}).get("health", {})
    check(status == 200 and health.get("rooms", 0) >= 1 and health.get("clients", 0) >= 1,
          "/health shows the videoroom's rooms and clients", health)
    status, body, _ = api.call("GET", "/rooms/stats", token=alice["token"])
    rooms = (body or {}).get("data", {}).get("rooms", [])
    check(status == 200 and [r["meeting_id"] for r in rooms] == [meeting_id],
          "GET /api/v1/rooms/stats lists the caller's room", body)
    status, _, _ = api.call("GET", "/rooms/stats")
    check(status == 401, "rooms/stats without a token -> 401")
    code, body, hdrs = fetch(gw.http_url + "/app/")
    check(code == 200 and b"<html" in body.lower() and "text/html" in hdrs.get("Content-Type", ""),
          "GET /app/ serves the web client")
    code, _, hdrs = fetch(gw.http_url + "/app")
    check(code == 301 and hdrs.get("Location") == "/app/", "GET /app redirects to /app/")
    code, _, _ = fetch(gw.http_url + "/app/%2e%2e/conf/meetgate.jcfg")
    check(code == 404, "path traversal refused")
    code, body, hdrs = fetch(gw.http_url + "/app/app.js")
    check(code == 200 and "javascript" in hdrs.get("Content-Type", ""), "GET /app/app.js")


def fetch(url):
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def check_meeting_end(gw, api, alice, meeting_id, a):
    status, body, _ = api.call("POST", f"/meetings/{meeting_id}/end", {}, alice["token"])
    check(status == 200, "host ends the meeting", body)
    err = a.recv_until(lambda m: m.get("type") == "error", timeout=5)
    check(err["payload"]["code"] == 410, "meeting end -> error 410", err)
    a.wait_closed(timeout=5)
    check(a.closed, "meeting end closes the sockets")


def check_mesh_only():
    gw = gateway(videoroom_conf="general: { sfu = false; };")
    gw.start()
    try:
        api = Api(gw)
        host = api.user("meshhost")
        meeting_id = api.meeting(host)
        api.join(host, meeting_id)
        ws = connect(gw, host, meeting_id)
        ws.send_json({"type": "join-room"})
        ws.recv_until(is_type("room-info"))
        ws.send_json({"id": "x", "type": "offer", "payload": {"sdp": "v=0"}})
        err = ws.recv_until(lambda m: m.get("type") == "error")
        check(err["payload"]["code"] == 400 and err["payload"]["message"] == "missing to_user_id",
              "sfu=false: offer without to_user_id -> missing to_user_id", err)
        ws.send_json({"type": "ping"})
        check(ws.recv_until(is_type("pong")) is not None, "sfu=false: connection kept")
        ws.close()
    finally:
        gw.stop()


def main():
    gw = gateway()
    gw.start()
    try:
        api = Api(gw)
        alice, bob, carol, dave = (api.user(n) for n in ("alice", "bob", "carol", "dave"))
        meeting_id = api.meeting(alice)
        for user in (alice, bob, carol):
            api.join(user, meeting_id)
        check_refusals(gw, api, alice, dave, meeting_id)
        a, b = check_join_flow(gw, alice, bob, meeting_id)
        check_chat(gw, api, a, b, alice, bob, dave, meeting_id)
        check_relay(a, b, alice, bob)
        c = check_errors(gw, a, b, carol, meeting_id)
        check_leave(a, b, c, bob, carol)
        b.close()
        drain(a, 0.3)
        check_rest(gw, api, alice, meeting_id)
        check_host_actions(gw, api, alice, bob, meeting_id)
        check_meeting_end(gw, api, alice, meeting_id, a)
        log = gw.log()
        check("AddressSanitizer" not in log and "runtime error" not in log, "no sanitizer report")
    finally:
        code = gw.stop()
        check(code == 0, "daemon exits cleanly", code)
    check_mesh_only()
    check.finish()


if __name__ == "__main__":
    main()
