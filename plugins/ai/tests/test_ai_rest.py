#!/usr/bin/python3
"""The ai plugin's REST API against the real daemon and a real meetgate-infer
unit: speech recognition of espeak-ng speech, faces on a photo and a blank
image, no unit -> 503, malformed input -> 400, the bounded queue -> 429, a
unit killed mid-task -> the task fails (unit_lost) and a restarted unit
serves again; files uploaded to the recorder (POST /api/v1/media/upload)
analyzed by media_file_id, with the recorder's access rules."""
import atexit
import base64
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile

import cv2
import numpy

from meetgate_harness import BUILD_DIR, Gateway, check, free_port, http_json, wait_for

SENTENCE = "hello everyone, my name is john. i would like to talk about the new project."
KEY_WORDS = ["hello", "everyone", "name", "john", "like", "talk", "about", "new", "project"]
FACE_PHOTO = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"
PASSWORD = "Str0ng-Passw0rd!"


class Api:
    def __init__(self, gw):
        self.base = gw.http_url + "/api/v1"

    def call(self, method, path, body=None, token=None, timeout=90, headers=None):
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = "Bearer " + token
        return http_json(method, self.base + path, body, headers=headers, timeout=timeout)

    def user(self, name):
        status, body, _ = self.call("POST", "/register", {
            "username": name, "email": f"{name}@example.com", "password": PASSWORD})
        if status not in (200, 201):
            raise RuntimeError(f"register {name}: {status} {body}")
        status, body, _ = self.call("POST", "/login", {"username": name, "password": PASSWORD})
        data = body["data"]
        return data.get("token") or data["access_token"]


def speech_wav(directory):
    raw = os.path.join(directory, "speech-22k.wav")
    wav = os.path.join(directory, "speech.wav")
    subprocess.run(["espeak-ng", "-v", "en-us+klatt", "-s", "140", "-w", raw, SENTENCE], check=True)
    subprocess.run(["sox", raw, "-r", "16000", "-c", "1", "-b", "16", wav], check=True)
    slow = os.path.join(directory, "speech-8k.wav")
    subprocess.run(["sox", raw, "-r", "8000", "-c", "1", "-b", "16", slow], check=True)
    return [base64.b64encode(open(p, "rb").read()).decode() for p in (wav, slow)]


def key_words_heard(text):
    heard = set((text or "").lower().replace(".", " ").replace(",", " ").split())
    return [w for w in KEY_WORDS if w in heard]


