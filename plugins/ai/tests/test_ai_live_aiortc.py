#!/usr/bin/python3
"""Live analysis end to end: a python3-aiortc participant publishes espeak-ng
speech and a video of a face through the videoroom; the host turned live
analysis on; the other participant receives "ai-result" messages on its
signaling WebSocket (captions holding the key words, with the speaker's
user_id; a face count >= 1), and the captions are stored for the meeting."""
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
from aiortc.contrib.media import MediaPlayer
from aiortc.mediastreams import VideoStreamTrack

from meetgate_harness import check, free_port, wait_for
from sfu_peer import SfuPeer
from videoroom_testlib import Api, gateway

import test_ai_rest as t

SPEECH_S = 0.0


class FaceTrack(VideoStreamTrack):
    """opencv-doc's messi5.jpg at 10 fps."""

    def __init__(self):
        super().__init__()
        image = cv2.resize(cv2.imread(t.FACE_PHOTO), (320, 200))
        self.image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        self.start, self.ts = None, 0

    async def recv(self):
        if self.start is None:
            self.start = time.time()
        else:
            self.ts += 9000
            await asyncio.sleep(max(0, self.start + self.ts / 90000 - time.time()))
        frame = av.VideoFrame.from_ndarray(self.image, format="rgb24")
        frame.pts, frame.time_base = self.ts, fractions.Fraction(1, 90000)
        return frame


def results(peer, type_):
    return [m["payload"] for m in peer.messages
            if m.get("type") in ("ai-result", 19) and (m.get("payload") or {}).get("type") == type_]


async def scenario(gw, api, endpoint, wav):
    host, listener = api.user("aihost"), api.user("ailistener")
    status, body, _ = api.call("POST", "/meetings", {"title": "live ai"}, host["token"])
    meeting_id = body["data"]["meeting_id"]
    for user in (host, listener):
        api.join(user, meeting_id)
    status, body, _ = api.call("POST", "/ai/live/start", {"meeting_id": meeting_id}, host["token"])
    check(status == 200 and body["data"]["running"], "the host starts live analysis", body)
    ear, speaker = SfuPeer(gw, listener, meeting_id), SfuPeer(gw, host, meeting_id)
    await ear.connect()
    await speaker.connect()
    player = MediaPlayer(wav)
    published_ms = time.time() * 1000
    await speaker.publish(audio=player.audio, video=FaceTrack())

    def heard():
        words = set()
        for caption in results(ear, "caption"):
            if caption["data"].get("final"):
                words |= set(caption["data"]["text"].split())
        return [w for w in t.KEY_WORDS if w in words]
    try:
        await ear.wait_for(lambda: len(heard()) > len(t.KEY_WORDS) // 2 and any(
            r["data"].get("count", 0) >= 1 for r in results(ear, "faces")), 90, "live results")
    except TimeoutError:
        pass
    captions = results(ear, "caption")
    check(len(heard()) > len(t.KEY_WORDS) // 2,
          f"the listener receives live captions with the key words ({heard()})",
          [c["data"] for c in captions][-5:])
    check(all(c["user_id"] == host["id"] and c["meeting_id"] == meeting_id for c in captions) and captions,
          "captions name the speaker and the meeting")
    faces = [r["data"].get("count") for r in results(ear, "faces")]
    check(any(f and f >= 1 for f in faces), f"the listener receives a face count >= 1 ({faces})")
    firsts = {kind: min((r["timestamp"] for r in results(ear, kind)
                         if kind != "caption" or r["data"].get("final")), default=None)
              for kind in ("faces", "caption")}
    print("measured: first face count %s ms, first final caption %s ms after the offer "
          "(the speech starts at 1 s and lasts %.1f s)" % (
              *(None if v is None else int(v - published_ms) for v in firsts.values()), SPEECH_S))
    status, body, _ = api.call("GET", f"/ai/results?meeting_id={meeting_id}&type=live.caption",
                               token=host["token"])
    check(status == 200 and body["data"]["total"] >= 1, "final captions are stored for the meeting", body)
    for peer in (speaker, ear):
        await peer.close()


def main():
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    workdir = tempfile.mkdtemp(prefix="mg-ai-live-")
    atexit.register(shutil.rmtree, workdir, True)
    raw, wav = os.path.join(workdir, "speech.wav"), os.path.join(workdir, "padded.wav")
    subprocess.run(["espeak-ng", "-v", "en-us+klatt", "-s", "140", "-w", raw, t.SENTENCE], check=True)
    subprocess.run(["sox", raw, "-r", "48000", "-c", "1", wav, "pad", "1", "3"], check=True)
    global SPEECH_S
    SPEECH_S = float(subprocess.run(["soxi", "-D", raw], check=True, capture_output=True, text=True).stdout)
    gw = gateway(extra_env={"MEETGATE_INFER_ENDPOINT": endpoint})
    gw.start()
    unit = t.start_unit(endpoint)
    try:
        api = Api(gw)
        probe = api.user("aiprobe")["token"]
        wait_for(lambda: "asr.pocketsphinx" in t.model_names(api, probe), timeout=60, what="unit")
        asyncio.run(asyncio.wait_for(scenario(gw, api, endpoint, wav), 150))
    except Exception:
        print(gw.log()[-5000:])
        raise
    finally:
        unit.terminate()
        unit.wait(10)
        gw.stop()
    check.finish()


if __name__ == "__main__":
    sys.exit(main())
