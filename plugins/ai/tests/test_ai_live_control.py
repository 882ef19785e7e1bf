#!/usr/bin/python3
"""Live analysis control with the real meeting plugin: a meeting whose
settings have "ai": true starts live analysis on meeting.started and stops on
meeting.ended; only the host/co-host (or an admin) may start/stop it by REST;
no unit -> 503. (Media through live analysis needs the videoroom's
videoroom.producer_added events, see README.md.)"""
import os
import re
import sys

from meetgate_harness import SOURCE_DIR, Gateway, check, free_port, wait_for

import test_ai_rest as t

ADMIN = ("admin", "Root-Pass-42!zq")


def auth_conf():
    with open(os.path.join(SOURCE_DIR, "conf", "meetgate.plugin.auth.jcfg")) as f:
        text = f.read()
    for key in ("login_rate_max_per_ip", "login_rate_max_per_account", "register_rate_max_per_ip"):
        text = re.sub(rf"{key} = \d+;", f"{key} = 0;", text)
    text = text.replace('# admin_username = "admin";', f'admin_username = "{ADMIN[0]}";')
    return text.replace('# admin_password = "Change-Me-Now-42";', f'admin_password = "{ADMIN[1]}";')


def login(api, name, password):
    status, body, _ = api.call("POST", "/login", {"username": name, "password": password})
    return body["data"].get("token") or body["data"]["access_token"]


def status_of(api, token, meeting_id):
    status, body, _ = api.call("GET", f"/ai/live/status?meeting_id={meeting_id}", token=token)
    return status, ((body or {}).get("data") or {})


def main():
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    unit = None
    with Gateway(extra_env={"MEETGATE_INFER_ENDPOINT": endpoint},
                 conf={"meetgate.plugin.auth.jcfg": auth_conf()}) as gw:
        try:
            api = t.Api(gw)
            alice, bob = api.user("alicelive"), api.user("boblive")
            admin = login(api, *ADMIN)
            status, body, _ = api.call("POST", "/meetings", {"title": "ai live", "settings": {"ai": True}}, alice)
            check(status in (200, 201), "meeting with settings.ai created", body)
            meeting = body["data"]
            mid, num = meeting["meeting_id"], meeting["id"]
            for token in (alice, bob):
                status, body, _ = api.call("POST", f"/meetings/{num}/join", {}, token)
                check(status == 200, "joined the meeting", body)
            status, body, _ = api.call("POST", "/ai/live/start", {"meeting_id": mid}, alice)
            check(status == 503, "no unit: live start -> 503", body)
            unit = t.start_unit(endpoint)
            wait_for(lambda: "asr.pocketsphinx" in t.model_names(api, alice), timeout=60, what="unit")
            status, body, _ = api.call("POST", f"/meetings/{num}/start", {}, alice)
            check(status == 200, "meeting started", body)
            wait_for(lambda: status_of(api, alice, mid)[1].get("running") is True, timeout=10,
                     what="live analysis started by meeting.started")
            check(True, "meeting.started with settings.ai starts live analysis")
            status, body, _ = api.call("POST", "/ai/live/stop", {"meeting_id": mid}, bob)
            check(status == 403, "a participant cannot stop live analysis", body)
            status, data = status_of(api, bob, mid)
            check(status == 200 and data.get("running") is True and data.get("streams") == [],
                  "a participant reads the live status", data)
            status, body, _ = api.call("POST", "/ai/live/stop", {"meeting_id": mid}, alice)
            check(status == 200 and body["data"]["running"] is False, "the host stops live analysis", body)
            status, body, _ = api.call("POST", "/ai/live/stop", {"meeting_id": mid}, alice)
            check(status == 404, "stopping it again -> 404", body)
            status, body, _ = api.call("POST", "/ai/live/start", {"meeting_id": num}, alice)
            check(status == 200 and body["data"]["running"] is True and body["data"]["meeting_id"] == mid,
                  "the host restarts it by numeric id", body)
            status, body, _ = api.call("POST", "/ai/live/start", {"meeting_id": "no-such-meeting"}, alice)
            check(status == 404, "unknown meeting -> 404", body)
            status, body, _ = api.call("POST", "/ai/live/start", {}, alice)
            check(status == 400 and "meeting_id" in body.get("error", ""), "missing meeting_id -> 400", body)
            status, body, _ = api.call("POST", f"/meetings/{num}/end", {}, alice)
            check(status == 200, "meeting ended", body)
            wait_for(lambda: status_of(api, admin, mid)[1].get("running") is False, timeout=10,
                     what="live analysis stopped by meeting.ended")
            check(True, "meeting.ended stops live analysis")
        except Exception:
            print(gw.log()[-4000:])
            raise
        finally:
            if unit and unit.poll() is None:
                unit.terminate()
                unit.wait(10)
    check.finish()


if __name__ == "__main__":
    sys.exit(main())