def start_unit(endpoint):
    return subprocess.Popen([os.path.join(BUILD_DIR, "bin", "meetgate-infer"), "--endpoint", endpoint,
                             "--capacity", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def model_names(api, token):
    status, body, _ = api.call("GET", "/models", token=token)
    if status != 200:
        return []
    return sorted(m["name"] if isinstance(m, dict) else m for m in body["data"]["models"])


def wait_task(api, token, task_id, path="/ai/results/", timeout=60):
    record = {}

    def done():
        nonlocal record
        status, body, _ = api.call("GET", path + task_id, token=token)
        record = (body or {}).get("data") or {}
        return status == 200 and record.get("status") in ("completed", "failed")
    wait_for(done, timeout=timeout, what=f"task {task_id} finished")
    return record


def check_without_unit(api, token, wav_b64):
    check(model_names(api, token) == [], "no unit: GET /models lists nothing")
    status, body, _ = api.call("POST", "/ai/asr", {"audio_data": wav_b64}, token)
    check(status == 503 and "no inference unit" in body.get("message", ""), "no unit: /ai/asr -> 503", body)
    status, body, _ = api.call("POST", "/ai/analyze", {"type": "transcription", "audio_data": wav_b64}, token)
    check(status == 503, "no unit: /ai/analyze -> 503", body)


def check_auth_and_bad_input(api, token, wav_b64, slow_b64):
    for method, path in [("GET", "/models"), ("POST", "/ai/asr"), ("POST", "/ai/analyze"),
                         ("GET", "/ai/results/1"), ("POST", "/inference/submit"), ("GET", "/inference/x"),
                         ("POST", "/ai/live/start")]:
        status, body, _ = api.call(method, path, {})
        check(status == 401 and body.get("code") == 401, f"{method} {path} without a token -> 401", body)
    cases = [({"audio_data": "%%% not base64"}, "audio_data"),
             ({"audio_data": slow_b64}, "sample_rate"),
             ({"audio_data": ""}, "audio_data"),
             ({"audio_data": base64.b64encode(b"ID3 this is an mp3").decode()}, "audio_data"),
             ({"audio_data": base64.b64encode(b"RIFF\x04\x00\x00\x00WAVE").decode()}, "audio_data"),
             ({"audio_data": wav_b64, "sample_rate": 44100}, "sample_rate"),
             ({"audio_data": wav_b64, "format": "mp3"}, "format")]
    for body, field in cases:
        status, answer, _ = api.call("POST", "/ai/asr", body, token)
        check(status == 400 and field in answer.get("error", ""), f"/ai/asr bad {field} -> 400 naming it", answer)
    status, answer, _ = api.call("POST", "/ai/asr", b"{not json", token)
    check(status == 400, "/ai/asr with a broken JSON body -> 400", answer)
    status, answer, _ = api.call("POST", "/ai/analyze", {"type": "emotion", "image_data": "AAAA"}, token)
    check(status == 400 and "type" in answer.get("error", ""), "/ai/analyze unknown type -> 400", answer)
    status, answer, _ = api.call("GET", "/ai/results/task-doesnotexist", token=token)
    check(status == 404, "unknown result -> 404", answer)


def check_speech(api, token, wav_b64):
    status, body, _ = api.call("POST", "/ai/asr", {"audio_data": wav_b64, "format": "wav",
                                                    "sample_rate": 16000, "language": "en-US"}, token)
    data = (body or {}).get("data") or {}
    heard = key_words_heard(data.get("text"))
    check(status == 200 and len(heard) > len(KEY_WORDS) // 2,
          f"/ai/asr hears a majority of the key words ({len(heard)}/{len(KEY_WORDS)})", body)
    check(data.get("language") == "en-US" and data.get("duration_ms", 0) > 2000
          and 0 <= data.get("confidence", -1) <= 1, "/ai/asr answers language, duration and confidence", data)
    status, body, _ = api.call("POST", "/ai/analyze", {"type": "transcription", "audio_data": wav_b64,
                                                        "meeting_id": "ai-test-meeting"}, token)
    task_id = ((body or {}).get("data") or {}).get("task_id", "")
    check(status == 200 and task_id.startswith("task-"), "transcription task accepted", body)
    record = wait_task(api, token, task_id)
    heard = key_words_heard((record.get("result") or {}).get("transcript"))
    check(record.get("status") == "completed" and len(heard) > len(KEY_WORDS) // 2,
          f"transcription task result has a majority of key words ({len(heard)})", record)
    status, body, _ = api.call("GET", "/ai/results?meeting_id=ai-test-meeting", token=token)
    listed = [r["task_id"] for r in ((body or {}).get("data") or {}).get("list", [])]
    check(status == 200 and task_id in listed, "results are listed per meeting", body)
    return task_id


def check_faces(api, token, other_token):
    photo = base64.b64encode(open(FACE_PHOTO, "rb").read()).decode()
    ok, png = cv2.imencode(".png", numpy.full((240, 320, 3), 128, numpy.uint8))
    blank = base64.b64encode(png.tobytes()).decode()
    counts = {}
    for name, image in (("photo", photo), ("blank", blank)):
        status, body, _ = api.call("POST", "/ai/analyze", {"type": "faces", "image_data": image}, token)
        task_id = ((body or {}).get("data") or {}).get("task_id", "")
        record = wait_task(api, token, task_id) if status == 200 else {}
        counts[name] = (record.get("result") or {}).get("count")
    check(isinstance(counts["photo"], int) and counts["photo"] >= 1, f"faces on the photo >= 1 ({counts['photo']})")
    check(counts["blank"] == 0, f"faces on a blank image == 0 ({counts['blank']})")
    status, body, _ = api.call("POST", "/inference/submit", {"model": "vision.faces", "data": {"format": "jpeg"},
                                                              "input": photo}, token)
    task_id = ((body or {}).get("data") or {}).get("task_id", "")
    record = wait_task(api, token, task_id, path="/inference/")
    check(record.get("status") == "completed" and record["result"].get("count", 0) >= 1,
          "POST /inference/submit + GET /inference/:id", record)
    status, _, _ = api.call("GET", "/inference/" + task_id, token=other_token)
    check(status == 404, "another user cannot read the result")
    status, body, _ = api.call("POST", "/inference/submit", {"model": "llm.none", "input": photo}, token)
    check(status == 503, "a model no unit loaded -> 503", body)


def upload_media(api, token, filename, content):
    """POST /api/v1/media/upload (the recorder plugin), multipart; the file's id."""
    boundary = "----meetgate" + secrets.token_hex(8)
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode() + content
    body += f"\r\n--{boundary}--\r\n".encode()
    status, answer, _ = api.call("POST", "/media/upload", body, token,
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    check(status == 200, f"upload {filename} to the recorder", answer)
    return ((answer or {}).get("data") or {}).get("id")


def analyze_media(api, token, kind, media_id):
    status, body, _ = api.call("POST", "/ai/analyze", {"type": kind, "media_file_id": media_id}, token)
    task_id = ((body or {}).get("data") or {}).get("task_id", "")
    return status, body, (wait_task(api, token, task_id) if status == 200 else {})


def check_media_files(api, token, other_token, wav_b64, slow_b64):
    wav_id = upload_media(api, token, "speech.wav", base64.b64decode(wav_b64))
    photo_id = upload_media(api, token, "messi.jpg", open(FACE_PHOTO, "rb").read())
    slow_id = upload_media(api, token, "speech-8k.wav", base64.b64decode(slow_b64))
    ogg_id = upload_media(api, token, "voice.ogg", b"OggS" + b"\0" * 200)
    status, body, record = analyze_media(api, token, "transcription", wav_id)
    heard = key_words_heard((record.get("result") or {}).get("transcript"))
    check(status == 200 and record.get("status") == "completed" and len(heard) > len(KEY_WORDS) // 2,
          f"transcription of an uploaded WAV by media_file_id hears the key words ({len(heard)})", record or body)
    status, body, record = analyze_media(api, token, "faces", str(photo_id))
    count = (record.get("result") or {}).get("count")
    check(status == 200 and isinstance(count, int) and count >= 1,
          f"faces on an uploaded photo by media_file_id >= 1 ({count})", record or body)
    for kind, media_id, field, why in (("transcription", slow_id, "sample_rate", "an 8 kHz WAV"),
                                       ("transcription", ogg_id, "media_file_id", "Ogg audio"),
                                       ("transcription", photo_id, "media_file_id", "an image"),
                                       ("faces", wav_id, "media_file_id", "audio"),
                                       ("faces", "abc", "media_file_id", "a non-numeric id")):
        status, body, _ = api.call("POST", "/ai/analyze", {"type": kind, "media_file_id": media_id}, token)
        check(status == 400 and field in (body or {}).get("error", ""),
              f"{kind} of {why} by media_file_id -> 400 naming {field}", body)
    status, body, _ = api.call("POST", "/ai/analyze", {"type": "faces", "media_file_id": photo_id}, other_token)
    check(status == 403, "another user's media file -> 403", body)
    status, body, _ = api.call("POST", "/ai/analyze", {"type": "faces", "media_file_id": 987654321}, token)
    check(status == 404, "an unknown media file -> 404", body)


def check_queue_bound(api, token, wav_b64):
    """max_pending_tasks = 2 in this test's config: a burst gets 429s."""
    statuses = []
    for _ in range(8):
        status, body, _ = api.call("POST", "/ai/analyze", {"type": "transcription", "audio_data": wav_b64}, token)
        statuses.append(status)
    check(statuses.count(429) >= 1 and statuses.count(200) >= 2, f"a burst beyond the queue -> 429 ({statuses})")


def check_unit_killed(api, token, wav_b64, unit, endpoint):
    accepted = {}

    def submitted():  # waits for the burst's tasks to free a slot
        status, body, _ = api.call("POST", "/ai/analyze", {"type": "transcription", "audio_data": wav_b64}, token)
        accepted.update(((body or {}).get("data") or {}) if status == 200 else {})
        return status == 200
    wait_for(submitted, timeout=60, what="a task accepted")
    task_id = accepted["task_id"]
    unit.send_signal(signal.SIGKILL)
    unit.wait(10)
    record = wait_task(api, token, task_id, timeout=30)
    check(record.get("status") == "failed" and "unit_lost" in (record.get("error") or ""),
          "unit killed mid-task -> the task fails with unit_lost", record)
    wait_for(lambda: model_names(api, token) == [], timeout=15, what="dead unit dropped")
    status, _, _ = api.call("POST", "/ai/asr", {"audio_data": wav_b64}, token)
    check(status == 503, "after the kill, no unit -> 503")
    unit = start_unit(endpoint)
    wait_for(lambda: "asr.pocketsphinx" in model_names(api, token), timeout=60, what="restarted unit")
    status, body, _ = api.call("POST", "/ai/asr", {"audio_data": wav_b64}, token)
    check(status == 200 and len(key_words_heard(body["data"]["text"])) > len(KEY_WORDS) // 2,
          "a restarted unit serves again", body)
    return unit


def main():
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    conf = open(os.path.join(os.environ["MEETGATE_SOURCE_DIR"], "conf", "meetgate.plugin.ai.jcfg")).read()
    conf = conf.replace("max_pending_tasks = 64;", "max_pending_tasks = 2;")
    workdir = tempfile.mkdtemp(prefix="mg-ai-test-")
    atexit.register(shutil.rmtree, workdir, True)
    wav_b64, slow_b64 = speech_wav(workdir)
    unit = None
    with Gateway(extra_env={"MEETGATE_INFER_ENDPOINT": endpoint},
                 conf={"meetgate.plugin.ai.jcfg": conf}) as gw:
        try:
            api = Api(gw)
            token, other = api.user("aliceai"), api.user("bobai")
            check_without_unit(api, token, wav_b64)
            check_auth_and_bad_input(api, token, wav_b64, slow_b64)
            unit = start_unit(endpoint)
            wait_for(lambda: "asr.pocketsphinx" in model_names(api, token), timeout=60, what="unit models")
            names = model_names(api, token)
            check({"asr.pocketsphinx", "vision.faces", "audio.quality", "video.quality"} <= set(names),
                  f"GET /models lists what the unit loaded ({names})")
            check_speech(api, token, wav_b64)
            check_faces(api, token, other)
            check_media_files(api, token, other, wav_b64, slow_b64)
            check_queue_bound(api, token, wav_b64)
            unit = check_unit_killed(api, token, wav_b64, unit, endpoint)
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
