#!/usr/bin/python3
"""kill -9 of the gateway in the middle of a recording: a python3-aiortc
participant publishes VP8 moving bars and an Opus tone through the
videoroom, the host starts a "tracks" recording, and after MEDIA_SECONDS
of media the gateway process itself gets SIGKILL (no EOS, no index, no
duration written). The track files left under <data_dir>/recordings/<id>/
must still demux with ffprobe and hold all but at most the last
LOSS_ALLOWED seconds of what was published while recording. Started again
on the same data, the gateway marks the recording "failed" and still lists
its files."""
import asyncio
import os
import signal
import sys
import time

from meetgate_harness import SOURCE_DIR, Gateway, check

sys.path.insert(0, os.path.join(SOURCE_DIR, "plugins", "videoroom", "tests"))
from recorder_media_lib import CodecPeer, probe_packets, stream_count  # noqa: E402
from test_recorder_e2e import recorder_conf  # noqa: E402
from videoroom_testlib import Api, auth_conf  # noqa: E402

MEDIA_SECONDS = 5.0
LOSS_ALLOWED = 2.0


async def record_then_kill(gw, api, host, guest, meeting_id):
    """Returns (recording id, seconds recorded before the kill)."""
    peer = CodecPeer(gw, guest, meeting_id)
    await peer.connect()
    await peer.publish()
    await peer.wait_for(lambda: peer.publisher.connectionState == "connected", 20,
                        "publisher connected")
    await peer.wait_for(lambda: stream_count(api) >= 2, 15, "two producers")
    status, body, _ = api.call("POST", "/recordings/start", {"meeting_id": meeting_id,
                                                             "mode": "tracks"}, host["token"])
    started = time.monotonic()
    check(status == 200, "host starts a 'tracks' recording", body)
    recording_id = ((body or {}).get("data") or {}).get("id")
    await asyncio.sleep(MEDIA_SECONDS)
    gw.proc.send_signal(signal.SIGKILL)
    recorded = time.monotonic() - started
    gw.proc.wait(timeout=10)
    await peer.close()
    return recording_id, recorded


def check_files_on_disk(gw, recording_id, recorded):
    folder = os.path.join(gw.data_dir, "recordings", str(recording_id))
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    check(len(names) == 2 and all(n.endswith(".webm") for n in names),
          f"two track files are on disk under recordings/{recording_id}", names)
    kinds = {}
    for name in names:
        path = os.path.join(folder, name)
        code, spans, format_name = probe_packets(path)
        for kind, (packets, first, last, codec) in spans.items():
            kinds[kind] = (last - first, packets, codec)
            print(f"# {name}: {kind} {codec}: {packets} packets, pts {first:.3f}..{last:.3f} s "
                  f"({last - first:.2f} s of {recorded:.2f} s recorded), "
                  f"{os.path.getsize(path)} bytes", flush=True)
        check(code == 0 and format_name and "matroska" in format_name and spans,
              f"{name} demuxes with ffprobe after the kill ({format_name}, exit {code})")
    for kind, codec in (("video", "vp8"), ("audio", "opus")):
        span, packets, found = kinds.get(kind, (0.0, 0, None))
        check(found == codec and span >= recorded - LOSS_ALLOWED,
              f"the {kind} file holds {span:.2f} s of the {recorded:.2f} s recorded "
              f"(at most {LOSS_ALLOWED} s lost)")


def check_after_restart(gw, api, host, recording_id):
    gw.start()
    status, body, _ = api.call("GET", f"/recordings/{recording_id}", token=host["token"])
    record = (body or {}).get("data") or {}
    check(status == 200 and record.get("status") == "failed"
          and len([f for f in record.get("files") or [] if f.get("kind") == "track"]) == 2,
          "after a restart the killed recording is 'failed' and lists its two track files",
          body)


def main():
    gw = Gateway(conf={"meetgate.plugin.auth.jcfg": auth_conf(),
                       "meetgate.plugin.recorder.jcfg": recorder_conf()})
    gw.start()
    try:
        api = Api(gw)
        host, guest = api.user("killhost"), api.user("killguest")
        meeting_id = api.meeting(host, "killed recording")
        api.join(host, meeting_id)
        api.join(guest, meeting_id)
        recording_id, recorded = asyncio.run(asyncio.wait_for(
            record_then_kill(gw, api, host, guest, meeting_id), 90))
        check(gw.proc.returncode == -signal.SIGKILL, "the gateway died of SIGKILL",
              gw.proc.returncode)
        check_files_on_disk(gw, recording_id, recorded)
        gw.stop(cleanup=False)  # reaps the killed process, keeps the data dir
        check_after_restart(gw, api, host, recording_id)
    finally:
        gw.stop()
    check.finish()


if __name__ == "__main__":
    main()
