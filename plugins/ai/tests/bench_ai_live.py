#!/usr/bin/python3
"""Live analysis bench (issue 7): a gateway, one meetgate-infer unit, a
meeting, one listener and N python3-aiortc publishers, each sending the
espeak-ng speech WAV on loop and a video that alternates between a face
photo and black frames every --toggle seconds.

Measures
- the gateway's CPU (utime+stime of /proc/<pid>/stat) during a window of
  --seconds with live analysis OFF, then ON (same media flowing): the added
  CPU per analyzed participant = (on - off) / N;
- media -> result latency: the publishers record the (monotonic) time at
  which their track yields the first frame of each new state (face <-> black,
  speech <-> a silence of >= 1.5 s); the listener records the arrival time of
  every ai-result on its WebSocket. The first result of a participant whose
  reported state changed (faces count >= 1 <-> 0, video_quality "black"
  warning, audio_quality "silent" warning) is matched to the latest
  transition to that state. Results carry no frame timestamp, so this is the
  only exact pairing possible; it includes the sampling (live_frame_rate,
  live_audio_chunk_ms) by construction. The event's own "timestamp" (when
  the gateway published ai.result, wall clock, compared with the wall-clock
  arrival: the VM's wall clock was seen to step) splits it into media->ai.result and
  ai.result->WebSocket. video_quality: the first result not reporting
  "frozen" after a switch, matched to the latest switch.
- throughput of the (single) unit: the deltas of the plugin's per-stream
  counters (GET /api/v1/ai/live/status) over the ON window: each sampled
  frame is one vision.faces + one video.quality request, each audio chunk
  one ASR + one audio.quality request.
Run: MEETGATE_BUILD_DIR=BUILD PYTHONPATH=tests/harness:plugins/ai/tests:plugins/videoroom/tests \
  /usr/bin/python3 plugins/ai/tests/bench_ai_live.py --participants 2 --seconds 30"""
import argparse
import asyncio
import atexit
import fractions
import os
import shutil
import subprocess
import sys
import tempfile
import time

import av
import cv2
import numpy
from aiortc.contrib.media import MediaPlayer
from aiortc.mediastreams import MediaStreamTrack, VideoStreamTrack

from meetgate_harness import free_port, wait_for
from sfu_peer import SfuPeer
from videoroom_testlib import Api, gateway

import test_ai_rest as t

SILENCE_RUN_S = 1.5      # a pause this long counts as silence (word gaps are shorter)
LOUD_RMS = 300           # int16 RMS above which an audio frame counts as speech


class ToggleFaceTrack(VideoStreamTrack):
    """messi5.jpg and black frames alternating every `toggle_s`, 10 fps;
    `transitions` gets (wall time of the first frame of a state, has_face)."""

    def __init__(self, toggle_s):
        super().__init__()
        face = cv2.cvtColor(cv2.resize(cv2.imread(t.FACE_PHOTO), (320, 200)), cv2.COLOR_BGR2RGB)
        self.images = (numpy.zeros_like(face), face)
        self.toggle_s, self.start, self.ts, self.transitions = toggle_s, None, 0, []

    async def recv(self):
        if self.start is None:
            self.start = time.monotonic()
        else:
            self.ts += 9000
            await asyncio.sleep(max(0, self.start + self.ts / 90000 - time.monotonic()))
        has_face = int(self.ts / 90000 / self.toggle_s) % 2 == 0
        if not self.transitions or self.transitions[-1][1] != has_face:
            self.transitions.append((time.monotonic(), has_face))
        frame = av.VideoFrame.from_ndarray(self.images[has_face], format="rgb24")
        frame.pts, frame.time_base = self.ts, fractions.Fraction(1, 90000)
        return frame


class TimedAudioTrack(MediaStreamTrack):
    """Relays a MediaPlayer's audio; `transitions` gets (wall time, silent)
    for the first frame of speech after a silence and the first frame of a
    silence that lasted SILENCE_RUN_S."""
    kind = "audio"

    def __init__(self, source):
        super().__init__()
        self.source, self.transitions, self.quiet_since, self.silent = source, [], None, None

    async def recv(self):
        frame = await self.source.recv()
        now = time.monotonic()
        samples = frame.to_ndarray().astype(numpy.float64)
        loud = numpy.sqrt(numpy.mean(samples * samples)) > LOUD_RMS
        if loud:
            self.quiet_since = None
            if self.silent is not False:
                self.silent = False
                self.transitions.append((now, False))
        else:
            self.quiet_since = self.quiet_since or now
            if self.silent is not True and now - self.quiet_since >= SILENCE_RUN_S:
                self.silent = True
                self.transitions.append((self.quiet_since, True))
        return frame


