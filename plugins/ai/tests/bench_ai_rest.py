#!/usr/bin/python3
"""Throughput and latency of REST analysis through one meetgate-infer unit
(--capacity 2): speech seconds recognised per second (/ai/asr, sequential),
and faces on a 640x480 JPEG (submitted in batches of `max_pending_tasks`,
latency = the record's updated_at - created_at, i.e. queueing + unit + store).
Run: MEETGATE_BUILD_DIR=BUILD PYTHONPATH=tests/harness /usr/bin/python3 plugins/ai/tests/bench_ai_rest.py"""
import atexit
import base64
import datetime
import shutil
import statistics
import tempfile
import time

from meetgate_harness import Gateway, free_port, wait_for

import test_ai_rest as t


def stamp(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ")


def main():
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    workdir = tempfile.mkdtemp(prefix="mg-ai-bench-")
    atexit.register(shutil.rmtree, workdir, True)
    wav_b64, _ = t.speech_wav(workdir)
    photo = base64.b64encode(open(t.FACE_PHOTO, "rb").read()).decode()
    with Gateway(extra_env={"MEETGATE_INFER_ENDPOINT": endpoint}) as gw:
        api = t.Api(gw)
        token = api.user("benchai")
        unit = t.start_unit(endpoint)
        try:
            wait_for(lambda: "vision.faces" in t.model_names(api, token), timeout=60, what="unit")
            audio_ms, wall = 0, []
            for _ in range(5):
                start = time.monotonic()
                status, body, _ = api.call("POST", "/ai/asr", {"audio_data": wav_b64}, token)
                wall.append(time.monotonic() - start)
                audio_ms += body["data"]["duration_ms"]
            print(f"asr: {audio_ms / 1000 / sum(wall):.2f} audio s/s, "
                  f"latency p50 {statistics.median(wall) * 1000:.0f} ms for {audio_ms / 5000:.1f} s of speech")
            ids, start = [], time.monotonic()
            while len(ids) < 100:
                status, body, _ = api.call("POST", "/ai/analyze", {"type": "faces", "image_data": photo}, token)
                if status == 200:
                    ids.append(body["data"]["task_id"])
            records = [t.wait_task(api, token, i) for i in ids]
            elapsed = time.monotonic() - start
            lat = sorted((stamp(r["updated_at"]) - stamp(r["created_at"])).total_seconds() * 1000 for r in records)
            print(f"faces: {len(ids) / elapsed:.1f} frames/s (HTTP submit+poll included), "
                  f"task latency p50 {lat[len(lat) // 2]:.0f} ms p99 {lat[int(len(lat) * 0.99) - 1]:.0f} ms")
        finally:
            unit.terminate()
            unit.wait(10)


if __name__ == "__main__":
    main()
