#!/usr/bin/python3
"""The recorder's REST API against the real daemon with the real auth and
meeting plugins: media upload/download round trip (byte-identical), Range
(206/416), content sniffing, 403 for other users, 413 over the limit, 404
for unknown ids; recordings start/stop/status/list/download/delete with
their permissions and the alias paths; a composite recording of a live
meeting (no publishers yet: the grid is black, the audio silent) is a real
WebM file; meeting.ended stops a recording and "recording": true in the
meeting's settings starts one. Runs on SQLite, or PostgreSQL with
MEETGATE_TEST_DATABASE=postgres."""
import os
import re
import secrets
import subprocess

from meetgate_harness import SOURCE_DIR, Gateway, check, http_json, http_raw, wait_for

PASSWORD = "Record-Gate-2026!x"
ADMIN = ("admin", "Root-Pass-42!zq")
UPLOAD_LIMIT = 64 * 1024


def auth_conf():
    with open(os.path.join(SOURCE_DIR, "plugins", "auth", "meetgate.plugin.auth.jcfg")) as f:
        text = f.read()
    for key in ("login_rate_max_per_ip", "login_rate_max_per_account", "register_rate_max_per_ip",
                "lockout_threshold"):
        text = re.sub(rf"{key} = \d+;", f"{key} = 0;", text)
    text = re.sub(r"argon2_memlimit_kib = \d+;", "argon2_memlimit_kib = 8192;", text)
    text = text.replace('# admin_username = "admin";', f'admin_username = "{ADMIN[0]}";')
    return text.replace('# admin_password = "Change-Me-Now-42";', f'admin_password = "{ADMIN[1]}";')


def recorder_conf():
    with open(os.path.join(SOURCE_DIR, "plugins", "recorder", "meetgate.plugin.recorder.jcfg")) as f:
        text = f.read()
    text = re.sub(r"max_upload_bytes = \d+;", f"max_upload_bytes = {UPLOAD_LIMIT};", text)
    text = re.sub(r"composite_width = \d+;", "composite_width = 320;", text)
    return re.sub(r"composite_height = \d+;", "composite_height = 240;", text)


class Api:
    def __init__(self, gw):
        self.base = gw.http_url + "/api/v1"

    def call(self, method, path, body=None, token=None, headers=None):
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = "Bearer " + token
        return http_json(method, self.base + path, body, headers=all_headers, timeout=60)

    def raw(self, method, path, token, body=None, headers=None):
        all_headers = dict(headers or {})
        all_headers["Authorization"] = "Bearer " + token
        return http_raw(method, self.base + path, body, headers=all_headers, timeout=60)

    def user(self, name):
        status, body, _ = self.call("POST", "/register", {
            "username": name, "email": f"{name}@example.com", "password": PASSWORD})
        if status not in (200, 201):
            raise RuntimeError(f"register {name}: {status} {body}")
        return self.login(name, PASSWORD)

    def login(self, name, password):
        status, body, _ = self.call("POST", "/login", {"username": name, "password": password})
        if status != 200:
            raise RuntimeError(f"login {name}: {status} {body}")
        d = body["data"]
        return d.get("token") or d["access_token"]


def data(body):
    return (body or {}).get("data") or {}


def multipart(fields):
    boundary = "----meetgate" + secrets.token_hex(8)
    body = b""
    for name, filename, ctype, content in fields:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        if ctype:
            body += f"Content-Type: {ctype}\r\n".encode()
        body += b"\r\n" + content + b"\r\n"
    return f"multipart/form-data; boundary={boundary}", body + f"--{boundary}--\r\n".encode()


def upload(api, token, content, filename="clip.bin", ctype="text/plain", meeting=None):
    fields = [("file", filename, ctype, content)]
    if meeting is not None:
        fields.append(("meeting_id", None, None, str(meeting).encode()))
    header, body = multipart(fields)
    return api.call("POST", "/media/upload", body, token, {"Content-Type": header})


