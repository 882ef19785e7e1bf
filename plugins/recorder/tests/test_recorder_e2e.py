#!/usr/bin/python3
"""A recording end to end, with real WebRTC media: a python3-aiortc
participant publishes VP8 video (moving bars) and Opus audio (a 440 Hz
tone) through the videoroom SFU; the host starts a "both" recording over
REST, the media flows for MEDIA_SECONDS, the participant unpublishes and the
host stops the recording. The recorder learns the producers from the
videoroom's `videoroom.producer_added` events; the participant's signaling
socket receives the `recording` notices. The downloaded files are checked
with ffprobe (duration) and PyAV (video frames decoded, audio not silent)."""
import asyncio
import fractions
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time

import av
import numpy

from meetgate_harness import SOURCE_DIR, check, http_raw

sys.path.insert(0, os.path.join(SOURCE_DIR, "plugins", "videoroom", "tests"))
from aiortc.mediastreams import AudioStreamTrack  # noqa: E402
from sfu_peer import SfuPeer, SmallVideoTrack  # noqa: E402
from videoroom_testlib import Api, auth_conf  # noqa: E402

from meetgate_harness import Gateway  # noqa: E402

MEDIA_SECONDS = 6.0
FPS = 15
SAMPLE_RATE = 48000


class MovingBarsTrack(SmallVideoTrack):
    """320x240 at 15 fps: a white bar sweeping over a gradient."""

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        index = pts // (90000 // FPS)
        image = numpy.zeros((240, 320, 3), dtype=numpy.uint8)
        image[:, :, 0] = numpy.arange(320, dtype=numpy.uint8)[None, :] // 2
        image[:, :, 2] = 128
        left = (index * 8) % 320
        image[:, left:left + 24, :] = 255
        frame = av.VideoFrame.from_ndarray(image, format="rgb24").reformat(format="yuv420p")
        frame.pts, frame.time_base = pts, time_base
        return frame


class ToneTrack(AudioStreamTrack):
    """A 440 Hz sine, 20 ms frames at 48 kHz, paced in real time."""

    async def recv(self):
        samples = SAMPLE_RATE // 50
        if not hasattr(self, "_begin"):
            self._begin, self._sent = time.time(), 0
        else:
            self._sent += samples
            await asyncio.sleep(max(0, self._begin + self._sent / SAMPLE_RATE - time.time()))
        t = (numpy.arange(samples) + self._sent) / SAMPLE_RATE
        pcm = (numpy.sin(2 * math.pi * 440 * t) * 12000).astype(numpy.int16)
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate, frame.pts = SAMPLE_RATE, self._sent
        frame.time_base = fractions.Fraction(1, SAMPLE_RATE)
        return frame


def recorder_conf():
    with open(os.path.join(SOURCE_DIR, "plugins", "recorder", "meetgate.plugin.recorder.jcfg")) as f:
        text = f.read()
    text = re.sub(r"composite_width = \d+;", "composite_width = 320;", text)
    return re.sub(r"composite_height = \d+;", "composite_height = 240;", text)


def ffprobe_duration(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                          "json", path], capture_output=True, text=True, timeout=30)
    try:
        return float(json.loads(out.stdout)["format"]["duration"])
    except (ValueError, KeyError, TypeError):
        return None


def decode(path):
    """(video frames decoded, audio RMS in dBFS or None, codecs) of a file."""
    frames, squares, count, codecs = 0, 0.0, 0, set()
    with av.open(path) as container:
        for stream in container.streams:
            codecs.add(stream.codec_context.name)
        for frame in container.decode(*container.streams):
            if isinstance(frame, av.VideoFrame):
                frames += 1
            else:
                samples = frame.to_ndarray()
                pcm = samples.astype(numpy.float64)
                if samples.dtype.kind == "f":  # planar float (Opus decodes to fltp)
                    pcm = pcm * 32768
                squares += float(numpy.sum(pcm * pcm))
                count += pcm.size
    rms = math.sqrt(squares / count) if count else 0.0
    level = 20 * math.log10(rms / 32768) if rms > 0 else (None if not count else -200.0)
    return frames, level, codecs


