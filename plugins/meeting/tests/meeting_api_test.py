#!/usr/bin/python3
"""The meeting REST API over real HTTP against the real daemon and the real
auth plugin: every endpoint and error path, concurrent joins against
max_participants, presence keys, and 503 without an auth plugin.

Runs on SQLite + the in-process store by default; with
MEETGATE_TEST_DATABASE=postgres MEETGATE_TEST_REDIS=1 the harness starts a
real PostgreSQL and redis-server for the gateway.
"""
import os
import re
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from meetgate_harness import SOURCE_DIR, Gateway, check, http_json

PASSWORD = "Meet-Gate-2026!x"
ADMIN = ("admin", "Root-Pass-42!zq")


def auth_conf():
    """The auth sample with rate limits off and a bootstrap admin."""
    with open(os.path.join(SOURCE_DIR, "plugins", "auth", "meetgate.plugin.auth.jcfg")) as f:
        text = f.read()
    for key in ("login_rate_max_per_ip", "login_rate_max_per_account", "register_rate_max_per_ip",
                "lockout_threshold"):
        text = re.sub(rf"{key} = \d+;", f"{key} = 0;", text)
    text = re.sub(r"argon2_memlimit_kib = \d+;", "argon2_memlimit_kib = 8192;", text)
    text = text.replace('# admin_username = "admin";', f'admin_username = "{ADMIN[0]}";')
    text = text.replace('# admin_password = "Change-Me-Now-42";', f'admin_password = "{ADMIN[1]}";')
    return text


ADMIN_SECRET = "meeting-test-admin-secret-0123456789"


def core_conf():
    """The core sample with the Admin API on (it reaches meeting.authorize_join)."""
    with open(os.path.join(SOURCE_DIR, "conf", "meetgate.jcfg")) as f:
        text = f.read()
    return text.replace('#secret = ""', f'secret = "{ADMIN_SECRET}";')


def authorize_join(gw, user_id, meeting):
    """meeting.authorize_join through the Admin API: (service status, answer)."""
    status, body, _ = http_json("POST", gw.http_url + "/admin", {
        "admin_secret": ADMIN_SECRET, "request": "plugin_message", "plugin": "meetgate.plugin.meeting",
        "message": {"request": "authorize_join", "user_id": user_id, "meeting_id": meeting}})
    answer = data(body).get("response") or {}
    if status != 200:
        return status, body
    return answer.get("status"), answer.get("response")


class Api:
    def __init__(self, gw):
        self.base = gw.http_url + "/api/v1"

    def call(self, method, path, body=None, token=None, headers=None):
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = "Bearer " + token
        return http_json(method, self.base + path, body, headers=all_headers, timeout=60)

    def user(self, name):
        """Registers `name` and logs in; returns (token, user_id)."""
        status, body, _ = self.call("POST", "/register", {
            "username": name, "email": f"{name}@example.com", "password": PASSWORD})
        if status not in (200, 201):
            raise RuntimeError(f"register {name}: {status} {body}")
        return self.login(name, PASSWORD)

    def login(self, name, password):
        status, body, _ = self.call("POST", "/login", {"username": name, "password": password})
        if status != 200:
            raise RuntimeError(f"login {name}: {status} {body}")
        data = body["data"]
        return data.get("token") or data["access_token"], data["user"]["id"]


def data(body):
    return (body or {}).get("data") or {}


def check_unauthenticated(api, mid):
    for method, path in [("GET", "/meetings"), ("POST", "/meetings"), ("GET", f"/meetings/{mid}"),
                         ("POST", f"/meetings/{mid}/join"), ("GET", "/my/meetings"),
                         ("POST", f"/meetings/{mid}/participants/1/kick")]:
        status, body, _ = api.call(method, path, {})
        check(status == 401 and body.get("code") == 401 and "error" in body,
              f"{method} {path} without a token -> 401 envelope", body)
    status, _, _ = api.call("GET", "/meetings", token="not.a.jwt")
    check(status == 401, "a malformed token -> 401")
    status, _, _ = api.call("GET", "/meetings", headers={"Authorization": "Basic abc"})
    check(status == 401, "a non-Bearer Authorization -> 401")


