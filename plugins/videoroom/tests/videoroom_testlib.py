"""Shared pieces of the videoroom integration tests: a gateway with the auth
sample relaxed for tests, users, meetings and signaling clients."""
import base64
import hashlib
import hmac
import json
import os
import re
import time
import urllib.parse

from meetgate_harness import SOURCE_DIR, Gateway, http_json
from meetgate_ws import ws_connect

PASSWORD = "Meet-Gate-2026!x"


def auth_conf():
    """The auth sample with rate limits off and cheap Argon2id (tests only)."""
    with open(os.path.join(SOURCE_DIR, "plugins", "auth", "meetgate.plugin.auth.jcfg")) as f:
        text = f.read()
    for key in ("login_rate_max_per_ip", "login_rate_max_per_account", "register_rate_max_per_ip",
                "lockout_threshold"):
        text = re.sub(rf"{key} = \d+;", f"{key} = 0;", text)
    return re.sub(r"argon2_memlimit_kib = \d+;", "argon2_memlimit_kib = 8192;", text)


def gateway(videoroom_conf=None, extra_env=None):
    conf = {"meetgate.plugin.auth.jcfg": auth_conf()}
    if videoroom_conf is not None:
        conf["meetgate.plugin.videoroom.jcfg"] = videoroom_conf
    return Gateway(conf=conf, extra_env=extra_env)


class Api:
    def __init__(self, gw):
        self.gw = gw
        self.base = gw.http_url + "/api/v1"

    def call(self, method, path, body=None, token=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        return http_json(method, self.base + path, body, headers=headers, timeout=60)

    def user(self, name):
        """Registers and logs in `name`; returns a dict {name, token, id}."""
        status, body, _ = self.call("POST", "/register", {
            "username": name, "email": f"{name}@example.com", "password": PASSWORD})
        if status not in (200, 201):
            raise RuntimeError(f"register {name}: {status} {body}")
        status, body, _ = self.call("POST", "/login", {"username": name, "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"login {name}: {status} {body}")
        data = body["data"]
        return {"name": name, "token": data.get("token") or data["access_token"],
                "id": data["user"]["id"]}

    def meeting(self, host, title="videoroom test"):
        status, body, _ = self.call("POST", "/meetings", {"title": title, "max_participants": 50},
                                    host["token"])
        if status not in (200, 201):
            raise RuntimeError(f"create meeting: {status} {body}")
        return body["data"]["meeting_id"]

    def join(self, user, meeting_id):
        status, body, _ = self.call("POST", f"/meetings/{meeting_id}/join", {}, user["token"])
        if status != 200:
            raise RuntimeError(f"join {user['name']}: {status} {body}")
        return body["data"]


def signaling_path(user, meeting_id, peer_id=None, token=True, **extra):
    query = {"user_id": user["id"], "meeting_id": meeting_id,
             "peer_id": peer_id or f"peer-{user['name']}"}
    if token:
        query["token"] = user["token"]
    query.update(extra)
    return "/ws/signaling?" + urllib.parse.urlencode(query)


def connect(gw, user, meeting_id, peer_id=None, **kw):
    return ws_connect(gw, signaling_path(user, meeting_id, peer_id), **kw)


def is_type(*names):
    return lambda m: m.get("type") in names


def drain(ws, window=0.5):
    """Every message that arrives within `window` seconds of silence."""
    out = []
    while True:
        try:
            out.append(ws.recv_json(timeout=window))
        except TimeoutError:
            return out


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def expired_copy(token, secret):
    """The same claims with exp in the past, signed with the gateway's secret:
    a token that is genuine except for its expiry."""
    header, payload, _ = token.split(".")
    claims = json.loads(_unb64(payload))
    claims["iat"] = int(time.time()) - 7200
    claims["exp"] = int(time.time()) - 3600
    body = header + "." + _b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()
    return body + "." + _b64(signature)