class TimedMessages(list):
    """SfuPeer.messages that also records each message's arrival time."""

    def append(self, message):
        message["_arrived"], message["_arrived_wall"] = time.monotonic(), time.time()
        super().append(message)


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def result_state(result):
    data, kind = result["data"], result["type"]
    if kind == "faces":
        return (data.get("count") or 0) >= 1
    if kind == "video_quality":
        # A new image is the one frame not reported "frozen"; "black" is not
        # usable: the decoded black frame's mean luma is 16.0, the unit's
        # default black_brightness threshold is "< 16".
        return "frozen" not in (data.get("warnings") or "")
    return "silent" in (data.get("warnings") or "")


def latencies(results, transitions_of, kind):
    """[(media->WS s, media->ai.result s)] for the state changes of `kind`."""
    samples, last_state, matched = [], {}, set()
    for result in (r for r in results if r["type"] == kind):
        user, state = result["user_id"], result_state(result)
        previous = last_state.get(user)
        last_state[user] = state
        if previous is None or previous == state or (kind == "video_quality" and not state):
            continue
        candidates = [(i, when) for i, (when, s) in enumerate(transitions_of(user, kind))
                      if (s == state or kind == "video_quality") and when <= result["_arrived"]]
        if candidates and (user, kind, candidates[-1][0]) not in matched:
            index, when = candidates[-1]
            matched.add((user, kind, index))
            to_ws = result["_arrived"] - when
            samples.append((to_ws, to_ws - (result["_arrived_wall"] - result["timestamp"] / 1000)))
    return samples


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def stream_totals(api, token, meeting_id):
    status, body, _ = api.call("GET", f"/ai/live/status?meeting_id={meeting_id}", token=token)
    totals = {}
    for stream in (body.get("data") or {}).get("streams", []) if status == 200 else []:
        entry = totals.setdefault(stream["kind"], {"submitted": 0, "skipped": 0, "results": 0})
        for key in entry:
            entry[key] += stream[key]
    return totals


async def cpu_window(pid, seconds):
    before, start = cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(seconds)
    return (cpu_seconds(pid) - before) / (time.monotonic() - start)


def ai_results(peer, since=0):
    return [dict(m["payload"], _arrived=m["_arrived"], _arrived_wall=m["_arrived_wall"])
            for m in peer.messages[since:]
            if m.get("type") in ("ai-result", 19) and isinstance(m.get("payload"), dict)]


async def connect_publishers(gw, api, host, meeting_id, count, wav, toggle_s):
    publishers = []
    for index in range(count):
        user = host if index == 0 else api.user(f"benchpub{index}")
        if index:
            api.join(user, meeting_id)
        peer = SfuPeer(gw, user, meeting_id)
        await peer.connect()
        audio = TimedAudioTrack(MediaPlayer(wav, loop=True).audio)
        video = ToggleFaceTrack(toggle_s)
        await peer.publish(audio=audio, video=video)
        publishers.append((user, peer, audio, video))
    return publishers


def report(args, cpu_off, cpu_on, totals, window, results, transitions_of):
    n = args.participants
    print(f"participants {n}, window {window:.1f} s, load average {os.getloadavg()[0]:.1f}")
    print(f"gateway CPU: {cpu_off:.3f} s/s analysis off, {cpu_on:.3f} s/s on -> "
          f"added {(cpu_on - cpu_off) / n:.3f} CPU s/s per analyzed participant")
    video, audio = totals.get("video", {}), totals.get("audio", {})
    print(f"unit: {video.get('submitted', 0) / 2 / window:.2f} frames/s analyzed (faces+video.quality; "
          f"{video.get('submitted', 0)} requests, {video.get('skipped', 0)} skipped), "
          f"{audio.get('submitted', 0) / 2 * args.chunk_ms / 1000 / window:.2f} audio s/s "
          f"(asr+audio.quality; {audio.get('submitted', 0)} requests, {audio.get('skipped', 0)} skipped)")
    for kind in ("faces", "video_quality", "audio_quality"):
        samples = latencies(results, transitions_of, kind)
        if not samples:
            print(f"latency {kind}: no state change observed")
            continue
        ws, bus = [s[0] * 1000 for s in samples], [s[1] * 1000 for s in samples]
        print(f"latency {kind} (n={len(samples)}): media->WebSocket p50 {percentile(ws, 0.5):.0f} ms "
              f"p99 {percentile(ws, 0.99):.0f} ms; media->ai.result p50 {percentile(bus, 0.5):.0f} ms "
              f"p99 {percentile(bus, 0.99):.0f} ms")