def check_create(api, alice):
    bad = [({}, "title"), ({"title": "  "}, "title"), ({"title": "t", "max_participants": 0}, "max_participants"),
           ({"title": "t", "max_participants": 5000}, "max_participants"),
           ({"title": "t", "start_time": "someday"}, "start_time"),
           ({"title": "t", "start_time": "2030-01-01T10:00:00Z", "end_time": "2030-01-01T09:00:00Z"}, "end_time"),
           ({"title": "t", "password": "ab"}, "password"), ({"title": "t", "meeting_type": "x"}, "meeting_type"),
           ({"title": "t", "settings": {"lasers": True}}, "settings.lasers")]
    for body, field in bad:
        status, answer, _ = api.call("POST", "/meetings", body, alice)
        check(status == 400 and field in answer.get("message", "") + answer.get("error", ""),
              f"create with bad {field} -> 400 naming it", answer)
    status, answer, _ = api.call("POST", "/meetings", b"{not json", alice)
    check(status == 400, "create with malformed JSON -> 400")
    status, answer, _ = api.call("POST", "/meetings", {
        "title": "Design review", "description": "weekly", "start_time": "2030-01-01T10:00:00+02:00",
        "end_time": "2030-01-01T11:00:00Z", "max_participants": 5,
        "settings": {"recording": True}}, alice)
    m = data(answer)
    check(status == 201 and m.get("status") == "scheduled" and m.get("meeting_id", "").startswith("mtg-"),
          "create -> 201, scheduled, a meeting_id", answer)
    check(m.get("start_time") == "2030-01-01T08:00:00Z" and m.get("max_participants") == 5,
          "create normalises times to UTC and keeps max_participants", m)
    check(m.get("settings") == {"recording": True, "ai": False, "mute_on_join": False},
          "create stores the settings with defaults", m.get("settings"))
    check("password_hash" not in m and m.get("has_password") is False, "no password hash is exposed")
    return m


def check_get_and_list(api, alice, bob, meeting):
    for ref in (meeting["id"], meeting["meeting_id"]):
        status, answer, _ = api.call("GET", f"/meetings/{ref}", token=bob)
        check(status == 200 and data(answer).get("id") == meeting["id"], f"get by {ref!r}", answer)
    for ref in ("999999", "mtg-nope"):
        status, answer, _ = api.call("GET", f"/meetings/{ref}", token=bob)
        check(status == 404 and answer.get("code") == 404, f"get unknown {ref} -> 404")
    for i in range(4):
        api.call("POST", "/meetings", {"title": f"Standup {i}"}, bob)
    status, answer, _ = api.call("GET", "/meetings?page=1&page_size=2", token=bob)
    page = data(answer)
    check(status == 200 and len(page.get("list", [])) == 2 and page.get("total") == 5
          and page.get("page") == 1 and page.get("page_size") == 2 and page.get("total_pages") == 3,
          "list paginates as {list,total,page,page_size,total_pages}", page)
    status, answer, _ = api.call("GET", "/meetings?keyword=standup", token=bob)
    check(data(answer).get("total") == 4, "list keyword (case-insensitive)", data(answer).get("total"))
    status, answer, _ = api.call("GET", "/meetings?mine=true", token=alice)
    check(data(answer).get("total") == 1, "list mine=true: only the caller's", data(answer).get("total"))
    status, answer, _ = api.call("GET", "/my/meetings", token=bob)
    check(status == 200 and data(answer).get("total") == 4, "GET /my/meetings", data(answer))
    status, answer, _ = api.call("GET", "/meetings?status=ongoing", token=bob)
    check(data(answer).get("total") == 0, "list status filter")
    for query, field in [("page=0", "page"), ("page_size=500", "page_size"), ("status=active", "status")]:
        status, answer, _ = api.call("GET", "/meetings?" + query, token=bob)
        check(status == 400 and field in answer.get("message", ""), f"list {query} -> 400 naming {field}")
    status, _, _ = api.call("DELETE", "/meetings", token=bob)
    check(status == 405, "DELETE /meetings -> 405")
    status, _, _ = api.call("GET", "/meetings/1/nonsense", token=bob)
    check(status == 404, "unknown sub-path -> 404")


def check_update(api, alice, bob, meeting):
    ref = meeting["meeting_id"]
    status, _, _ = api.call("PUT", f"/meetings/{ref}", {"title": "Hijacked"}, bob)
    check(status == 403, "update by a non-manager -> 403")
    status, answer, _ = api.call("PUT", f"/meetings/{ref}", {"max_participants": -1}, alice)
    check(status == 400 and "max_participants" in answer.get("message", ""), "update validation -> 400")
    status, answer, _ = api.call("PUT", f"/meetings/{ref}", {
        "title": "Design review v2", "settings": {"mute_on_join": True}, "end_time": None}, alice)
    m = data(answer)
    check(status == 200 and m.get("title") == "Design review v2" and m.get("end_time") is None
          and m["settings"] == {"recording": True, "ai": False, "mute_on_join": True},
          "update by the creator merges settings, clears end_time", m)