def check_media(api, gw, users, meeting):
    alice, bob, carol, admin = users["alice"], users["bob"], users["carol"], users["admin"]
    png = b"\x89PNG\r\n\x1a\n" + secrets.token_bytes(20000)
    status, body, _ = upload(api, alice, png, "../../evil.sh", "text/x-shellscript")
    check(status == 200, "upload -> 200", body)
    info = data(body)
    mid = info.get("id")
    check(info.get("content_type") == "image/png", "type sniffed from bytes, not the client's", info)
    check(info.get("filename") == "evil.sh" and info.get("size") == len(png), "name/size kept", info)
    stored = os.listdir(os.path.join(gw.data_dir, "media"))
    check(len(stored) == 1 and re.fullmatch(r"[0-9a-f]{32}\.png", stored[0]),
          "stored under a generated name in data_dir/media", stored)
    status, raw, headers = api.raw("GET", f"/media/{mid}", alice)
    check(status == 200 and raw == png, "download is byte-identical")
    check(headers.get("Content-Type", "").startswith("image/png"), "download content type")
    status, raw, headers = api.raw("GET", f"/media/{mid}", alice, headers={"Range": "bytes=10-19"})
    check(status == 206 and raw == png[10:20]
          and headers.get("Content-Range") == f"bytes 10-19/{len(png)}", "Range 10-19 -> 206")
    status, raw, _ = api.raw("GET", f"/media/{mid}", alice, headers={"Range": "bytes=-7"})
    check(status == 206 and raw == png[-7:], "suffix Range -> last 7 bytes")
    status, raw, headers = api.raw("GET", f"/media/{mid}", alice,
                                   headers={"Range": f"bytes={len(png)}-"})
    check(status == 416 and headers.get("Content-Range") == f"bytes */{len(png)}",
          "Range past the end -> 416 with bytes */size")
    status, body, _ = api.call("GET", f"/media/info/{mid}", token=alice)
    check(status == 200 and data(body).get("id") == mid, "GET /media/info/:id")
    for method, path in (("GET", f"/media/{mid}"), ("GET", f"/media/info/{mid}"),
                         ("DELETE", f"/media/{mid}")):
        status, body, _ = api.call(method, path, token=bob)
        check(status == 403 and body.get("code") == 403, f"bob {method} {path} -> 403", body)
    status, _, _ = api.call("GET", f"/media/info/{mid}", token=admin)
    check(status == 200, "admin may read any media file")
    for method, path in (("GET", "/media/999999"), ("GET", "/media/info/999999"),
                         ("DELETE", "/media/999999")):
        status, body, _ = api.call(method, path, token=alice)
        check(status == 404 and body.get("code") == 404, f"{method} {path} unknown -> 404")
    status, _, _ = api.call("GET", "/media/abc", token=alice)
    check(status == 400, "non-numeric id -> 400")
    status, _, _ = api.call("GET", "/media")
    check(status == 401, "no token -> 401")
    status, body, _ = upload(api, alice, b"\x1a\x45\xdf\xa3" + b"\0" * (UPLOAD_LIMIT + 1))
    check(status == 413 and body.get("code") == 413, "upload over max_upload_bytes -> 413", body)
    status, body, _ = api.call("POST", "/media/upload", b"{}", alice,
                               {"Content-Type": "application/json"})
    check(status == 400, "upload without multipart -> 400", body)
    # A meeting file: the meeting's host may read a participant's upload.
    status, body, _ = upload(api, carol, b"%PDF-1.7\n" + b"x" * 100, "notes.pdf", meeting=meeting)
    cid = data(body).get("id")
    check(status == 200 and data(body).get("content_type") == "application/pdf", "pdf upload", body)
    status, _, _ = api.call("GET", f"/media/info/{cid}", token=alice)
    check(status == 200, "the meeting's host reads a participant's file")
    status, _, _ = api.call("GET", f"/media/info/{cid}", token=bob)
    check(status == 403, "a non-participant cannot")
    status, body, _ = api.call("GET", "/media?page=1&page_size=10", token=alice)
    d = data(body)
    check(status == 200 and d.get("total") == 1 and d.get("total_pages") == 1
          and d["list"][0]["id"] == mid, "GET /media lists the caller's files", d)
    status, _, _ = api.call("DELETE", f"/media/{mid}", token=alice)
    check(status == 200, "owner deletes")
    status, _, _ = api.call("GET", f"/media/{mid}", token=alice)
    check(status == 404 and len(os.listdir(os.path.join(gw.data_dir, "media"))) == 1,
          "deleted: 404 and the file is gone")


