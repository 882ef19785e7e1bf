#!/usr/bin/python3
"""The inference unit killed mid-stream (issue 7): live analysis runs, a
python3-aiortc publisher sends looping espeak-ng speech and a face video,
the other participant decodes the publisher's video through the SFU and
receives "ai-result" messages. The meetgate-infer unit is then SIGKILLed:
the subscriber keeps decoding video (forwarding does not depend on the
unit), /health stays 200 and /models stops listing the dead unit. A new unit
on the same endpoint makes ai-result messages resume within a deadline."""
import asyncio
import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from aiortc.contrib.media import MediaPlayer

from meetgate_harness import check, free_port, http_json, wait_for
from sfu_peer import SfuPeer
from videoroom_testlib import Api, gateway

import test_ai_rest as t
from test_ai_live_aiortc import FaceTrack

RESULT_TYPES = ("faces", "caption", "video_quality", "audio_quality")


def ai_results(peer, start=0):
    return [m["payload"] for m in peer.messages[start:]
            if m.get("type") in ("ai-result", 19)
            and (m.get("payload") or {}).get("type") in RESULT_TYPES]


def video_results(peer, start=0):
    """Results of the video analysis (the speech loops but has pauses)."""
    return [r for r in ai_results(peer, start) if r["type"] in ("faces", "video_quality")]


def models_listed(api, token):
    """(status, model names) of GET /models: an error must not pass as empty."""
    status, body, _ = api.call("GET", "/models", token=token)
    models = ((body or {}).get("data") or {}).get("models")
    return status, None if models is None else [m["name"] if isinstance(m, dict) else m for m in models]


async def wait_growth(peer, user_id, seconds):
    """Video frames decoded by peer during `seconds` (sampled each 0.5 s)."""
    before, samples = peer.count(user_id, "video"), []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        samples.append(peer.count(user_id, "video"))
    return samples[-1] - before, samples


async def scenario(gw, api, endpoint, wav, unit_box):
    host, listener = api.user("killhost"), api.user("killear")
    status, body, _ = api.call("POST", "/meetings", {"title": "unit kill"}, host["token"])
    meeting_id = body["data"]["meeting_id"]
    for user in (host, listener):
        api.join(user, meeting_id)
    status, body, _ = api.call("POST", "/ai/live/start", {"meeting_id": meeting_id}, host["token"])
    check(status == 200 and body["data"]["running"], "the host starts live analysis", body)
    ear, speaker = SfuPeer(gw, listener, meeting_id), SfuPeer(gw, host, meeting_id)
    await ear.connect()
    await speaker.connect()
    began = time.monotonic()
    await speaker.publish(audio=MediaPlayer(wav, loop=True).audio, video=FaceTrack())
    try:
        await ear.wait_for(lambda: ear.count(host["id"], "video") >= 20 and video_results(ear), 60,
                           "video frames and ai-result before the kill")
    except TimeoutError:
        pass
    first_result_s = time.monotonic() - began
    check(ear.count(host["id"], "video") >= 20,
          f"the subscriber decodes the publisher's video ({ear.count(host['id'], 'video')} frames)")
    check(video_results(ear), "the subscriber receives faces/video_quality ai-results before the kill",
          sorted({r["type"] for r in ai_results(ear)}))

    unit = unit_box[0]
    unit.send_signal(signal.SIGKILL)
    unit.wait(10)
    killed = time.monotonic()
    probe = api.user("killprobe")["token"]

    def unit_dropped():
        try:
            wait_for(lambda: models_listed(api, probe) == (200, []), timeout=15, what="dead unit dropped")
        except TimeoutError:
            pass
        return time.monotonic() - killed
    # /models is polled in a thread so the subscriber keeps decoding meanwhile.
    dropped = asyncio.ensure_future(asyncio.to_thread(unit_dropped))
    grown, samples = await wait_growth(ear, host["id"], 5)
    check(grown >= 20, f"video keeps being decoded for 5 s after the kill (+{grown} frames, {samples})")
    status, _, _ = await asyncio.to_thread(http_json, "GET", gw.http_url + "/health", None, None, 10)
    check(status == 200, f"/health answers 200 after the kill ({status})")
    noticed_s = await dropped
    models = await asyncio.to_thread(models_listed, api, probe)
    check(models == (200, []), f"/models answers 200 with no model once the unit is gone "
          f"({models}, {noticed_s:.1f} s after the kill)")
    grown, samples = await wait_growth(ear, host["id"], 2)
    check(grown >= 8, f"video still decoded while no unit is connected (+{grown} frames)")

    mark = len(ear.messages)
    unit_box[0] = t.start_unit(endpoint)
    restarted = time.monotonic()
    try:
        await ear.wait_for(lambda: video_results(ear, mark), 45, "ai-result after the restart")
    except TimeoutError:
        pass
    resumed = ai_results(ear, mark)
    resume_s = time.monotonic() - restarted
    check(video_results(ear, mark), f"ai-result messages resume after a new unit connects ({resume_s:.1f} s, "
          f"{sorted({r['type'] for r in resumed})})")
    check(not ear.failures and not speaker.failures, "no signaling failures", ear.failures + speaker.failures)
    status, _, _ = http_json("GET", gw.http_url + "/health", timeout=10)
    check(status == 200, "/health answers 200 at the end")
    print("measured: first ai-result %.1f s after publishing; dead unit dropped from /models %.1f s after "
          "SIGKILL; ai-result resumed %.1f s after the new unit started" % (first_result_s, noticed_s, resume_s))
    for peer in (speaker, ear):
        await peer.close()


def main():
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    workdir = tempfile.mkdtemp(prefix="mg-ai-kill-")
    atexit.register(shutil.rmtree, workdir, True)
    raw, wav = os.path.join(workdir, "speech.wav"), os.path.join(workdir, "padded.wav")
    subprocess.run(["espeak-ng", "-v", "en-us+klatt", "-s", "140", "-w", raw, t.SENTENCE], check=True)
    subprocess.run(["sox", raw, "-r", "48000", "-c", "1", wav, "pad", "1", "1"], check=True)
    gw = gateway(extra_env={"MEETGATE_INFER_ENDPOINT": endpoint})
    gw.start()
    unit_box = [t.start_unit(endpoint)]
    try:
        api = Api(gw)
        probe = api.user("killprobe0")["token"]
        wait_for(lambda: "vision.faces" in t.model_names(api, probe), timeout=60, what="unit")
        asyncio.run(asyncio.wait_for(scenario(gw, api, endpoint, wav, unit_box), 180))
    except Exception:
        print(gw.log()[-5000:])
        raise
    finally:
        unit_box[0].kill()
        unit_box[0].wait(10)
        gw.stop()
    check.finish()


if __name__ == "__main__":
    sys.exit(main())