def check_join_and_participants(api, gw, users, meeting):
    (alice, alice_id), (bob, bob_id), (carol, carol_id) = users["alice"], users["bob"], users["carol"]
    ref = meeting["meeting_id"]
    status, answer, _ = api.call("POST", f"/meetings/{ref}/join", {}, bob)
    j = data(answer)
    check(status == 200 and j.get("role") == "participant" and j.get("room_id") == meeting["room_id"]
          and j.get("id") == meeting["id"] and j.get("meeting_id") == ref, "join answers the room", j)
    check(j.get("ws_url", "").endswith(f"/ws/signaling?meeting_id={ref}&user_id={bob_id}"),
          "join answers the signaling URL", j.get("ws_url"))
    check(j.get("participant", {}).get("is_muted_audio") is True, "mute_on_join mutes the joiner")
    check(isinstance(j.get("meeting"), dict) and j["meeting"].get("title"), "join answers the meeting")
    status, answer, _ = api.call("POST", f"/meetings/{ref}/join", None, bob)
    check(status == 200 and data(answer).get("role") == "participant", "a repeated join is harmless")
    status, answer, _ = api.call("POST", f"/meetings/{meeting['id']}/join", {}, alice)
    check(status == 200 and data(answer).get("role") == "host", "the creator joins as host")
    api.call("POST", f"/meetings/{ref}/join", {}, carol)
    status, answer, _ = api.call("GET", f"/meetings/{ref}/participants", token=carol)
    people = {p["user_id"]: p for p in data(answer).get("list", [])}
    check(status == 200 and set(people) == {alice_id, bob_id, carol_id} and data(answer).get("total") == 3,
          "participants lists the three", data(answer))
    check(people.get(bob_id, {}).get("username") == "bob", "participants carry the username (auth.get_user)")
    status, answer, _ = api.call("GET", f"/meetings/{ref}", token=alice)
    check(data(answer).get("participant_count") == 3 and data(answer).get("my_role") == "host",
          "detail counts participants and gives my_role", data(answer))
    check(data(answer).get("online_count") == 3, "presence set holds the three joined users")
    if gw.redis is not None:
        check(gw.redis.command("SCARD", f"meeting:{ref}:participants") == ":3",
              "Redis meeting:{id}:participants has 3 members")
    status, answer = authorize_join(gw, bob_id, ref)
    check(status == 0 and answer.get("allowed") is True and answer.get("role") == "participant"
          and answer.get("room_id") == meeting["room_id"] and answer.get("id") == meeting["id"]
          and answer.get("meeting_id") == ref and isinstance(answer.get("settings"), dict),
          "meeting.authorize_join allows a joined participant", answer)
    status, answer = authorize_join(gw, alice_id, str(meeting["id"]))
    check(status == 0 and answer.get("role") == "host", "authorize_join by numeric id gives the role")
    status, _ = authorize_join(gw, users["dave"][1], ref)
    check(status == 403, "authorize_join refuses a user who has not joined -> 403")
    status, _ = authorize_join(gw, bob_id, "mtg-unknown")
    check(status == 404, "authorize_join on an unknown meeting -> 404")
    status, _ = authorize_join(gw, "nobody", ref)
    check(status == 400, "authorize_join with a bad user_id -> 400")