def check_recordings(api, gw, users, meeting):
    alice, bob, carol, admin = users["alice"], users["bob"], users["carol"], users["admin"]
    for token, who, expect in ((bob, "a non-participant", 403), (carol, "a participant", 403)):
        status, body, _ = api.call("POST", "/recordings/start", {"meeting_id": meeting}, token)
        check(status == expect, f"start by {who} -> {expect}", body)
    status, _, _ = api.call("POST", "/recordings/start", {"meeting_id": "no-such-meeting"}, alice)
    check(status == 404, "start for an unknown meeting -> 404")
    status, _, _ = api.call("POST", "/recordings/start", {"meeting_id": meeting, "mode": "x"}, alice)
    check(status == 400, "bad mode -> 400")
    status, body, _ = api.call("POST", "/recordings/start",
                               {"meeting_id": meeting, "mode": "composite"}, alice)
    rec = data(body)
    rid = rec.get("id")
    check(status == 200 and rec.get("status") == "recording", "host starts a recording", body)
    status, _, _ = api.call("POST", "/recording/start", {"meeting_id": meeting}, alice)
    check(status == 409, "second start of the same meeting -> 409 (alias path)")
    status, body, _ = api.call("GET", f"/recordings/{rid}", token=alice)
    check(status == 200 and data(body).get("status") == "recording", "status while recording")
    for token, who in ((carol, "a participant"), (bob, "another user")):
        status, _, _ = api.call("GET", f"/recordings/{rid}", token=token)
        check(status == 403, f"{who} cannot read the recording")
        status, _, _ = api.call("POST", "/recordings/stop", {"recording_id": rid}, token)
        check(status == 403, f"{who} cannot stop it")
    # A moment of recorded media: wait until the composite file has data.
    rec_dir = os.path.join(gw.data_dir, "recordings", str(rid))
    wait_for(lambda: any(os.path.getsize(os.path.join(rec_dir, f)) > 2000
                         for f in os.listdir(rec_dir)), timeout=30, what="composite data on disk")
    status, body, _ = api.call("POST", "/recordings/stop", {"recording_id": rid}, alice)
    rec = data(body)
    files = rec.get("files") or []
    check(status == 200 and rec.get("status") == "stopped", "host stops it", body)
    check(len(files) == 1 and files[0]["kind"] == "composite" and files[0]["size_bytes"] > 0
          and files[0]["status"] == "complete" and files[0]["duration_ms"] > 0,
          "one finalized composite file with size and duration", files)
    status, _, _ = api.call("POST", "/recording/stop", {"recording_id": rid}, alice)
    check(status == 409, "stopping a stopped recording -> 409")
    fid = files[0]["id"] if files else 0
    status, raw, headers = api.raw("GET", f"/recordings/{rid}/files/{fid}", alice)
    check(status == 200 and raw[:4] == b"\x1a\x45\xdf\xa3" and len(raw) == files[0]["size_bytes"],
          "download the WebM file")
    path = os.path.join(gw.data_dir, "recordings", "dl.webm")
    with open(path, "wb") as f:
        f.write(raw)
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                            "-of", "csv=p=0", path], capture_output=True, text=True, timeout=60)
    check(probe.returncode == 0 and float(probe.stdout.strip() or 0) > 0.3,
          f"the recording demuxes (duration {probe.stdout.strip()} s)")
    os.remove(path)
    status, raw2, headers = api.raw("GET", f"/recordings/{rid}/files/{fid}", alice,
                                    headers={"Range": "bytes=0-99"})
    check(status == 206 and raw2 == raw[:100], "recording download with Range -> 206")
    status, raw3, _ = api.raw("GET", f"/recording/download/{rid}", admin)
    check(status == 200 and raw3 == raw, "alias /recording/download/:id (admin)")
    status, _, _ = api.call("GET", f"/recordings/{rid}/files/999999", token=alice)
    check(status == 404, "unknown file id -> 404")
    status, body, _ = api.call("GET", f"/recording/status/{rid}", token=alice)
    check(status == 200 and data(body).get("id") == rid, "alias /recording/status/:id")
    status, body, _ = api.call("GET", f"/recordings?meeting_id={meeting}", token=alice)
    check(status == 200 and data(body).get("total") == 1, "list by meeting for its host", body)
    status, body, _ = api.call("GET", "/recording/list", token=bob)
    check(status == 200 and data(body).get("total") == 0, "bob's list is empty (alias)")
    status, body, _ = api.call("GET", f"/recordings?meeting_id={meeting}", token=carol)
    check(status == 200 and data(body).get("total") == 0, "a participant only sees her own")
    status, _, _ = api.call("GET", "/recordings/999999", token=alice)
    check(status == 404, "unknown recording -> 404")
    status, _, _ = api.call("DELETE", f"/recordings/{rid}", token=bob)
    check(status == 403, "bob cannot delete")
    status, _, _ = api.call("DELETE", f"/recording/{rid}", token=alice)
    check(status == 200 and not os.path.exists(rec_dir), "host deletes (alias); files removed")
    status, _, _ = api.call("GET", f"/recordings/{rid}", token=alice)
    check(status == 404, "deleted recording -> 404")