async def scenario(gw, api, args, wav):
    host, listener = api.user("benchhost"), api.user("benchear")
    status, body, _ = api.call("POST", "/meetings", {"title": "ai bench"}, host["token"])
    meeting_id = body["data"]["meeting_id"]
    for user in (host, listener):
        api.join(user, meeting_id)
    ear = SfuPeer(gw, listener, meeting_id)
    ear.messages = TimedMessages()
    await ear.connect()
    publishers = await connect_publishers(gw, api, host, meeting_id, args.participants, wav, args.toggle)
    await ear.wait_for(lambda: all(ear.count(p[0]["id"], "video") >= 30 for p in publishers), 90,
                       "the listener decodes every publisher")
    cpu_off = await cpu_window(gw.proc.pid, args.seconds)
    # A fresh listener for the results: one connected ~40 s earlier was seen
    # to stop receiving ai-result messages (not root-caused; websockets'
    # ping timeout is the suspect).
    warmup, ear = ear, SfuPeer(gw, listener, meeting_id)
    ear.messages = TimedMessages()
    await ear.connect()
    status, body, _ = api.call("POST", "/ai/live/start", {"meeting_id": meeting_id}, host["token"])
    if status != 200:
        raise RuntimeError(f"live start: {status} {body}")
    await ear.wait_for(lambda: {r["user_id"] for r in ai_results(ear) if r["type"] == "faces"}
                       >= {p[0]["id"] for p in publishers}, 90, "faces results from every publisher")
    before, mark, start = stream_totals(api, host["token"], meeting_id), len(ear.messages), time.monotonic()
    cpu_on = await cpu_window(gw.proc.pid, args.seconds)
    window = time.monotonic() - start
    after = stream_totals(api, host["token"], meeting_id)
    totals = {kind: {key: value - before.get(kind, {}).get(key, 0) for key, value in counts.items()}
              for kind, counts in after.items()}
    tracks = {p[0]["id"]: p for p in publishers}

    def transitions_of(user, kind):
        return tracks[user][2].transitions if kind == "audio_quality" else tracks[user][3].transitions
    report(args, cpu_off, cpu_on, totals, window, ai_results(ear, mark), transitions_of)
    if ear.closed.is_set():
        print("WARNING: the listener's WebSocket closed during the window; latency samples are partial")
    for peer in [p[1] for p in publishers] + [ear, warmup]:
        await peer.close()
    for publisher in publishers:
        publisher[2].source.stop()  # ends the MediaPlayer's decoding thread


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=30, help="length of the OFF and of the ON window")
    parser.add_argument("--toggle", type=float, default=3, help="seconds between face/black switches")
    parser.add_argument("--chunk-ms", type=int, default=1000, help="live_audio_chunk_ms of the config used")
    args = parser.parse_args()
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    workdir = tempfile.mkdtemp(prefix="mg-ai-livebench-")
    atexit.register(shutil.rmtree, workdir, True)
    raw, wav = os.path.join(workdir, "speech.wav"), os.path.join(workdir, "padded.wav")
    subprocess.run(["espeak-ng", "-v", "en-us+klatt", "-s", "140", "-w", raw, t.SENTENCE], check=True)
    subprocess.run(["sox", raw, "-r", "48000", "-c", "1", wav, "pad", "1", "3"], check=True)
    gw = gateway(extra_env={"MEETGATE_INFER_ENDPOINT": endpoint})
    gw.start()
    unit = t.start_unit(endpoint)
    try:
        api = Api(gw)
        probe = api.user("benchprobe")["token"]
        wait_for(lambda: "vision.faces" in t.model_names(api, probe), timeout=60, what="unit")
        asyncio.run(asyncio.wait_for(scenario(gw, api, args, wav), 2 * args.seconds + 300))
    except Exception:
        print(gw.log()[-3000:])
        raise
    finally:
        unit.terminate()
        unit.wait(10)
        gw.stop()


if __name__ == "__main__":
    sys.exit(main())