def check_moderation(api, gw, users, meeting):
    (alice, alice_id), (bob, bob_id), (carol, carol_id) = users["alice"], users["bob"], users["carol"]
    dave, dave_id = users["dave"]
    ref = meeting["meeting_id"]
    status, _, _ = api.call("POST", f"/meetings/{ref}/participants/{bob_id}/mute", {}, carol)
    check(status == 403, "a participant cannot mute another -> 403")
    status, answer, _ = api.call("POST", f"/meetings/{ref}/participants/{bob_id}/mute", {"kind": "video"}, alice)
    check(status == 200 and data(answer).get("is_muted_video") is True, "the host mutes video", answer)
    status, answer, _ = api.call("POST", f"/meetings/{ref}/participants/{bob_id}/unmute", {"kind": "audio"}, bob)
    check(status == 200 and data(answer).get("is_muted_audio") is False, "one unmutes oneself")
    status, answer, _ = api.call("POST", f"/meetings/{ref}/participants/{bob_id}/mute", {"kind": "smell"}, alice)
    check(status == 400 and "kind" in answer.get("message", ""), "bad mute kind -> 400 naming kind")
    status, _, _ = api.call("POST", f"/meetings/{ref}/participants/{dave_id}/mute", {}, alice)
    check(status == 404, "muting a non-participant -> 404")
    status, _, _ = api.call("POST", f"/meetings/{ref}/participants/abc/kick", {}, alice)
    check(status == 400, "a non-numeric participant id -> 400")
    status, answer, _ = api.call("PUT", f"/meetings/{ref}/participants/{bob_id}/role", {"role": "boss"}, alice)
    check(status == 400 and "role" in answer.get("message", ""), "bad role -> 400 naming role")
    status, answer, _ = api.call("PUT", f"/meetings/{ref}/participants/{bob_id}/role", {"role": "co-host"}, alice)
    check(status == 200 and data(answer).get("role") == "co-host", "the host makes bob co-host", answer)
    status, _, _ = api.call("PUT", f"/meetings/{ref}/participants/{carol_id}/role", {"role": "host"}, bob)
    check(status == 403, "a co-host cannot grant host -> 403")
    status, _, _ = api.call("POST", f"/meetings/{ref}/participants/{alice_id}/kick", {}, bob)
    check(status == 403, "nobody kicks the creator -> 403")
    status, _, _ = api.call("POST", f"/meetings/{ref}/participants/{bob_id}/kick", {}, carol)
    check(status == 403, "a participant cannot kick -> 403")
    status, answer, _ = api.call("POST", f"/meetings/{ref}/participants/{carol_id}/kick", {}, bob)
    check(status == 200, "the co-host kicks carol", answer)
    status, answer, _ = api.call("POST", f"/meetings/{ref}/join", {}, carol)
    check(status == 403, "a kicked participant cannot rejoin -> 403", answer)
    status, _ = authorize_join(gw, carol_id, ref)
    check(status == 403, "authorize_join refuses a kicked participant -> 403")
    status, _, _ = api.call("POST", f"/meetings/{ref}/participants/{carol_id}/kick", {}, bob)
    check(status == 404, "kicking someone not in the meeting -> 404")
    api.call("POST", f"/meetings/{ref}/join", {}, dave)
    status, _, _ = api.call("POST", f"/meetings/{ref}/leave", {}, dave)
    check(status == 200, "leave")
    status, _, _ = api.call("POST", f"/meetings/{ref}/leave", {}, dave)
    check(status == 409, "leaving twice -> 409")
    status, answer, _ = api.call("GET", f"/meetings/{ref}/participants?all=true", token=alice)
    statuses = {p["user_id"]: p["status"] for p in data(answer).get("list", [])}
    check(statuses.get(carol_id) == "kicked" and statuses.get(dave_id) == "left",
          "participants?all=true shows kicked and left", statuses)


def check_password_meeting(api, users):
    (alice, _), (bob, _) = users["alice"], users["bob"]
    status, answer, _ = api.call("POST", "/meetings", {"title": "Secret", "password": "open-sesame"}, alice)
    m = data(answer)
    check(status == 201 and m.get("has_password") is True, "create a password-protected meeting")
    status, _, _ = api.call("POST", f"/meetings/{m['id']}/join", {}, bob)
    check(status == 403, "join without the password -> 403")
    status, _, _ = api.call("POST", f"/meetings/{m['id']}/join", {"password": "wrong-one"}, bob)
    check(status == 403, "join with a wrong password -> 403")
    status, _, _ = api.call("POST", f"/meetings/{m['id']}/join", {"password": "open-sesame"}, bob)
    check(status == 200, "join with the password")
    status, _, _ = api.call("POST", f"/meetings/{m['id']}/join", {}, alice)
    check(status == 200, "the creator needs no password")


def check_lifecycle(api, gw, users, meeting):
    (alice, _), (bob, _), (carol, _) = users["alice"], users["bob"], users["carol"]
    ref = meeting["meeting_id"]
    status, _, _ = api.call("POST", f"/meetings/{ref}/start", {}, carol)
    check(status == 403, "start by a non-manager -> 403")
    status, answer, _ = api.call("POST", f"/meetings/{ref}/start", {}, bob)  # co-host
    check(status == 200 and data(answer).get("status") == "ongoing", "the co-host starts it", answer)
    status, _, _ = api.call("POST", f"/meetings/{ref}/start", {}, alice)
    check(status == 409, "starting twice -> 409")
    if gw.redis is not None:
        check(gw.redis.command("GET", f"meeting:{ref}:status") in ("$6",),
              "Redis meeting:{id}:status is set while ongoing")
    status, answer, _ = api.call("GET", "/meetings?status=ongoing", token=carol)
    check(data(answer).get("total") == 1, "list status=ongoing finds it")
    status, answer, _ = api.call("POST", f"/meetings/{ref}/end", {}, alice)
    check(status == 200 and data(answer).get("status") == "ended" and data(answer).get("end_time"),
          "the host ends it", answer)
    status, answer, _ = api.call("POST", f"/meetings/{ref}/end", {}, alice)
    check(status == 409, "ending twice -> 409")
    status, answer, _ = api.call("POST", f"/meetings/{ref}/join", {}, users["dave"][0])
    check(status == 409 and answer.get("code") == 409, "join after the end -> 409")
    status, _, _ = api.call("PUT", f"/meetings/{ref}", {"title": "late"}, alice)
    check(status == 409, "update after the end -> 409")
    status, answer, _ = api.call("GET", f"/meetings/{ref}", token=alice)
    check(data(answer).get("participant_count") == 0, "ending marks everyone left")
    status, _ = authorize_join(gw, users["alice"][1], ref)
    check(status == 403, "authorize_join after the end -> 403")