def check_meeting_events(api, gw, users, meeting_ref):
    alice = users["alice"]
    status, body, _ = api.call("POST", "/recordings/start", {"meeting_id": meeting_ref}, alice)
    rid = data(body).get("id")
    check(status == 200, "start a tracks recording", body)
    status, _, _ = api.call("POST", f"/meetings/{meeting_ref}/end", {}, alice)
    check(status == 200, "the host ends the meeting")

    def stopped():
        s, b, _ = api.call("GET", f"/recordings/{rid}", token=alice)
        return s == 200 and data(b).get("status") == "stopped"
    wait_for(stopped, timeout=30, what="recording stopped by meeting.ended")
    check(stopped(), "meeting.ended stopped the recording")
    # A meeting with "recording": true is recorded from its start.
    status, body, _ = api.call("POST", "/meetings", {"title": "Auto", "settings": {"recording": True}},
                               alice)
    auto = data(body)
    ref = auto.get("id")
    api.call("POST", f"/meetings/{ref}/join", {}, alice)
    status, body, _ = api.call("POST", f"/meetings/{ref}/start", {}, alice)
    check(status == 200, "start the auto-recorded meeting", body)

    def listed():
        s, b, _ = api.call("GET", f"/recordings?meeting_id={auto.get('meeting_id')}", token=alice)
        return s == 200 and data(b).get("total") == 1 and data(b)["list"][0]["status"] == "recording"
    wait_for(listed, timeout=30, what="auto recording")
    check(listed(), "meeting.started with settings.recording started a recording")
    api.call("POST", f"/meetings/{ref}/end", {}, alice)


def check_quota():
    """disk_quota_bytes: an upload that would pass it and a recording start
    once it is used up get 507."""
    conf = re.sub(r"disk_quota_bytes = \d+L;", "disk_quota_bytes = 30000L;", recorder_conf())
    gw = Gateway(conf={"meetgate.plugin.auth.jcfg": auth_conf(),
                       "meetgate.plugin.recorder.jcfg": conf})
    gw.start()
    try:
        api = Api(gw)
        dave = api.user("dave")
        status, _, _ = upload(api, dave, b"OggS" + b"\0" * 20000)
        check(status == 200, "upload under the quota")
        status, body, _ = upload(api, dave, b"OggS" + b"\0" * 20000)
        check(status == 507 and body.get("code") == 507, "upload past the quota -> 507", body)
        status, body, _ = upload(api, dave, b"OggS" + b"\0" * 9992)  # exactly fills the quota
        check(status == 200, "a file that still fits is accepted", body)
        _, body, _ = api.call("POST", "/meetings", {"title": "Quota"}, dave)
        ref = data(body).get("id")
        api.call("POST", f"/meetings/{ref}/join", {}, dave)
        status, body, _ = api.call("POST", "/recordings/start", {"meeting_id": ref}, dave)
        check(status == 507, "recording start with the quota used up -> 507", body)
    finally:
        gw.stop()


def main():
    check_quota()
    gw = Gateway(conf={"meetgate.plugin.auth.jcfg": auth_conf(),
                       "meetgate.plugin.recorder.jcfg": recorder_conf()})
    gw.start()
    try:
        api = Api(gw)
        users = {name: api.user(name) for name in ("alice", "bob", "carol")}
        users["admin"] = api.login(*ADMIN)
        status, body, _ = api.call("POST", "/meetings", {"title": "Recorded"}, users["alice"])
        meeting = data(body)
        ref = meeting.get("id")
        check(status in (200, 201), "alice creates a meeting", body)
        for name in ("alice", "carol"):
            status, body, _ = api.call("POST", f"/meetings/{ref}/join", {}, users[name])
            check(status == 200, f"{name} joins", body)
        api.call("POST", f"/meetings/{ref}/start", {}, users["alice"])
        check_media(api, gw, users, ref)
        check_recordings(api, gw, users, ref)
        check_meeting_events(api, gw, users, ref)
    except Exception:
        print(gw.log()[-6000:])
        raise
    finally:
        code = gw.stop()
        check(code == 0, f"gateway exits cleanly ({code})")
    check.finish()


if __name__ == "__main__":
    main()