async def publish_and_record(gw, api, host, guest, meeting_id):
    peer = SfuPeer(gw, guest, meeting_id)
    await peer.connect()
    await peer.publish(audio=ToneTrack(), video=MovingBarsTrack())
    await peer.wait_for(lambda: peer.publisher.connectionState == "connected", 20,
                        "publisher connected")

    def streams():  # the host is not in the signaling room: the public figures
        status, body, _ = api.call("GET", "/stats")
        return ((body or {}).get("data") or {}).get("media", {}).get("streams", 0)
    await peer.wait_for(lambda: streams() >= 2, 15, "two producers")
    status, body, _ = api.call("POST", "/recordings/start", {"meeting_id": meeting_id,
                                                             "mode": "both"}, host["token"])
    check(status == 200, "host starts a 'both' recording", body)
    recording_id = ((body or {}).get("data") or {}).get("id")
    await asyncio.sleep(MEDIA_SECONDS)
    await peer.send("unpublish", {})
    await peer.wait_for(lambda: any(m.get("type") == "unpublish" for m in peer.messages), 10,
                        "unpublish reply")
    await asyncio.sleep(0.5)  # the producer_removed event reaches the recorder
    status, body, _ = api.call("POST", "/recordings/stop", {"recording_id": recording_id},
                               host["token"])
    check(status == 200, "host stops the recording", body)

    def notices():
        return [m["payload"].get("event") for m in peer.messages if m.get("type") == "recording"]
    try:
        await peer.wait_for(lambda: "stopped" in notices(), 10, "recording notices")
    except TimeoutError:
        pass
    check(notices() == ["started", "stopped"] and all(
        m["payload"].get("recording_id") == recording_id and m["payload"].get("meeting_id")
        == meeting_id for m in peer.messages if m.get("type") == "recording"),
        "the participant's signaling socket gets the recording started/stopped notices",
        [m for m in peer.messages if m.get("type") == "recording"])
    await peer.close()
    return recording_id


def check_files(api, host, recording_id, folder):
    status, body, _ = api.call("GET", f"/recordings/{recording_id}", token=host["token"])
    record = (body or {}).get("data") or {}
    files = record.get("files") or []
    check(status == 200 and record.get("status") == "stopped", "recording status is stopped",
          body)
    tracks = {f.get("track_kind"): f for f in files if f.get("kind") == "track"}
    composite = [f for f in files if f.get("kind") == "composite"]
    check(set(tracks) == {"audio", "video"} and len(composite) == 1,
          "one video and one audio track file and one composite file", files)
    results = {}
    for name, entry in list(tracks.items()) + [("composite", f) for f in composite]:
        status, raw, _ = http_raw("GET", f"{api.base}/recordings/{recording_id}/files/{entry['id']}",
                                  headers={"Authorization": "Bearer " + host["token"]}, timeout=60)
        path = os.path.join(folder, f"{name}.webm")
        with open(path, "wb") as out:
            out.write(raw)
        check(status == 200 and len(raw) == entry.get("size_bytes") and len(raw) > 0,
              f"{name} file downloads ({len(raw)} bytes)", (status, entry))
        results[name] = (ffprobe_duration(path), *decode(path))
        print(f"# {name}: duration {results[name][0]} s, video frames {results[name][1]}, "
              f"audio level {results[name][2]} dBFS, codecs {results[name][3]}", flush=True)
    return results


def main():
    gw = Gateway(conf={"meetgate.plugin.auth.jcfg": auth_conf(),
                       "meetgate.plugin.recorder.jcfg": recorder_conf()})
    gw.start()
    try:
        api = Api(gw)
        host, guest = api.user("rechost"), api.user("recguest")
        meeting_id = api.meeting(host, "recorded meeting")
        api.join(host, meeting_id)  # host rights are checked on current participants
        api.join(guest, meeting_id)
        recording_id = asyncio.run(asyncio.wait_for(
            publish_and_record(gw, api, host, guest, meeting_id), 90))
        with tempfile.TemporaryDirectory() as folder:
            results = check_files(api, host, recording_id, folder)
        video = results.get("video", (None, 0, None, set()))
        audio = results.get("audio", (None, 0, None, set()))
        composite = results.get("composite", (None, 0, None, set()))
        expected = MEDIA_SECONDS * FPS
        check(video[0] is not None and abs(video[0] - MEDIA_SECONDS) <= 1.0,
              f"video track lasts the published time ({video[0]} s vs {MEDIA_SECONDS} s)")
        check(audio[0] is not None and abs(audio[0] - MEDIA_SECONDS) <= 1.0,
              f"audio track lasts the published time ({audio[0]} s vs {MEDIA_SECONDS} s)")
        check("vp8" in video[3] and 0.7 * expected <= video[1] <= 1.2 * expected,
              f"the VP8 track decodes to {video[1]} frames (about {expected:.0f} expected)")
        check("opus" in audio[3] and audio[2] is not None and audio[2] > -30,
              f"the Opus track is not silent ({audio[2]} dBFS RMS; the tone is about -12)")
        check(composite[0] is not None and composite[0] >= MEDIA_SECONDS - 1 and composite[1] > 0,
              f"the composite file lasts the recording and decodes ({composite[0]} s, "
              f"{composite[1]} frames, audio {composite[2]} dBFS)")
    finally:
        code = gw.stop()
        check(code == 0, "daemon exits cleanly", code)
    check.finish()


if __name__ == "__main__":
    main()