def check_delete(api, users, admin_token):
    (alice, _), (bob, _) = users["alice"], users["bob"]
    for owner_is_admin in (False, True):
        status, answer, _ = api.call("POST", "/meetings", {"title": "To delete"}, alice)
        m = data(answer)
        api.call("POST", f"/meetings/{m['id']}/join", {}, bob)
        api.call("PUT", f"/meetings/{m['id']}/participants/{users['bob'][1]}/role", {"role": "host"}, alice)
        status, _, _ = api.call("DELETE", f"/meetings/{m['id']}", token=bob)
        check(status == 403, "delete by a host who is not the creator -> 403")
        status, _, _ = api.call("DELETE", f"/meetings/{m['id']}", token=admin_token if owner_is_admin else alice)
        check(status == 200, "delete by " + ("an admin" if owner_is_admin else "the creator"))
        status, _, _ = api.call("GET", f"/meetings/{m['id']}", token=alice)
        check(status == 404, "a deleted meeting is gone")


def check_concurrent_joins(api, owner):
    status, answer, _ = api.call("POST", "/meetings", {"title": "Crowd", "max_participants": 10}, owner)
    meeting_id = data(answer)["meeting_id"]
    with ThreadPoolExecutor(max_workers=10) as pool:
        tokens = list(pool.map(lambda i: api.user(f"crowd{i:02d}")[0], range(30)))
    barrier = threading.Barrier(30)

    def join(token):
        barrier.wait(timeout=60)
        return api.call("POST", f"/meetings/{meeting_id}/join", {}, token)[0]

    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(join, tokens))
    check(results.count(200) == 10 and results.count(409) == 20,
          "30 concurrent joins, max_participants 10: exactly 10 in, 20 answered 409",
          {s: results.count(s) for s in set(results)})
    status, answer, _ = api.call("GET", f"/meetings/{meeting_id}/participants", token=owner)
    check(data(answer).get("total") == 10, "the meeting holds exactly 10")


def check_without_auth_plugin():
    gw = Gateway(conf={"meetgate.plugin.auth.jcfg": "general: { enabled = false; };"}, wait_for_ws=False)
    try:
        gw.start()
        status, answer, _ = http_json("GET", gw.http_url + "/api/v1/meetings",
                                      headers={"Authorization": "Bearer x.y.z"})
        check(status == 503 and answer.get("code") == 503, "no auth plugin -> 503", answer)
    finally:
        gw.stop()


def main():
    gw = Gateway(conf={"meetgate.plugin.auth.jcfg": auth_conf(), "meetgate.jcfg": core_conf()},
                 wait_for_ws=False)
    gw.start()
    try:
        api = Api(gw)
        if gw.postgres is not None:
            check("meetings on postgresql://" in gw.log(), "the meeting plugin runs on PostgreSQL")
        if gw.redis is not None:
            check("presence on Redis" in gw.log(), "the meeting plugin keeps presence in Redis")
        users = {name: api.user(name) for name in ("alice", "bob", "carol", "dave")}
        admin_token = api.login(*ADMIN)[0]
        check_unauthenticated(api, 1)
        meeting = check_create(api, users["alice"][0])
        check_get_and_list(api, users["alice"][0], users["bob"][0], meeting)
        check_update(api, users["alice"][0], users["bob"][0], meeting)
        check_join_and_participants(api, gw, users, meeting)
        check_moderation(api, gw, users, meeting)
        check_password_meeting(api, users)
        check_lifecycle(api, gw, users, meeting)
        check_delete(api, users, admin_token)
        check_concurrent_joins(api, users["dave"][0])
    except Exception:
        print(gw.log()[-4000:], file=sys.stderr)
        raise
    finally:
        code = gw.stop()
        check(code == 0, "the gateway stops cleanly", code)
    check_without_auth_plugin()
    check.finish()


if __name__ == "__main__":
    main()
